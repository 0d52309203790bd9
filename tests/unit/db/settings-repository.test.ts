import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { VerbatimDatabase } from '../../../src/db/database'
import { createSettingsRepository } from '../../../src/db/settings-repository'

const opened: VerbatimDatabase[] = []

function newDatabase(): VerbatimDatabase {
  const db = new VerbatimDatabase(`settings-${opened.length + 1}`)
  opened.push(db)
  return db
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close()
    await Dexie.delete(db.name)
  }
})

describe('line layout setting', () => {
  it('is null until chosen, then kept', async () => {
    const settings = createSettingsRepository(newDatabase())
    expect(await settings.loadLineLayout()).toBeNull()
    await settings.saveLineLayout('interleaved')
    expect(await settings.loadLineLayout()).toBe('interleaved')
    await settings.saveLineLayout('side-by-side')
    expect(await settings.loadLineLayout()).toBe('side-by-side')
  })

  it('reads a value it does not know as never chosen', async () => {
    const db = newDatabase()
    await db.settings.put({ key: 'line-layout', value: 'diagonal' })
    expect(await createSettingsRepository(db).loadLineLayout()).toBeNull()
  })
})

import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { VerbatimDatabase } from '../../../src/db/database'
import { createNoteDrafts } from '../../../src/db/note-drafts'
import { createNoteSync, type NoteSync } from '../../../src/db/note-sync'
import { createNotesRepository, type NotesRepository } from '../../../src/db/notes-repository'
import type { Note } from '../../../src/domain/notes'
import { seconds } from '../../../src/domain/types'
import { BLANK_NOTE } from '../../helpers/notes'

// Two tabs are two connections to one database, each with its own sync and journal. Live queries
// are played by hand (`catchUp`): what a tab learns, and when, is up to each test.

let name: string
let n = 0
const dbs: VerbatimDatabase[] = []

beforeEach(() => {
  name = `note-sync-${++n}`
  localStorage.clear()
})

afterEach(async () => {
  for (const db of dbs.splice(0)) db.close()
  await Dexie.delete(name)
  localStorage.clear()
})

interface Tab {
  readonly repo: NotesRepository
  readonly sync: NoteSync
  /** Delivers the note as stored now, as the tab's live query would. */
  catchUp(id: string): Promise<void>
}

function tab(label: string, delayMs = 3_600_000): Tab {
  const db = new VerbatimDatabase(name)
  dbs.push(db)
  const repo = createNotesRepository(db)
  const sync = createNoteSync(repo, { delayMs, drafts: createNoteDrafts(label) })
  return {
    repo,
    sync,
    async catchUp(id) {
      sync.receive(id, (await repo.read(id)) ?? null)
    },
  }
}

async function twoTabsOnOneNote(fields: Partial<Note> = {}) {
  const a = tab('A')
  const b = tab('B')
  const note = await a.repo.create({
    ...BLANK_NOTE,
    ...fields,
  })
  for (const t of [a, b]) {
    t.sync.open(note)
    await t.catchUp(note.id)
  }
  return { a, b, id: note.id }
}

describe('note sync between tabs', () => {
  it('a text save leaves the tags another tab saved', async () => {
    const { a, b, id } = await twoTabsOnOneNote({ text: 'He knows.' })
    a.sync.edit(id, { tags: ['name'] })
    await a.sync.flush()
    // B has not heard of A's tags yet, and saves its text.
    b.sync.edit(id, { text: 'He knows. Said twice.' })
    await b.sync.flush()
    const stored = await a.repo.get(id)
    expect([stored?.text, stored?.tags]).toEqual(['He knows. Said twice.', ['name']])
    await b.catchUp(id)
    expect(b.sync.get(id)?.mine).toEqual({ text: 'He knows. Said twice.', tags: ['name'] })
    expect(b.sync.get(id)?.theirs).toEqual({})
  })

  it('saves tags typed alone once typing pauses, and journals them at once', async () => {
    const a = tab('A', 30)
    const note = await a.repo.create({
      callId: 'call',
      audioSha256: 'a'.repeat(64),
      start: seconds(3),
      text: 'Typed first.',
      tags: [],
      state: 'unreviewed',
    })
    a.sync.open(note)
    a.sync.edit(note.id, { text: 'Typed first, then tagged.' })
    a.sync.edit(note.id, { tags: ['key quote'] })
    expect(Object.keys(localStorage).some((key) => key.endsWith(note.id))).toBe(true)
    await vi.waitFor(async () => expect((await a.repo.get(note.id))?.tags).toEqual(['key quote']))
    expect((await a.repo.get(note.id))?.text).toBe('Typed first, then tagged.')
    expect(Object.keys(localStorage)).toEqual([])
  })

  it('a save that did not see the latest text keeps it, and shows both until the user chooses', async () => {
    const { a, b, id } = await twoTabsOnOneNote({ text: 'Base.' })
    a.sync.edit(id, { text: 'Base. From A.' })
    b.sync.edit(id, { text: 'Base. From B.', tags: ['b-tag'] })
    await a.sync.flush()
    await b.sync.flush()
    // A's text stayed; B's tags did not conflict and were saved.
    const stored = await a.repo.get(id)
    expect([stored?.text, stored?.tags]).toEqual(['Base. From A.', ['b-tag']])
    expect(b.sync.get(id)?.mine.text).toBe('Base. From B.')
    expect(b.sync.get(id)?.theirs).toEqual({ text: 'Base. From A.' })
    // Typing on in B changes nothing stored while the conflict stands.
    b.sync.edit(id, { text: 'Base. From B, more.' })
    await b.sync.flush()
    expect((await a.repo.get(id))?.text).toBe('Base. From A.')

    await b.sync.resolve(id, 'both')
    expect((await a.repo.get(id))?.text).toBe('Base. From B, more.\n\nFrom A.')
    await a.catchUp(id)
    expect(a.sync.get(id)?.mine).toEqual({
      text: 'Base. From B, more.\n\nFrom A.',
      tags: ['b-tag'],
    })
  })

  it.each([
    ['mine', 'Mine.', ['m', 'shared']],
    ['theirs', 'Theirs.', ['t', 'shared']],
    ['both', 'Mine.\n\nTheirs.', ['m', 'shared', 't']],
  ] as const)('"Keep %s" stores that text and those tags', async (choice, text, tags) => {
    const { a, b, id } = await twoTabsOnOneNote()
    a.sync.edit(id, { text: 'Theirs.', tags: ['t', 'shared'] })
    await a.sync.flush()
    b.sync.edit(id, { text: 'Mine.', tags: ['m', 'shared'] })
    await b.catchUp(id)
    expect(b.sync.get(id)?.theirs).toEqual({ text: 'Theirs.', tags: ['t', 'shared'] })
    await b.sync.resolve(id, choice)
    const stored = await b.repo.get(id)
    expect([stored?.text, stored?.tags]).toEqual([text, tags])
    expect(b.sync.get(id)?.theirs).toEqual({})
  })

  it('an editor left with a conflict unsettled keeps both', async () => {
    const { a, b, id } = await twoTabsOnOneNote()
    a.sync.edit(id, { text: 'From A.' })
    await a.sync.flush()
    b.sync.edit(id, { text: 'From B.' })
    await b.sync.flush()
    expect(b.sync.get(id)?.theirs).toEqual({ text: 'From A.' })
    await b.sync.close(id)
    expect(b.sync.get(id)).toBeUndefined()
    expect((await a.repo.get(id))?.text).toBe('From B.\n\nFrom A.')
  })

  it('ignores a read that arrives after a newer one', async () => {
    const { a, b, id } = await twoTabsOnOneNote()
    const old = await b.repo.read(id)
    a.sync.edit(id, { text: 'New.' })
    await a.sync.flush()
    await b.catchUp(id)
    b.sync.receive(id, old ?? null)
    expect(b.sync.get(id)?.mine.text).toBe('New.')
  })

  it('a note deleted in another tab stays open with its words, saved into it, and comes back with Restore', async () => {
    const { a, b, id } = await twoTabsOnOneNote({ text: 'Kept.' })
    await a.sync.close(id)
    await a.repo.remove(id)
    await b.catchUp(id)
    expect(b.sync.get(id)?.stored).toBe('deleted')
    b.sync.edit(id, { text: 'Kept. Typed after the delete.' })
    await b.sync.flush()
    // In the deleted note, so the other tab's Undo brings the words back too.
    expect((await a.repo.read(id))?.note.text).toBe('Kept. Typed after the delete.')
    await b.sync.restore(id)
    expect(b.sync.get(id)?.stored).toBe('live')
    expect((await a.repo.forCall('call')).map((note) => note.text)).toEqual([
      'Kept. Typed after the delete.',
    ])
  })

  it('a note gone from the database is made again with the same id and the editor’s words', async () => {
    const { a, b, id } = await twoTabsOnOneNote()
    // B types; before its save, A leaves the note empty and it is discarded.
    b.sync.edit(id, { text: 'Words typed in B.', tags: ['b'] })
    await a.sync.close(id)
    expect(await a.repo.discardIfEmpty(id)).toBe(true)
    await b.sync.flush()
    expect(b.sync.get(id)?.stored).toBe('missing')
    expect(b.sync.get(id)?.mine.text).toBe('Words typed in B.')
    await b.sync.restore(id)
    const back = await a.repo.read(id)
    expect([back?.note.id, back?.note.text, back?.note.tags, back?.deleted]).toEqual([
      id,
      'Words typed in B.',
      ['b'],
      false,
    ])
    // Another tab that last saw the note before it was gone takes the new one for newer.
    a.sync.open((await a.repo.get(id))!)
    await a.catchUp(id)
    expect(a.sync.get(id)?.mine.text).toBe('Words typed in B.')
  })

  it('closing an editor whose note is gone, with words in it, brings the note back', async () => {
    const { a, b, id } = await twoTabsOnOneNote()
    b.sync.edit(id, { text: 'Not to be lost.' })
    await a.sync.close(id)
    await a.repo.discardIfEmpty(id)
    await b.catchUp(id)
    await b.sync.close(id)
    expect((await a.repo.get(id))?.text).toBe('Not to be lost.')
  })
})

describe('note journal across tabs', () => {
  it('one tab’s saved note does not drop another tab’s unsaved words', async () => {
    const { a, b, id } = await twoTabsOnOneNote()
    b.sync.edit(id, { text: 'Unsaved in B.' })
    a.sync.edit(id, { text: 'Saved in A.' })
    await a.sync.flush()
    expect(Object.keys(localStorage)).toEqual([`verbatim:note-draft:B:${id}`])
  })

  it('recovers a dead tab’s words, keeping both where another tab changed the note since', async () => {
    const { a, b, id } = await twoTabsOnOneNote({ text: 'Base.', tags: ['x'] })
    b.sync.edit(id, { text: 'Base. B typed this before the crash.', tags: ['x', 'b'] })
    // B's page goes away before its save; A saves over the text meanwhile.
    a.sync.edit(id, { text: 'Base. A typed this.' })
    await a.sync.flush()
    expect(await createNoteDrafts('C').recover(a.repo)).toBe(1)
    const stored = await a.repo.get(id)
    expect(stored?.text).toBe('Base. B typed this before the crash.\n\nA typed this.')
    expect(stored?.tags).toEqual(['x', 'b'])
    expect(Object.keys(localStorage)).toEqual([])
  })
  it('brings back, with the dead tab’s words, a note deleted or gone before they were saved', async () => {
    const { a, b, id } = await twoTabsOnOneNote({ text: 'Base.' })
    b.sync.edit(id, { text: 'Base. Unsaved in B.' })
    // B's page goes away; A deletes the note, and it is purged.
    await a.sync.close(id)
    await a.repo.remove(id)
    await a.repo.purgeDeleted()
    expect(await a.repo.read(id)).toBeUndefined()
    expect(await createNoteDrafts('C').recover(a.repo)).toBe(1)
    expect(await a.repo.read(id)).toMatchObject({
      deleted: false,
      note: { id, text: 'Base. Unsaved in B.', callId: 'call', start: 3 },
    })

    const other = await twoTabsOnOneNote({ text: 'Second.' })
    other.b.sync.edit(other.id, { tags: ['unsaved'] })
    await other.a.sync.close(other.id)
    await other.a.repo.remove(other.id)
    expect(await createNoteDrafts('D').recover(other.a.repo)).toBe(1)
    expect(await other.a.repo.read(other.id)).toMatchObject({
      deleted: false,
      note: { text: 'Second.', tags: ['unsaved'] },
    })
  })
})

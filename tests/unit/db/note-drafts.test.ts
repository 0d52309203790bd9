import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { VerbatimDatabase } from '../../../src/db/database'
import { createAutosave } from '../../../src/db/note-autosave'
import { noteDrafts, type NoteEdit } from '../../../src/db/note-drafts'
import { createNotesRepository } from '../../../src/db/notes-repository'
import { BLANK_NOTE } from '../../helpers/notes'

let db: VerbatimDatabase
let name: string
let n = 0

beforeEach(() => {
  name = `note-drafts-${++n}`
  db = new VerbatimDatabase(name)
  localStorage.clear()
})

afterEach(async () => {
  db.close()
  await Dexie.delete(name)
  localStorage.clear()
})

async function makeNote(notes: ReturnType<typeof createNotesRepository>) {
  return notes.create(BLANK_NOTE)
}

/** Makes a journal entry look typed after the note's last save, as it is in a real session. */
function journalLater(id: string, edit: NoteEdit): void {
  noteDrafts.write(id, edit)
  const key = Object.keys(localStorage).find((k) => k.endsWith(id)) ?? ''
  const draft = JSON.parse(localStorage.getItem(key) ?? '{}') as { at: number }
  localStorage.setItem(key, JSON.stringify({ ...draft, at: draft.at + 60_000 }))
}

describe('note drafts', () => {
  it('recovers tags typed before a reload cut the save short', async () => {
    const notes = createNotesRepository(db)
    const note = await makeNote(notes)
    journalLater(note.id, { text: '', tags: ['name', 'key quote'] })
    expect(await noteDrafts.recover(notes)).toBe(1)
    expect((await notes.get(note.id))?.tags).toEqual(['name', 'key quote'])
    expect(Object.keys(localStorage)).toEqual([])
  })

  it('recovers a draft journalled before tags were, leaving the tags alone', async () => {
    const notes = createNotesRepository(db)
    const note = await makeNote(notes)
    await notes.update(note.id, { tags: ['kept'] })
    localStorage.setItem(
      `verbatim:note-draft:${note.id}`,
      JSON.stringify({ text: 'old journal', at: Date.now() + 60_000 }),
    )
    expect(await noteDrafts.recover(notes)).toBe(1)
    const back = await notes.get(note.id)
    expect([back?.text, back?.tags]).toEqual(['old journal', ['kept']])
  })

  it('clears a draft once the same text and tags are saved, not when a newer one waits', () => {
    noteDrafts.write('n1', { text: 'a', tags: ['x'] })
    noteDrafts.clear('n1', { text: 'a', tags: [] })
    expect(localStorage.length).toBe(1)
    noteDrafts.clear('n1', { text: 'a', tags: ['x'] })
    expect(localStorage.length).toBe(0)
    noteDrafts.write('n2', { text: 'b', tags: [] })
    noteDrafts.forget('n2')
    expect(localStorage.length).toBe(0)
  })

  it('saves tags through the same debounced autosave as the text', async () => {
    const notes = createNotesRepository(db)
    const note = await makeNote(notes)
    const autosave = createAutosave<NoteEdit>(async (id, edit) => {
      await notes.update(id, { text: edit.text, tags: [...edit.tags] })
      noteDrafts.clear(id, edit)
    }, 50)
    const edit: NoteEdit = { text: 'He knows.', tags: ['verified by ear'] }
    noteDrafts.write(note.id, edit)
    autosave.change(note.id, { text: 'He knows.', tags: [] })
    autosave.change(note.id, edit)
    expect(autosave.pending(note.id)).toEqual(edit)
    await autosave.flush()
    const back = await notes.get(note.id)
    expect([back?.text, back?.tags]).toEqual(['He knows.', ['verified by ear']])
    expect(localStorage.length).toBe(0)
  })
})

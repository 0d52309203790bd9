// @vitest-environment node
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { Blob } from 'node:buffer'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { VerbatimDatabase } from '../../../src/db/database'
import { createLibraryRepository, StorageFullError } from '../../../src/db/library-repository'
import { createNotesRepository, type NewNote } from '../../../src/db/notes-repository'
import type { Note } from '../../../src/domain/notes'
import { seconds, type Call } from '../../../src/domain/types'
import { makeTrack } from '../../helpers/fixtures'

let db: VerbatimDatabase
let name: string
let n = 0

beforeEach(() => {
  name = `notes-${++n}`
  db = new VerbatimDatabase(name)
  // Only Date is faked: fake-indexeddb schedules its work with real timers.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-12-01T09:00:00.000Z'))
})

afterEach(async () => {
  vi.useRealTimers()
  db.close()
  await Dexie.delete(name)
})

const SHA_A = 'a'.repeat(64)
const SHA_B = 'b'.repeat(64)
const CALL_A = SHA_A.slice(0, 16)
const CALL_B = SHA_B.slice(0, 16)

function newNote(overrides: Partial<NewNote> = {}): NewNote {
  return {
    callId: CALL_A,
    audioSha256: SHA_A,
    start: seconds(10),
    text: 'He says the order came from above.',
    tags: ['chain-of-command'],
    state: 'unreviewed',
    ...overrides,
  }
}

/** Moves the clock on, so that notes created one after another have distinct times. */
function tick(ms = 1000): void {
  vi.setSystemTime(Date.now() + ms)
}

function importCall(sha: string, id = sha.slice(0, 16)) {
  const call: Call = {
    id,
    origin: 'imported',
    title: 'A call',
    recorded: '2012-04',
    participants: [{ name: 'Investigator' }],
    description: '',
    duration: seconds(40),
    audio: { mimeType: 'audio/mpeg', size: 3, sha256: sha },
    provenance: { audioOrigin: 'original' },
    tracks: [makeTrack('en', 2)],
  }
  return createLibraryRepository(db).addCall({
    call,
    audio: new Blob([new Uint8Array([1, 2, 3])], {
      type: 'audio/mpeg',
    }) as unknown as globalThis.Blob,
    peaks: { binsPerSecond: 10, duration: 40, peaks: new Float32Array([0.1]) },
  })
}

describe('notes repository', () => {
  it('creates a note with an id and times, and reads it back', async () => {
    const repo = createNotesRepository(db)
    const quote = { trackId: 'en', text: 'from above' }
    const note = await repo.create(newNote({ end: seconds(14), quote }))
    expect(note.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(note.createdAt).toBe('2026-12-01T09:00:00.000Z')
    expect(note.updatedAt).toBe(note.createdAt)
    expect(await repo.forCall(CALL_A)).toEqual([note])
    expect(await repo.all()).toEqual([note])
    expect(await repo.forCall(CALL_B)).toEqual([])
  })

  it('updates the edited fields and the update time, and says when there is no such note', async () => {
    const repo = createNotesRepository(db)
    const note = await repo.create(newNote())
    tick()
    expect(
      await repo.update(note.id, { text: 'Edited', tags: ['a', 'b'], state: 'verified' }),
    ).toBe(true)
    const [edited] = await repo.forCall(CALL_A)
    expect(edited).toEqual({
      ...note,
      text: 'Edited',
      tags: ['a', 'b'],
      state: 'verified',
      updatedAt: '2026-12-01T09:00:01.000Z',
    })
    expect(await repo.update('no-such-note', { text: 'x' })).toBe(false)
    expect(await db.notes.count()).toBe(1)
  })

  it('turns a range into a moment and detaches a quote when they are set to undefined', async () => {
    const repo = createNotesRepository(db)
    const note = await repo.create(
      newNote({ end: seconds(12), quote: { trackId: 'en', text: 'from above' } }),
    )
    await repo.update(note.id, { start: seconds(11) })
    expect((await repo.all())[0]).toMatchObject({
      start: 11,
      end: 12,
      quote: { text: 'from above' },
    })
    await repo.update(note.id, { end: undefined, quote: undefined })
    const [moment] = await repo.all()
    expect(moment).not.toHaveProperty('end')
    expect(moment).not.toHaveProperty('quote')
    expect(moment?.start).toBe(11)
  })

  it('finds notes by tag and review state through the indexes', async () => {
    const repo = createNotesRepository(db)
    await repo.create(newNote({ tags: ['money', 'names'], state: 'disputed' }))
    await repo.create(newNote({ tags: ['names'], state: 'verified' }))
    expect(await db.notes.where('tags').equals('names').count()).toBe(2)
    expect(await db.notes.where('tags').equals('money').count()).toBe(1)
    expect(await db.notes.where('state').equals('disputed').count()).toBe(1)
  })

  it('deletes with undo, and purges for good', async () => {
    const repo = createNotesRepository(db)
    const kept = await repo.create(newNote({ start: seconds(1) }))
    const note = await repo.create(newNote({ start: seconds(2) }))
    await repo.remove(note.id)
    expect(await repo.forCall(CALL_A)).toEqual([kept])
    expect(await repo.all()).toEqual([kept])

    await repo.restore(note.id)
    expect(await repo.forCall(CALL_A)).toEqual([kept, note])
    expect(await db.notes.get(note.id)).not.toHaveProperty('deletedAt')

    await repo.remove(note.id)
    expect(await repo.purgeDeleted()).toBe(1)
    expect(await db.notes.count()).toBe(1)
    await repo.restore(note.id)
    expect(await repo.all()).toEqual([kept])
  })

  it('keeps text typed into a note just before it was deleted, for the undo', async () => {
    const repo = createNotesRepository(db)
    const note = await repo.create(newNote())
    await repo.remove(note.id)
    expect(await repo.update(note.id, { text: 'last words' })).toBe(true)
    await repo.restore(note.id)
    expect((await repo.all())[0]?.text).toBe('last words')
  })

  it('discards a note left without text or tags, and keeps one with either', async () => {
    const notes = createNotesRepository(db)
    const empty = await notes.create(newNote({ text: ' \n', tags: [] }))
    const tagged = await notes.create(newNote({ text: '', tags: ['name'] }))
    const written = await notes.create(newNote({ text: 'Said twice.', tags: [] }))
    expect(await notes.discardIfEmpty(empty.id)).toBe(true)
    expect(await notes.discardIfEmpty(tagged.id)).toBe(false)
    expect(await notes.discardIfEmpty(written.id)).toBe(false)
    expect(await notes.discardIfEmpty('no-such-note')).toBe(false)
    // Gone for good: not even an undo brings it back.
    expect(await notes.get(empty.id)).toBeUndefined()
    expect((await notes.forCall(CALL_A)).map((note) => note.id).sort()).toEqual(
      [tagged.id, written.id].sort(),
    )
  })

  it('orders notes by start, then by creation', async () => {
    const repo = createNotesRepository(db)
    const late = await repo.create(newNote({ start: seconds(30) }))
    tick()
    const firstAt5 = await repo.create(newNote({ start: seconds(5) }))
    tick()
    const secondAt5 = await repo.create(newNote({ start: seconds(5) }))
    tick()
    const early = await repo.create(newNote({ start: seconds(0.5), callId: CALL_B }))
    const ids = (notes: readonly Note[]) => notes.map((note) => note.id)
    expect(ids(await repo.forCall(CALL_A))).toEqual([firstAt5.id, secondAt5.id, late.id])
    expect(ids(await repo.all())).toEqual([early.id, firstAt5.id, secondAt5.id, late.id])
  })

  it('lists as orphans the notes whose call is not in the library', async () => {
    const repo = createNotesRepository(db)
    const onA = await repo.create(newNote())
    tick()
    const onB = await repo.create(newNote({ callId: CALL_B, audioSha256: SHA_B }))
    const deleted = await repo.create(newNote({ callId: CALL_B, audioSha256: SHA_B }))
    await repo.remove(deleted.id)
    expect(await repo.orphans(new Set([CALL_A]))).toEqual([onB])
    expect(await repo.orphans(new Set([CALL_A, CALL_B]))).toEqual([])
    expect(await repo.orphans(new Set())).toEqual([onA, onB])
  })

  it('gives notes back to their audio when it is imported again after the call was purged', async () => {
    const library = createLibraryRepository(db)
    const repo = createNotesRepository(db)
    await importCall(SHA_A)
    const note = await repo.create(newNote())
    tick()
    const other = await repo.create(newNote({ callId: CALL_B, audioSha256: SHA_B }))
    await library.deleteCall(CALL_A)
    await library.purgeDeleted()
    const live = async () => new Set((await library.listCalls()).map((call) => call.id))
    expect(await repo.orphans(await live())).toEqual([note, other])

    await importCall(SHA_A)
    // Same audio, same id: the notes are attached already, nothing has to move.
    expect(await repo.reattach(SHA_A, CALL_A)).toBe(0)
    expect(await repo.forCall(CALL_A)).toEqual([note])
    expect(await repo.orphans(await live())).toEqual([other])
  })

  it('moves notes to a call with a different id but the same audio, deleted notes included', async () => {
    const repo = createNotesRepository(db)
    const note = await repo.create(newNote({ callId: 'old-id' }))
    const deleted = await repo.create(newNote({ callId: 'old-id', start: seconds(20) }))
    const unrelated = await repo.create(newNote({ callId: 'old-id', audioSha256: SHA_B }))
    await repo.remove(deleted.id)
    tick()

    expect(await repo.reattach(SHA_A, 'new-id')).toBe(2)
    expect(await repo.forCall('new-id')).toEqual([{ ...note, callId: 'new-id' }])
    expect(await repo.forCall('old-id')).toEqual([unrelated])
    await repo.restore(deleted.id)
    expect((await repo.forCall('new-id')).map((n) => n.id)).toEqual([note.id, deleted.id])
  })

  it('stores many notes at once, replacing notes with the same id', async () => {
    const repo = createNotesRepository(db)
    const existing = await repo.create(newNote())
    await repo.remove(existing.id)
    const imported: Note[] = [
      { ...existing, text: 'from the export' },
      { ...existing, id: 'n2', start: seconds(3) },
    ]
    await repo.putMany(imported)
    expect((await repo.all()).map((note) => [note.id, note.text])).toEqual([
      ['n2', existing.text],
      [existing.id, 'from the export'],
    ])
  })

  it('stores nothing of a batch when one note cannot be stored', async () => {
    const repo = createNotesRepository(db)
    const existing = await repo.create(newNote())
    const good: Note = { ...existing, id: 'good', text: 'good' }
    const broken = { ...existing, id: undefined } as unknown as Note
    await expect(repo.putMany([{ ...existing, text: 'changed' }, good, broken])).rejects.toThrow()
    expect(await repo.all()).toEqual([existing])
  })

  it('reports a full disk as StorageFullError and keeps nothing of the write', async () => {
    const repo = createNotesRepository(db)
    const existing = await repo.create(newNote())
    db.notes.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    const attempt = repo.create(newNote())
    await expect(attempt).rejects.toBeInstanceOf(StorageFullError)
    await expect(attempt).rejects.toThrow(/no room left to save notes/)
    const batch = repo.putMany([
      { ...existing, text: 'changed' },
      { ...existing, id: 'new' },
    ])
    await expect(batch).rejects.toBeInstanceOf(StorageFullError)
    expect(await repo.all()).toEqual([existing])
  })

  it('counts a revision on with every write, whoever makes it', async () => {
    const repo = createNotesRepository(db)
    const note = await repo.create(newNote())
    const revision = async () => (await repo.read(note.id))?.revision
    expect(await revision()).toBe(1)
    await repo.update(note.id, { state: 'listened' })
    expect(await revision()).toBe(2)
    await repo.remove(note.id)
    expect(await repo.read(note.id)).toMatchObject({ revision: 3, deleted: true })
    await repo.restore(note.id)
    expect(await repo.read(note.id)).toMatchObject({ revision: 4, deleted: false })
    await repo.reattach(SHA_A, 'another-call')
    expect(await revision()).toBe(5)
    await repo.putMany([{ ...note, text: 'from an import' }])
    expect(await revision()).toBe(6)
    // The revision is the database's, not the note's: it is not part of what is read or exported.
    expect(await repo.get(note.id)).not.toHaveProperty('revision')
  })

  it('saves an edit field by field, only where the note still holds what the editor read', async () => {
    const repo = createNotesRepository(db)
    const note = await repo.create(newNote({ text: 'Read.', tags: ['read'] }))
    const read = { text: 'Read.', tags: ['read'] }
    // Another editor changes the tags.
    await repo.saveEdit(note.id, read, { tags: ['theirs'] })
    // This editor, which read the old tags, saves text and tags: the text goes in, the tags stay.
    const outcome = await repo.saveEdit(note.id, read, { text: 'Mine.', tags: ['mine'] })
    expect(outcome.written).toEqual(['text'])
    expect(outcome.conflicts).toEqual(['tags'])
    expect(outcome.stored).toMatchObject({ revision: 3, note: { text: 'Mine.', tags: ['theirs'] } })
    // Saving what is already there writes nothing.
    const same = await repo.saveEdit(note.id, read, { text: 'Mine.' })
    expect([same.written, same.stored?.revision]).toEqual([[], 3])
    expect(await repo.saveEdit('no-such-note', read, { text: 'x' })).toEqual({
      stored: undefined,
      written: [],
      conflicts: [],
    })
  })

  it('stores and reads 10,000 notes', { timeout: 60_000 }, async () => {
    const repo = createNotesRepository(db)
    const notes: Note[] = Array.from({ length: 10_000 }, (_, i) => ({
      id: `note-${i}`,
      callId: i % 2 ? CALL_A : CALL_B,
      audioSha256: i % 2 ? SHA_A : SHA_B,
      start: seconds((i * 7919) % 10_800),
      text: `Note ${i}: ${'words '.repeat(20)}`,
      tags: [`tag-${i % 10}`],
      state: 'unreviewed',
      createdAt: '2026-12-01T09:00:00.000Z',
      updatedAt: '2026-12-01T09:00:00.000Z',
    }))
    const t0 = performance.now()
    await repo.putMany(notes)
    const t1 = performance.now()
    const all = await repo.all()
    const t2 = performance.now()
    const forCall = await repo.forCall(CALL_A)
    const t3 = performance.now()
    expect(all).toHaveLength(10_000)
    expect(forCall).toHaveLength(5_000)
    expect(all.every((note, i) => i === 0 || all[i - 1]!.start <= note.start)).toBe(true)
    console.log(
      `10,000 notes (fake-indexeddb, Node): putMany ${(t1 - t0).toFixed(0)} ms, all() ${(t2 - t1).toFixed(0)} ms, forCall() of 5,000 ${(t3 - t2).toFixed(0)} ms`,
    )
  })
})

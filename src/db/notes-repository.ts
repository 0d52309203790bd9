import { isEmptyNote, type Note } from '../domain/notes'
import { database, type NoteRow, type VerbatimDatabase } from './database'
import { withStorageErrors } from './storage-errors'

/** What a new note needs; the repository gives it an id and its times. */
export type NewNote = Omit<Note, 'id' | 'createdAt' | 'updatedAt'>

/**
 * The fields a user edits. Setting `end` or `quote` to `undefined` removes it, so a range can
 * become a moment again and a quote can be detached.
 */
export type NotePatch = Partial<Pick<Note, 'text' | 'tags' | 'state' | 'start'>> & {
  readonly end?: Note['end'] | undefined
  readonly quote?: Note['quote'] | undefined
}

const FULL =
  'The browser has no room left to save notes. Your latest change was not saved. Free some space (delete calls you no longer need) or allow more storage, then try again.'

function write<T>(run: () => Promise<T>): Promise<T> {
  return withStorageErrors(run, FULL)
}

function toNote(row: NoteRow): Note {
  const { deletedAt: _deleted, ...note } = row
  return note
}

function isLive(row: NoteRow): boolean {
  return !row.deletedAt
}

/** Timeline order; ties are broken by creation and then by id so that every read agrees. */
function byPosition(a: Note, b: Note): number {
  return (
    a.start - b.start ||
    a.createdAt.localeCompare(b.createdAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
}

function liveNotes(rows: readonly NoteRow[]): Note[] {
  return rows.filter(isLive).map(toNote).sort(byPosition)
}

function applyPatch(row: NoteRow, patch: NotePatch, updatedAt: string): NoteRow {
  const { end, quote, ...fields } = patch
  const { end: oldEnd, quote: oldQuote, ...rest } = row
  const nextEnd = 'end' in patch ? end : oldEnd
  const nextQuote = 'quote' in patch ? quote : oldQuote
  return {
    ...rest,
    ...fields,
    ...(nextEnd === undefined ? {} : { end: nextEnd }),
    ...(nextQuote === undefined ? {} : { quote: nextQuote }),
    updatedAt,
  }
}

/**
 * Reads and writes personal notes. Notes outlive their call: they are keyed by the call's id but
 * also carry the audio's hash, so `reattach` can give them back to the same audio imported again.
 */
export function createNotesRepository(db: VerbatimDatabase = database()) {
  /** Every note that is not deleted, in timeline order. */
  async function all(): Promise<Note[]> {
    return liveNotes(await db.notes.toArray())
  }

  return {
    /** One note, deleted or not; undefined if there is none. */
    async get(id: string): Promise<Note | undefined> {
      const row = await db.notes.get(id)
      if (!row) return undefined
      const { deletedAt: _deleted, ...note } = row
      return note
    },

    /** Saves a new note and returns it as stored. */
    async create(input: NewNote): Promise<Note> {
      const now = new Date().toISOString()
      const note: Note = { ...input, id: crypto.randomUUID(), createdAt: now, updatedAt: now }
      await write(() => db.notes.add(note))
      return note
    },

    /**
     * Changes a note; false when there is no such note. A deleted note is still updated, so that
     * text typed just before the deletion is there after an undo.
     */
    async update(id: string, patch: NotePatch): Promise<boolean> {
      return write(() =>
        db.transaction('rw', db.notes, async () => {
          const row = await db.notes.get(id)
          if (!row) return false
          await db.notes.put(applyPatch(row, patch, new Date().toISOString()))
          return true
        }),
      )
    },

    /**
     * Deletes a note for good if it holds no text and no tags (one added and then left without a
     * word); true when it did. Checked in the transaction, so words another tab just saved stay.
     */
    async discardIfEmpty(id: string): Promise<boolean> {
      return write(() =>
        db.transaction('rw', db.notes, async () => {
          const row = await db.notes.get(id)
          if (!row || !isEmptyNote(row)) return false
          await db.notes.delete(id)
          return true
        }),
      )
    },

    /** Hides a note; `restore` brings it back, `purgeDeleted` removes it for good. */
    async remove(id: string): Promise<void> {
      await write(() => db.notes.update(id, { deletedAt: new Date().toISOString() }))
    },

    async restore(id: string): Promise<void> {
      await write(() =>
        db.transaction('rw', db.notes, async () => {
          const row = await db.notes.get(id)
          if (row?.deletedAt) await db.notes.put(toNote(row))
        }),
      )
    },

    /** Removes deleted notes for good; returns how many. */
    async purgeDeleted(): Promise<number> {
      return db.transaction('rw', db.notes, async () => {
        const ids = (await db.notes.toArray()).filter((row) => !isLive(row)).map((row) => row.id)
        await db.notes.bulkDelete(ids)
        return ids.length
      })
    },

    /** The call's notes that are not deleted, in timeline order. */
    async forCall(callId: string): Promise<Note[]> {
      return liveNotes(await db.notes.where('callId').equals(callId).toArray())
    },

    all,

    /** Notes whose call is no longer in the library (deleted or never imported here). */
    async orphans(liveCallIds: ReadonlySet<string>): Promise<Note[]> {
      return (await all()).filter((note) => !liveCallIds.has(note.callId))
    },

    /**
     * Gives every note made on this audio to `callId`, deleted notes included (an undo should put
     * them back on the call they belong to); returns how many moved. `updatedAt` is left alone:
     * the note's content did not change, and import merges compare it to pick the newer text.
     */
    async reattach(audioSha256: string, callId: string): Promise<number> {
      return write(() =>
        db.transaction('rw', db.notes, () =>
          db.notes
            .where('audioSha256')
            .equals(audioSha256)
            .filter((row) => row.callId !== callId)
            .modify({ callId }),
        ),
      )
    },

    /**
     * Stores notes as given, all or nothing (an import must not leave half a file behind). Whole
     * rows are replaced, so a note with the id of a deleted one comes back undeleted.
     */
    async putMany(notes: readonly Note[]): Promise<void> {
      await write(() =>
        db.transaction('rw', db.notes, async () => {
          await db.notes.bulkPut([...notes])
        }),
      )
    },
  }
}

export type NotesRepository = ReturnType<typeof createNotesRepository>

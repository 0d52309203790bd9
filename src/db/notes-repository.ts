import { EDIT_FIELDS, sameField, type EditField, type NoteEdit } from '../domain/note-edits'
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

/**
 * A note as one editor last read it: the note, its revision, and whether it is deleted (a deleted
 * note can still be undone, and an editor still open on it still saves into it).
 */
export interface NoteVersion {
  readonly note: Note
  readonly revision: number
  readonly deleted: boolean
}

/** What `saveEdit` did. */
export interface EditOutcome {
  /** The note as stored after the save; undefined when there is no such note any more. */
  readonly stored: NoteVersion | undefined
  /** The fields this save wrote. */
  readonly written: readonly EditField[]
  /** The fields another editor changed since the base, which this save therefore left alone. */
  readonly conflicts: readonly EditField[]
}

function toNote(row: NoteRow): Note {
  const { deletedAt: _deleted, revision: _revision, ...note } = row
  return note
}

function toVersion(row: NoteRow): NoteVersion {
  return { note: toNote(row), revision: row.revision ?? 0, deleted: Boolean(row.deletedAt) }
}

/** The row a write leaves: the given fields, one revision past the row it replaces. */
function nextRow(row: NoteRow, changes: Partial<NoteRow>): NoteRow {
  return { ...row, ...changes, revision: (row.revision ?? 0) + 1 }
}

/**
 * Stores whole notes inside the caller's transaction (imports, restores), each one revision past
 * the row it replaces, so that an editor open on one of them sees that it changed. A row that was
 * deleted comes back undeleted.
 */
export async function putNoteRows(db: VerbatimDatabase, notes: readonly Note[]): Promise<void> {
  const before = await db.notes.bulkGet(notes.map((note) => note.id))
  await db.notes.bulkPut(
    notes.map((note, i) => ({
      ...toNote(note as NoteRow),
      revision: (before[i]?.revision ?? 0) + 1,
    })),
  )
}

/**
 * Gives every note made on this audio to `callId` (deleted notes too), inside the caller's
 * transaction; returns how many moved. `updatedAt` is left alone: the content did not change.
 */
export function moveNotesToCall(
  db: VerbatimDatabase,
  audioSha256: string,
  callId: string,
): Promise<number> {
  return db.notes
    .where('audioSha256')
    .equals(audioSha256)
    .filter((row) => row.callId !== callId)
    .modify((row: { callId: string; revision: number }) => {
      row.callId = callId
      row.revision = (row.revision ?? 0) + 1
    })
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
      return row && toNote(row)
    },

    /** Saves a new note and returns it as stored. */
    async create(input: NewNote): Promise<Note> {
      const now = new Date().toISOString()
      const note: Note = { ...input, id: crypto.randomUUID(), createdAt: now, updatedAt: now }
      await write(() => db.notes.add({ ...note, revision: 1 }))
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
          const patched = applyPatch(row, patch, new Date().toISOString())
          await db.notes.put({ ...patched, revision: (row.revision ?? 0) + 1 })
          return true
        }),
      )
    },

    /** One note with its revision, deleted or not; undefined if there is none. */
    async read(id: string): Promise<NoteVersion | undefined> {
      const row = await db.notes.get(id)
      return row && toVersion(row)
    },

    /**
     * Saves what an editor typed, compare-and-set in one transaction: each changed field is
     * written only if the stored note still holds it as the editor last read it (`base`), so a
     * save from an editor that did not see the latest revision never overwrites what that
     * revision changed, and fields the editor did not change are not written at all (a text save
     * leaves the tags another tab saved). Fields another editor changed are left alone and
     * reported as `conflicts`, with the note as it is now. Values are compared rather than
     * revisions, so a note made again after it was gone (see `restoreNote`) is checked as surely.
     * A deleted note is still written (its undo brings the words back); a note that is gone is
     * not made again here.
     */
    async saveEdit(id: string, base: NoteEdit, changes: Partial<NoteEdit>): Promise<EditOutcome> {
      return write(() =>
        db.transaction('rw', db.notes, async () => {
          const row = await db.notes.get(id)
          if (!row) return { stored: undefined, written: [], conflicts: [] }
          const written: EditField[] = []
          const conflicts: EditField[] = []
          const fields: { text?: string; tags?: string[] } = {}
          for (const field of EDIT_FIELDS) {
            const value = changes[field]
            if (value === undefined || sameField(field, row[field], value)) continue
            if (!sameField(field, row[field], base[field])) {
              conflicts.push(field)
              continue
            }
            written.push(field)
            if (field === 'text') fields.text = value as string
            else fields.tags = [...(value as readonly string[])]
          }
          if (written.length === 0) return { stored: toVersion(row), written, conflicts }
          const next = nextRow(row, { ...fields, updatedAt: new Date().toISOString() })
          await db.notes.put(next)
          return { stored: toVersion(next), written, conflicts }
        }),
      )
    },

    /**
     * Brings back a note deleted while an editor had it open. A note still held as deleted is
     * undeleted as it is (the editor then saves its words into it, field by field, as any save);
     * a note that is gone (left empty in another tab, or purged) is made again with the same id,
     * the editor's copy of it and the editor's words, at a revision past any the editor saw.
     */
    async restoreNote(note: Note, edit: NoteEdit, seenRevision: number): Promise<NoteVersion> {
      return write(() =>
        db.transaction('rw', db.notes, async () => {
          const row = await db.notes.get(note.id)
          if (row) {
            if (!row.deletedAt) return toVersion(row)
            const { deletedAt: _deleted, ...rest } = row
            const next = nextRow(rest, {})
            await db.notes.put(next)
            return toVersion(next)
          }
          const made: NoteRow = {
            ...toNote(note as NoteRow),
            text: edit.text,
            tags: [...edit.tags],
            updatedAt: new Date().toISOString(),
            // Past any revision the note had before it was gone, which nobody knows any more:
            // counted revisions are small, so the time in ms is past them, and an editor that
            // still holds an old one takes this one for newer.
            revision: Math.max(seenRevision + 1, Date.now()),
          }
          await db.notes.add(made)
          return toVersion(made)
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
      await write(() =>
        db.transaction('rw', db.notes, async () => {
          const row = await db.notes.get(id)
          if (row) await db.notes.put(nextRow(row, { deletedAt: new Date().toISOString() }))
        }),
      )
    },

    async restore(id: string): Promise<void> {
      await write(() =>
        db.transaction('rw', db.notes, async () => {
          const row = await db.notes.get(id)
          if (!row?.deletedAt) return
          const { deletedAt: _deleted, ...rest } = row
          await db.notes.put(nextRow(rest, {}))
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
        db.transaction('rw', db.notes, () => moveNotesToCall(db, audioSha256, callId)),
      )
    },

    /**
     * Stores notes as given, all or nothing (an import must not leave half a file behind). Whole
     * rows are replaced, so a note with the id of a deleted one comes back undeleted; each is one
     * revision past the row it replaces.
     */
    async putMany(notes: readonly Note[]): Promise<void> {
      await write(() => db.transaction('rw', db.notes, () => putNoteRows(db, notes)))
    },
  }
}

export type NotesRepository = ReturnType<typeof createNotesRepository>

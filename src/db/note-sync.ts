import {
  EDIT_FIELDS,
  keepBoth,
  sameField,
  type EditField,
  type NoteEdit,
} from '../domain/note-edits'
import type { Note } from '../domain/notes'
import { createAutosave } from './note-autosave'
import { noteDrafts as tabDrafts, type NoteDrafts } from './note-drafts'
import type { NotesRepository, NoteVersion } from './notes-repository'

/** How a conflict is settled: my fields, the other editor's, or both (texts one after the other, tags together). */
export type Resolution = 'mine' | 'theirs' | 'both'

/** Where the note is in IndexedDB: there, deleted (can still be undone), or gone. */
export type StoredState = 'live' | 'deleted' | 'missing'

/** What an editor shows of one open note. */
export interface NoteSession {
  /** The note as last read (its times, quote and review state). */
  readonly note: Note
  /** What the editor shows and saves: the user's text and tags. */
  readonly mine: NoteEdit
  /**
   * Fields another editor saved since this one read them, while this one had changed them too:
   * their value, shown beside mine until the user settles it (`resolve`). Empty when none.
   */
  readonly theirs: Partial<NoteEdit>
  readonly stored: StoredState
}

/** Options of `createNoteSync`. */
export interface NoteSyncOptions {
  /** Pause in typing before a save, in ms. */
  readonly delayMs?: number
  /** Told of every failed save; what was typed stays in the editor and the journal. */
  readonly onError?: (error: unknown, id: string) => void
  /** The localStorage journal (a tab's own, by default). */
  readonly drafts?: NoteDrafts
}

interface Entry {
  session: NoteSession
  /** Each field as this editor last read it from IndexedDB: what a save expects to find there. */
  base: NoteEdit
  /** The revision last read; -1 before the first read. */
  revision: number
  /** The fields of the save under way, if one is. */
  sending: Partial<NoteEdit> | undefined
  closing: boolean
  /** A save of this note failed since the flag was last cleared. */
  failed: boolean
}

function withField(edit: NoteEdit, field: EditField, value: NoteEdit[EditField]): NoteEdit {
  return field === 'text'
    ? { ...edit, text: value as string }
    : { ...edit, tags: value as readonly string[] }
}

function withoutField(theirs: Partial<NoteEdit>, field: EditField): Partial<NoteEdit> {
  const { [field]: _dropped, ...rest } = theirs
  return rest
}

const hasConflict = (session: NoteSession) => Object.keys(session.theirs).length > 0

/**
 * Keeps the notes open in this tab's editor in step with IndexedDB, where other tabs write too,
 * without losing a word in any order of events.
 *
 * Each open note has the user's text and tags (`mine`), and a base: each field as the editor last
 * read it. Saves are debounced (`note-autosave.ts`) and send only the fields the user changed,
 * compare-and-set against the base (`NotesRepository.saveEdit`). A version of the note read from
 * IndexedDB (the live query, or a save's answer) is merged field by field: a field the user has
 * not touched takes the stored value; one the user changed while another editor changed it too
 * becomes a conflict, shown with their value and not saved until the user keeps theirs, mine or
 * both. A note deleted elsewhere stays open with the user's words and can be restored.
 *
 * Every change is journalled (`note-drafts.ts`) with its base before anything else, so a reload
 * loses nothing either.
 */
export function createNoteSync(
  repository: NotesRepository,
  { delayMs = 400, onError, drafts = tabDrafts }: NoteSyncOptions = {},
) {
  const entries = new Map<string, Entry>()
  const listeners = new Set<() => void>()

  function publish(id: string, entry: Entry, session: NoteSession): void {
    entry.session = session
    journal(id, entry)
    notifyAll()
  }

  /** Fields the user changed since the base and may save: not in conflict. */
  function unsaved(entry: Entry): Partial<NoteEdit> {
    const changes: { text?: string; tags?: readonly string[] } = {}
    for (const field of EDIT_FIELDS) {
      if (field in entry.session.theirs) continue
      if (sameField(field, entry.session.mine[field], entry.base[field])) continue
      if (field === 'text') changes.text = entry.session.mine.text
      else changes.tags = entry.session.mine.tags
    }
    return changes
  }

  function isDirty(entry: Entry): boolean {
    return (
      hasConflict(entry.session) ||
      EDIT_FIELDS.some((f) => !sameField(f, entry.session.mine[f], entry.base[f]))
    )
  }

  /** The journal holds what IndexedDB may lack, and nothing once it has it all. */
  function journal(id: string, entry: Entry): void {
    if (isDirty(entry)) drafts.write(id, entry.session.mine, entry.base, entry.session.note)
    else drafts.forget(id)
  }

  /** Merges a version of the note read from IndexedDB (null: there is none) into the session. */
  function absorb(id: string, entry: Entry, version: NoteVersion | null): void {
    const { session } = entry
    if (version === null) {
      if (session.stored !== 'missing') publish(id, entry, { ...session, stored: 'missing' })
      return
    }
    // Reads can arrive late (a live query's answer after a save's); only a newer one counts, or
    // any at all once the note was gone (it was made again).
    if (session.stored !== 'missing' && version.revision <= entry.revision) return
    entry.revision = version.revision
    let mine = session.mine
    let theirs = session.theirs
    const base = { ...entry.base } as { text: string; tags: readonly string[] }
    for (const field of EDIT_FIELDS) {
      const value = version.note[field]
      const sent = entry.sending?.[field]
      const ours =
        sameField(field, value, entry.base[field]) ||
        (sent !== undefined && sameField(field, value, sent))
      if (ours || sameField(field, value, mine[field])) {
        // Unchanged since read, saved by this editor, or the same as typed here.
        if (field === 'text') base.text = value as string
        else base.tags = value as readonly string[]
        theirs = withoutField(theirs, field)
      } else if (!(field in theirs) && sameField(field, mine[field], entry.base[field])) {
        // Untouched here: take the other editor's value.
        mine = withField(mine, field, value)
        if (field === 'text') base.text = value as string
        else base.tags = value as readonly string[]
      } else {
        // Changed here and there: both are shown until the user chooses.
        theirs =
          field === 'text'
            ? { ...theirs, text: value as string }
            : { ...theirs, tags: value as readonly string[] }
      }
    }
    entry.base = base
    publish(id, entry, {
      note: version.note,
      mine,
      theirs,
      stored: version.deleted ? 'deleted' : 'live',
    })
  }

  /** Saves the note's unsaved fields (the autosave runs one at a time per note). */
  async function save(id: string): Promise<void> {
    const entry = entries.get(id)
    if (!entry || entry.session.stored === 'missing') return
    const changes = unsaved(entry)
    if (Object.keys(changes).length === 0) return
    entry.sending = changes
    try {
      const outcome = await repository.saveEdit(id, entry.base, changes)
      absorb(id, entry, outcome.stored ?? null)
    } finally {
      entry.sending = undefined
    }
  }

  const autosave = createAutosave<true>((id) => save(id), delayMs, {
    onError: (error, id) => {
      const entry = entries.get(id)
      if (entry) entry.failed = true
      onError?.(error, id)
    },
  })

  function schedule(id: string): void {
    autosave.change(id, true)
  }

  function notifyAll(): void {
    for (const listener of listeners) listener()
  }

  /** Saves every note with unsaved changes now, whether or not a save is already scheduled. */
  function flush(): Promise<void> {
    for (const [id, entry] of entries)
      if (entry.session.stored !== 'missing' && Object.keys(unsaved(entry)).length > 0) schedule(id)
    return autosave.flush()
  }

  function resolve(id: string, choice: Resolution): Promise<void> {
    const entry = entries.get(id)
    if (!entry || !hasConflict(entry.session)) return Promise.resolve()
    let mine = entry.session.mine
    const base = { ...entry.base } as { text: string; tags: readonly string[] }
    for (const field of EDIT_FIELDS) {
      const value = entry.session.theirs[field]
      if (value === undefined) continue
      // Their value is what IndexedDB holds: the base of the save that follows.
      if (field === 'text') base.text = value as string
      else base.tags = value as readonly string[]
      if (choice === 'theirs') mine = withField(mine, field, value)
      if (choice === 'both')
        mine = withField(mine, field, keepBoth(field, mine[field], value, entry.base[field]))
    }
    entry.base = base
    publish(id, entry, { ...entry.session, mine, theirs: {} })
    return flush()
  }

  /** Brings the note back; a failure is told to `onError` (the words stay in the editor). */
  async function restore(id: string): Promise<void> {
    const entry = entries.get(id)
    if (!entry || entry.session.stored === 'live') return
    let version: NoteVersion
    try {
      version = await repository.restoreNote(entry.session.note, entry.session.mine, entry.revision)
    } catch (error) {
      entry.failed = true
      onError?.(error, id)
      return
    }
    absorb(id, entry, version)
    await flush()
  }

  async function close(id: string): Promise<void> {
    const entry = entries.get(id)
    if (!entry) return
    entry.closing = true
    // A save on the way out can meet a conflict of its own, if another tab saves at the same
    // moment; each round settles one. Should storage fail, what is left stays in the journal
    // (note-drafts.ts) and is written at the next start.
    try {
      for (let round = 0; isDirty(entry) && round < 50; round++) {
        entry.failed = false
        if (hasConflict(entry.session)) await resolve(id, 'both')
        else if (entry.session.stored === 'missing') await restore(id)
        else await flush()
        if (entry.failed) break
      }
    } catch {
      // Kept in the journal, as above.
    }
    if (entry.closing && entries.get(id) === entry) {
      entries.delete(id)
      notifyAll()
    }
  }

  return {
    /** Starts following a note opened in the editor (again, if it is being closed). */
    open(note: Note): void {
      const there = entries.get(note.id)
      if (there) {
        there.closing = false
        return
      }
      const edit: NoteEdit = { text: note.text, tags: note.tags }
      entries.set(note.id, {
        session: { note, mine: edit, theirs: {}, stored: 'live' },
        base: edit,
        revision: -1,
        sending: undefined,
        closing: false,
        failed: false,
      })
      notifyAll()
    },

    /** The open note's session; undefined when it is not open. */
    get(id: string): NoteSession | undefined {
      return entries.get(id)?.session
    },

    /** Calls `listener` after every change of any session; returns the unsubscriber. */
    subscribe(listener: () => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    /** A version of the note as IndexedDB holds it now (`null`: it is gone), e.g. from a live query. */
    receive(id: string, version: NoteVersion | null): void {
      const entry = entries.get(id)
      if (!entry) return
      absorb(id, entry, version)
      // Words kept while the note was gone, or a save that found it gone, are saved once it is back.
      if (entry.session.stored !== 'missing' && Object.keys(unsaved(entry)).length > 0) schedule(id)
    },

    /** What the user typed: journalled at once, saved when typing pauses. */
    edit(id: string, change: Partial<NoteEdit>): void {
      const entry = entries.get(id)
      if (!entry) return
      publish(id, entry, { ...entry.session, mine: { ...entry.session.mine, ...change } })
      schedule(id)
    },

    /** Settles a conflict and saves the result. */
    resolve,

    /** Brings back a note deleted elsewhere, with the editor's words. */
    restore,

    /** Saves every unsaved change now (on blur, when the page is hidden, on `pagehide`). */
    flush,

    /**
     * Stops following a note whose editor closed, once what it holds is saved. Nothing typed is
     * dropped on the way: an unsettled conflict keeps both, and words typed into a note that is
     * gone (another tab left it empty) bring it back.
     */
    close,
  }
}

export type NoteSync = ReturnType<typeof createNoteSync>

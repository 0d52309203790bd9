import { keepBoth, sameEdit, type NoteEdit } from '../domain/note-edits'
import type { Note } from '../domain/notes'
import type { NotesRepository } from './notes-repository'

/** Kept here too: the journal's callers and tests name the edit by this module. */
export type { NoteEdit } from '../domain/note-edits'

const PREFIX = 'verbatim:note-draft:'
const TAB_LOCK = 'verbatim:tab:'

interface Draft {
  readonly text: string
  /** Absent in drafts journalled before tags were saved as typed. */
  readonly tags?: readonly string[]
  /** When it was typed (ms since the epoch). */
  readonly at: number
  /**
   * The note's text and tags as the editor last read them from IndexedDB; absent in drafts
   * journalled before notes had revisions. Recovery writes a field only where the note still
   * holds this, and keeps both where another tab changed it since.
   */
  readonly base?: NoteEdit
  /** The note as the editor last read it, to make it again if it is gone by the next start. */
  readonly note?: Note
}

/** The journal of one tab (one page load); `tab` names its entries. */
export type NoteDrafts = ReturnType<typeof createNoteDrafts>

function parse(raw: string | null): Draft | null {
  return raw ? (JSON.parse(raw) as Draft) : null
}

/** Entry keys are `<prefix><tab>:<note id>`; keys from before tabs had their own are `<prefix><note id>`. */
function splitKey(key: string): { tab: string | null; id: string } {
  const rest = key.slice(PREFIX.length)
  const colon = rest.indexOf(':')
  return colon < 0
    ? { tab: null, id: rest }
    : { tab: rest.slice(0, colon), id: rest.slice(colon + 1) }
}

/**
 * A write-ahead journal for note text and tags. IndexedDB writes are asynchronous and a reload can
 * cut one short; `localStorage` writes are synchronous, so each keystroke's edit is journalled
 * here first and the entry is dropped once IndexedDB has it.
 *
 * `localStorage` is shared by every tab of the origin, so each tab journals under its own id:
 * one tab's saved note must not drop another tab's unsaved words. A tab holds a Web Lock named by
 * its id for as long as it lives; on start-up, `recover` writes what dead tabs left (a reload, a
 * crash, a closed window) into the notes, and waits for the lock of each tab still alive, so that
 * what such a tab leaves when it goes is written too. Without Web Locks, every entry is recovered.
 */
export function createNoteDrafts(tab: string = crypto.randomUUID()) {
  let locked = false

  /** Holds this tab's lock until the page goes away (taken before its first entry is written). */
  function holdTabLock(): void {
    if (locked) return
    locked = true
    if (typeof navigator === 'undefined' || !navigator.locks) return
    void navigator.locks.request(TAB_LOCK + tab, () => new Promise<never>(() => undefined))
  }

  const keyOf = (id: string) => `${PREFIX}${tab}:${id}`

  /**
   * Writes one entry into its note; true when it changed the note. Throws if storage fails. Words
   * typed and never saved are not dropped because the note went meanwhile: a deleted note is
   * undeleted, one that is gone is made again (as the editor's "Restore note" would).
   */
  async function recoverOne(notes: NotesRepository, id: string, draft: Draft): Promise<boolean> {
    if (!draft.base) {
      // An entry from before revisions: it wins if it was typed after the note's last save.
      const note = (await notes.read(id))?.note
      if (!note) return false
      const edit: NoteEdit = { text: draft.text, tags: draft.tags ?? note.tags }
      if (sameEdit(edit, note) || Date.parse(note.updatedAt) > draft.at) return false
      await notes.update(id, { text: edit.text, tags: [...edit.tags] })
      return true
    }
    let base: NoteEdit = draft.base
    let wanted: NoteEdit = { text: draft.text, tags: draft.tags ?? base.tags }
    // Nothing typed since the note was read: nothing to write.
    if (sameEdit(wanted, base)) return false
    let wrote = false
    for (let round = 0; round < 10; round++) {
      let stored = await notes.read(id)
      if (!stored) {
        if (!draft.note) return false
        // Made again with these words; if another tab makes it again first, merged below.
        stored = await notes.restoreNote(draft.note, wanted, 0)
        wrote = true
      } else if (stored.deleted) {
        stored = await notes.restoreNote(stored.note, stored.note, 0)
        wrote = true
      }
      if (sameEdit(wanted, stored.note)) return wrote
      const outcome = await notes.saveEdit(id, base, wanted)
      if (!outcome.stored) continue
      wrote ||= outcome.written.length > 0
      if (outcome.conflicts.length === 0) return wrote
      // Another tab changed what this one had typed over: both are kept, as "Keep both" would.
      const now = outcome.stored.note
      wanted = {
        text: outcome.conflicts.includes('text')
          ? keepBoth('text', wanted.text, now.text, base.text)
          : wanted.text,
        tags: outcome.conflicts.includes('tags')
          ? keepBoth('tags', wanted.tags, now.tags)
          : wanted.tags,
      }
      base = now
    }
    throw new Error('The note kept changing; the entry is kept for the next start.')
  }

  /** Recovers every entry of one tab (or the entries from before tabs, `tab` null). */
  async function recoverTab(notes: NotesRepository, from: string | null): Promise<number> {
    let recovered = 0
    for (const key of Object.keys(localStorage)) {
      if (!key.startsWith(PREFIX)) continue
      const { tab: owner, id } = splitKey(key)
      if (owner !== from) continue
      try {
        const draft = parse(localStorage.getItem(key))
        if (draft && (await recoverOne(notes, id, draft))) recovered++
        localStorage.removeItem(key)
      } catch {
        // Leave it for the next start.
      }
    }
    return recovered
  }

  return {
    tab,

    /** Journals what is typed into a note, with the fields and the note as the editor last read them. */
    write(id: string, edit: NoteEdit, base?: NoteEdit, note?: Note): void {
      holdTabLock()
      try {
        const draft: Draft = {
          text: edit.text,
          tags: [...edit.tags],
          at: Date.now(),
          ...(base && { base: { text: base.text, tags: [...base.tags] } }),
          ...(note && { note }),
        }
        localStorage.setItem(keyOf(id), JSON.stringify(draft))
      } catch {
        // Storage full or unavailable: the debounced IndexedDB save is still on its way.
      }
    },

    /** Drops a note's entry once IndexedDB holds `saved`; a newer entry typed meanwhile stays. */
    clear(id: string, saved: NoteEdit): void {
      try {
        const draft = parse(localStorage.getItem(keyOf(id)))
        if (draft && sameEdit({ text: draft.text, tags: draft.tags ?? saved.tags }, saved))
          localStorage.removeItem(keyOf(id))
      } catch {
        // Nothing to clear.
      }
    },

    /** Drops a note's entry whatever it holds (nothing is left unsaved, or the note was discarded). */
    forget(id: string): void {
      try {
        localStorage.removeItem(keyOf(id))
      } catch {
        // Nothing to forget.
      }
    },

    /**
     * Writes what dead tabs left into their notes; resolves with how many notes it changed. The
     * entries of tabs still alive are written when each of them goes (not counted). Where another
     * tab changed a field since the entry was typed, both are kept (as "Keep both" does).
     */
    async recover(notes: NotesRepository): Promise<number> {
      const owners = new Set<string | null>()
      for (const key of Object.keys(localStorage))
        if (key.startsWith(PREFIX)) owners.add(splitKey(key).tab)
      const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
      let recovered = 0
      for (const owner of owners) {
        // This tab's own entries (none at start-up, as its id is new) need no waiting either.
        if (owner === null || owner === tab || !locks) {
          recovered += await recoverTab(notes, owner)
          continue
        }
        const alive = await locks.request(TAB_LOCK + owner, { ifAvailable: true }, async (lock) => {
          if (lock) recovered += await recoverTab(notes, owner)
          return lock === null
        })
        // Granted to this tab once the owner is gone, and never before.
        if (alive) void locks.request(TAB_LOCK + owner, () => recoverTab(notes, owner))
      }
      return recovered
    },
  }
}

/** This tab's journal. */
export const noteDrafts = createNoteDrafts()

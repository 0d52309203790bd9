import type { NotesRepository } from './notes-repository'

const PREFIX = 'verbatim:note-draft:'

/** What the user typed into a note: its text and its tags (as parsed from the tags field). */
export interface NoteEdit {
  readonly text: string
  readonly tags: readonly string[]
}

interface Draft {
  readonly text: string
  /** Absent in drafts journalled before tags were saved as typed. */
  readonly tags?: readonly string[]
  /** When it was typed (ms since the epoch). */
  readonly at: number
}

const sameTags = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((tag, i) => tag === b[i])

/** Whether two edits hold the same text and tags. */
export function sameEdit(a: NoteEdit, b: NoteEdit): boolean {
  return a.text === b.text && sameTags(a.tags, b.tags)
}

/**
 * A write-ahead journal for note text and tags. IndexedDB writes are asynchronous and a reload can
 * cut one short; `localStorage` writes are synchronous, so each keystroke's edit is journalled
 * here first and the journal entry is dropped once IndexedDB has it. On start-up, what was left in
 * the journal is written to the notes it belongs to, unless the note changed after it was typed.
 */
export const noteDrafts = {
  write(id: string, edit: NoteEdit): void {
    try {
      const draft: Draft = { text: edit.text, tags: [...edit.tags], at: Date.now() }
      localStorage.setItem(PREFIX + id, JSON.stringify(draft))
    } catch {
      // Storage full or unavailable: the debounced IndexedDB save is still on its way.
    }
  },
  clear(id: string, saved: NoteEdit): void {
    try {
      const raw = localStorage.getItem(PREFIX + id)
      if (!raw) return
      const draft = JSON.parse(raw) as Draft
      // A newer draft typed while this save was running stays in the journal.
      if (sameEdit({ text: draft.text, tags: draft.tags ?? saved.tags }, saved))
        localStorage.removeItem(PREFIX + id)
    } catch {
      // Nothing to clear.
    }
  },
  /** Drops a note's draft whatever it holds (the note itself was discarded). */
  forget(id: string): void {
    try {
      localStorage.removeItem(PREFIX + id)
    } catch {
      // Nothing to forget.
    }
  },
  /** Writes leftover drafts into their notes; returns how many were recovered. */
  async recover(notes: NotesRepository): Promise<number> {
    let recovered = 0
    const keys = Object.keys(localStorage).filter((key) => key.startsWith(PREFIX))
    for (const key of keys) {
      const id = key.slice(PREFIX.length)
      try {
        const draft = JSON.parse(localStorage.getItem(key) ?? 'null') as Draft | null
        const note = await notes.get(id)
        if (draft && note && Date.parse(note.updatedAt) <= draft.at) {
          const edit: NoteEdit = { text: draft.text, tags: draft.tags ?? note.tags }
          if (!sameEdit(edit, note)) {
            await notes.update(id, { text: edit.text, tags: [...edit.tags] })
            recovered++
          }
        }
        localStorage.removeItem(key)
      } catch {
        // Leave it for the next start.
      }
    }
    return recovered
  },
}

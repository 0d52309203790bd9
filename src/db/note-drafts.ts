import type { NotesRepository } from './notes-repository'

const PREFIX = 'verbatim:note-draft:'

interface Draft {
  readonly text: string
  /** When it was typed (ms since the epoch). */
  readonly at: number
}

/**
 * A write-ahead journal for note text. IndexedDB writes are asynchronous and a reload can cut one
 * short; `localStorage` writes are synchronous, so each keystroke's text is journalled here first
 * and the journal entry is dropped once IndexedDB has the text. On start-up, what was left in the
 * journal is written to the notes it belongs to, unless the note changed after it was typed.
 */
export const noteDrafts = {
  write(id: string, text: string): void {
    try {
      localStorage.setItem(PREFIX + id, JSON.stringify({ text, at: Date.now() } satisfies Draft))
    } catch {
      // Storage full or unavailable: the debounced IndexedDB save is still on its way.
    }
  },
  clear(id: string, savedText: string): void {
    try {
      const raw = localStorage.getItem(PREFIX + id)
      // A newer draft typed while this save was running stays in the journal.
      if (raw && (JSON.parse(raw) as Draft).text === savedText) localStorage.removeItem(PREFIX + id)
    } catch {
      // Nothing to clear.
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
        if (draft && note && Date.parse(note.updatedAt) <= draft.at && note.text !== draft.text) {
          await notes.update(id, { text: draft.text })
          recovered++
        }
        localStorage.removeItem(key)
      } catch {
        // Leave it for the next start.
      }
    }
    return recovered
  },
}

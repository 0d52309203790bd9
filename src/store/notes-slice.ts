import type { StateCreator } from 'zustand/vanilla'
import type { AppState } from './store'

export interface NotesSlice {
  /** The note open in the editor. */
  openNoteId: string | null
  /** Bumped to ask the editor to take focus (after "Add note" from anywhere). */
  focusRequest: number
  openNote(id: string | null, focus?: boolean): void
}

export const createNotesSlice: StateCreator<AppState, [], [], NotesSlice> = (set, get) => ({
  openNoteId: null,
  focusRequest: 0,
  openNote(id, focus = false) {
    set({ openNoteId: id, focusRequest: focus ? get().focusRequest + 1 : get().focusRequest })
  },
})

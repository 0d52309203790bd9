import type { NotesRepository } from '../../db/notes-repository'
import { seconds, type Call } from '../../domain/types'
import type { AppState } from '../../store/store'

/**
 * Adds a note for what the reader is looking at: the selected transcript text (its range and
 * quote), else the selected range, else the moment under the playhead. Opens it in the editor.
 */
export async function addNote(call: Call, state: AppState, notes: NotesRepository): Promise<void> {
  const selection = state.textSelection
  const range = selection ?? state.range
  const note = await notes.create({
    callId: call.id,
    audioSha256: call.audio.sha256,
    start: range ? range.start : seconds(state.currentTime),
    ...(range ? { end: range.end } : {}),
    ...(selection ? { quote: { trackId: selection.trackId, text: selection.quote } } : {}),
    text: '',
    tags: [],
    state: 'unreviewed',
  })
  state.openNote(note.id, true)
}

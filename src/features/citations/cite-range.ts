import { appOrigin } from '../../components/app-origin'
import {
  citationLink,
  quoteFor,
  trackRevision,
  type CitationInput,
  type CitationTrack,
} from '../../domain/citation'
import type { Call } from '../../domain/types'
import type { AppState } from '../../store/store'

/** The range a citation or a note is about: the selected text, else the selected range, else the segment being heard. */
export function currentRange(
  state: AppState,
): { start: number; end: number; trackId?: string; quote?: string } | null {
  if (state.textSelection) return state.textSelection
  if (state.range) return state.range
  const track = state.tracks.find((t) => t.id === state.visibleTrackIds[0]) ?? state.tracks[0]
  const segment = track?.segments[state.active[track.id]?.segment ?? -1]
  return segment ? { start: segment.start, end: segment.end } : null
}

/**
 * What a citation of the current range holds: every shown track's words in that range (the
 * selected text itself for the track it was selected in, which comes first; other tracks' lines
 * whole, with the time they cover so the citation can say where they run past the range), each
 * with its revision, and a link that opens the range and names the first track's revision.
 */
export function citationInput(call: Call, state: AppState): CitationInput | null {
  const range = currentRange(state)
  if (!range) return null
  const shown = state.visibleTrackIds.flatMap((id) => state.tracks.filter((t) => t.id === id))
  const ordered = [
    ...shown.filter((t) => t.id === range.trackId),
    ...shown.filter((t) => t.id !== range.trackId),
  ]
  const tracks = ordered.map((track): CitationTrack => {
    const words = quoteFor(track, range.start, range.end)
    const selected = track.id === range.trackId ? range.quote : undefined
    return {
      label: track.label,
      language: track.language,
      kind: track.kind,
      revision: trackRevision(track),
      speakers: words.speakers,
      // The selected text is quoted as selected; any other track gives its lines whole.
      ...(selected !== undefined
        ? { quote: selected }
        : { quote: words.text, ...(words.span && { span: words.span }) }),
    }
  })
  return {
    callTitle: call.title,
    recorded: call.recorded,
    audioSha256: call.audio.sha256,
    link: citationLink(appOrigin(), call.id, range.start, range.end, tracks[0]?.revision),
    start: range.start,
    end: range.end,
    tracks,
  }
}

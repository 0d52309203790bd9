import { lastStartingAtOrBefore } from '../../domain/active-segment'
import type { Segment } from '../../domain/types'

/** A note's span, as the transcript needs it. */
export interface NoteSpan {
  readonly start: number
  readonly end?: number
}

/**
 * Indexes of the segments a note touches: those overlapping its range, or containing its moment.
 * A binary search per note, then a walk back over the few segments that can still overlap.
 */
export function notedSegments(
  segments: readonly Segment[],
  notes: readonly NoteSpan[],
): Set<number> {
  const found = new Set<number>()
  for (const note of notes) {
    const end = note.end ?? note.start
    for (let i = lastStartingAtOrBefore(segments, end); i >= 0; i--) {
      const segment = segments[i]
      if (!segment) break
      const overlaps =
        note.end === undefined
          ? segment.start <= note.start && note.start < segment.end
          : segment.start < end && segment.end > note.start
      if (overlaps) found.add(i)
      // Sorted by start: once a segment ends well before the note, earlier ones rarely reach it;
      // stop after a short look-back so a long call stays fast.
      if (segment.end <= note.start && end - segment.start > 600) break
    }
  }
  return found
}

import type { Track } from '../../domain/types'

/** One line of a transcript list: a segment of a track. */
export interface ListLine {
  readonly track: Track
  readonly index: number
}

/** The lines of a list in order, and where each track's segment sits in it. */
export interface LineList {
  readonly lines: readonly ListLine[]
  /** The place in `lines` of a track's segment, or -1 when the list does not hold it. */
  readonly placeOf: (trackId: string, index: number) => number
}

function listOf(lines: readonly ListLine[]): LineList {
  const places = new Map<string, number[]>()
  lines.forEach((line, place) => {
    const byIndex = places.get(line.track.id) ?? []
    byIndex[line.index] = place
    places.set(line.track.id, byIndex)
  })
  return { lines, placeOf: (trackId, index) => places.get(trackId)?.[index] ?? -1 }
}

/** One track's lines in order. */
export function trackLines(track: Track): LineList {
  return listOf(track.segments.map((_, index) => ({ track, index })))
}

/**
 * The lines of several tracks interleaved: each line of the first track, then the lines of the
 * other tracks that belong with it (a translation under its original). A line belongs with the
 * first track's line it overlaps most in time; one that overlaps none goes with the last line
 * that starts before it (or comes first, if none does). One pass over each track's sorted lines.
 */
export function interleavedLines(tracks: readonly Track[]): LineList {
  const [primary, ...others] = tracks
  if (!primary) return listOf([])
  const segments = primary.segments
  const attached: ListLine[][] = segments.map(() => [])
  const unplaced: ListLine[] = []
  for (const track of others) {
    let p = 0
    track.segments.forEach((segment, index) => {
      // The first primary line that ends after this one starts, then the best overlap from there.
      while (p < segments.length - 1 && (segments[p]?.end ?? 0) <= segment.start) p++
      let best = -1
      let bestOverlap = 0
      for (let q = p; q < segments.length; q++) {
        const other = segments[q]
        if (!other || other.start >= segment.end) break
        const overlap = Math.min(other.end, segment.end) - Math.max(other.start, segment.start)
        if (overlap > bestOverlap) {
          best = q
          bestOverlap = overlap
        }
      }
      if (best < 0) best = lastStartingBefore(segments, segment.start, p)
      const line = { track, index }
      if (best < 0) unplaced.push(line)
      else attached[best]?.push(line)
    })
  }
  const lines: ListLine[] = [...unplaced]
  segments.forEach((_, index) => {
    lines.push({ track: primary, index }, ...(attached[index] ?? []))
  })
  return listOf(lines)
}

/** The last of `segments` (sorted by start) from `from` back that starts at or before `time`. */
function lastStartingBefore(segments: Track['segments'], time: number, from: number): number {
  for (let i = Math.min(from, segments.length - 1); i >= 0; i--) {
    if ((segments[i]?.start ?? Infinity) <= time) return i
  }
  return -1
}

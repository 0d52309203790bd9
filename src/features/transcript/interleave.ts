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

function startOf(line: ListLine): number {
  return line.track.segments[line.index]?.start ?? 0
}

/** One track's lines in order. */
export function trackLines(track: Track): LineList {
  return listOf(track.segments.map((_, index) => ({ track, index })))
}

/**
 * How much later than a line of the first track another track's line may start and still go
 * above it (timings of two tracks made apart rarely agree to the frame).
 */
const START_TOLERANCE = 0.3

/**
 * The lines of several tracks interleaved: each line of the first track, then the lines of the
 * other tracks that begin with it (a translation under its original): those starting after it
 * and before the next (give or take `START_TOLERANCE`). So the times read in order down the
 * column (the lines under one line are sorted by start; stable, so tracks keep their order on a
 * tie); lines starting before the first track's first line come first.
 */
export function interleavedLines(tracks: readonly Track[]): LineList {
  const [primary, ...others] = tracks
  if (!primary) return listOf([])
  const segments = primary.segments
  const attached: ListLine[][] = segments.map(() => [])
  const before: ListLine[] = []
  for (const track of others) {
    let p = -1
    track.segments.forEach((segment, index) => {
      const by = segment.start + START_TOLERANCE
      while (p + 1 < segments.length && (segments[p + 1]?.start ?? Infinity) <= by) p++
      const line = { track, index }
      if (p < 0) before.push(line)
      else attached[p]?.push(line)
    })
  }
  const byStart = (a: ListLine, b: ListLine) => startOf(a) - startOf(b)
  const lines: ListLine[] = before.sort(byStart)
  segments.forEach((_, index) => {
    lines.push({ track: primary, index }, ...(attached[index] ?? []).sort(byStart))
  })
  return listOf(lines)
}

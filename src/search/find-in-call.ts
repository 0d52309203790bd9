import type { Seconds } from '../domain/types'
import { findPhrase, type TextRange } from './match'
import { parsePhrase } from './query'
import { tokenize, type Token } from './tokenize'

/**
 * Find-in-call: every occurrence of what was typed in the open call's tracks, in time order, with
 * next/previous that wrap and a "3 of 12" count. It works on the data, not the DOM, because a
 * virtualised transcript has most rows unrendered and the browser's own find cannot see them; the
 * UI scrolls the list to the current match's segment and highlights the ranges.
 *
 * Like a browser's find, the words are looked for side by side, in order, the last one as a prefix
 * while it is being typed; unlike it, case, accents and width do not matter and Chinese matches by
 * substring.
 */

/** The parts of a track find-in-call reads (a domain `Track` fits). */
export interface FindTrack {
  readonly id: string
  readonly segments: readonly { readonly start: Seconds; readonly text: string }[]
}

/** One occurrence. */
export interface CallMatch {
  readonly trackId: string
  readonly segmentIndex: number
  /** Start of the segment, for seeking and for ordering. */
  readonly start: Seconds
  /** The occurrence in the segment's text (UTF-16 offsets). */
  readonly range: TextRange
}

/** A call's tracks, tokenized once so that each keystroke only matches. */
export interface CallFinder {
  /** Occurrences of `query` in time order (ties: track order, then position in the text). */
  find(query: string): CallMatch[]
}

/** Prepares a call's tracks for find-in-call. */
export function createCallFinder(tracks: readonly FindTrack[]): CallFinder {
  const prepared: { track: number; id: string; index: number; start: Seconds; tokens?: Token[] }[] =
    []
  tracks.forEach((track, trackOrder) => {
    track.segments.forEach((segment, index) => {
      prepared.push({ track: trackOrder, id: track.id, index, start: segment.start })
    })
  })
  prepared.sort((a, b) => a.start - b.start || a.track - b.track || a.index - b.index)
  // Tokens are made on the first search, not when a call opens: most calls are never searched.
  const tokensOf = (entry: (typeof prepared)[number]): Token[] => {
    if (!entry.tokens) {
      const text = tracks[entry.track]?.segments[entry.index]?.text ?? ''
      entry.tokens = [...tokenize(text).tokens]
    }
    return entry.tokens
  }
  return {
    find(query) {
      const phrase = parsePhrase(query)
      if (!phrase) return []
      const matches: CallMatch[] = []
      for (const entry of prepared) {
        const tokens = tokensOf(entry)
        for (const [first, last] of findPhrase(tokens, phrase.terms, phrase.prefix)) {
          matches.push({
            trackId: entry.id,
            segmentIndex: entry.index,
            start: entry.start,
            range: { start: tokens[first]?.start ?? 0, end: tokens[last]?.end ?? 0 },
          })
        }
      }
      return matches
    },
  }
}

/** Occurrences of `query` in a call's tracks, in time order (one-off; see `createCallFinder`). */
export function findInCall(tracks: readonly FindTrack[], query: string): CallMatch[] {
  return createCallFinder(tracks).find(query)
}

/**
 * The match after (`1`) or before (`-1`) `current`, wrapping at either end; from no match (-1),
 * next is the first and previous the last. -1 when there are no matches.
 */
export function stepMatch(current: number, count: number, direction: 1 | -1): number {
  if (count <= 0) return -1
  if (current < 0 || current >= count) return direction === 1 ? 0 : count - 1
  return (current + direction + count) % count
}

/** The first match at or after `time` (wrapping to the first): where find starts from the playhead. */
export function matchAtOrAfter(matches: readonly CallMatch[], time: number): number {
  if (matches.length === 0) return -1
  let low = 0
  let high = matches.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((matches[middle]?.start ?? 0) < time) low = middle + 1
    else high = middle
  }
  return low < matches.length ? low : 0
}

/** The status text: "3 of 12", "12 matches" before one is chosen, "No matches". */
export function describeMatches(current: number, count: number): string {
  if (count === 0) return 'No matches'
  if (current < 0 || current >= count) return count === 1 ? '1 match' : `${count} matches`
  return `${current + 1} of ${count}`
}

/** A range to highlight in one segment, and whether it is the current match. */
export interface SegmentHighlight extends TextRange {
  readonly current: boolean
}

/** Key of a segment in {@link highlightsBySegment}. */
export const segmentKey = (trackId: string, segmentIndex: number): string =>
  `${trackId}\u0000${segmentIndex}`

/**
 * The matches grouped by segment, so that each transcript row can look up its own highlights in
 * O(1) instead of scanning every match on each render.
 */
export function highlightsBySegment(
  matches: readonly CallMatch[],
  current: number,
): Map<string, SegmentHighlight[]> {
  const bySegment = new Map<string, SegmentHighlight[]>()
  matches.forEach((match, index) => {
    const key = segmentKey(match.trackId, match.segmentIndex)
    const highlight = { ...match.range, current: index === current }
    const list = bySegment.get(key)
    if (list) list.push(highlight)
    else bySegment.set(key, [highlight])
  })
  return bySegment
}

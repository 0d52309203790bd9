import { seconds, type Segment, type Word } from '../domain/types'
import type { ParseWarning } from './types'

/** A segment as a parser first sees it: the end and the id may be missing. */
export interface RawSegment {
  readonly start: number
  readonly end?: number | undefined
  readonly text: string
  readonly speaker?: string | undefined
  readonly words?: readonly { start: number; end?: number | undefined; text: string }[] | undefined
}

/**
 * Turns what a parser read into the app's segments: drops empty text, sorts by start (stable),
 * fills a missing end from the next segment's start (the last one ends where it starts, or at
 * `lastEnd` when given), clamps an end before its start, fills missing word ends the same way,
 * and numbers the ids `<prefix>-1`, `<prefix>-2`… Problems it repairs are added to `warnings`.
 */
export function finishSegments(
  raw: readonly RawSegment[],
  warnings: ParseWarning[],
  options: { idPrefix?: string; lastEnd?: number } = {},
): Segment[] {
  const prefix = options.idPrefix ?? 's'
  const kept = raw
    .map((segment, order) => ({ segment, order }))
    .filter(({ segment }) => segment.text.trim() !== '' && Number.isFinite(segment.start))
    .sort((a, b) => a.segment.start - b.segment.start || a.order - b.order)
    .map(({ segment }) => segment)
  let reversed = 0
  const segments = kept.map((segment, i): Segment => {
    const next = kept[i + 1]
    const start = Math.max(0, segment.start)
    let end = segment.end ?? next?.start ?? options.lastEnd ?? start
    if (!Number.isFinite(end)) end = start
    if (end < start) {
      reversed++
      end = start
    }
    const words = segment.words ? finishWords(segment.words, end) : undefined
    return {
      id: `${prefix}-${i + 1}`,
      start: seconds(start),
      end: seconds(end),
      text: segment.text.trim(),
      ...(segment.speaker ? { speaker: segment.speaker } : {}),
      ...(words && words.length > 0 ? { words } : {}),
    }
  })
  if (reversed > 0) {
    warnings.push({
      message: `${reversed} segment(s) ended before they started; their end was set to their start.`,
    })
  }
  return segments
}

function finishWords(
  words: readonly { start: number; end?: number | undefined; text: string }[],
  segmentEnd: number,
): Word[] {
  const timed = words.filter((w) => Number.isFinite(w.start) && w.text.trim() !== '')
  return timed.map((word, i) => {
    const next = timed[i + 1]
    const end = Math.max(word.start, word.end ?? next?.start ?? segmentEnd)
    return { start: seconds(word.start), end: seconds(end), text: word.text.trim() }
  })
}

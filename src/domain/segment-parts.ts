import type { Segment } from './types'

/**
 * The most objects (segments and their timed words) in one part of a long transcript. A whole
 * transcript moved at once (posted from a worker, written to or read from IndexedDB) is cloned in
 * one main-thread task: 100,000 cues or a few hundred thousand timed words take several hundred
 * milliseconds. Measured in headless Chromium on this project's 2-core machine, parts of 20,000
 * took 50–120 ms each; parts of 1,000 take a millisecond or two.
 */
export const PART_WEIGHT = 1_000

/** `segments` cut, in order, into runs of at most {@link PART_WEIGHT} objects (a longer segment alone). */
export function segmentParts(segments: readonly Segment[]): Segment[][] {
  const parts: Segment[][] = []
  let from = 0
  let weight = 0
  segments.forEach((segment, i) => {
    weight += 1 + (segment.words?.length ?? 0)
    if (weight >= PART_WEIGHT) {
      parts.push(segments.slice(from, i + 1))
      from = i + 1
      weight = 0
    }
  })
  if (from < segments.length) parts.push(segments.slice(from))
  return parts
}

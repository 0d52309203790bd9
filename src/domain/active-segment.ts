import type { Seconds } from './types'

interface Timed {
  readonly start: Seconds
  readonly end: Seconds
}

/**
 * A lookup from a time to the item under it, for items sorted by start. Built once per track
 * (O(n)); each lookup is a binary search plus, for overlapping items, a short walk back that the
 * running maximum of ends cuts off.
 */
export interface TimeIndex {
  /** Index of the item that contains `time` (start ≤ time < end), or -1 in a gap. */
  find(time: number): number
  /**
   * The earliest time after `time` at which `find` may answer differently: the next start, or the
   * nearest end of an item under `time`; Infinity when nothing changes any more. Playback is
   * told of time only then (store/playback-slice.ts).
   */
  nextChange(time: number): number
}

/** Builds a `TimeIndex` over items sorted by start time. */
export function createTimeIndex(items: readonly Timed[]): TimeIndex {
  const maxEnd = new Float64Array(items.length)
  let running = -Infinity
  items.forEach((item, i) => {
    running = Math.max(running, item.end)
    maxEnd[i] = running
  })
  return {
    find(time) {
      const last = lastStartingAtOrBefore(items, time)
      // Among overlapping items the latest-starting one wins: it is the one being spoken now.
      for (let i = last; i >= 0 && (maxEnd[i] ?? -Infinity) > time; i--) {
        const item = items[i]
        if (item && time < item.end) return i
      }
      return -1
    },
    nextChange(time) {
      const last = lastStartingAtOrBefore(items, time)
      let next = items[last + 1]?.start ?? Infinity
      for (let i = last; i >= 0 && (maxEnd[i] ?? -Infinity) > time; i--) {
        const end = items[i]?.end ?? Infinity
        if (end > time && end < next) next = end
      }
      return next
    },
  }
}

/** Binary search: the last index whose start is ≤ time, or -1. */
export function lastStartingAtOrBefore(items: readonly Timed[], time: number): number {
  let lo = 0
  let hi = items.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const item = items[mid]
    if (item && item.start <= time) {
      found = mid
      lo = mid + 1
    } else {
      hi = mid - 1
    }
  }
  return found
}

/** Index of the first item starting after `time` (for "next segment"), or -1 at the end. */
export function nextStartAfter(items: readonly Timed[], time: number): number {
  const i = lastStartingAtOrBefore(items, time + 1e-3) + 1
  return i < items.length ? i : -1
}

/**
 * Index of the item to go to for "previous segment": the start of the current one when more than
 * a second into it (as music players do), otherwise the one before; -1 before the first.
 */
export function previousStartBefore(items: readonly Timed[], time: number): number {
  const i = lastStartingAtOrBefore(items, time)
  if (i < 0) return -1
  const item = items[i]
  if (item && time - item.start > 1) return i
  return i - 1 >= 0 ? i - 1 : 0
}

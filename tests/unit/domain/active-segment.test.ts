import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  createTimeIndex,
  lastStartingAtOrBefore,
  nextStartAfter,
  previousStartBefore,
} from '../../../src/domain/active-segment'
import { seconds, type Seconds } from '../../../src/domain/types'

interface Item {
  readonly start: Seconds
  readonly end: Seconds
}

const items = (...pairs: [number, number][]): Item[] =>
  pairs.map(([start, end]) => ({ start: seconds(start), end: seconds(end) }))

/** The reference: the latest-starting (highest index) item with start ≤ t < end, by a full scan. */
function naiveFind(list: readonly Item[], t: number): number {
  let found = -1
  list.forEach((item, i) => {
    if (item.start <= t && t < item.end) found = i
  })
  return found
}

describe('createTimeIndex', () => {
  describe('with gaps between items', () => {
    // [0,2) gap [3,5) gap [7,8)
    const list = items([0, 2], [3, 5], [7, 8])
    const index = createTimeIndex(list)

    it('finds the item under a time', () => {
      expect(index.find(1)).toBe(0)
      expect(index.find(4)).toBe(1)
      expect(index.find(7.5)).toBe(2)
    })

    it('returns -1 in a gap', () => {
      expect(index.find(2.5)).toBe(-1)
      expect(index.find(6)).toBe(-1)
    })

    it('treats start as inclusive and end as exclusive', () => {
      expect(index.find(0)).toBe(0)
      expect(index.find(2)).toBe(-1)
      expect(index.find(3)).toBe(1)
      expect(index.find(5)).toBe(-1)
      expect(index.find(7)).toBe(2)
      expect(index.find(8)).toBe(-1)
      expect(index.find(1.999999)).toBe(0)
    })

    it('returns -1 before the first and after the last item', () => {
      expect(index.find(-1)).toBe(-1)
      expect(index.find(-0.0001)).toBe(-1)
      expect(index.find(8.0001)).toBe(-1)
      expect(index.find(1e9)).toBe(-1)
    })

    it('returns -1 for NaN', () => {
      expect(index.find(Number.NaN)).toBe(-1)
    })
  })

  describe('with back-to-back items', () => {
    const index = createTimeIndex(items([0, 1], [1, 2], [2, 3]))

    it('hands over at the shared boundary', () => {
      expect(index.find(0.999)).toBe(0)
      expect(index.find(1)).toBe(1)
      expect(index.find(2)).toBe(2)
      expect(index.find(3)).toBe(-1)
    })
  })

  describe('with overlapping items', () => {
    it('prefers the later-starting of two partially overlapping items', () => {
      const index = createTimeIndex(items([0, 5], [3, 8]))
      expect(index.find(2)).toBe(0)
      expect(index.find(3)).toBe(1)
      expect(index.find(4.9)).toBe(1)
      expect(index.find(6)).toBe(1)
    })

    it('falls back to a long item after a later short one inside it has ended', () => {
      // A long segment [0,100) containing short ones [10,12) and [50,51).
      const index = createTimeIndex(items([0, 100], [10, 12], [50, 51]))
      expect(index.find(5)).toBe(0)
      expect(index.find(10)).toBe(1)
      expect(index.find(11.9)).toBe(1)
      expect(index.find(12)).toBe(0)
      expect(index.find(30)).toBe(0)
      expect(index.find(50.5)).toBe(2)
      expect(index.find(51)).toBe(0)
      expect(index.find(99.99)).toBe(0)
      expect(index.find(100)).toBe(-1)
    })

    it('walks back through several ended items to the one still open', () => {
      const index = createTimeIndex(items([0, 100], [10, 11], [20, 21], [30, 31], [40, 41]))
      expect(index.find(45)).toBe(0)
      expect(index.find(40.5)).toBe(4)
    })

    it('resolves nested items to the innermost (latest-starting) one', () => {
      // [0,10) ⊃ [2,8) ⊃ [4,6)
      const index = createTimeIndex(items([0, 10], [2, 8], [4, 6]))
      expect(index.find(1)).toBe(0)
      expect(index.find(3)).toBe(1)
      expect(index.find(5)).toBe(2)
      expect(index.find(6)).toBe(1)
      expect(index.find(7.5)).toBe(1)
      expect(index.find(8)).toBe(0)
      expect(index.find(9.9)).toBe(0)
      expect(index.find(10)).toBe(-1)
    })

    it('with equal starts (sorted by end), picks the last item that still contains the time', () => {
      const index = createTimeIndex(items([5, 6], [5, 9]))
      expect(index.find(5)).toBe(1)
      expect(index.find(5.5)).toBe(1)
      expect(index.find(8)).toBe(1)
    })

    it('does not return an ended item when an earlier one has ended too', () => {
      const index = createTimeIndex(items([0, 3], [1, 2], [5, 6]))
      expect(index.find(4)).toBe(-1)
      expect(index.find(2.5)).toBe(0)
    })
  })

  it('returns -1 for any time on an empty list', () => {
    const index = createTimeIndex([])
    expect(index.find(0)).toBe(-1)
    expect(index.find(10)).toBe(-1)
  })

  it('handles a single item', () => {
    const index = createTimeIndex(items([2, 4]))
    expect(index.find(1.9)).toBe(-1)
    expect(index.find(2)).toBe(0)
    expect(index.find(3.99)).toBe(0)
    expect(index.find(4)).toBe(-1)
  })

  it('never returns a zero-length item', () => {
    const index = createTimeIndex(items([0, 2], [2, 2], [2, 4], [5, 5]))
    expect(index.find(2)).toBe(2)
    expect(index.find(5)).toBe(-1)
    expect(createTimeIndex(items([3, 3])).find(3)).toBe(-1)
  })

  it('finds a zero-length item’s enclosing item', () => {
    const index = createTimeIndex(items([0, 10], [4, 4]))
    expect(index.find(4)).toBe(0)
  })

  it('agrees with a linear scan for any sorted items and time (property)', () => {
    // Times on a 0.5 s grid make exact boundary hits and ties common.
    const time = fc.integer({ min: -4, max: 84 }).map((n) => n / 2)
    const item = fc
      .tuple(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 30 }))
      .map(([start, length]) => ({ start: seconds(start / 2), end: seconds((start + length) / 2) }))
    const sortedItems = fc
      .array(item, { maxLength: 40 })
      .map((list) => [...list].sort((a, b) => a.start - b.start || a.end - b.end))
    fc.assert(
      fc.property(sortedItems, fc.array(time, { minLength: 1, maxLength: 20 }), (list, times) => {
        const index = createTimeIndex(list)
        for (const t of times) expect(index.find(t)).toBe(naiveFind(list, t))
      }),
      { numRuns: 500 },
    )
  })

  it('says when its answer may next change: never before, and at the latest when it does (property)', () => {
    const item = fc
      .tuple(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 30 }))
      .map(([start, length]) => ({ start: seconds(start / 2), end: seconds((start + length) / 2) }))
    const sortedItems = fc
      .array(item, { maxLength: 30 })
      .map((list) => [...list].sort((a, b) => a.start - b.start || a.end - b.end))
    fc.assert(
      fc.property(sortedItems, fc.integer({ min: -4, max: 170 }), (list, n) => {
        const index = createTimeIndex(list)
        const t = n / 4
        const next = index.nextChange(t)
        expect(next).toBeGreaterThan(t)
        // On a grid finer than the items' (quarters against halves), nothing changes before it…
        for (let u = t; u < Math.min(next, 45); u += 0.125)
          expect(naiveFind(list, u)).toBe(naiveFind(list, t))
        // …and every change of answer is at a start or an end, so `next` is one of them.
        if (Number.isFinite(next))
          expect(list.some((i) => i.start === next || i.end === next)).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('agrees with a linear scan for arbitrary real-valued times (property)', () => {
    const item = fc
      .tuple(
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
      )
      .map(([start, length]) => ({ start: seconds(start), end: seconds(start + length) }))
    const sortedItems = fc
      .array(item, { maxLength: 30 })
      .map((list) => [...list].sort((a, b) => a.start - b.start || a.end - b.end))
    fc.assert(
      fc.property(sortedItems, fc.double({ min: -10, max: 1300, noNaN: true }), (list, t) => {
        expect(createTimeIndex(list).find(t)).toBe(naiveFind(list, t))
      }),
      { numRuns: 500 },
    )
  })
})

describe('lastStartingAtOrBefore', () => {
  const list = items([0, 2], [3, 5], [3, 6], [7, 8])

  it('returns -1 before the first start and on an empty list', () => {
    expect(lastStartingAtOrBefore(list, -0.1)).toBe(-1)
    expect(lastStartingAtOrBefore([], 5)).toBe(-1)
  })

  it('includes an item starting exactly at the time', () => {
    expect(lastStartingAtOrBefore(list, 0)).toBe(0)
    expect(lastStartingAtOrBefore(list, 7)).toBe(3)
  })

  it('returns the last of items sharing a start', () => {
    expect(lastStartingAtOrBefore(list, 3)).toBe(2)
    expect(lastStartingAtOrBefore(list, 6.9)).toBe(2)
  })

  it('ignores ends: an ended item still counts', () => {
    expect(lastStartingAtOrBefore(list, 2.5)).toBe(0)
    expect(lastStartingAtOrBefore(list, 100)).toBe(3)
  })
})

describe('nextStartAfter', () => {
  const list = items([0, 2], [3, 5], [7, 8])

  it('returns the first item starting after the time', () => {
    expect(nextStartAfter(list, -5)).toBe(0)
    expect(nextStartAfter(list, 1)).toBe(1)
    expect(nextStartAfter(list, 2.5)).toBe(1)
    expect(nextStartAfter(list, 4)).toBe(2)
  })

  it('moves past an item starting exactly at the time', () => {
    expect(nextStartAfter(list, 0)).toBe(1)
    expect(nextStartAfter(list, 3)).toBe(2)
  })

  it('moves past an item starting within a millisecond after the time', () => {
    // After seeking to a start, the engine may report a time a hair before it.
    expect(nextStartAfter(list, 2.9995)).toBe(2)
  })

  it('does not skip an item starting clearly after the time', () => {
    expect(nextStartAfter(list, 2.99)).toBe(1)
  })

  it('returns -1 at or after the last start', () => {
    expect(nextStartAfter(list, 7)).toBe(-1)
    expect(nextStartAfter(list, 7.5)).toBe(-1)
    expect(nextStartAfter(list, 100)).toBe(-1)
  })

  it('returns -1 on an empty list', () => {
    expect(nextStartAfter([], 0)).toBe(-1)
  })

  it('with a single item, finds it only from before it', () => {
    const one = items([5, 6])
    expect(nextStartAfter(one, 4)).toBe(0)
    expect(nextStartAfter(one, 5)).toBe(-1)
  })

  it('steps over items that share a start', () => {
    const shared = items([0, 1], [0, 4], [2, 3])
    expect(nextStartAfter(shared, 0)).toBe(2)
  })
})

describe('previousStartBefore', () => {
  const list = items([0, 2], [3, 5], [7, 10])

  it('goes to the start of the current item when more than a second into it', () => {
    expect(previousStartBefore(list, 4.5)).toBe(1)
    expect(previousStartBefore(list, 9)).toBe(2)
    expect(previousStartBefore(list, 1.5)).toBe(0)
  })

  it('goes to the item before when within the first second of the current one', () => {
    expect(previousStartBefore(list, 3)).toBe(0)
    expect(previousStartBefore(list, 3.5)).toBe(0)
    expect(previousStartBefore(list, 7.9)).toBe(1)
  })

  it('treats exactly one second in as within the first second', () => {
    expect(previousStartBefore(list, 4)).toBe(0)
    expect(previousStartBefore(list, 4.01)).toBe(1)
  })

  it('stays on the first item within its first second', () => {
    expect(previousStartBefore(list, 0)).toBe(0)
    expect(previousStartBefore(list, 0.5)).toBe(0)
  })

  it('counts a gap as time since the last start', () => {
    expect(previousStartBefore(list, 6.5)).toBe(1)
  })

  it('returns -1 before the first item and on an empty list', () => {
    expect(previousStartBefore(items([2, 3]), 1)).toBe(-1)
    expect(previousStartBefore([], 5)).toBe(-1)
  })

  it('handles a single item', () => {
    const one = items([2, 6])
    expect(previousStartBefore(one, 2.5)).toBe(0)
    expect(previousStartBefore(one, 5)).toBe(0)
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  formatTemporalFragment,
  parseTemporalFragment,
  type TimeRange,
} from '../../../src/domain/media-fragment'
import { seconds } from '../../../src/domain/types'

const range = (start: number, end?: number): TimeRange =>
  end === undefined ? { start: seconds(start) } : { start: seconds(start), end: seconds(end) }

describe('parseTemporalFragment', () => {
  it('parses a single point in time, with no end', () => {
    const parsed = parseTemporalFragment('83.5')
    expect(parsed).toEqual({ start: 83.5 })
    expect(parsed).not.toHaveProperty('end')
  })

  it('parses a start and an end', () => {
    expect(parseTemporalFragment('83.5,91')).toEqual({ start: 83.5, end: 91 })
  })

  it('accepts the npt: prefix', () => {
    expect(parseTemporalFragment('npt:10,20')).toEqual({ start: 10, end: 20 })
    expect(parseTemporalFragment('npt:10')).toEqual({ start: 10 })
  })

  it('reads an empty start as the beginning of the media', () => {
    expect(parseTemporalFragment(',20')).toEqual({ start: 0, end: 20 })
    expect(parseTemporalFragment('npt:,20')).toEqual({ start: 0, end: 20 })
  })

  it('parses clock times', () => {
    const parsed = parseTemporalFragment('00:01:23.5,00:01:31')
    expect(parsed?.start).toBeCloseTo(83.5, 9)
    expect(parsed?.end).toBe(91)
    expect(parseTemporalFragment('npt:01:23.5,01:31')).toEqual({ start: 83.5, end: 91 })
  })

  it('mixes clock and plain forms', () => {
    expect(parseTemporalFragment('01:00,90')).toEqual({ start: 60, end: 90 })
  })

  it('ignores surrounding whitespace', () => {
    expect(parseTemporalFragment('  83.5,91 ')).toEqual({ start: 83.5, end: 91 })
  })

  it('rejects a reversed range', () => {
    expect(parseTemporalFragment('91,83.5')).toBeNull()
    expect(parseTemporalFragment('00:01:31,00:01:23.5')).toBeNull()
  })

  it('rejects an empty range (end equal to start)', () => {
    expect(parseTemporalFragment('10,10')).toBeNull()
    expect(parseTemporalFragment(',0')).toBeNull()
    expect(parseTemporalFragment('00:00:10,10')).toBeNull()
  })

  it('rejects three parts', () => {
    expect(parseTemporalFragment('1,2,3')).toBeNull()
    expect(parseTemporalFragment('1,2,')).toBeNull()
  })

  it.each([
    [''],
    ['   '],
    ['npt:'],
    [','],
    ['10,'],
    ['npt:10,'],
    ['abc'],
    ['10,abc'],
    ['abc,10'],
    ['-5'],
    ['-5,10'],
    ['5,-10'],
    ['1e3'],
    ['Infinity'],
    ['NaN,5'],
    ['smpte:00:00:10'],
    ['clock:2012-04-01T00:00:00Z'],
    ['NPT:10'],
    ['npt:npt:10'],
    ['00:60,70'],
    ['10;20'],
  ])('rejects %j', (value) => {
    expect(parseTemporalFragment(value)).toBeNull()
  })
})

describe('formatTemporalFragment', () => {
  it('formats a point as its decimal seconds', () => {
    expect(formatTemporalFragment(range(83.5))).toBe('83.5')
    expect(formatTemporalFragment(range(0))).toBe('0')
  })

  it('formats a range as start,end', () => {
    expect(formatTemporalFragment(range(83.5, 91))).toBe('83.5,91')
    expect(formatTemporalFragment(range(0, 20))).toBe('0,20')
  })

  it('rounds to milliseconds', () => {
    expect(formatTemporalFragment(range(1 / 3, 2 / 3))).toBe('0.333,0.667')
  })
})

describe('temporal fragment round trips', () => {
  it.each([[range(83.5)], [range(0)], [range(83.5, 91)], [range(0, 20)], [range(3723.456, 3724)]])(
    'format then parse gives back %j',
    (value) => {
      expect(parseTemporalFragment(formatTemporalFragment(value))).toEqual(value)
    },
  )

  it.each([['83.5'], ['83.5,91'], ['0,20'], ['3723.456,3724']])(
    'parse then format gives back %j',
    (text) => {
      const parsed = parseTemporalFragment(text)
      expect(parsed).not.toBeNull()
      expect(formatTemporalFragment(parsed as TimeRange)).toBe(text)
    },
  )

  it('normalises clock and npt forms to decimal seconds', () => {
    const parsed = parseTemporalFragment('npt:00:01:23.5,00:01:31')
    expect(formatTemporalFragment(parsed as TimeRange)).toBe('83.5,91')
    expect(formatTemporalFragment(parseTemporalFragment(',20') as TimeRange)).toBe('0,20')
  })

  it('round-trips any millisecond-aligned point or non-empty range (property)', () => {
    const ms = fc.integer({ min: 0, max: 24 * 3600 * 1000 })
    fc.assert(
      fc.property(ms, fc.option(fc.integer({ min: 1, max: 3600 * 1000 })), (start, length) => {
        const value =
          length === null ? range(start / 1000) : range(start / 1000, (start + length) / 1000)
        expect(parseTemporalFragment(formatTemporalFragment(value))).toEqual(value)
      }),
    )
  })
})

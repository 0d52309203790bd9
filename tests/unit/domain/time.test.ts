import { describe, expect, it } from 'vitest'
import {
  clampTime,
  formatClock,
  formatDecimal,
  formatPrecise,
  parseClock,
} from '../../../src/domain/time'
import { seconds } from '../../../src/domain/types'

describe('parseClock', () => {
  it.each([
    ['0', 0],
    ['7', 7],
    ['83.5', 83.5],
    ['83.', 83],
    ['.5', 0.5],
    ['0.25', 0.25],
    ['3600', 3600],
    ['0000012', 12],
  ])('parses plain seconds %j as %d', (text, expected) => {
    expect(parseClock(text)).toBe(expected)
  })

  it.each([
    ['00:00', 0],
    ['01:23', 83],
    ['01:23.5', 83.5],
    ['59:59', 3599],
    ['00:59.999', 59.999],
  ])('parses mm:ss %j as %d', (text, expected) => {
    expect(parseClock(text)).toBe(expected)
  })

  it.each([
    ['00:01:23.5', 83.5],
    ['1:00:00', 3600],
    ['01:02:03.4', 3723.4],
    ['10:00:00', 36000],
    ['0:00:00.0', 0],
  ])('parses hh:mm:ss(.s) %j as %d', (text, expected) => {
    expect(parseClock(text)).toBeCloseTo(expected, 9)
  })

  it('accepts hours beyond two digits', () => {
    expect(parseClock('100:00:00')).toBe(360000)
    expect(parseClock('123:45:06.5')).toBeCloseTo(123 * 3600 + 45 * 60 + 6.5, 9)
  })

  it('trims surrounding whitespace', () => {
    expect(parseClock('  83.5  ')).toBe(83.5)
    expect(parseClock('\t00:01:23.5\n')).toBeCloseTo(83.5, 9)
  })

  it.each([
    [''],
    ['   '],
    ['-1'],
    ['-0.5'],
    ['-00:01'],
    ['+5'],
    ['1:60'],
    ['00:60'],
    ['00:00:60'],
    ['00:60:00'],
    ['01:2'],
    ['1:23'],
    ['1:2:3'],
    ['abc'],
    ['12a'],
    ['a12'],
    ['1e3'],
    ['1E3'],
    ['0x10'],
    ['Infinity'],
    ['-Infinity'],
    ['NaN'],
    ['1 2'],
    ['1 :00'],
    ['01:23.5.6'],
    ['1,5'],
    ['.'],
    [':'],
    ['::'],
    ['01:'],
    [':01'],
    ['1:00:00:00'],
    ['٣'],
  ])('rejects %j', (text) => {
    expect(parseClock(text)).toBeNull()
  })

  it('rejects plain seconds too large to be finite', () => {
    expect(parseClock('9'.repeat(400))).toBeNull()
  })

  it('rejects a clock whose hours are too large to be finite', () => {
    // The documented contract is "null for ... non-finite"; the hours branch must honour it too.
    expect(parseClock(`${'9'.repeat(400)}:00:00`)).toBeNull()
  })
})

describe('formatClock', () => {
  it.each([
    [0, '00:00'],
    [5, '00:05'],
    [59, '00:59'],
    [60, '01:00'],
    [83.5, '01:23'],
    [599, '09:59'],
    [3599, '59:59'],
  ])('formats %d under an hour as mm:ss (%s)', (time, expected) => {
    expect(formatClock(time)).toBe(expected)
  })

  it.each([
    [3600, '1:00:00'],
    [3723, '1:02:03'],
    [36000, '10:00:00'],
    [360000 + 61, '100:01:01'],
  ])('formats %d from an hour on as h:mm:ss (%s)', (time, expected) => {
    expect(formatClock(time)).toBe(expected)
  })

  it('rounds down to whole seconds, never up', () => {
    expect(formatClock(59.999)).toBe('00:59')
    expect(formatClock(3599.99)).toBe('59:59')
    expect(formatClock(0.9)).toBe('00:00')
  })

  it.each([[-1], [-0.4], [-3600], [Number.NaN], [Number.POSITIVE_INFINITY], [-Infinity]])(
    'formats %d as 00:00',
    (time) => {
      expect(formatClock(time)).toBe('00:00')
    },
  )

  it('accepts branded seconds', () => {
    expect(formatClock(seconds(61))).toBe('01:01')
  })
})

describe('formatPrecise', () => {
  it.each([
    [0, '00:00:00.0'],
    [0.3, '00:00:00.3'],
    [0.7, '00:00:00.7'],
    [1.1, '00:00:01.1'],
    [83.5, '00:01:23.5'],
    [3599.9, '00:59:59.9'],
    [3600, '01:00:00.0'],
    [3723.45, '01:02:03.4'],
    [7322.5, '02:02:02.5'],
    [360000, '100:00:00.0'],
  ])('formats %d as %s', (time, expected) => {
    expect(formatPrecise(time)).toBe(expected)
  })

  it('rounds down to tenths, never up', () => {
    expect(formatPrecise(0.29)).toBe('00:00:00.2')
    expect(formatPrecise(0.99)).toBe('00:00:00.9')
    expect(formatPrecise(59.99)).toBe('00:00:59.9')
    expect(formatPrecise(3599.99)).toBe('00:59:59.9')
  })

  it('does not lose a tenth to floating-point error', () => {
    // Time arithmetic lands a hair below a tenth: 0.3 - 0.1 is 0.19999999999999998, and
    // 0.7 - 0.2 is 0.49999999999999994; times 10 they fall just short of a whole number.
    expect(formatPrecise(0.3 - 0.1)).toBe('00:00:00.2')
    expect(formatPrecise(0.7 - 0.2)).toBe('00:00:00.5')
    expect(formatPrecise(0.1 + 0.2)).toBe('00:00:00.3')
    expect(formatPrecise(4.35)).toBe('00:00:04.3')
  })

  it.each([[-1], [-0.05], [Number.NaN], [Number.POSITIVE_INFINITY]])(
    'formats %d as zero',
    (time) => {
      expect(formatPrecise(time)).toBe('00:00:00.0')
    },
  )
})

describe('formatDecimal', () => {
  it.each([
    [0, '0'],
    [91, '91'],
    [83.5, '83.5'],
    [83.25, '83.25'],
    [1.234, '1.234'],
    [1 / 3, '0.333'],
    [2 / 3, '0.667'],
    [1.0005, '1.001'],
    [1.0004, '1'],
    [0.0004, '0'],
    [0.1 + 0.2, '0.3'],
    [3723.45, '3723.45'],
  ])('formats %d as %s', (time, expected) => {
    expect(formatDecimal(time)).toBe(expected)
  })

  it('has no trailing zeros and at most three decimals', () => {
    for (const time of [0.1, 0.12, 0.123, 0.1234, 12.5, 12.5001, 99.999, 99.9999]) {
      expect(formatDecimal(time)).toMatch(/^\d+(\.\d{0,2}[1-9])?$/)
    }
  })

  it('is read back by parseClock as the same time to the millisecond', () => {
    for (const time of [0, 0.001, 1.5, 83.5, 91, 3723.456, 86399.999]) {
      expect(parseClock(formatDecimal(time))).toBeCloseTo(time, 3)
    }
  })
})

describe('clampTime', () => {
  const duration = seconds(120)

  it('keeps a time inside [0, duration]', () => {
    expect(clampTime(0, duration)).toBe(0)
    expect(clampTime(83.5, duration)).toBe(83.5)
    expect(clampTime(120, duration)).toBe(120)
  })

  it('clamps below zero to zero', () => {
    expect(clampTime(-0.001, duration)).toBe(0)
    expect(clampTime(-500, duration)).toBe(0)
    expect(clampTime(-Infinity, duration)).toBe(0)
  })

  it('clamps beyond the duration to the duration', () => {
    expect(clampTime(120.001, duration)).toBe(120)
    expect(clampTime(1e9, duration)).toBe(120)
  })

  it('treats NaN as zero', () => {
    expect(clampTime(Number.NaN, duration)).toBe(0)
  })

  it('clamps everything to zero while the duration is unknown (0)', () => {
    expect(clampTime(10, seconds(0))).toBe(0)
  })
})

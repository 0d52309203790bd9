import { formatDecimal, parseClock } from './time'
import type { Seconds } from './types'

/** A time or a range on the media timeline, as named by a temporal media fragment. */
export interface TimeRange {
  readonly start: Seconds
  /** Absent for a single point in time. */
  readonly end?: Seconds
}

/**
 * Parses the value of a W3C Media Fragments temporal dimension (`t=`): `83.5`, `83.5,91`,
 * `npt:00:01:23.5,00:01:31`, `,91` (from the start). Returns null when the value is malformed
 * or the range is empty or reversed, so a bad link opens the call without moving the playhead.
 */
export function parseTemporalFragment(value: string): TimeRange | null {
  const body = value.trim().replace(/^npt:/, '')
  if (body === '') return null
  const parts = body.split(',')
  if (parts.length > 2) return null
  const [startText = '', endText] = parts
  const start =
    startText === '' ? (endText === undefined ? null : parseClock('0')) : parseClock(startText)
  if (start === null) return null
  if (endText === undefined) return { start }
  const end = parseClock(endText)
  if (end === null || end <= start) return null
  return { start, end }
}

/** Formats a time or range for a `t=` parameter, in decimal seconds. */
export function formatTemporalFragment(range: TimeRange): string {
  const start = formatDecimal(range.start)
  return range.end === undefined ? start : `${start},${formatDecimal(range.end)}`
}

import { seconds, type Seconds } from './types'

const CLOCK = /^(?:(\d+):)?([0-5]\d):([0-5]\d(?:\.\d*)?)$/
const PLAIN = /^\d+(?:\.\d*)?$|^\.\d+$/

/**
 * Parses a clock or plain time: `83.5`, `01:23.5`, `00:01:23.5`, `1:00:00`. Returns null for
 * anything else (negative, minutes or seconds over 59, stray characters, non-finite).
 */
export function parseClock(text: string): Seconds | null {
  const value = text.trim()
  if (PLAIN.test(value)) {
    const n = Number(value)
    return Number.isFinite(n) ? seconds(n) : null
  }
  const match = CLOCK.exec(value)
  if (!match) return null
  const [, h, m, s] = match
  const total = Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s)
  return Number.isFinite(total) ? seconds(total) : null
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

/** `mm:ss` under an hour, `h:mm:ss` from an hour on; whole seconds, rounded down. */
export function formatClock(time: Seconds | number): string {
  const total = Math.max(0, Math.floor(Number.isFinite(time) ? time : 0))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`
}

/** `hh:mm:ss.s`, the citation form: always hours, tenths of a second (rounded down). */
export function formatPrecise(time: Seconds | number): string {
  const tenths = Math.max(0, Math.floor((Number.isFinite(time) ? time : 0) * 10 + 1e-6))
  const whole = Math.floor(tenths / 10)
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const s = whole % 60
  return `${pad(h)}:${pad(m)}:${pad(s)}.${tenths % 10}`
}

/** A compact decimal form for URLs: at most three decimals, no trailing zeros. */
export function formatDecimal(time: Seconds | number): string {
  return String(Math.round(time * 1000) / 1000)
}

/** Clamps a time into `[0, duration]`. */
export function clampTime(time: number, duration: Seconds): Seconds {
  if (Number.isNaN(time) || time < 0) return seconds(0)
  return seconds(Math.min(time, duration))
}

import { finishSegments, type RawSegment } from './finish-segments'
import { MAX_NAME_LENGTH, SPEAKER_NAME, splitSpeakerPrefix } from './speaker-prefix'
import { TranscriptParseError, type ParsedTranscript, type ParseWarning } from './types'

/*
 * Plain text with time stamps: `[hh:mm:ss] text`, `[mm:ss]`, `(hh:mm:ss)`, `[hh:mm:ss.s]`, bare
 * `0:01:23 text` (oTranscribe's text export, YouTube copies), `Speaker (00:01:23):` (Rev) and
 * `Speaker  0:05` on a line of its own (Otter). A stamp starts a segment; lines without one
 * continue it. Only starts are given: each segment ends where the next begins.
 */

// Full-width lookalikes (`［`, `：`) come from East Asian input methods.
const CLOCK = String.raw`(\d{1,3})[:：](\d{1,2})(?:[:：](\d{1,2}))?(?:[.,](\d{1,3}))?`
const OPEN = '[\\[［(（]'
const CLOSE = '[\\]］)）]'
const AFTER_STAMP = String.raw`\s*(?:[-–—|]\s+)?`

const BRACKETED_START = new RegExp(`^\\s*${OPEN}\\s*${CLOCK}\\s*${CLOSE}${AFTER_STAMP}`, 'u')
const BARE_START = new RegExp(`^\\s*${CLOCK}(?=\\s|$)${AFTER_STAMP}`, 'u')
const SPEAKER_THEN_STAMP = new RegExp(
  `^\\s*(${SPEAKER_NAME})\\s*[(（]\\s*${CLOCK}\\s*[)）]\\s*:?\\s*`,
  'u',
)
const SPEAKER_STAMP_LINE = new RegExp(`^\\s*(${SPEAKER_NAME})[ \\t]+${CLOCK}\\s*$`, 'u')
const INLINE_STAMP = new RegExp(`${OPEN}\\s*${CLOCK}\\s*${CLOSE}`, 'gu')
const HAS_INLINE_STAMP = new RegExp(INLINE_STAMP.source, 'u')

interface Stamp {
  readonly time: number
  readonly speaker?: string
  /** The rest of the line after the stamp. */
  readonly rest: string
}

interface Draft {
  readonly start: number
  readonly line: number
  speaker: string | undefined
  readonly parts: string[]
  speakerChecked: boolean
}

/** Parses text with `[hh:mm:ss]`-style stamps (and `Speaker:` prefixes) into segments; text without any stamp is rejected. */
export function parsePlainText(text: string): ParsedTranscript {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  const warnings: ParseWarning[] = []
  const drafts: Draft[] = []
  const preamble: string[] = []
  let current: Draft | undefined
  let backwardsLine: number | undefined

  const begin = (time: number, line: number, speaker?: string) => {
    if (current !== undefined && time < current.start && backwardsLine === undefined)
      backwardsLine = line
    current = { start: time, line, speaker, parts: [], speakerChecked: speaker !== undefined }
    drafts.push(current)
  }
  const append = (fragment: string) => {
    let value = fragment.trim()
    if (value === '') return
    if (current === undefined) {
      preamble.push(value)
      return
    }
    if (!current.speakerChecked) {
      current.speakerChecked = true
      const prefix = splitSpeakerPrefix(value)
      if (prefix !== undefined) {
        current.speaker = prefix.speaker
        value = prefix.rest
      }
    }
    if (value !== '') current.parts.push(value)
  }

  lines.forEach((line, index) => {
    const lineNumber = index + 1
    let rest = line
    const stamp = readLineStamp(line)
    if (stamp !== undefined) {
      begin(stamp.time, lineNumber, stamp.speaker)
      rest = stamp.rest
    }
    // Stamps inside a line (only bracketed ones: a bare `10:30` in prose is a clock time) split it.
    let from = 0
    for (const match of rest.matchAll(INLINE_STAMP)) {
      const time = clockSeconds(match.slice(1))
      if (time === undefined) continue
      append(rest.slice(from, match.index))
      begin(time, lineNumber)
      from = match.index + match[0].length
    }
    append(rest.slice(from))
  })

  if (drafts.length === 0) {
    throw new TranscriptParseError(
      'No timestamps found: this is a transcript without times (lines need stamps such as [00:01:23]).',
    )
  }
  const raw: RawSegment[] = drafts.map((draft) => ({
    start: draft.start,
    text: draft.parts.join(' '),
    speaker: draft.speaker,
  }))
  if (preamble.length > 0) {
    raw.unshift({ start: 0, text: preamble.join(' ') })
    warnings.push({ line: 1, message: 'The text before the first timestamp was placed at 0:00.' })
  }
  if (backwardsLine !== undefined) {
    warnings.push({
      line: backwardsLine,
      message: 'A timestamp goes back in time; the segments were sorted by time.',
    })
  }
  const segments = finishSegments(raw, warnings)
  if (segments.length === 0)
    throw new TranscriptParseError('The timestamps have no text after them.')
  return { format: 'plain-text', segments, warnings }
}

/** How much `text` looks like a transcript with line-start time stamps (0..1); low by design, as it is the fallback format. */
export function looksLikePlainText(text: string, fileName?: string): number {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/, 2000)
    .filter((line) => line.trim() !== '')
    .slice(0, 400)
  if (lines.length === 0 || lines.some((line) => line.includes('-->'))) return 0
  const stamped = lines.filter((line) => readLineStamp(line) !== undefined).length
  let score: number
  if (stamped > 0) score = 0.35 + (0.4 * stamped) / lines.length
  else if (lines.some((line) => HAS_INLINE_STAMP.test(line))) score = 0.25
  else return 0
  if (fileName !== undefined && /\.(txt|text|md)$/i.test(fileName)) score += 0.05
  return Math.min(1, score)
}

function readLineStamp(line: string): Stamp | undefined {
  for (const pattern of [BRACKETED_START, BARE_START]) {
    const match = pattern.exec(line)
    const time = match ? clockSeconds(match.slice(1)) : undefined
    if (match && time !== undefined) return { time, rest: line.slice(match[0].length) }
  }
  for (const pattern of [SPEAKER_THEN_STAMP, SPEAKER_STAMP_LINE]) {
    const match = pattern.exec(line)
    const time = match ? clockSeconds(match.slice(2)) : undefined
    const speaker = match?.[1]
    if (match && time !== undefined && speaker !== undefined && speaker.length <= MAX_NAME_LENGTH) {
      return { time, speaker, rest: line.slice(match[0].length) }
    }
  }
  return undefined
}

/** `[h, m, s, fraction]` or `[m, s, undefined, fraction]` from the CLOCK groups; a two-part stamp is minutes and seconds. */
function clockSeconds(groups: readonly (string | undefined)[]): number | undefined {
  const [first, second, third, fraction] = groups
  if (first === undefined || second === undefined) return undefined
  const decimals = fraction === undefined ? 0 : Number(`0.${fraction}`)
  if (third === undefined) {
    const seconds = Number(second)
    return seconds > 59 ? undefined : Number(first) * 60 + seconds + decimals
  }
  const minutes = Number(second)
  const seconds = Number(third)
  if (minutes > 59 || seconds > 59) return undefined
  return Number(first) * 3600 + minutes * 60 + seconds + decimals
}

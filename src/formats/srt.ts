import { finishSegments, type RawSegment } from './finish-segments'
import { splitSpeakerPrefix } from './speaker-prefix'
import { TranscriptParseError, type ParsedTranscript } from './types'
import { collapseSpaces, decodeHtmlEntities, RepairLog } from './webvtt'

/*
 * SRT has no specification; this reader accepts what real files contain (see shared/formats.md and
 * shared/corpus/srt): `,` `.` `:` or full-width separators before a fraction of any length, read
 * as a decimal (`,04` is 40 ms); a missing fraction; one-digit fields; missing, negative or
 * non-numeric indexes; coordinates or junk after the end time (ignored); CR, LF or CRLF endings.
 */
const TIME = String.raw`(?:(\d+)[:：])?(\d{1,2})[:：](\d{1,2})(?:[,.:，．。](\d+))?`
const TIMING = new RegExp(String.raw`^\s*${TIME}\s*-->\s*${TIME}(?:\s+.*)?$`)
const INDEX = /^\s*-?\d+\.?\s*$/
/** A timing line gone wrong: it has the arrow, or it starts with a clock time. */
const TIMING_LIKE = /-->|^\s*\d{1,2}[:：]\d{1,2}[:：]\d{1,2}/

interface Timing {
  readonly start: number
  readonly end: number
  /** A fraction of one or two digits was read as a decimal. */
  readonly shortFraction: boolean
}

function toSeconds(
  hours: string | undefined,
  minutes: string | undefined,
  secs: string | undefined,
  fraction: string | undefined,
): number {
  const ms = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0
  const whole = (Number(hours ?? 0) * 60 + Number(minutes)) * 60 + Number(secs)
  // Whole milliseconds divided once, so that exporting rounds back to the same millisecond.
  return (whole * 1000 + ms) / 1000
}

function readTiming(line: string | undefined): Timing | null {
  if (line === undefined) return null
  const match = TIMING.exec(line.startsWith('\uFEFF') ? line.slice(1) : line)
  if (!match) return null
  const [, h1, m1, s1, f1, h2, m2, s2, f2] = match
  const short = (fraction: string | undefined) => fraction !== undefined && fraction.length < 3
  return {
    start: toSeconds(h1, m1, s1, f1),
    end: toSeconds(h2, m2, s2, f2),
    shortFraction: short(f1) || short(f2),
  }
}

const isBlank = (line: string | undefined): boolean => line === undefined || line.trim() === ''
const isIndex = (line: string): boolean => INDEX.test(line.replace(/^\uFEFF/, ''))

// Formatting tags are dropped; an unknown `<tag>` is kept as text, because in a transcript it may
// be words (`<laughs>`), and an evidence player must not hide words.
const BR_TAG = /<br\s*\/?>/gi
const FORMAT_TAG = /<\/?(?:i|b|u|s|font|v|c|span|ruby|rt|rp|lang)(?=[\s.>/])[^<>]*>/gi
const KARAOKE_TAG = /<\d{1,2}(?::\d{1,2}){1,2}[.,]\d{1,3}>/g
const VOICE_TAG = /<v(?:\.[^\s>]*)?[ \t]+([^>]*)>/i
const ASS_TAG = /\{\\[^{}]*\}/g
const MICRODVD_TAG = /\{[A-Za-z]:[^{}]*\}/g

/** A dialogue dash (`- A: …`) before the name of a cue's first speaker goes with the name. */
const DIALOGUE_DASH = /^[-–—][ \t]*/

/** Trims spaces and tabs (not hard spaces: `\h` and `&nbsp;` are meant to stay) and drops empty lines. */
const tidyLines = (text: string): string =>
  text
    .split('\n')
    .map((line) => line.replace(/^[ \t]+|[ \t]+$/g, ''))
    .filter((line) => line !== '')
    .join('\n')

/**
 * Splits the speaker off a cue's markup-free text (references not yet decoded, so that an escaped
 * `&#58;` is a colon of the text, as escapeSrtText writes it), by the plain-text importer's rule.
 * A cue often holds two speakers (`- A: …` then `- B: …`); the first names the cue's speaker and
 * later lines keep theirs as text, so no words move to another speaker. A cue that is nothing but
 * a name keeps it as text rather than be left out as empty.
 */
function splitCueSpeaker(text: string): { speaker: string; rest: string } | undefined {
  const prefix = splitSpeakerPrefix(text.replace(DIALOGUE_DASH, ''))
  return prefix === undefined || prefix.rest.trim() === '' ? undefined : prefix
}

/** Reads the text of one cue: markup removed, references decoded, no blank or padded lines. */
function readCueText(lines: readonly string[]): { text: string; speaker?: string } {
  const joined = lines.join('\n')
  const voice = VOICE_TAG.exec(joined)?.[1]
  const markupFree = tidyLines(
    joined
      .replace(BR_TAG, '\n')
      .replace(FORMAT_TAG, '')
      .replace(KARAOKE_TAG, '')
      .replace(ASS_TAG, '')
      .replace(MICRODVD_TAG, '')
      .replace(/\\N/g, '\n')
      .replace(/\\h/g, '\u00A0'),
  )
  // A `<v Name>` tag says who speaks; only without one is a `Name:` prefix read.
  const prefix = voice === undefined ? splitCueSpeaker(markupFree) : undefined
  const speaker = collapseSpaces(decodeHtmlEntities(voice ?? prefix?.speaker ?? ''))
  const text = tidyLines(decodeHtmlEntities(prefix?.rest ?? markupFree))
  return speaker === '' ? { text } : { text, speaker }
}

const quote = (line: string): string =>
  `"${line.trim().length > 60 ? `${line.trim().slice(0, 60)}…` : line.trim()}"`

/**
 * Reads a SubRip file into segments. Tolerant of everything in the SRT corpus; a blank line
 * followed by anything but `[index] + timing` continues the cue. A cue's speaker comes from a
 * `<v Name>` tag or, as in stamped plain text, from a `Name:` prefix (after a dialogue dash, if
 * any). Throws TranscriptParseError when no timing line can be read at all.
 */
export function parseSrt(input: string): ParsedTranscript {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input
  const lines = text.split(/\r\n|\r|\n/)
  const log = new RepairLog()
  const cues: { line: number; timing: Timing; text: string[] }[] = []
  let current: (typeof cues)[number] | undefined
  let afterBlank = true
  let firstBadLine: number | undefined

  const open = (index: number, timing: Timing) => {
    current = { line: index + 1, timing, text: [] }
    cues.push(current)
    afterBlank = false
    if (timing.shortFraction) {
      log.add('timestamps with a short fraction', {
        line: index + 1,
        message: `${quote(lines[index] ?? '')} has a fraction of fewer than 3 digits; it was read as a decimal (",04" = 40 ms).`,
      })
    }
  }
  /** Where a cue starts at line i: its timing line alone, or an identifier then the timing line. */
  const cueStartAt = (i: number, identifierAllowed: boolean): number | undefined => {
    const line = lines[i] ?? ''
    if (readTiming(line)) return i
    if ((identifierAllowed || isIndex(line)) && readTiming(lines[i + 1])) return i + 1
    return undefined
  }
  /** Skips a broken block: up to a blank line or to the next line that starts a cue. */
  const skipBlock = (from: number): number => {
    let i = from + 1
    while (i < lines.length && !isBlank(lines[i]) && cueStartAt(i, false) === undefined) i++
    current = undefined
    return i
  }

  let ignoring = false
  let i = 0
  while (i < lines.length) {
    const line = lines[i] ?? ''
    if (isBlank(line)) {
      afterBlank = true
      ignoring = false
      i++
      continue
    }
    const timingIndex = cueStartAt(i, afterBlank)
    if (timingIndex !== undefined) {
      const timing = readTiming(lines[timingIndex])
      if (timing) open(timingIndex, timing)
      ignoring = false
      i = timingIndex + 1
      continue
    }
    const next = lines[i + 1] ?? ''
    // Inside a cue only the arrow marks a broken timing line: cue text may start with a clock time.
    const badTiming =
      line.includes('-->') || (afterBlank && TIMING_LIKE.test(line))
        ? i
        : (afterBlank && TIMING_LIKE.test(next)) || (isIndex(line) && next.includes('-->'))
          ? i + 1
          : undefined
    if (badTiming !== undefined) {
      firstBadLine ??= badTiming + 1
      log.add('blocks skipped', {
        line: badTiming + 1,
        message: `Skipped a block: ${quote(lines[badTiming] ?? '')} is not a timing line ("00:00:01,000 --> 00:00:02,000").`,
      })
      i = skipBlock(i)
      afterBlank = false
      continue
    }
    if (!current) {
      if (!ignoring) {
        log.add('text outside cues', {
          line: i + 1,
          message: `Ignored text outside any cue: ${quote(line)}.`,
        })
      }
      ignoring = true
      afterBlank = false
      i++
      continue
    }
    if (afterBlank && current.text.length > 0) {
      log.add('blank lines inside cues', {
        line: i,
        message:
          'A blank line inside a cue was not followed by a new cue, so the cue goes on after it.',
      })
    }
    current.text.push(line)
    afterBlank = false
    i++
  }

  if (cues.length === 0) {
    const firstLine = lines.findIndex((line) => !isBlank(line))
    if (firstLine === -1) throw new TranscriptParseError('The file is empty.')
    const line = firstBadLine ?? firstLine + 1
    throw new TranscriptParseError(
      `Not an SRT file: no timing line like "00:00:01,000 --> 00:00:02,000" was found; this line is not one: ${quote(lines[line - 1] ?? '')}.`,
      line,
    )
  }

  const raw: RawSegment[] = cues.map((cue) => {
    const { text: cueText, speaker } = readCueText(cue.text)
    if (cueText === '') {
      log.add('cues without text', {
        line: cue.line,
        message: 'A cue has no text; it was left out.',
      })
    }
    let end: number | undefined = cue.timing.end
    if (end < cue.timing.start) {
      log.add('cues ending before they start', {
        line: cue.line,
        message:
          'The cue ends before it starts; it now ends where the next cue starts (or where it starts, if it is the last).',
      })
      end = undefined
    }
    return { start: cue.timing.start, end, text: cueText, speaker }
  })
  const warnings = log.finish()
  return { format: 'srt', segments: finishSegments(raw, warnings), warnings }
}

/**
 * Escapes a line so that `parseSrt` reads it back unchanged: only where it would be read as markup
 * (a tag, a character reference, an ASS tag, `\N` or `\h`, an arrow, or the colon of a `Name:`
 * that would become the speaker), so that other players show ordinary text as it is. Only a
 * cue's first line can name its speaker, but every line that could is escaped: this one does not
 * know where the line goes.
 */
export function escapeSrtText(text: string): string {
  const escaped = text
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/<(?=[A-Za-z0-9/])/g, '&lt;')
    .replace(/\{(?=\\|[A-Za-z]:)/g, '&#123;')
    .replace(/\\(?=[Nh])/g, '&#92;')
    .replace(/-->/g, '--&gt;')
  const dash = DIALOGUE_DASH.exec(escaped)?.[0] ?? ''
  const prefix = splitSpeakerPrefix(escaped.slice(dash.length))
  if (prefix === undefined) return escaped
  const name = dash + prefix.speaker
  return `${name}&#58;${escaped.slice(name.length + 1)}`
}

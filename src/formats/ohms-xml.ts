import { XMLParser } from 'fast-xml-parser'
import { finishSegments, type RawSegment } from './finish-segments'
import { readDeclaredLanguage } from './language-tag'
import { TranscriptParseError, type ParsedTranscript, type ParseWarning } from './types'
import { parseWebVtt } from './webvtt'
import { decodeXml, isNode, list, readXml } from './xml-text'

/*
 * OHMS XML (Oral History Metadata Synchronizer), shared/corpus/ohms/README.md. Two flavours:
 * v6 embeds a WebVTT file in <vtt_transcript>; legacy v5 has a plain <transcript> and a <sync>
 * string of minute marks (`1:|13(3)|19(14)|…`: the k-th mark says minute k·M falls at line 13,
 * word 3). Legacy times between marks are interpolated from the word positions.
 */

interface Anchor {
  /** Index of the word in the whole transcript, from 0. */
  readonly word: number
  readonly time: number
}

interface TranscriptWord {
  readonly text: string
  /** Starts a paragraph: first word after a blank line or of a speaker's turn. */
  readonly opensParagraph: boolean
  readonly speaker: string | undefined
  /** Part of the `NAME:` label that opened the turn, not spoken text. */
  readonly isLabel: boolean
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Entities are decoded below, once: the parser leaves numeric references undecoded.
  processEntities: false,
  // CDATA is literal text: it must not go through entity decoding.
  cdataPropName: '#cdata',
})

/** OHMS speaker labels are capitals at the start of a line: `BROCK:`, `MR. SMITH:`. */
const SPEAKER_LABEL = /^\s*(\p{Lu}[\p{Lu}\p{M}\d.'’\- ]{0,39}?):(?=\s|$)/u
const ONE_HOUR = 3600

/** Parses an OHMS XML export: the v6 embedded WebVTT, or the legacy transcript timed by its minute marks; the record title becomes the title. */
export function parseOhmsXml(text: string): ParsedTranscript {
  // Checked before the XML is read: any other XML file gets the clearer message, and quickly.
  if (/^\s*</.test(text.replace(/^\uFEFF/, '')) && !/<(?:[\w.-]+:)?ROOT[\s>]/.test(text)) {
    throw new TranscriptParseError('Not an OHMS file: the XML has no <ROOT><record>.')
  }
  const root = readXml(text, parser, 'OHMS')
  const ohms = root.ROOT
  const record = list(isNode(ohms) ? ohms.record : undefined).find(isNode)
  if (record === undefined) {
    throw new TranscriptParseError('Not an OHMS file: the XML has no <ROOT><record>.')
  }
  const title = stripTags(textOf(record.title))
  const languageWarnings: ParseWarning[] = []
  const language = readDeclaredLanguage(textOf(record.language), languageWarnings, {
    field: 'The <language> element',
  })
  const duration = readDuration(textOf(record.duration))
  const vtt = textOf(record.vtt_transcript)
  const transcript = textOf(record.transcript)
  let result: { segments: ReturnType<typeof finishSegments>; warnings: ParseWarning[] }
  if (vtt.trim() !== '') {
    result = readVttTranscript(vtt, duration, firstContentLine(text, 'vtt_transcript'))
  } else if (transcript.trim() !== '' && transcript.trim() !== 'No transcript.') {
    result = readLegacyTranscript(transcript, textOf(record.sync), duration)
  } else {
    throw new TranscriptParseError(
      'This OHMS file has no transcript (only index points), so there is no timed text to import.',
    )
  }
  if (result.segments.length === 0) {
    throw new TranscriptParseError('The OHMS transcript has no timed text.')
  }
  return {
    format: 'ohms-xml',
    segments: result.segments,
    warnings: [...languageWarnings, ...result.warnings],
    ...(language !== undefined ? { language } : {}),
    ...(title !== '' ? { title } : {}),
  }
}

/** How much `text` looks like an OHMS XML export (0..1). */
export function looksLikeOhmsXml(text: string, fileName?: string): number {
  const head = text.slice(0, 3000)
  let score = 0
  if (/<ROOT[\s>]/.test(head) && head.includes('nunncenter/ohms')) score = 0.95
  else if (
    /<ROOT[\s>]/.test(head) &&
    /<record[\s>]/.test(head) &&
    /<(sync|vtt_transcript)[\s>]/.test(text)
  ) {
    score = 0.8
  }
  if (score > 0 && fileName !== undefined && /\.xml$/i.test(fileName)) score += 0.05
  return Math.min(1, score)
}

/**
 * Reads the embedded WebVTT. `firstLine` is the line of the XML file where its text starts, so
 * that warnings name lines of the file the user chose, not of the embedded document.
 */
function readVttTranscript(
  vtt: string,
  duration: number | undefined,
  firstLine: number | undefined,
) {
  const trimmed = vtt.trimStart()
  // OHMS sometimes leaves out the signature that a WebVTT file must start with.
  const signed = /^\uFEFF?WEBVTT/.test(trimmed)
  const source = signed ? trimmed : `WEBVTT\n\n${trimmed}`
  const lineShift = firstLine === undefined ? undefined : firstLine - 1 - (signed ? 0 : 2)
  const toFileLine = (line: number | undefined) =>
    line === undefined || lineShift === undefined ? undefined : line + lineShift
  let parsed: ParsedTranscript
  try {
    parsed = parseWebVtt(source)
  } catch (error) {
    if (!(error instanceof TranscriptParseError)) throw error
    const message = error.message.replace(/^line \d+: /, '')
    throw new TranscriptParseError(
      `The WebVTT inside <vtt_transcript> cannot be read: ${message}`,
      toFileLine(error.line),
    )
  }
  const warnings = parsed.warnings.map(({ line, message }): ParseWarning => {
    const fileLine = toFileLine(line)
    return fileLine === undefined ? { message } : { line: fileLine, message }
  })
  const first = parsed.segments.reduce((min, s) => Math.min(min, s.start), Infinity)
  // Tape timecode often starts at 01:00:00; media files start at zero.
  const shift =
    first >= ONE_HOUR && first < ONE_HOUR + 60 && !(duration !== undefined && duration > first)
  if (shift) {
    warnings.push({
      message:
        'The cue times start at 01:00:00 (a tape timecode offset); one hour was taken off every time.',
    })
  }
  const offset = shift ? ONE_HOUR : 0
  let speaker: string | undefined
  const raw = parsed.segments.map((segment): RawSegment => {
    // A cue without a <v> tag continues the previous speaker's turn.
    speaker = segment.speaker ?? speaker
    return {
      start: segment.start - offset,
      end: segment.end > segment.start ? segment.end - offset : undefined,
      text: segment.text,
      speaker,
      words: segment.words?.map((word) => ({
        start: word.start - offset,
        end: word.end - offset,
        text: word.text,
      })),
    }
  })
  return { segments: finishSegments(raw, warnings), warnings }
}

function readLegacyTranscript(transcript: string, sync: string, duration: number | undefined) {
  const warnings: ParseWarning[] = []
  // Footnotes sit in a block of their own; references to them stay in the text as `[n]`.
  const body = transcript
    .replace(/\[\[footnotes\]\][\s\S]*?\[\[\/footnotes\]\]/g, '')
    .replace(/\[\[footnote\]\]([\s\S]*?)\[\[\/footnote\]\]/g, '[$1]')
  const lines = body.split('\n')
  const { words, lineStarts } = readWords(lines)
  const anchors = readAnchors(sync, lineStarts, warnings)
  const last = anchors[anchors.length - 1]
  if (last === undefined || last.word === 0) {
    throw new TranscriptParseError(
      'The OHMS transcript has no usable <sync> time marks, so its text cannot be placed in time.',
    )
  }
  // After the last mark: run to the recording's end if known, else keep the pace so far.
  if (words.length > last.word) {
    const end =
      duration !== undefined && duration > last.time
        ? duration
        : last.time + ((words.length - last.word) * last.time) / last.word
    anchors.push({ word: words.length, time: end })
  }
  warnings.push({
    message:
      'OHMS legacy sync marks one point per interval (usually a minute); the times in between were interpolated from the word count.',
  })
  const timeAt = interpolator(anchors)
  const marks = new Set(anchors.map((anchor) => anchor.word))
  const drafts: { start: number; words: string[]; speaker: string | undefined }[] = []
  words.forEach((word, i) => {
    let current = drafts[drafts.length - 1]
    // A paragraph starts a segment, and so does each mark: its time is known, not interpolated.
    if (current === undefined || word.opensParagraph || marks.has(i)) {
      current = { start: timeAt(i), words: [], speaker: word.speaker }
      drafts.push(current)
    }
    if (!word.isLabel) current.words.push(word.text)
  })
  const raw = drafts.map((draft): RawSegment => {
    const text = draft.words.join(' ')
    // An editorial note such as `[END OF INTERVIEW]` is nobody's speech.
    const note = /^\[[^\]]*\]$/.test(text)
    return { start: draft.start, text, speaker: note ? undefined : draft.speaker }
  })
  return { segments: finishSegments(raw, warnings, { lastEnd: timeAt(words.length) }), warnings }
}

function readWords(lines: readonly string[]) {
  const words: TranscriptWord[] = []
  const lineStarts: number[] = []
  let speaker: string | undefined
  let afterBreak = true
  for (const line of lines) {
    lineStarts.push(words.length)
    const tokens = line.split(/\s+/).filter((token) => token !== '')
    if (tokens.length === 0) {
      afterBreak = true
      continue
    }
    const label = SPEAKER_LABEL.exec(line)
    const labelWords =
      label?.[1] === undefined ? 0 : `${label[1]}:`.split(/\s+/).filter(Boolean).length
    if (label?.[1] !== undefined) speaker = label[1].trim()
    tokens.forEach((text, i) => {
      words.push({
        text,
        opensParagraph: i === 0 && (afterBreak || labelWords > 0),
        speaker,
        isLabel: i < labelWords,
      })
    })
    afterBreak = false
  }
  lineStarts.push(words.length)
  return { words, lineStarts }
}

function readAnchors(
  sync: string,
  lineStarts: readonly number[],
  warnings: ParseWarning[],
): Anchor[] {
  const anchors: Anchor[] = [{ word: 0, time: 0 }]
  const match = /^\s*(\d+)\s*:([\s\S]*)$/.exec(sync)
  const minutes = Number(match?.[1] ?? 0)
  if (!match || minutes <= 0) return anchors
  const entries = (match[2] ?? '').split('|')
  const marks: { index: number; line: number; word: number }[] = []
  entries.forEach((entry, index) => {
    const mark = /^\s*(\d+)\((\d+)\)\s*$/.exec(entry)
    if (index > 0 && mark) marks.push({ index, line: Number(mark[1]), word: Number(mark[2]) })
  })
  // Marks on neighbouring words of one line are double-click artefacts (as in the OHMS viewer):
  // none of them can be trusted.
  const marked = new Set(marks.map((mark) => `${mark.line}(${mark.word})`))
  const kept = marks.filter(
    (mark) =>
      !marked.has(`${mark.line}(${mark.word - 1})`) &&
      !marked.has(`${mark.line}(${mark.word + 1})`),
  )
  let dropped = marks.length - kept.length
  if (dropped > 0) {
    warnings.push({
      message: `${dropped} sync mark(s) on neighbouring words were ignored (double-click artefacts).`,
    })
  }
  dropped = 0
  for (const mark of kept) {
    const lineStart = lineStarts[mark.line - 1]
    const nextLineStart = lineStarts[mark.line]
    if (mark.line < 1 || mark.word < 1 || lineStart === undefined || nextLineStart === undefined) {
      dropped++
      continue
    }
    const word = Math.min(lineStart + mark.word - 1, nextLineStart)
    const previous = anchors[anchors.length - 1]!
    if (word < previous.word) {
      dropped++
      continue
    }
    anchors.push({ word, time: mark.index * minutes * 60 })
  }
  if (dropped > 0) {
    warnings.push({
      message: `${dropped} sync mark(s) point outside the transcript or go backwards; they were ignored.`,
    })
  }
  return anchors
}

/** Time at a word index: linear between the anchors around it (the later one when two share a word). */
function interpolator(anchors: readonly Anchor[]) {
  return (word: number): number => {
    let lo = 0
    let hi = anchors.length - 1
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2)
      if (anchors[mid]!.word <= word) lo = mid
      else hi = mid - 1
    }
    const before = anchors[lo]!
    const after = anchors[lo + 1]
    if (after === undefined || after.word === before.word) return before.time
    return (
      before.time + ((word - before.word) * (after.time - before.time)) / (after.word - before.word)
    )
  }
}

function readDuration(value: string): number | undefined {
  const match = /^\s*(\d+):(\d{1,2}):(\d{1,2})\s*$/.exec(value)
  if (!match) return undefined
  const total = Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3])
  return total > 0 ? total : undefined
}

/** The 1-based line of the first non-blank character inside `<name>` (after a CDATA opener). */
function firstContentLine(xml: string, name: string): number | undefined {
  const open = new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>\\s*(?:<!\\[CDATA\\[\\s*)?`).exec(
    xml,
  )
  if (!open) return undefined
  const before = xml.slice(0, open.index + open[0].length)
  return (before.match(/\r\n|\r|\n/g)?.length ?? 0) + 1
}

/** An element's text: escaped text decoded, CDATA kept as written. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return decodeXml(value)
  if (Array.isArray(value)) return textOf(value[0])
  if (!isNode(value)) return ''
  const text = typeof value['#text'] === 'string' ? decodeXml(value['#text']) : ''
  const cdata = list(value['#cdata'])
    .filter((part): part is string => typeof part === 'string')
    .join('')
  return text + cdata
}

/** Titles may hold escaped HTML (`&lt;i&gt;`); only its text is kept. */
function stripTags(value: string): string {
  return decodeXml(value.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim()
}

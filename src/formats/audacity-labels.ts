import { finishSegments, type RawSegment } from './finish-segments'
import { TranscriptParseError, type ParsedTranscript, type ParseWarning } from './types'

const NUMBER = /^[-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][-+]?\d+)?$/
const LABEL_LINE = /^[ \t]*[-+]?[\d.,]+[ \t]*\t[ \t]*[-+]?[\d.,]+[ \t]*(?:\t|$)/
const SPACED_LINE = /^\s*(\S+)\s+(\S+)(?:\s+(.*))?$/
/** whisper's `.tsv` writer: the same columns with a header, in integer milliseconds. */
const WHISPER_TSV_HEADER = /^start\tend\ttext$/i

/** Parses an Audacity label track (`start<TAB>end<TAB>label`, seconds); point labels run to the next label, spectral-selection lines are skipped. */
export function parseAudacityLabels(text: string): ParsedTranscript {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  const warnings: ParseWarning[] = []
  const raw: RawSegment[] = []
  const badLines: number[] = []
  let divisor = 1
  let commaDecimals = false
  let seenContent = false
  lines.forEach((line, index) => {
    const lineNumber = index + 1
    if (line.trim() === '' || line.startsWith('\\')) return
    if (!seenContent && WHISPER_TSV_HEADER.test(line.trim())) {
      seenContent = true
      divisor = 1000
      warnings.push({
        line: lineNumber,
        message: 'Read as a Whisper .tsv file: times in milliseconds, converted to seconds.',
      })
      return
    }
    seenContent = true
    const fields = splitFields(line)
    const start = fields && readNumber(fields.start)
    const end = fields && readNumber(fields.end)
    if (!fields || start === undefined || end === undefined) {
      badLines.push(lineNumber)
      return
    }
    if (fields.start.includes(',') || fields.end.includes(',')) commaDecimals = true
    // A point label marks an instant; in a transcript it holds until the next label.
    const isPoint = start === end
    raw.push({
      start: start / divisor,
      end: isPoint ? undefined : end / divisor,
      text: fields.label.trim(),
    })
  })
  const firstBad = badLines[0]
  if (raw.length === 0 || badLines.length > raw.length) {
    throw new TranscriptParseError(
      'Not an Audacity label track: expected lines of "start<TAB>end<TAB>label" in seconds.',
      firstBad,
    )
  }
  if (firstBad !== undefined) {
    warnings.push({
      line: firstBad,
      message: `${badLines.length} line(s) are not labels and were skipped (the first is line ${firstBad}).`,
    })
  }
  if (commaDecimals) {
    warnings.push({ message: 'Times use a decimal comma (a locale setting); read as decimals.' })
  }
  const segments = finishSegments(raw, warnings)
  if (segments.length === 0) {
    throw new TranscriptParseError('The label track has no label with text.')
  }
  return { format: 'audacity-labels', segments, warnings }
}

/** How much `text` looks like an Audacity label track (0..1): tab-separated decimal times on every line. */
export function looksLikeAudacityLabels(text: string, fileName?: string): number {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/, 200)
    .filter((line) => line.trim() !== '')
    .slice(0, 50)
  const first = lines[0]
  if (first === undefined) return 0
  const body = WHISPER_TSV_HEADER.test(first.trim()) ? lines.slice(1) : lines
  const labels = body.filter((line) => !line.startsWith('\\'))
  if (labels.length === 0 || !labels.every((line) => LABEL_LINE.test(line))) return 0
  let score: number
  if (body !== lines) score = 0.6
  else if (labels.some((line) => /^[ \t]*[-+]?\d*[.,]\d/.test(line))) score = 0.9
  else score = 0.5
  if (fileName !== undefined && /\.(txt|aud|labels?)$/i.test(fileName)) score += 0.05
  return Math.min(1, score)
}

function splitFields(line: string) {
  if (line.includes('\t')) {
    const [start, end, ...label] = line.split('\t')
    if (start === undefined || end === undefined) return undefined
    return { start: start.trim(), end: end.trim(), label: label.join('\t') }
  }
  // Hand-edited files sometimes use spaces instead of tabs.
  const match = SPACED_LINE.exec(line)
  if (!match) return undefined
  return { start: match[1] ?? '', end: match[2] ?? '', label: match[3] ?? '' }
}

function readNumber(value: string): number | undefined {
  if (!NUMBER.test(value)) return undefined
  const number = Number(value.replace(',', '.'))
  return Number.isFinite(number) ? number : undefined
}

import { looksLikeAeneasJson, parseAeneasJson } from './aeneas-json'
import { looksLikeAudacityLabels, parseAudacityLabels } from './audacity-labels'
import { decodeText } from './decode-text'
import { looksLikeElanEaf, parseElanEaf } from './elan-eaf'
import { looksLikeOhmsXml, parseOhmsXml } from './ohms-xml'
import { looksLikeOtranscribe, parseOtranscribe } from './otranscribe'
import { looksLikePlainText, parsePlainText } from './plain-text'
import { looksLikePraatTextGrid, parsePraatTextGrid } from './praat-textgrid'
import { parseSrt } from './srt'
import { TranscriptParseError, type FormatId, type ParsedTranscript } from './types'
import { parseVerbatimJson } from './verbatim-json'
import { parseWebVtt } from './webvtt'
import { looksLikeWhisperJson, parseWhisperJson } from './whisper-json'

interface Format {
  readonly id: FormatId
  /** Confidence, 0..1, that the text is in this format; the extension is only a hint. */
  readonly looksLike: (text: string, fileName: string) => number
  readonly parse: (text: string) => ParsedTranscript
}

const hasExtension = (fileName: string, ...extensions: string[]) =>
  extensions.some((ext) => fileName.toLowerCase().endsWith(ext))

const SRT_TIMING = /^\s*\d+:\d{1,2}:\d{1,2}(?:[,.]\d+)?\s*-->\s*\d+:\d{1,2}:\d{1,2}/m

const FORMATS: readonly Format[] = [
  {
    id: 'webvtt',
    looksLike: (text, name) => (/^\s*WEBVTT/.test(text) ? 1 : hasExtension(name, '.vtt') ? 0.3 : 0),
    parse: parseWebVtt,
  },
  {
    id: 'verbatim-json',
    looksLike: (text) => (/"format"\s*:\s*"verbatim-transcript"/.test(text.slice(0, 2000)) ? 1 : 0),
    parse: parseVerbatimJson,
  },
  {
    id: 'srt',
    looksLike: (text, name) =>
      SRT_TIMING.test(text.slice(0, 20_000))
        ? hasExtension(name, '.srt')
          ? 0.9
          : 0.7
        : hasExtension(name, '.srt')
          ? 0.3
          : 0,
    parse: parseSrt,
  },
  { id: 'whisper-json', looksLike: looksLikeWhisperJson, parse: parseWhisperJson },
  { id: 'aeneas-json', looksLike: looksLikeAeneasJson, parse: parseAeneasJson },
  { id: 'otranscribe', looksLike: looksLikeOtranscribe, parse: parseOtranscribe },
  { id: 'ohms-xml', looksLike: looksLikeOhmsXml, parse: parseOhmsXml },
  { id: 'elan-eaf', looksLike: looksLikeElanEaf, parse: parseElanEaf },
  { id: 'praat-textgrid', looksLike: looksLikePraatTextGrid, parse: parsePraatTextGrid },
  { id: 'audacity-labels', looksLike: looksLikeAudacityLabels, parse: parseAudacityLabels },
  { id: 'plain-text', looksLike: looksLikePlainText, parse: parsePlainText },
]

const KNOWN =
  'WebVTT, SRT, Whisper JSON, oTranscribe, OHMS XML, Audacity labels, Praat TextGrid, ELAN, aeneas JSON, Verbatim JSON, or text with [hh:mm:ss] stamps'

/**
 * Reads a transcript file of any supported format: decodes its bytes (BOMs, UTF-16/32, legacy
 * encodings), recognises the format by content, and parses it. Throws TranscriptParseError, with
 * the line where it applies, when the file is no transcript or is broken beyond repair.
 */
export function importTranscript(bytes: Uint8Array, fileName: string): ParsedTranscript {
  const decoded = decodeText(bytes, fileName)
  const text = decoded.text
  if (text.trim() === '') throw new TranscriptParseError('the file is empty')
  const ranked = FORMATS.map((format) => ({ format, score: safeScore(format, text, fileName) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score)
  if (ranked.length === 0) {
    throw new TranscriptParseError(`not a transcript format Verbatim reads (${KNOWN})`)
  }
  let firstError: TranscriptParseError | undefined
  // The best guess's error is the one reported, but a close second gets its chance.
  for (const { format, score } of ranked) {
    if (firstError && score < 0.5) break
    try {
      const parsed = format.parse(text)
      if (parsed.segments.length === 0) {
        throw new TranscriptParseError('the file holds no timed text')
      }
      return { ...parsed, warnings: [...decoded.warnings, ...parsed.warnings] }
    } catch (error) {
      // A parser bug must read as an unreadable file, not crash the import.
      firstError ??=
        error instanceof TranscriptParseError
          ? error
          : new TranscriptParseError(`the file could not be read as ${format.id}`)
    }
  }
  throw firstError ?? new TranscriptParseError('the file could not be read')
}

function safeScore(format: Format, text: string, fileName: string): number {
  try {
    return format.looksLike(text, fileName)
  } catch {
    return 0
  }
}

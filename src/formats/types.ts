import type { Segment, TrackKind } from '../domain/types'

/** The transcript formats Verbatim reads. */
export type FormatId =
  | 'webvtt'
  | 'srt'
  | 'whisper-json'
  | 'otranscribe'
  | 'ohms-xml'
  | 'audacity-labels'
  | 'praat-textgrid'
  | 'elan-eaf'
  | 'aeneas-json'
  | 'plain-text'
  | 'verbatim-json'

/** Something a lenient parser repaired or skipped; shown to the user after import. */
export interface ParseWarning {
  /** 1-based line in the decoded text, when it applies. */
  readonly line?: number
  readonly message: string
}

/**
 * What every importer returns. Times are seconds (formats in milliseconds or centiseconds convert
 * here, at the edge). Segments are sorted by start; every segment has an end (a missing end is
 * filled from the next start, or from the start itself for the last one, by the dispatcher's
 * `finishSegments`). Word times are kept only where the source has them.
 */
export interface ParsedTranscript {
  readonly format: FormatId
  readonly segments: readonly Segment[]
  readonly warnings: readonly ParseWarning[]
  /** BCP 47 language, when the file says (Whisper's `language`, EAF's tier language…). */
  readonly language?: string
  /** A title or label the file carries (OHMS title, TextGrid tier name…). */
  readonly title?: string
  /** Whether the file says it is an original or a translation (Verbatim JSON does). */
  readonly kind?: TrackKind
}

/**
 * A file that cannot be read as a transcript. Every parser throws only this (never a TypeError
 * or a RangeError): the import dialog shows `message`, which names the line when it is known.
 */
export class TranscriptParseError extends Error {
  override name = 'TranscriptParseError'
  readonly line: number | undefined

  constructor(message: string, line?: number) {
    super(line === undefined ? message : `line ${line}: ${message}`)
    this.line = line
  }
}

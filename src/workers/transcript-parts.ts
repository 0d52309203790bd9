import { PART_WEIGHT, segmentParts } from '../domain/segment-parts'
import type { Segment } from '../domain/types'
import { TranscriptParseError, type ParsedTranscript, type ParseWarning } from '../formats/types'

/*
 * How a parsed transcript crosses from the transcript worker to the page. One message holding a
 * whole transcript would be structured-cloned, on arrival, in one main-thread task: 100,000 cues or
 * a few hundred thousand timed words take several hundred milliseconds. So the segments (and the
 * warnings) go in parts of bounded weight, each received in a task of its own, and the rest of the
 * transcript last (see domain/segment-parts.ts for the measure). The page's garbage collections of
 * the arriving objects remain (scavenges of 20–70 ms for a 25 MB Whisper JSON), which smaller parts
 * do not shorten. A parse error crosses as plain data and is made a TranscriptParseError again,
 * with its line, on the page.
 */

/** A parse error as plain data: the message without its "line N: " prefix, and the line. */
export interface TranscriptFailure {
  /** False for a fault that is not the file's (a bug in a parser, no memory left). */
  readonly parseError: boolean
  readonly message: string
  readonly line?: number
}

/** What the transcript worker posts while it reads one file, in this order. */
export type TranscriptMessage =
  | {
      readonly type: 'progress'
      /** Reading the file's bytes, then recognising and parsing them, then sending the parts. */
      readonly stage: 'reading' | 'parsing'
      /** 0..1 of the stage (parsing reports no fraction: 0). */
      readonly fraction: number
    }
  | {
      readonly type: 'part'
      readonly segments: readonly Segment[]
      readonly warnings: readonly ParseWarning[]
    }
  | {
      readonly type: 'done'
      readonly transcript: Omit<ParsedTranscript, 'segments' | 'warnings'>
      readonly segments: number
    }
  | { readonly type: 'error'; readonly failure: TranscriptFailure }

/** Posts `parsed` as parts of at most {@link PART_WEIGHT} objects, then its other fields. */
export function postParts(
  parsed: ParsedTranscript,
  post: (message: TranscriptMessage) => void,
): void {
  const { segments, warnings, ...transcript } = parsed
  for (const part of segmentParts(segments)) post({ type: 'part', segments: part, warnings: [] })
  for (let i = 0; i < warnings.length; i += PART_WEIGHT)
    post({ type: 'part', segments: [], warnings: warnings.slice(i, i + PART_WEIGHT) })
  post({ type: 'done', transcript, segments: segments.length })
}

/** Collects the parts the worker posts into the transcript it parsed. */
export class TranscriptParts {
  private readonly segments: Segment[] = []
  private readonly warnings: ParseWarning[] = []

  /** Takes one part. */
  add(part: Extract<TranscriptMessage, { type: 'part' }>): void {
    for (const segment of part.segments) this.segments.push(segment)
    for (const warning of part.warnings) this.warnings.push(warning)
  }

  /** The whole transcript, once `done` has come; throws if parts went missing. */
  finish(done: Extract<TranscriptMessage, { type: 'done' }>): ParsedTranscript {
    if (this.segments.length !== done.segments)
      throw new Error(`${done.segments} segments were sent but ${this.segments.length} arrived`)
    return { ...done.transcript, segments: this.segments, warnings: this.warnings }
  }
}

/** A thrown error as plain data that survives postMessage. */
export function failureOf(error: unknown): TranscriptFailure {
  if (error instanceof TranscriptParseError) {
    const prefix = error.line === undefined ? '' : `line ${error.line}: `
    const message = error.message.startsWith(prefix)
      ? error.message.slice(prefix.length)
      : error.message
    return error.line === undefined
      ? { parseError: true, message }
      : { parseError: true, message, line: error.line }
  }
  return { parseError: false, message: error instanceof Error ? error.message : String(error) }
}

/** The error a failure stands for: a TranscriptParseError with its line, or a plain Error. */
export function errorOf(failure: TranscriptFailure): Error {
  return failure.parseError
    ? new TranscriptParseError(failure.message, failure.line)
    : new Error(failure.message)
}

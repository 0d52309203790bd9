import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect } from 'vitest'
import { TranscriptParseError, type ParsedTranscript } from '../../../src/formats/types'
import { readCorpus } from '../../helpers/corpus'

/** Decodes file bytes as the import dialog would for these files: UTF-16 by its BOM, else UTF-8. */
export function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes)
  return new TextDecoder().decode(bytes)
}

/** A file of the shared corpus, decoded (UTF-16 by its BOM), as the import dialog would. */
export function corpusText(...parts: string[]): string {
  return decode(readCorpus(...parts))
}

/** A hand-written fixture from tests/fixtures/formats, decoded. */
export function readFixture(name: string): string {
  return decode(readFileSync(resolve('tests', 'fixtures', 'formats', name)))
}

export const AENEAS_MAPS = ['aeneas', 'aeneas', 'tests', 'res', 'syncmaps'] as const
export const OHMS_FILES = ['ohms', 'scihist_digicoll', 'spec', 'test_support', 'ohms_xml'] as const
export const WHISPER_EXPECTED = ['whisper', 'whisper-timestamped', 'tests', 'expected'] as const

/** A file of aeneas's Sonnet 1 sync maps (one alignment written in many formats), decoded. */
export const sonnet = (name: string) => corpusText(...AENEAS_MAPS, name)
/** A file of the OHMS test exports, decoded. */
export const ohms = (...parts: string[]) => corpusText(...OHMS_FILES, ...parts)
/** A file of whisper-timestamped's expected outputs, decoded. */
export const whisper = (...parts: string[]) => corpusText(...WHISPER_EXPECTED, ...parts)

/** The Sonnet 1 alignment as its JSON sync map has it: `[begin, end, lines joined by newlines]` a fragment. */
export function sonnetFragments(): [number, number, string][] {
  const map = JSON.parse(sonnet('sonnet001.json')) as {
    fragments: { begin: string; end: string; lines: string[] }[]
  }
  return map.fragments.map((f) => [Number(f.begin), Number(f.end), f.lines.join('\n')])
}

/** The TranscriptParseError that `run` throws; any other outcome fails the test. */
export function parseError(run: () => unknown): TranscriptParseError {
  try {
    run()
  } catch (error) {
    if (error instanceof TranscriptParseError) return error
    throw error
  }
  throw new Error('expected a TranscriptParseError')
}

/** Where a parser's golden output for `name` lives (plain text, one line per segment, reviewed by hand). */
export const goldenPath = (name: string) =>
  resolve('tests', 'unit', 'formats', 'golden', `${name}.txt`)

const ms = (time: number) => time.toFixed(3)

/**
 * A readable, diffable rendering of a parse result: metadata, warnings, then one line per segment
 * (and its words). `warnings: false` leaves them out, for results whose warnings another module
 * words (OHMS hands its embedded WebVTT to the WebVTT parser).
 */
export function renderGolden(parsed: ParsedTranscript, { warnings = true } = {}): string {
  const lines = [`format: ${parsed.format}`]
  if (parsed.language !== undefined) lines.push(`language: ${parsed.language}`)
  if (parsed.title !== undefined) lines.push(`title: ${parsed.title}`)
  if (warnings) lines.push('warnings:')
  for (const warning of warnings ? parsed.warnings : []) {
    lines.push(
      `  - ${warning.line === undefined ? '' : `[line ${warning.line}] `}${warning.message}`,
    )
  }
  lines.push('segments:')
  for (const segment of parsed.segments) {
    const speaker = segment.speaker === undefined ? '' : `[${segment.speaker}] `
    lines.push(
      `  ${segment.id} ${ms(segment.start)}–${ms(segment.end)} ${speaker}${JSON.stringify(segment.text)}`,
    )
    if (segment.words) {
      lines.push(
        `    ${segment.words.map((w) => `${w.text}@${ms(w.start)}–${ms(w.end)}`).join(' ')}`,
      )
    }
  }
  return `${lines.join('\n')}\n`
}

/** Checks a parse result against its golden file `name` (see {@link renderGolden}). */
export function expectGolden(
  parsed: ParsedTranscript,
  name: string,
  options: { warnings?: boolean } = {},
): Promise<void> {
  return expect(renderGolden(parsed, options)).toMatchFileSnapshot(goldenPath(name))
}

/** The invariants every parse result keeps, whatever the input. */
export function expectWellFormed(parsed: ParsedTranscript): void {
  let previous = -Infinity
  for (const segment of parsed.segments) {
    if (!Number.isFinite(segment.start) || !Number.isFinite(segment.end)) {
      throw new Error(`segment ${segment.id} has a time that is not finite`)
    }
    if (segment.start < 0 || segment.end < segment.start || segment.start < previous) {
      throw new Error(`segment ${segment.id} is out of order or ends before it starts`)
    }
    if (segment.text.trim() === '') throw new Error(`segment ${segment.id} has no text`)
    previous = segment.start
  }
}

import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect } from 'vitest'
import { TranscriptParseError, type ParsedTranscript } from '../../../src/formats/types'

/** Decodes file bytes as the import dialog would for these files: UTF-16 by its BOM, else UTF-8. */
export function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes)
  return new TextDecoder().decode(bytes)
}

/** A hand-written fixture from tests/fixtures/formats, decoded. */
export function readFixture(name: string): string {
  return decode(readFileSync(resolve('tests', 'fixtures', 'formats', name)))
}

/**
 * One short call, aligned by hand and written by us in every aligned format the importers read
 * (tests/fixtures/formats/alignment*): `[begin, end, lines]` a fragment. Every importer must read
 * the same fragments from its file, to the millisecond.
 */
export const ALIGNMENT: readonly (readonly [number, number, readonly string[]])[] = [
  [0, 2.4, ['Call recorded on the ninth of March.']],
  [2.4, 5.12, ['The caller asks', 'for the night desk,']],
  [5.12, 7.96, ["and the clerk's answer comes after a pause:"]],
  [7.96, 11.3, ['nobody here', 'by that name, sorry.']],
  [11.3, 14.04, ['Then the line clicks twice and goes quiet.']],
]

/** The alignment as `[start, end, text]` rows, a fragment's lines joined by `separator`. */
export const alignmentRows = (separator: ' ' | '\n') =>
  ALIGNMENT.map(([start, end, lines]) => [start, end, lines.join(separator)])

/** Rows of a parse result, to compare with {@link alignmentRows}. */
export const rowsOf = (parsed: ParsedTranscript) =>
  parsed.segments.map((s) => [s.start, s.end, s.text])

/** `text` encoded as UTF-16 (a byte order mark first, unless `bom` is false). */
export function encodeUtf16(text: string, littleEndian: boolean, bom = true): Uint8Array {
  const units = (bom ? '\uFEFF' : '') + text
  const bytes = new Uint8Array(units.length * 2)
  const view = new DataView(bytes.buffer)
  for (let i = 0; i < units.length; i++) view.setUint16(i * 2, units.charCodeAt(i), littleEndian)
  return bytes
}

/** `text` encoded as UTF-32 (a byte order mark first, unless `bom` is false). */
export function encodeUtf32(text: string, littleEndian: boolean, bom = true): Uint8Array {
  const codePoints = Array.from((bom ? '\uFEFF' : '') + text, (c) => c.codePointAt(0) ?? 0)
  const bytes = new Uint8Array(codePoints.length * 4)
  const view = new DataView(bytes.buffer)
  codePoints.forEach((code, i) => view.setUint32(i * 4, code, littleEndian))
  return bytes
}

/**
 * A file decoded by a fallback encoding (Windows-1252, GB18030) carries one warning naming the
 * file and the encoding; a file in a Unicode encoding carries none.
 */
export function expectEncodingWarnings(
  decoded: { encoding: string; warnings: readonly { message: string }[] },
  name: string,
): void {
  if (decoded.encoding === 'windows-1252' || decoded.encoding === 'gb18030') {
    expect(decoded.warnings).toHaveLength(1)
    expect(decoded.warnings[0]?.message).toMatch(
      decoded.encoding === 'gb18030' ? /GB18030.*GB2312/ : /Windows-1252/,
    )
    expect(decoded.warnings[0]?.message).toContain(name)
  } else {
    expect(decoded.warnings).toEqual([])
  }
}

/** The bytes of a fixture from tests/fixtures/formats, undecoded. */
export const readFixtureBytes = (name: string) =>
  new Uint8Array(readFileSync(resolve('tests', 'fixtures', 'formats', name)))

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
export const goldenPath = (name: string, folder = resolve('tests', 'unit', 'formats', 'golden')) =>
  resolve(folder, `${name}.txt`)

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
  options: { warnings?: boolean; folder?: string } = {},
): Promise<void> {
  return expect(renderGolden(parsed, options)).toMatchFileSnapshot(goldenPath(name, options.folder))
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

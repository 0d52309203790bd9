// @vitest-environment node
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { seconds } from '../../../src/domain/types'
import { decodeText } from '../../../src/formats/decode-text'
import { exportSrt, exportWebVtt } from '../../../src/formats/export'
import { parseSrt } from '../../../src/formats/srt'
import { TranscriptParseError } from '../../../src/formats/types'
import { parseVerbatimJson, serializeVerbatimJson } from '../../../src/formats/verbatim-json'
import { parseWebVtt } from '../../../src/formats/webvtt'
import { corpusPath } from '../../helpers/corpus'

/*
 * Thousands of random and mutated inputs per parser: corpus files with bytes and lines flipped,
 * inserted, deleted, duplicated and truncated, plus random text. A parser may reject an input,
 * but only with TranscriptParseError, and must finish each input in under 2 s (a hang bound, not a speed budget).
 */

/**
 * A bound that catches a hang or a blow-up (catastrophic backtracking, quadratic loops), not a
 * speed budget: CPU time on a loaded 2-core CI machine varies several-fold, so it is generous.
 */
const LIMIT_MS = 2000

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

const corpusBytes = [
  ...filesUnder(corpusPath('srt')),
  ...filesUnder(corpusPath('wpt-webvtt')),
  ...filesUnder(corpusPath('whisper')),
  ...filesUnder(corpusPath('aeneas')),
  ...filesUnder(corpusPath('ohms')),
]
  .filter((path) => /\.(srt|vtt|json|xml)$/.test(path))
  .map((path) => new Uint8Array(readFileSync(path)))

const SAMPLE = [
  {
    id: 's-1',
    start: seconds(0),
    end: seconds(1.5),
    speaker: 'Ana <&>',
    text: 'Hola & adiós',
    words: [
      { start: seconds(0), end: seconds(1), text: 'Hola' },
      { start: seconds(1), end: seconds(1.5), text: '& adiós' },
    ],
  },
  { id: 's-2', start: seconds(1.5), end: seconds(3), text: '你好\nsecond line' },
]
const generated = [
  exportWebVtt(SAMPLE),
  exportSrt(SAMPLE),
  serializeVerbatimJson({ language: 'es', label: 'x', kind: 'original', segments: SAMPLE }),
]

const corpusTexts = [
  ...corpusBytes.map((bytes) => decodeText(bytes, 'f').text).filter((t) => t.length < 120_000),
  ...generated,
]

/** Pieces of the formats' syntax, so that random text often gets past the first checks. */
const SYNTAX = fc.constantFrom(
  'WEBVTT',
  'WEBVTT\n\n',
  '-->',
  ' --> ',
  '00:00:01.000',
  '00:01,5',
  '1:2:3',
  '99999999999999999999:00:00.000',
  '\n',
  '\r',
  '\r\n',
  '\n\n',
  '<v ',
  '<v Bob>',
  '</v>',
  '<b>',
  '<00:00:02.000>',
  '<ruby><rt>',
  '&amp;',
  '&#x1F3A7;',
  '&#99999999;',
  '&',
  '{\\an8}',
  '\\N',
  'NOTE ',
  'STYLE\n',
  'REGION\n',
  '\uFEFF',
  '\0',
  '"segments": [',
  '{"start": 0, "end": 1, "text": "a"}',
  '{',
  '}',
  '[',
  ']',
  '"',
  ',',
)
const piece = fc.oneof(SYNTAX, fc.string({ unit: 'binary', maxLength: 6 }))

type Mutation =
  | { kind: 'replace' | 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate-line' | 'delete-line' | 'swap-lines'; at: number; other: number }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('replace' as const, 'insert' as const),
    at: fc.nat(),
    text: piece,
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constantFrom('duplicate-line' as const, 'delete-line' as const, 'swap-lines' as const),
    at: fc.nat(),
    other: fc.nat(),
  }),
)

function mutate(text: string, change: Mutation): string {
  const at = text.length === 0 ? 0 : change.at % (text.length + 1)
  switch (change.kind) {
    case 'replace':
      return text.slice(0, at) + change.text + text.slice(at + 1)
    case 'insert':
      return text.slice(0, at) + change.text + text.slice(at)
    case 'delete':
      return text.slice(0, at) + text.slice(at + change.length)
    case 'truncate':
      return text.slice(0, at)
    default: {
      const lines = text.split('\n')
      const i = change.at % lines.length
      const j = change.other % lines.length
      if (change.kind === 'duplicate-line') lines.splice(i, 0, lines[i] ?? '')
      else if (change.kind === 'delete-line') lines.splice(i, 1)
      else [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? '']
      return lines.join('\n')
    }
  }
}

const mutatedText = fc
  .tuple(fc.constantFrom(...corpusTexts), fc.array(mutation, { minLength: 1, maxLength: 8 }))
  .map(([base, changes]) => changes.reduce(mutate, base))

const randomText = fc.oneof(
  fc.array(piece, { maxLength: 60 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 300 }),
)

const anyText = fc.oneof(
  { weight: 3, arbitrary: mutatedText },
  { weight: 1, arbitrary: randomText },
)

type ByteMutation = { kind: 'flip' | 'insert' | 'delete' | 'truncate'; at: number; byte: number }

const mutatedBytes = fc
  .tuple(
    fc.constantFrom(...corpusBytes),
    fc.array(
      fc.record({
        kind: fc.constantFrom(
          'flip' as const,
          'insert' as const,
          'delete' as const,
          'truncate' as const,
        ),
        at: fc.nat(),
        byte: fc.integer({ min: 0, max: 255 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  )
  .map(([base, changes]) =>
    changes.reduce((bytes: Uint8Array, change: ByteMutation) => {
      const at = bytes.length === 0 ? 0 : change.at % bytes.length
      const copy = Array.from(bytes)
      if (change.kind === 'flip') copy[at] = change.byte
      else if (change.kind === 'insert') copy.splice(at, 0, change.byte)
      else if (change.kind === 'delete') copy.splice(at, 1)
      else copy.length = at
      return new Uint8Array(copy)
    }, base),
  )

const anyBytes = fc.oneof(
  { weight: 3, arbitrary: mutatedBytes },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }) },
)

/** Runs one input; true if it finished in time (measured twice before calling it slow). */
function survives(run: () => unknown): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    const started = performance.now()
    try {
      run()
    } catch (error) {
      if (!(error instanceof TranscriptParseError)) throw error
    }
    if (performance.now() - started < LIMIT_MS) return true
  }
  return false
}

const PARSERS = [
  ['parseWebVtt', parseWebVtt],
  ['parseSrt', parseSrt],
  ['parseVerbatimJson', parseVerbatimJson],
] as const

describe('fuzzing the parsers', () => {
  it('has a corpus to mutate', () => {
    expect(corpusTexts.length).toBeGreaterThan(100)
  })

  it.each(PARSERS)(
    '%s: mutated corpus files and random text',
    (_, parse) => {
      fc.assert(
        fc.property(anyText, (text) => {
          expect(survives(() => parse(text))).toBe(true)
        }),
        { numRuns: 1500 },
      )
    },
    20_000,
  )

  it('decodeText, then every parser: mutated corpus bytes and random bytes', () => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        let text = ''
        expect(survives(() => (text = decodeText(bytes, 'fuzz.srt').text))).toBe(true)
        for (const [, parse] of PARSERS) expect(survives(() => parse(text))).toBe(true)
      }),
      { numRuns: 1000 },
    )
  }, 20_000)

  const clock = (i: number) =>
    `${String(Math.floor(i / 3600)).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`

  it.each([
    ['10,000 nested tags', `WEBVTT\n\n00:00.000 --> 00:01.000\n${'<b>'.repeat(10_000)}deep`],
    ['200,000 nested tags', `WEBVTT\n\n00:00.000 --> 00:01.000\n${'<i>'.repeat(200_000)}deep`],
    ['10,000 unknown references', `WEBVTT\n\n00:00.000 --> 00:01.000\n${'&zz;'.repeat(10_000)}`],
    ['a 100,000-space timing line', `1\n00:00:01,000 ${' '.repeat(100_000)}x --> 00:00:02,000\nA`],
    ['20,000 junk lines', `WEBVTT\n\n${'junk\n'.repeat(20_000)}`],
    [
      '10,000 WebVTT cues',
      `WEBVTT\n\n${Array.from({ length: 10_000 }, (_, i) => `${clock(i)}.000 --> ${clock(i + 1)}.000\n<v A>x <${clock(i)}.500>y\n\n`).join('')}`,
    ],
    [
      '10,000 SRT cues',
      Array.from(
        { length: 10_000 },
        (_, i) => `${i + 1}\n${clock(i)},000 --> ${clock(i + 1)},000\n<i>x</i>\n\n`,
      ).join(''),
    ],
    ['a deeply nested JSON', '['.repeat(500_000)],
  ])('survives %s', (_, text) => {
    for (const [, parse] of PARSERS) {
      // Big inputs get a bigger budget: the bound here is "no blow-up", not the 2 s per input; wall time, so it is loose.
      const started = performance.now()
      try {
        parse(text)
      } catch (error) {
        expect(error).toBeInstanceOf(TranscriptParseError)
      }
      expect(performance.now() - started).toBeLessThan(10_000)
    }
  })

  it('still reads the text of a cue whose tags are nested too deep for the spec parser', () => {
    const parsed = parseWebVtt(
      `WEBVTT\n\n00:00.000 --> 00:01.000\n${'<i>'.repeat(200_000)}deep &amp; down`,
    )
    expect(parsed.segments[0]?.text).toBe('deep & down')
  })
})

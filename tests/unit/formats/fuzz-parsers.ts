import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { seconds } from '../../../src/domain/types'
import { decodeText } from '../../../src/formats/decode-text'
import { exportSrt, exportWebVtt } from '../../../src/formats/export'
import { parseSrt } from '../../../src/formats/srt'
import { TranscriptParseError } from '../../../src/formats/types'
import { parseVerbatimJson, serializeVerbatimJson } from '../../../src/formats/verbatim-json'
import { parseWebVtt } from '../../../src/formats/webvtt'

/*
 * Thousands of random and mutated inputs per parser: seed files with bytes and lines flipped,
 * inserted, deleted, duplicated and truncated, plus random text. A parser may reject an input,
 * but only with TranscriptParseError, and must finish each input in under 2 s (a hang bound, not
 * a speed budget). Shared by the fuzz test on the project's fixtures (tests/unit) and its twin on
 * the shared corpus (tests/corpus/unit): the same parsers and mutations, different seeds.
 */

/**
 * A bound that catches a hang or a blow-up (catastrophic backtracking, quadratic loops), not a
 * speed budget: CPU time on a loaded 2-core CI machine varies several-fold, so it is generous.
 */
const LIMIT_MS = 2000

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
/** Files the parsers write themselves, seeds whatever else is given. */
const generated = [
  exportWebVtt(SAMPLE),
  exportSrt(SAMPLE),
  serializeVerbatimJson({ language: 'es', label: 'x', kind: 'original', segments: SAMPLE }),
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

/** Runs one input; true if it finished in time (measured twice before calling it slow). */
export function survives(run: () => unknown): boolean {
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

export const PARSERS = [
  ['parseWebVtt', parseWebVtt],
  ['parseSrt', parseSrt],
  ['parseVerbatimJson', parseVerbatimJson],
] as const

/**
 * The mutation fuzz runs over `seeds` (file bytes): mutated decoded text into every parser, and
 * mutated bytes through decodeText then every parser. `minSeeds` guards against an empty seed set.
 */
export function describeMutationFuzz(what: string, seeds: readonly Uint8Array[], minSeeds: number) {
  const texts = [
    ...seeds.map((bytes) => decodeText(bytes, 'f').text).filter((t) => t.length < 120_000),
    ...generated,
  ]
  const mutatedText = fc
    .tuple(fc.constantFrom(...texts), fc.array(mutation, { minLength: 1, maxLength: 8 }))
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
      fc.constantFrom(...seeds),
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

  describe(`fuzzing the parsers with mutated ${what}`, () => {
    it('has seeds to mutate', () => {
      expect(texts.length).toBeGreaterThanOrEqual(minSeeds)
    })

    it.each(PARSERS)(
      `%s: mutated ${what} and random text`,
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

    it(`decodeText, then every parser: mutated ${what} bytes and random bytes`, () => {
      fc.assert(
        fc.property(anyBytes, (bytes) => {
          let text = ''
          expect(survives(() => (text = decodeText(bytes, 'fuzz.srt').text))).toBe(true)
          for (const [, parse] of PARSERS) expect(survives(() => parse(text))).toBe(true)
        }),
        { numRuns: 1000 },
      )
    }, 20_000)
  })
}

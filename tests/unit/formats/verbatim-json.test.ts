// @vitest-environment node
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { seconds, type Segment } from '../../../src/domain/types'
import {
  findJsonSyntaxError,
  parseVerbatimJson,
  serializeVerbatimJson,
} from '../../../src/formats/verbatim-json'
import { parseError } from './format-files'

const SEGMENTS: Segment[] = [
  {
    id: 'a',
    start: seconds(0),
    end: seconds(1.25),
    speaker: 'Ana',
    text: 'Hola, ¿qué tal?',
    words: [
      { start: seconds(0), end: seconds(0.5), text: 'Hola,' },
      { start: seconds(0.5), end: seconds(1.25), text: '¿qué tal?' },
    ],
  },
  { id: 'b', start: seconds(1.25), end: seconds(2.000_000_1), text: '你好\n"quoted"' },
]

const file = (segments: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'verbatim-transcript', version: 1, ...extra, segments })

describe('serializeVerbatimJson', () => {
  it('writes the header fields, then one segment a line', () => {
    expect(
      serializeVerbatimJson({
        language: 'es',
        label: 'Original',
        kind: 'original',
        segments: SEGMENTS,
      }),
    ).toBe(
      [
        '{',
        '  "format": "verbatim-transcript",',
        '  "version": 1,',
        '  "language": "es",',
        '  "label": "Original",',
        '  "kind": "original",',
        '  "segments": [',
        '    {"start":0,"end":1.25,"speaker":"Ana","text":"Hola, ¿qué tal?","words":[{"start":0,"end":0.5,"text":"Hola,"},{"start":0.5,"end":1.25,"text":"¿qué tal?"}]},',
        '    {"start":1.25,"end":2.0000001,"text":"你好\\n\\"quoted\\""}',
        '  ]',
        '}',
        '',
      ].join('\n'),
    )
    expect(serializeVerbatimJson({ segments: [] })).toBe(
      '{\n  "format": "verbatim-transcript",\n  "version": 1,\n  "segments": []\n}\n',
    )
  })

  it('reads back exactly what it wrote (times at full precision; ids renumbered)', () => {
    const parsed = parseVerbatimJson(
      serializeVerbatimJson({
        language: 'es',
        label: 'Original',
        kind: 'translation',
        segments: SEGMENTS,
      }),
    )
    expect(parsed).toEqual({
      format: 'verbatim-json',
      segments: SEGMENTS.map((s, i) => ({ ...s, id: `s-${i + 1}` })),
      warnings: [],
      language: 'es',
      title: 'Original',
      kind: 'translation',
    })
  })
})

describe('parseVerbatimJson errors name the JSON path', () => {
  it.each([
    ['[]', '$ must be an object, not [].'],
    ['{"version":1,"segments":[]}', '$.format is missing; it must be "verbatim-transcript".'],
    [file([], { format: 'x' }), '$.format must be "verbatim-transcript", not "x".'],
    [file([], { version: '1' }), '$.version must be 1, not "1".'],
    [file([], { version: 2 }), /\$\.version is 2: this file was written by a newer Verbatim/],
    [file({}), '$.segments must be an array, not {}.'],
    [
      file([{ start: -1, end: 1, text: 'a' }]),
      '$.segments[0].start must be a number of seconds, 0 or more, not -1.',
    ],
    [
      file([
        { start: 0, end: 1, text: 'a' },
        { start: 2, end: 1, text: 'b' },
      ]),
      '$.segments[1].end must be at least the start (2), not 1.',
    ],
    [
      file([{ start: 0, text: 'a' }]),
      '$.segments[0].end is missing; it must be a number of seconds, 0 or more.',
    ],
    [file([{ start: 0, end: 1, text: 5 }]), '$.segments[0].text must be a string, not 5.'],
    [
      file([{ start: 0, end: 1, text: 'a', speaker: null }]),
      '$.segments[0].speaker must be a string, not null.',
    ],
    [
      file([{ start: 0, end: 1, text: 'a', speakr: 'x' }]),
      /^\$\.segments\[0\]\.speakr is not part of Verbatim JSON version 1/,
    ],
    [
      file([
        {
          start: 0,
          end: 1,
          text: 'a',
          words: [
            { start: 0, end: 1, text: 'a' },
            { start: 0, end: '1', text: 'b' },
          ],
        },
      ]),
      '$.segments[0].words[1].end must be a number of seconds, 0 or more, not "1".',
    ],
    [file([], { kind: 'draft' }), '$.kind must be "original" or "translation", not "draft".'],
    [file([], { extra: true }), /^\$\.extra is not part of/],
  ])('%s', (text, message) => {
    const error = parseError(() => parseVerbatimJson(text))
    expect(error.line).toBeUndefined()
    if (typeof message === 'string') expect(error.message).toBe(message)
    else expect(error.message).toMatch(message)
  })

  it('names the line of a JSON syntax error', () => {
    const text = '{\n  "format": "verbatim-transcript",\n  "version": 1,\n  "segments": [,]\n}'
    const error = parseError(() => parseVerbatimJson(text))
    expect(error.line).toBe(4)
    expect(error.message).toBe(`line 4: Not valid JSON: unexpected "," where a value was expected.`)
    expect(
      parseError(() => parseVerbatimJson('{"format": "verbatim-transcript",\n\n "segments": [}'))
        .line,
    ).toBe(3)
    expect(parseError(() => parseVerbatimJson('')).message).toBe(
      'line 1: Not valid JSON: the text ends too early where a value was expected.',
    )
    expect(parseError(() => parseVerbatimJson('{"a": "line\nbreak"}')).line).toBe(1)
  })

  it('accepts a BOM, leaves out empty segments with a warning, sorts by start', () => {
    const parsed = parseVerbatimJson(
      '\uFEFF' +
        file([
          { start: 5, end: 6, text: 'later' },
          { start: 1, end: 2, text: '  ' },
          { start: 0, end: 1, text: 'first', speaker: '' },
        ]),
    )
    expect(parsed.segments.map((s) => [s.start, s.text, s.speaker])).toEqual([
      [0, 'first', undefined],
      [5, 'later', undefined],
    ])
    expect(parsed.warnings).toEqual([{ message: '$.segments[1] has no text; it was left out.' }])
  })
})

describe('findJsonSyntaxError', () => {
  const agreesWithJsonParse = (text: string) => {
    let valid = true
    try {
      JSON.parse(text)
    } catch {
      valid = false
    }
    expect(findJsonSyntaxError(text) === undefined, JSON.stringify(text)).toBe(valid)
  }

  it('agrees with JSON.parse on generated JSON and on mutations of it', () => {
    const mutated = fc
      .tuple(
        fc.json(),
        fc.nat(),
        fc.constantFrom(
          '',
          ',',
          ']',
          '}',
          '"',
          '\\',
          ':',
          '[',
          '{',
          '0',
          '-',
          'e',
          ' ',
          '\n',
          '\u0001',
          'tru',
        ),
      )
      .map(([json, at, insert]) => {
        const i = json.length === 0 ? 0 : at % (json.length + 1)
        return json.slice(0, i) + insert + json.slice(i + (insert === '' ? 1 : 0))
      })
    fc.assert(fc.property(fc.json(), agreesWithJsonParse), { numRuns: 500 })
    fc.assert(fc.property(mutated, agreesWithJsonParse), { numRuns: 3000 })
  })

  it('handles deep nesting without recursion', () => {
    expect(findJsonSyntaxError('['.repeat(200_000))?.message).toBe(
      'the text ends too early where a value was expected',
    )
    expect(findJsonSyntaxError('['.repeat(100_000) + ']'.repeat(100_000))).toBeUndefined()
  })
})

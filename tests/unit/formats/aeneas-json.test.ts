import { describe, expect, it } from 'vitest'
import { looksLikeAeneasJson, parseAeneasJson } from '../../../src/formats/aeneas-json'
import { expectGolden, expectWellFormed, parseError, sonnet } from './format-files'

describe('parseAeneasJson', () => {
  it('reads the sonnet sync map: 15 fragments, times from strings, language en', async () => {
    const parsed = parseAeneasJson(sonnet('sonnet001.json'))
    expectWellFormed(parsed)
    expect(parsed.segments).toHaveLength(15)
    expect(parsed.segments[0]).toEqual({ id: 's-1', start: 0, end: 2.68, text: '1' })
    expect(parsed.segments.at(-1)).toMatchObject({
      start: 48.08,
      end: 53.24,
      text: "To eat the world's due, by the grave and thee.",
    })
    expect(parsed.language).toBe('en')
    expect(parsed.warnings).toEqual([])
    await expectGolden(parsed, 'aeneas-sonnet001')
  })

  it('joins multi-line fragments with a space', () => {
    const multi = parseAeneasJson(sonnet('sonnet001_m.json'))
    const single = parseAeneasJson(sonnet('sonnet001.json'))
    expect(multi.segments).toEqual(single.segments)
  })

  it('flattens a multilevel map (paragraph → sentence → word) to its leaves, in order', () => {
    const word = (id: string, begin: string, end: string, text: string) => ({
      id,
      begin,
      end,
      lines: [text],
      children: [],
    })
    const text = JSON.stringify({
      fragments: [
        {
          id: 'p1',
          begin: '0.000',
          end: '2.000',
          lines: ['Hello there. Bye.'],
          children: [
            {
              id: 'p1s1',
              begin: '0.000',
              end: '1.200',
              lines: ['Hello there.'],
              children: [
                word('w1', '0.000', '0.500', 'Hello'),
                word('w2', '0.500', '1.200', 'there.'),
              ],
            },
            { id: 'p1s2', begin: '1.200', end: '2.000', lines: ['Bye.'], children: [] },
          ],
        },
      ],
    })
    const parsed = parseAeneasJson(text)
    expect(parsed.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [0, 0.5, 'Hello'],
      [0.5, 1.2, 'there.'],
      [1.2, 2, 'Bye.'],
    ])
  })

  it('drops empty head and tail fragments, accepts numbers for times and warns about zero-length text', () => {
    const text = JSON.stringify({
      fragments: [
        { id: 'HEAD', begin: '0.000', end: '0.400', lines: [] },
        { id: 'f1', begin: 0.4, end: 1.5, lines: ['One'] },
        { id: 'f2', begin: '1.500', end: '1.500', lines: ['Two'] },
        { id: 'TAIL', begin: '1.500', end: '3.000', lines: [] },
      ],
    })
    const parsed = parseAeneasJson(text)
    expect(parsed.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [0.4, 1.5, 'One'],
      [1.5, 1.5, 'Two'],
    ])
    expect(parsed.warnings[0]?.message).toBe(
      '1 fragment(s) with text last no time at all (end equals start).',
    )
    expect(parsed.language).toBeUndefined()
  })

  it('names the line of a JSON syntax error', () => {
    const broken = sonnet('sonnet001.json').replace('"end": "5.880", ', '"end": "5.880" ')
    const error = parseError(() => parseAeneasJson(broken))
    expect(error.line).toBe(17)
    expect(error.message).toBe(
      'line 17: Not valid JSON, so not an aeneas sync map: unexpected "\\"".',
    )
  })

  it.each([
    [
      '{"segments": []}',
      'Expected a JSON object with a "fragments" array, so this is not an aeneas sync map.',
    ],
    ['[]', 'Expected a JSON object with a "fragments" array, so this is not an aeneas sync map.'],
    ['{"fragments": [1]}', '"fragments[0]" should be an object.'],
    [
      '{"fragments": [{"begin": "0", "end": "1", "lines": ["a"]}, {"begin": "1,5", "end": "2", "lines": ["b"]}]}',
      '"fragments[1].begin" should be a time in seconds such as "2.680", found "1,5".',
    ],
    [
      '{"fragments": [{"begin": "0", "end": "1", "lines": ["a"], "children": [{"begin": "0", "lines": ["b"]}]}]}',
      '"fragments[0].children[0].end" should be a time in seconds such as "2.680", found nothing.',
    ],
    [
      '{"fragments": [{"begin": "0", "end": "1", "lines": 5}]}',
      '"fragments[0].lines" should be an array of strings.',
    ],
    ['{"fragments": []}', 'The aeneas sync map has no fragment with text.'],
  ])('rejects %s', (text, message) => {
    expect(parseError(() => parseAeneasJson(text)).message).toBe(message)
  })
})

describe('looksLikeAeneasJson', () => {
  it('recognises sync maps by their keys', () => {
    expect(looksLikeAeneasJson(sonnet('sonnet001.json'), 'sonnet001.json')).toBe(1)
    expect(looksLikeAeneasJson(sonnet('sonnet001_m.json'))).toBe(0.95)
    expect(looksLikeAeneasJson('{"segments": [{"start": 0}]}')).toBe(0)
    expect(looksLikeAeneasJson(sonnet('sonnet001.smil'))).toBe(0)
  })
})

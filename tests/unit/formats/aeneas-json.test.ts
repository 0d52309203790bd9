import { describe, expect, it } from 'vitest'
import { looksLikeAeneasJson, parseAeneasJson } from '../../../src/formats/aeneas-json'
import {
  alignmentRows,
  expectGolden,
  expectWellFormed,
  parseError,
  readFixture,
  rowsOf,
} from './format-files'

describe('parseAeneasJson', () => {
  it('reads a sync map: fragments in order, times from strings, language en', async () => {
    const parsed = parseAeneasJson(readFixture('alignment.json'))
    expectWellFormed(parsed)
    expect(rowsOf(parsed)).toEqual(alignmentRows(' '))
    expect(parsed.segments[0]).toEqual({
      id: 's-1',
      start: 0,
      end: 2.4,
      text: 'Call recorded on the ninth of March.',
    })
    expect(parsed.language).toBe('en')
    expect(parsed.warnings).toEqual([])
    await expectGolden(parsed, 'aeneas-alignment')
  })

  it('joins multi-line fragments with a space', () => {
    const multi = parseAeneasJson(readFixture('alignment-multiline.json'))
    const single = parseAeneasJson(readFixture('alignment.json'))
    expect(multi.segments[1]?.text).toBe('The caller asks for the night desk,')
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
    const broken = readFixture('alignment.json').replace('"end": "5.120",', '"end": "5.120"')
    const error = parseError(() => parseAeneasJson(broken))
    expect(error.line).toBe(15)
    expect(error.message).toBe(
      'line 15: Not valid JSON, so not an aeneas sync map: unexpected "\\"".',
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
    expect(looksLikeAeneasJson(readFixture('alignment.json'), 'alignment.json')).toBe(1)
    expect(looksLikeAeneasJson(readFixture('alignment-multiline.json'))).toBe(0.95)
    expect(looksLikeAeneasJson('{"segments": [{"start": 0}]}')).toBe(0)
    // aeneas's SMIL sync map: XML, however much it talks about fragments.
    expect(
      looksLikeAeneasJson(
        '<smil xmlns="http://www.w3.org/ns/SMIL" version="3.0"><body><seq id="s1"><par id="f000001"><text src="call.xhtml#f000001"/><audio clipBegin="00:00:00.000" clipEnd="00:00:02.400" src="call.mp3"/></par></seq></body></smil>',
      ),
    ).toBe(0)
  })
})

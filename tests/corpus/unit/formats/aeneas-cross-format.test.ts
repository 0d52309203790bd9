import { describe, expect, it } from 'vitest'
import { parseAeneasJson } from '../../../../src/formats/aeneas-json'
import { parseAudacityLabels } from '../../../../src/formats/audacity-labels'
import { parseElanEaf } from '../../../../src/formats/elan-eaf'
import { parsePlainText } from '../../../../src/formats/plain-text'
import { parsePraatTextGrid } from '../../../../src/formats/praat-textgrid'
import type { ParsedTranscript } from '../../../../src/formats/types'
import { sonnet } from '../corpus-files'

/*
 * One alignment (Sonnet 1, 15 fragments) written by aeneas in many formats: every importer must
 * read the same segments from its file, to the millisecond. WebVTT and SRT are covered with
 * their own parsers' tests.
 */

const ms = (time: number) => Math.round(time * 1000)

/** The reference: aeneas's "txt" sync map, `id begin end "text"`, read here by hand. */
const expected = sonnet('sonnet001.txt')
  .trim()
  .split('\n')
  .map((line) => {
    const match = /^(\S+) (\S+) (\S+) "(.*)"$/.exec(line)
    if (!match) throw new Error(`unexpected line ${line}`)
    return [ms(Number(match[2])), ms(Number(match[3])), match[4]] as const
  })

const triples = (parsed: ParsedTranscript) =>
  parsed.segments.map((s) => [ms(s.start), ms(s.end), s.text] as const)

describe('the sonnet alignment in every format we import', () => {
  it('has 15 fragments from 0 to 53.240 s', () => {
    expect(expected).toHaveLength(15)
    expect(expected[0]).toEqual([0, 2680, '1'])
    expect(expected.at(-1)?.[1]).toBe(53240)
  })

  it.each([
    ['sonnet001.aud', parseAudacityLabels],
    ['sonnet001_m.aud', parseAudacityLabels],
    ['sonnet001.json', parseAeneasJson],
    ['sonnet001_m.json', parseAeneasJson],
    ['sonnet001.textgrid_long', parsePraatTextGrid],
    ['sonnet001_m.textgrid_long', parsePraatTextGrid],
    ['sonnet001.textgrid_short', parsePraatTextGrid],
    ['sonnet001.eaf', parseElanEaf],
    ['sonnet001_m.eaf', parseElanEaf],
  ])('%s gives the same 15 segments', (name, parse) => {
    const parsed = parse(sonnet(name))
    expect(triples(parsed)).toEqual(expected)
    expect(parsed.warnings).toEqual([])
  })

  it('leaves aeneas\'s own "txt" sync map to no importer: it has no [hh:mm:ss] stamps', () => {
    expect(() => parsePlainText(sonnet('sonnet001.txt'))).toThrow(/No timestamps found/)
  })
})

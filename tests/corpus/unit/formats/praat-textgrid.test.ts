import { describe, expect, it } from 'vitest'
import { looksLikePraatTextGrid, parsePraatTextGrid } from '../../../../src/formats/praat-textgrid'
import { expectWellFormed, parseError } from '../../../unit/formats/format-files'
import { expectCorpusGolden, sonnet } from '../corpus-files'

describe('parsePraatTextGrid on the aeneas Sonnet 1 TextGrids', () => {
  it('reads the long form: the tier "Token" with 15 intervals', async () => {
    const parsed = parsePraatTextGrid(sonnet('sonnet001.textgrid_long'))
    expectWellFormed(parsed)
    expect(parsed.title).toBe('Token')
    expect(parsed.segments).toHaveLength(15)
    expect(parsed.segments[5]).toEqual({
      id: 's-6',
      start: 15.28,
      end: 18.6,
      text: 'But thou contracted to thine own bright eyes,',
    })
    expect(parsed.warnings).toEqual([])
    await expectCorpusGolden(parsed, 'textgrid-sonnet001')
  })

  it('reads the short form and the multi-line variant to the same result', () => {
    const long = parsePraatTextGrid(sonnet('sonnet001.textgrid_long'))
    expect(parsePraatTextGrid(sonnet('sonnet001.textgrid_short'))).toEqual(long)
    expect(parsePraatTextGrid(sonnet('sonnet001_m.textgrid_long'))).toEqual(long)
  })

  it('names the line of a broken file', () => {
    const long = sonnet('sonnet001.textgrid_long')
    const unclosed = long.replace('text = "1"', 'text = "1')
    expect(parseError(() => parsePraatTextGrid(unclosed)).line).toBe(18)
    const badNumber = long.replace('xmax = 5.88', 'xmax = "5.88"')
    const error = parseError(() => parsePraatTextGrid(badNumber))
    expect(error.message).toBe('line 21: Expected an interval end (xmax) (a number).')
  })

  it('recognises both text forms by their header, and not the label track', () => {
    expect(looksLikePraatTextGrid(sonnet('sonnet001.textgrid_long'))).toBe(0.95)
    expect(looksLikePraatTextGrid(sonnet('sonnet001.textgrid_short'), 'a.TextGrid')).toBe(1)
    expect(looksLikePraatTextGrid(sonnet('sonnet001.aud'), 'a.TextGrid')).toBe(0)
  })
})

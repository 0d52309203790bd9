import { describe, expect, it } from 'vitest'
import { looksLikeAeneasJson, parseAeneasJson } from '../../../../src/formats/aeneas-json'
import { expectWellFormed, parseError } from '../../../unit/formats/format-files'
import { expectCorpusGolden, sonnet } from '../corpus-files'

describe('parseAeneasJson on the aeneas Sonnet 1 sync maps', () => {
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
    await expectCorpusGolden(parsed, 'aeneas-sonnet001')
  })

  it('joins multi-line fragments with a space', () => {
    const multi = parseAeneasJson(sonnet('sonnet001_m.json'))
    const single = parseAeneasJson(sonnet('sonnet001.json'))
    expect(multi.segments).toEqual(single.segments)
  })

  it('names the line of a JSON syntax error', () => {
    const broken = sonnet('sonnet001.json').replace('"end": "5.880", ', '"end": "5.880" ')
    const error = parseError(() => parseAeneasJson(broken))
    expect(error.line).toBe(17)
    expect(error.message).toBe(
      'line 17: Not valid JSON, so not an aeneas sync map: unexpected "\\"".',
    )
  })

  it('is recognised by its keys, and the SMIL map is not', () => {
    expect(looksLikeAeneasJson(sonnet('sonnet001.json'), 'sonnet001.json')).toBe(1)
    expect(looksLikeAeneasJson(sonnet('sonnet001_m.json'))).toBe(0.95)
    expect(looksLikeAeneasJson(sonnet('sonnet001.smil'))).toBe(0)
  })
})

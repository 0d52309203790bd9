import { describe, expect, it } from 'vitest'
import { looksLikeElanEaf, parseElanEaf } from '../../../../src/formats/elan-eaf'
import { expectWellFormed, parseError } from '../../../unit/formats/format-files'
import { OHMS_FILES, corpusText, expectCorpusGolden, sonnet } from '../corpus-files'

describe('parseElanEaf on the aeneas Sonnet 1 EAF', () => {
  it('reads the aeneas EAF: one tier, times in milliseconds', async () => {
    const parsed = parseElanEaf(sonnet('sonnet001.eaf'))
    expectWellFormed(parsed)
    expect(parsed.segments).toHaveLength(15)
    expect(parsed.segments[2]).toEqual({
      id: 's-3',
      start: 5.88,
      end: 9.24,
      text: "That thereby beauty's rose might never die,",
    })
    expect(parsed.title).toBe('tier1')
    expect(parsed.language).toBeUndefined()
    expect(parsed.warnings).toEqual([])
    await expectCorpusGolden(parsed, 'eaf-sonnet001')
    expect(parseElanEaf(sonnet('sonnet001_m.eaf'))).toEqual(parsed)
  })

  it('names the line of broken XML, and refuses an OHMS file', () => {
    const broken = sonnet('sonnet001.eaf').replace('</TIER>', '</TIERS>')
    const error = parseError(() => parseElanEaf(broken))
    expect(error.line).toBe(112)
    expect(error.message).toMatch(/^line 112: Not well-formed XML: /)
    const ohms = corpusText(...OHMS_FILES, 'small-sample-vtt-ohms.xml')
    expect(parseError(() => parseElanEaf(ohms)).message).toBe(
      'Not an ELAN file: the XML has no <ANNOTATION_DOCUMENT>.',
    )
  })

  it('recognises the EAF, and not the TTML sync map or an OHMS file', () => {
    expect(looksLikeElanEaf(sonnet('sonnet001.eaf'), 'sonnet001.eaf')).toBe(1)
    expect(looksLikeElanEaf(sonnet('sonnet001.ttml'))).toBe(0)
    expect(looksLikeElanEaf(corpusText(...OHMS_FILES, 'small-sample-vtt-ohms.xml'))).toBe(0)
  })
})

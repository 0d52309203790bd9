import { describe, expect, it } from 'vitest'
import { looksLikeWhisperJson, parseWhisperJson } from '../../../../src/formats/whisper-json'
import { expectWellFormed } from '../../../unit/formats/format-files'
import { expectCorpusGolden, sonnet, whisper } from '../corpus-files'

const APOLLO = ['corner_cases', 'large_apollo11.mp3.words.json']
const SORRY = ['corner_cases', 'issue24_empty.wav.words.json']
const THANKS = ['medium_auto', 'empty.mp3.words.json']
const FRENCH = ['medium_auto', 'punctuations.mp3.words.json']

describe('parseWhisperJson on the real whisper-timestamped outputs', () => {
  it('reads the Apollo 11 transcript: 15 segments, 146 timed words, English', async () => {
    const parsed = parseWhisperJson(whisper(...APOLLO))
    expectWellFormed(parsed)
    expect(parsed.segments).toHaveLength(15)
    expect(parsed.segments.flatMap((s) => s.words ?? [])).toHaveLength(146)
    expect(parsed.language).toBe('en')
    expect(parsed.warnings).toEqual([])
    const first = parsed.segments[0]!
    expect(first.text).toBe(
      "Apollo 11, Houston. We got a recommendation for you on your DOJ's E-A limb, E-G-E-A's, over.",
    )
    expect([first.start, first.end]).toEqual([0.36, 6.96])
    expect(first.words?.[0]).toEqual({ start: 0.36, end: 0.92, text: 'Apollo' })
    expect(parsed.segments.at(-1)?.end).toBe(78.48)
    await expectCorpusGolden(parsed, 'whisper-apollo11')
  })

  it('imports the "I\'m sorry." hallucination and warns about the repeats', () => {
    const parsed = parseWhisperJson(whisper(...SORRY))
    expectWellFormed(parsed)
    expect(parsed.segments).toHaveLength(29)
    expect(new Set(parsed.segments.map((s) => s.text))).toEqual(new Set(["I'm sorry."]))
    expect(parsed.warnings.map((w) => w.message).join(' ')).toMatch(
      /29 segments repeat.*hallucination/,
    )
  })

  it('imports the "Thanks for watching!" hallucination as one segment', () => {
    const parsed = parseWhisperJson(whisper(...THANKS))
    expect(parsed.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [0, 2.52, 'Thanks for watching!'],
    ])
    expect(parsed.language).toBe('en')
  })

  it('keeps French punctuation attached to its word', async () => {
    const parsed = parseWhisperJson(whisper(...FRENCH))
    expect(parsed.language).toBe('fr')
    expect(parsed.segments[0]?.text).toBe("Dis-moi, est-ce que l'avion vole ?")
    expect(parsed.segments[0]?.words?.map((w) => w.text)).toEqual([
      'Dis-moi,',
      'est-ce',
      'que',
      "l'avion",
      'vole ?',
    ])
    await expectCorpusGolden(parsed, 'whisper-punctuations-fr')
  })
})

describe('looksLikeWhisperJson on the corpus', () => {
  it('is confident about every whisper-timestamped output, and rejects the aeneas sync map', () => {
    for (const parts of [APOLLO, SORRY, THANKS, FRENCH]) {
      expect(looksLikeWhisperJson(whisper(...parts))).toBeGreaterThanOrEqual(0.9)
    }
    expect(looksLikeWhisperJson(sonnet('sonnet001.json'))).toBe(0)
  })
})

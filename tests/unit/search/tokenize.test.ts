// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { foldText, segmentCjk, tokenize, type Token } from '../../../src/search/tokenize'

const terms = (text: string) => tokenize(text).tokens.map((token) => token.term)
/** Each token as the original text it covers, to check offsets. */
const covered = (text: string, tokens: readonly Token[]) =>
  tokens.map((token) => text.slice(token.start, token.end))

describe('tokenize', () => {
  it('splits English into lower-case words and drops punctuation', () => {
    const text = 'Zhou Yongkang is in charge of this — specifically!'
    expect(terms(text)).toEqual([
      'zhou',
      'yongkang',
      'is',
      'in',
      'charge',
      'of',
      'this',
      'specifically',
    ])
    const { tokens } = tokenize(text)
    expect(covered(text, tokens)).toEqual([
      'Zhou',
      'Yongkang',
      'is',
      'in',
      'charge',
      'of',
      'this',
      'specifically',
    ])
  })

  it('splits at apostrophes and hyphens, so a possessive still finds the name', () => {
    expect(terms("Bo Xilai's well-known case")).toEqual([
      'bo',
      'xilai',
      's',
      'well',
      'known',
      'case',
    ])
  })

  it('keeps numbers whole, with a decimal point or thousands separator between digits', () => {
    expect(terms('In 2008, 3.5 million; 1,000 people.')).toEqual([
      'in',
      '2008',
      '3.5',
      'million',
      '1,000',
      'people',
    ])
    expect(terms('Section 4. Next')).toEqual(['section', '4', 'next'])
  })

  it('finds nothing in punctuation, spaces or symbols alone', () => {
    expect(terms('... — !? «» 。，…… 🙂')).toEqual([])
    expect(terms('')).toEqual([])
  })

  it('ignores case, accents and width', () => {
    expect(terms('Égalité NAÏVE Straße Søren Łódź')).toEqual([
      'egalite',
      'naive',
      'strasse',
      'soren',
      'lodz',
    ])
    expect(terms('ＡＢＣ１２３ ｐａｒｔｙ')).toEqual(['abc123', 'party'])
    expect(foldText('Ｐａｒｔｙ Café')).toBe('party cafe')
  })

  it('keeps offsets into the original when folding changed the text', () => {
    // "e" followed by a combining acute accent: two code units, one letter.
    const text = 'cafe\u0301 ＡＢＣ naïve'
    const { tokens } = tokenize(text)
    expect(tokens.map((token) => token.term)).toEqual(['cafe', 'abc', 'naive'])
    expect(covered(text, tokens)).toEqual(['cafe\u0301', 'ＡＢＣ', 'naïve'])
  })

  it('makes every Chinese character a token, with its offset', () => {
    const text = '这件事具体是周永康负责的。'
    const { tokens } = tokenize(text)
    expect(tokens.map((token) => token.term).join('')).toBe('这件事具体是周永康负责的')
    expect(tokens.every((token) => token.cjk && token.end - token.start === 1)).toBe(true)
    expect(tokens[6]).toMatchObject({ term: '周', start: 6, end: 7 })
  })

  it('segments Chinese runs into words with Intl.Segmenter when asked', () => {
    const { words } = tokenize('2008年地震后从四川省部队营区逃出来的', { words: true })
    const found = words.map((word) => word.term)
    expect(found).toContain('地震')
    expect(found).toContain('四川省')
    const province = words.find((word) => word.term === '四川省')
    expect(province).toMatchObject({ start: 9, end: 12 })
    expect(tokenize('周永康负责').words).toEqual([])
  })

  it('handles mixed scripts', () => {
    const text = 'Bo熙来 said 中央 is “Party Central”'
    const { tokens } = tokenize(text)
    expect(tokens.map((token) => [token.term, token.cjk])).toEqual([
      ['bo', false],
      ['熙', true],
      ['来', true],
      ['said', false],
      ['中', true],
      ['央', true],
      ['is', false],
      ['party', false],
      ['central', false],
    ])
    expect(covered(text, tokens)).toEqual([
      'Bo',
      '熙',
      '来',
      'said',
      '中',
      '央',
      'is',
      'Party',
      'Central',
    ])
  })

  it('counts offsets in UTF-16 units past characters outside the BMP', () => {
    const text = '𠀀𠀁 ok'
    const { tokens } = tokenize(text)
    expect(tokens.map((token) => [token.term, token.start, token.end])).toEqual([
      ['𠀀', 0, 2],
      ['𠀁', 2, 4],
      ['ok', 5, 7],
    ])
  })

  it('segments a bare CJK run for queries', () => {
    expect(segmentCjk('周永康负责')).toContain('负责')
    expect(segmentCjk('周永康负责').join('')).toBe('周永康负责')
  })
})

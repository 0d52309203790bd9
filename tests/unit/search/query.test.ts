// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { parsePhrase, parseQuery, type QueryClause } from '../../../src/search/query'

const clauses = (raw: string) =>
  parseQuery(raw).clauses.map(
    (c: QueryClause) => `${c.quoted ? '"' : ''}${c.terms.join(' ')}${c.prefix ? '*' : ''}`,
  )

describe('parseQuery', () => {
  it('makes every word a clause and the word being typed a prefix', () => {
    expect(clauses('Standing comm')).toEqual(['standing', 'comm*'])
  })

  it('treats a word followed by a space or punctuation as finished', () => {
    expect(clauses('standing comm ')).toEqual(['standing', 'comm'])
    expect(clauses('standing comm.')).toEqual(['standing', 'comm'])
  })

  it('keeps a quoted phrase together, exact once its quote is closed', () => {
    expect(clauses('"Party Central" taking')).toEqual(['"party central', 'taking*'])
    expect(clauses('“Party Central”')).toEqual(['"party central'])
    expect(clauses('"comm"')).toEqual(['"comm'])
  })

  it('reads an unterminated quote as a phrase still being typed', () => {
    expect(clauses('"party cen')).toEqual(['"party cen*'])
    expect(clauses('"party cen ')).toEqual(['"party cen'])
  })

  it('has nothing to search for in an empty query or punctuation', () => {
    expect(parseQuery('').clauses).toEqual([])
    expect(parseQuery('   ').clauses).toEqual([])
    expect(parseQuery('?!…—').clauses).toEqual([])
    expect(parseQuery('""').clauses).toEqual([])
    expect(parseQuery('"').clauses).toEqual([])
  })

  it('cuts an unquoted Chinese run into words, keeping single characters together', () => {
    // The segmenter splits the name into 周|永|康; as one substring it cannot match scattered.
    expect(clauses('周永康负责')).toEqual(['周 永 康', '负 责'])
    expect(clauses('周永康 负责')).toEqual(['周 永 康', '负 责'])
    expect(clauses('「周永康负责」')).toEqual(['"周 永 康 负 责'])
  })

  it('drops repeated clauses', () => {
    expect(clauses('the cat the cat ')).toEqual(['the', 'cat'])
    // The word being typed is its own clause: "cat" is finished, "cat…" may become "category".
    expect(clauses('the cat the cat')).toEqual(['the', 'cat', 'cat*'])
  })
})

describe('parsePhrase', () => {
  it('reads the whole query as one phrase, quotes ignored', () => {
    expect(parsePhrase('"Party Cent')).toEqual({
      terms: ['party', 'cent'],
      prefix: true,
      quoted: true,
    })
    expect(parsePhrase('"Party Central"')).toEqual({
      terms: ['party', 'central'],
      prefix: false,
      quoted: true,
    })
    expect(parsePhrase('...')).toBeNull()
  })
})

// @vitest-environment node
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { seconds } from '../../../src/domain/types'
import type { NoteDocument, SearchDocument, SegmentDocument } from '../../../src/search/documents'
import { SearchIndex, SearchIndexFormatError, type SearchResults } from '../../../src/search/index'
import { findPhrase } from '../../../src/search/match'
import { parseQuery } from '../../../src/search/query'
import { tokenize } from '../../../src/search/tokenize'

let counter = 0
function segment(
  text: string,
  fields: Partial<Omit<SegmentDocument, 'start' | 'end' | 'text'>> & { start?: number } = {},
): SegmentDocument {
  const start = fields.start ?? counter++
  return {
    callId: 'call-a',
    trackId: 'en',
    segmentIndex: counter++,
    language: 'en',
    ...fields,
    start: seconds(start),
    end: seconds(start + 1),
    text,
  }
}
function note(noteId: string, text: string, tags: string[] = [], callId = 'call-a'): NoteDocument {
  return { kind: 'note', noteId, callId, start: seconds(1), text, tags }
}
/** The matched segment texts, best first. */
const texts = (results: SearchResults) =>
  results.calls.flatMap((call) => call.hits.map((hit) => hit.snippet.text))
const searchTexts = (index: SearchIndex, query: string) => texts(index.search(query))

describe('SearchIndex', () => {
  it('requires every word', () => {
    const index = new SearchIndex()
    index.add([
      segment('the party central committee'),
      segment('the standing committee'),
      segment('central heating'),
    ])
    expect(searchTexts(index, 'central committee ')).toEqual(['the party central committee'])
    expect(searchTexts(index, 'committee nothing ')).toEqual([])
  })

  it('matches a prefix on the last word only', () => {
    const index = new SearchIndex()
    index.add([
      segment('the Standing Committee'),
      segment('a standing commission'),
      segment('commit'),
    ])
    expect(searchTexts(index, 'standing comm').sort()).toEqual([
      'a standing commission',
      'the Standing Committee',
    ])
    // "comm" is finished here, so it does not match "committee".
    expect(searchTexts(index, 'comm standing')).toEqual([])
    expect(searchTexts(index, 'standing comm ')).toEqual([])
  })

  it('is case, accent and width insensitive', () => {
    const index = new SearchIndex()
    index.add([segment('Égalité in the CAFÉ')])
    expect(searchTexts(index, 'egalite cafe')).toHaveLength(1)
    expect(searchTexts(index, 'ＣＡＦＥ')).toHaveLength(1)
  })

  it('matches a quoted phrase only with its words adjacent and in order', () => {
    const index = new SearchIndex()
    index.add([
      segment('Actually Party Central is taking care of this'),
      segment('the central party of the city'),
      segment('a party in central park'),
    ])
    expect(searchTexts(index, '"Party Central"')).toEqual([
      'Actually Party Central is taking care of this',
    ])
    expect(searchTexts(index, '"central party"')).toEqual(['the central party of the city'])
    // Unterminated: the phrase is still being typed.
    expect(searchTexts(index, '"party cen')).toEqual([
      'Actually Party Central is taking care of this',
    ])
  })

  it('ranks the words side by side above the same words apart', () => {
    const index = new SearchIndex()
    index.add([
      segment('central to the party is the idea', { start: 1 }),
      segment('the party central committee met', { start: 2 }),
    ])
    expect(searchTexts(index, 'party central')).toEqual([
      'the party central committee met',
      'central to the party is the idea',
    ])
  })

  it('ranks more occurrences higher, then the earlier moment, grouped by call', () => {
    const index = new SearchIndex()
    index.add([
      segment('organs were removed', { start: 20 }),
      segment('organs organs organs were removed', { start: 30 }),
      segment('organs were removed', { start: 10 }),
      segment('organs were removed', { start: 5, callId: 'call-b' }),
    ])
    const results = index.search('organs')
    expect(results.total).toBe(4)
    expect(
      results.calls.map((call) => [call.callId, call.total, call.hits.map((hit) => hit.start)]),
    ).toEqual([
      ['call-a', 3, [30, 10, 20]],
      ['call-b', 1, [5]],
    ])
  })

  it('ranks a rare word above a common one', () => {
    const index = new SearchIndex()
    index.add([
      ...Array.from({ length: 20 }, (_, i) => segment(`the meeting ${i}`)),
      segment('the escaped practitioners', { start: 100 }),
      segment('the meeting of practitioners', { start: 200 }),
    ])
    const hits = index.search('meeting practitioners').calls[0]?.hits ?? []
    expect(hits.map((hit) => hit.snippet.text)).toEqual(['the meeting of practitioners'])
    const either = index.search('practitioners').calls[0]?.hits ?? []
    expect(either.map((hit) => hit.start)).toEqual([100, 200])
  })

  it('limits the hits but counts them all', () => {
    const index = new SearchIndex()
    index.add(Array.from({ length: 30 }, (_, i) => segment(`meeting number ${i}`, { start: i })))
    const results = index.search('meeting', { limit: 5 })
    expect(results.total).toBe(30)
    const hits = results.calls.flatMap((call) => call.hits)
    expect(hits.map((hit) => hit.start)).toEqual([0, 1, 2, 3, 4])
    expect(results.calls[0]?.total).toBe(30)
  })

  it('filters by call, language (by primary tag) and speaker', () => {
    const index = new SearchIndex()
    index.add([
      segment('中央 is Party Central', { callId: 'one', language: 'en', speaker: 'Tang Junjie' }),
      segment('中央在负责', { callId: 'one', trackId: 'zh', language: 'zh-Hans', speaker: 'Tang' }),
      segment('中央', { callId: 'two', language: 'zh-Hans' }),
    ])
    expect(index.search('中央').total).toBe(3)
    expect(index.search('中央', { callId: 'two' }).total).toBe(1)
    expect(index.search('中央', { callId: 'unknown' }).total).toBe(0)
    expect(index.search('中央', { language: 'zh' }).total).toBe(2)
    expect(index.search('中央', { language: 'ZH-hans' }).total).toBe(2)
    expect(index.search('中央', { language: 'en' }).total).toBe(1)
    expect(index.search('中央', { speaker: 'tang junjie' }).total).toBe(1)
  })

  it('finds a Chinese phrase however segmentation splits it', () => {
    const index = new SearchIndex()
    const text = '这件事具体是周永康负责的。他知道这件事。'
    index.add([
      segment(text, { language: 'zh-Hans' }),
      segment('周先生和康先生', { language: 'zh' }),
    ])
    // The segmenter cuts 周|永|康|负责; each of these crosses or splits those words.
    for (const query of ['周永康', '康负责', '"永康负"', '具体是周', '周永康负责', '这件事']) {
      expect(searchTexts(index, query), query).toEqual([text])
    }
    // The characters of the name scattered elsewhere do not match.
    expect(searchTexts(index, '"周康"')).toEqual([])
    const hit = index.search('康负责').calls[0]?.hits[0]
    expect(hit?.snippet.highlights).toEqual([{ start: 8, end: 11 }])
  })

  it('searches mixed-script text', () => {
    const index = new SearchIndex()
    index.add([segment('Bo 薄熙来 gave directions')])
    expect(searchTexts(index, '薄熙来 directions')).toHaveLength(1)
    expect(searchTexts(index, '"bo 薄熙来 gave"')).toHaveLength(1)
  })

  it('returns a snippet around the first match with highlights relative to it', () => {
    const index = new SearchIndex()
    const long = `${'word '.repeat(60)}the Standing Committee decided ${'more '.repeat(60)}`
    index.add([segment(long)])
    const hit = index.search('standing committee').calls[0]?.hits[0]
    expect(hit).toBeDefined()
    const snippet = hit?.snippet
    expect(snippet?.clippedStart).toBe(true)
    expect(snippet?.clippedEnd).toBe(true)
    expect(snippet?.text.length).toBeLessThanOrEqual(160)
    const marked = snippet?.highlights.map((range) => snippet.text.slice(range.start, range.end))
    expect(marked).toEqual(['Standing', 'Committee'])
    expect(long.slice(snippet?.offset ?? 0).startsWith(snippet?.text ?? '?')).toBe(true)
  })

  it('gives the same answer to the same query, whatever was searched before', () => {
    const index = new SearchIndex()
    index.add([
      segment('party central committee'),
      segment('central heating', { callId: 'call-b' }),
      note('n1', 'central note'),
    ])
    const first = index.search('central')
    index.search('central', { callId: 'call-b' })
    index.search('party central')
    index.search('"committee party"')
    expect(index.search('central')).toEqual(first)
  })

  it('says when a query has nothing to search for', () => {
    const index = new SearchIndex()
    index.add([segment('anything')])
    expect(index.search('  ?!  ').blank).toBe(true)
    expect(index.search('nothing').blank).toBe(false)
    expect(index.search('nothing').total).toBe(0)
  })

  it('keeps notes, with their tags, in their own group', () => {
    const index = new SearchIndex()
    index.add([
      segment('Party Central is taking care of this'),
      note('n1', 'Check the Party Central claim', ['disputed', 'party-line']),
      note('n2', 'Unrelated', ['central']),
    ])
    const results = index.search('central')
    expect(results.total).toBe(1)
    // The shorter note ranks first; only a tag that matched is listed as matched.
    expect(results.notes.hits.map((hit) => [hit.noteId, hit.matchedTags])).toEqual([
      ['n2', ['central']],
      ['n1', []],
    ])
    expect(index.search('disputed').notes.hits.map((hit) => hit.noteId)).toEqual(['n1'])
    // A phrase does not run from a note's text into its tags.
    expect(index.search('"claim disputed"').notes.total).toBe(0)
    expect(index.search('central', { language: 'en' }).notes.total).toBe(0)
  })

  it('replaces a document added again under the same key', () => {
    const index = new SearchIndex()
    const first = segment('old words', { start: 5 })
    index.add([first, note('n1', 'draft')])
    index.add([{ ...first, text: 'new words' }, note('n1', 'final')])
    expect(index.size).toBe(2)
    expect(searchTexts(index, 'old')).toEqual([])
    expect(searchTexts(index, 'new')).toEqual(['new words'])
    expect(index.search('draft').notes.total).toBe(0)
    expect(index.search('final').notes.total).toBe(1)
  })

  it('forgets removed calls, tracks and notes', () => {
    const index = new SearchIndex()
    index.add([
      segment('organs in call a', { callId: 'a' }),
      segment('器官 in call a', { callId: 'a', trackId: 'zh' }),
      segment('organs in call b', { callId: 'b' }),
      note('n-a', 'organs note', [], 'a'),
      note('n-b', 'organs note', [], 'b'),
    ])
    expect(index.search('organs').total).toBe(2)
    index.removeTrack('a', 'zh')
    expect(index.search('器官').total).toBe(0)
    expect(index.search('organs').total).toBe(2)
    index.removeCall('a', { keepNotes: true })
    expect(index.search('organs').calls.map((call) => call.callId)).toEqual(['b'])
    expect(index.search('organs').notes.total).toBe(2)
    index.removeCall('b')
    expect(index.search('organs').notes.hits.map((hit) => hit.noteId)).toEqual(['n-a'])
    index.removeNote('n-a')
    expect(index.search('organs').notes.total).toBe(0)
    expect(index.size).toBe(0)
    index.add([segment('organs again', { callId: 'a' })])
    expect(index.search('organs').total).toBe(1)
  })

  it('survives a round trip through JSON', () => {
    const index = new SearchIndex()
    index.add([
      segment('Zhou Yongkang is in charge of this specifically.', { speaker: 'Li Changchun' }),
      segment('这件事具体是周永康负责的。', { language: 'zh-Hans', trackId: 'zh' }),
      note('n1', 'Follow up', ['verify']),
    ])
    index.add([segment('to be removed', { callId: 'gone' })])
    index.removeCall('gone')
    const restored = SearchIndex.fromJSON(JSON.parse(JSON.stringify(index)))
    expect(restored.size).toBe(3)
    for (const query of ['zhou yong', '康负责', '"in charge"', 'verify', 'removed']) {
      expect(restored.search(query), query).toEqual(index.search(query))
    }
    restored.add([segment('added after restoring')])
    expect(searchTexts(restored, 'restoring')).toEqual(['added after restoring'])
  })

  it('refuses a damaged or foreign stored index', () => {
    const index = new SearchIndex()
    index.add([segment('some words')])
    const good = JSON.parse(JSON.stringify(index)) as Record<string, unknown>
    const broken: unknown[] = [
      null,
      'text',
      { ...good, format: 'other' },
      { ...good, tokenizer: -1 },
      { ...good, terms: [1, 2] },
      { ...good, documents: [{ text: 'no call' }] },
      { ...good, postings: [999_999] },
      { ...good, offsets: [0] },
      { ...good, units: ['x'] },
      { ...good, counts: [] },
    ]
    for (const data of broken) {
      expect(() => SearchIndex.fromJSON(data), JSON.stringify(data)).toThrow(SearchIndexFormatError)
    }
  })

  it('stays correct through many adds and removals (compared with a plain scan)', () => {
    const vocabulary = [
      'party',
      'central',
      'partial',
      'committee',
      'organs',
      '中央',
      '中',
      '央视',
      '负责',
    ]
    const textOf = fc
      .array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 8 })
      .map((words) => words.join(' '))
    const operation = fc.oneof(
      fc.record({
        kind: fc.constant('add' as const),
        call: fc.nat(3),
        texts: fc.array(textOf, { maxLength: 40 }),
      }),
      fc.record({ kind: fc.constant('remove' as const), call: fc.nat(3) }),
    )
    const query = fc.oneof(
      fc.constantFrom(...vocabulary),
      fc.constantFrom(
        'par',
        '"party central"',
        'central part',
        '"中央"',
        '央',
        'committee organs ',
      ),
    )
    fc.assert(
      fc.property(
        fc.array(operation, { maxLength: 12 }),
        fc.array(query, { minLength: 1, maxLength: 5 }),
        (operations, queries) => {
          // Tiny merge thresholds are not reachable from outside, so force merges with optimize().
          const index = new SearchIndex()
          let held: SearchDocument[] = []
          operations.forEach((op, step) => {
            const callId = `call-${op.call}`
            if (op.kind === 'add') {
              const docs = op.texts.map((text, i) =>
                segment(text, { callId, segmentIndex: step * 100 + i, start: i }),
              )
              index.add(docs)
              held.push(...docs)
            } else {
              index.removeCall(callId)
              held = held.filter((doc) => doc.callId !== callId)
            }
            if (step % 3 === 2) index.optimize()
          })
          for (const q of queries) {
            const { clauses } = parseQuery(q)
            const expected = held.filter((doc) => {
              const { tokens } = tokenize(doc.text)
              return clauses.every(
                (clause) => findPhrase(tokens, clause.terms, clause.prefix).length > 0,
              )
            })
            const results = index.search(q, { limit: 1000 })
            expect(results.total, q).toBe(expected.length)
            const found = results.calls.flatMap((call) =>
              call.hits.map((hit) => `${hit.callId}/${hit.segmentIndex}`),
            )
            expect(found.sort(), q).toEqual(
              expected
                .map((doc) => `${doc.callId}/${(doc as SegmentDocument).segmentIndex}`)
                .sort(),
            )
          }
        },
      ),
      { numRuns: 60 },
    )
  })
})

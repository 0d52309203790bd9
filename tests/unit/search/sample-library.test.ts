// @vitest-environment node
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { restoreLibrary } from '../../../src/domain/restore-library'
import { callDocuments } from '../../../src/search/documents'
import { SearchIndex, type SegmentHit } from '../../../src/search/index'

const library = restoreLibrary(
  JSON.parse(readFileSync(resolve('public', 'samples', 'library.json'), 'utf8')),
)
const index = new SearchIndex()
for (const call of library.calls) index.add(callDocuments(call))

const first = (query: string): SegmentHit | undefined => index.search(query).calls[0]?.hits[0]
const highlighted = (hit: SegmentHit | undefined) =>
  hit?.snippet.highlights.map((range) => hit.snippet.text.slice(range.start, range.end))

describe('search over the sample library', () => {
  it('finds Zhou Yongkang in the Li Changchun call', () => {
    const hit = first('Zhou Yongkang')
    expect(hit).toMatchObject({
      callId: 'li-changchun-2012-04',
      trackId: 'en',
      segmentIndex: 1,
      speaker: 'Li Changchun',
      language: 'en',
      start: 7.687,
    })
    expect(highlighted(hit)).toEqual(['Zhou', 'Yongkang'])
  })

  it('finds 周永康 in the Chinese track', () => {
    const results = index.search('周永康')
    expect(results.total).toBe(1)
    const hit = results.calls[0]?.hits[0]
    expect(hit).toMatchObject({
      callId: 'li-changchun-2012-04',
      trackId: 'zh',
      language: 'zh-Hans',
    })
    expect(highlighted(hit)).toEqual(['周永康'])
  })

  it('completes the word being typed: "standing comm"', () => {
    const hit = first('standing comm')
    expect(hit).toMatchObject({ callId: 'tang-junjie-2012-04', segmentIndex: 3 })
    expect(highlighted(hit)).toEqual(['Standing', 'Committee'])
  })

  it('finds the quoted phrase "Party Central"', () => {
    const results = index.search('"Party Central"')
    expect(results.total).toBe(1)
    expect(highlighted(results.calls[0]?.hits[0])).toEqual(['Party Central'])
  })

  it('finds 中央 in the Tang Junjie translation, by substring of a longer run', () => {
    const hit = first('中央')
    expect(hit).toMatchObject({ callId: 'tang-junjie-2012-04', trackId: 'zh' })
  })

  it('ranks a call where the words stand together first', () => {
    // All three calls mention Falun Gong practitioners.
    const results = index.search('falun gong practitioners')
    expect(results.calls.map((call) => call.callId).sort()).toEqual([
      'li-changchun-2012-04',
      'tang-junjie-2012-04',
      'zhou-yongkang-2008-05',
    ])
    expect(index.search('falun gong', { language: 'zh' }).total).toBe(0)
    expect(index.search('法轮功学员', { language: 'zh' }).total).toBe(3)
  })

  it('finds nothing for words that are not there', () => {
    expect(index.search('xinjiang').total).toBe(0)
    expect(index.search('"committee standing"').total).toBe(0)
  })
})

import { describe, expect, it } from 'vitest'
import { seconds, type Call } from '../../../src/domain/types'
import {
  callSummaryDocument,
  type CallDocument,
  type SegmentDocument,
} from '../../../src/search/documents'
import { SearchIndex } from '../../../src/search/index'

function segment(
  callId: string,
  segmentIndex: number,
  text: string,
  speaker: string,
  trackId = 'en',
): SegmentDocument {
  return {
    callId,
    trackId,
    segmentIndex,
    start: seconds(segmentIndex * 2),
    end: seconds(segmentIndex * 2 + 2),
    speaker,
    language: trackId === 'zh' ? 'zh-Hans' : 'en',
    text,
  }
}

function callDoc(
  callId: string,
  title: string,
  participants: readonly string[],
  speakers: readonly string[] = participants,
): CallDocument {
  return { kind: 'call', callId, start: seconds(0), text: title, participants, speakers }
}

/** Three calls like the sample library, with a speaker (Wang Lijun) named only in labels. */
function library(): SearchIndex {
  const index = new SearchIndex()
  index.add([
    callDoc('zhou', 'Zhou Yongkang asks how many escaped', ['Investigator', 'Zhou Yongkang']),
    segment('zhou', 0, 'What about the group who escaped?', 'Investigator'),
    segment('zhou', 1, 'How many people escaped?', 'Zhou Yongkang'),
    callDoc('li', 'Li Changchun on who is in charge', ['Investigator', 'Li Changchun']),
    segment('li', 0, 'What about the organs?', 'Investigator'),
    segment('li', 1, 'Zhou Yongkang is in charge of this specifically.', 'Li Changchun'),
    callDoc('wang', 'A call about the consulate', ['Investigator'], ['Investigator', 'Wang Lijun']),
    segment('wang', 0, 'Were you at the consulate?', 'Investigator'),
    segment('wang', 1, 'I went there in February.', 'Wang Lijun'),
  ])
  return index
}

const callIds = (index: SearchIndex, query: string, options = {}) =>
  index.search(query, options).calls.map((group) => group.callId)

describe('a call’s own document', () => {
  it('is made from the title, the participants and the distinct speakers', () => {
    const call: Pick<Call, 'id' | 'title' | 'participants' | 'tracks'> = {
      id: 'c',
      title: 'A title',
      participants: [{ name: 'Ann', role: 'Caller' }, { name: 'Bo' }],
      tracks: [
        {
          id: 'en',
          language: 'en',
          kind: 'original',
          label: 'English',
          segments: [
            { id: '1', start: seconds(0), end: seconds(1), speaker: 'Cy', text: 'a' },
            { id: '2', start: seconds(1), end: seconds(2), text: 'b' },
            { id: '3', start: seconds(2), end: seconds(3), speaker: ' Ann ', text: 'c' },
            { id: '4', start: seconds(3), end: seconds(4), speaker: 'Cy', text: 'd' },
          ],
        },
      ],
    }
    expect(callSummaryDocument(call)).toEqual({
      kind: 'call',
      callId: 'c',
      start: 0,
      text: 'A title',
      participants: ['Ann', 'Bo'],
      speakers: ['Cy', 'Ann'],
    })
  })

  it('lets a speaker’s name find the call in which that person speaks', () => {
    const index = library()
    const results = index.search('Wang Lijun')
    expect(results.calls.map((group) => group.callId)).toEqual(['wang'])
    expect(results.calls[0]?.match?.matchedNames).toEqual(['Wang Lijun'])
    // The name is in no line of the transcript.
    expect(results.total).toBe(0)
    expect(results.calls[0]?.hits).toEqual([])
  })

  it('marks what matched in the title', () => {
    const match = library()
      .search('escaped')
      .calls.find((group) => group.callId === 'zhou')?.match
    expect(match?.snippet.text).toBe('Zhou Yongkang asks how many escaped')
    expect(match?.snippet.highlights).toEqual([{ start: 28, end: 35 }])
    expect(match?.matchedNames).toEqual([])
  })

  it('ranks with the text: the call in which a person speaks comes before a mere mention', () => {
    const index = library()
    const results = index.search('Zhou Yongkang')
    expect(results.calls.map((group) => group.callId)).toEqual(['zhou', 'li'])
    expect(results.calls[0]?.match?.matchedNames).toEqual(['Zhou Yongkang'])
    expect(results.calls[1]?.match).toBeUndefined()
    // The line that names him is still found, in its own call.
    expect(results.calls[1]?.hits.map((hit) => hit.snippet.text)).toEqual([
      'Zhou Yongkang is in charge of this specifically.',
    ])
  })

  it('does not let a phrase run from one name into the next', () => {
    const index = library()
    // "Investigator" then "Zhou Yongkang" are neighbours in the participants of `zhou`.
    expect(callIds(index, '"Investigator Zhou"')).toEqual([])
    expect(callIds(index, '"Zhou Yongkang"')).toEqual(['zhou', 'li'])
  })

  it('is filtered like the lines: by call and speaker, and left out by a language filter', () => {
    const index = library()
    expect(callIds(index, 'Investigator', { callId: 'li' })).toEqual(['li'])
    expect(callIds(index, 'consulate', { speaker: 'wang lijun' })).toEqual(['wang'])
    expect(callIds(index, 'consulate', { speaker: 'Li Changchun' })).toEqual([])
    expect(callIds(index, 'consulate', { language: 'en' })).toEqual(['wang'])
    expect(index.search('consulate', { language: 'en' }).calls[0]?.match).toBeUndefined()
  })

  it('stays when a track is removed, goes with its call, and is replaced by a new one', () => {
    const index = library()
    index.removeTrack('wang', 'en')
    expect(callIds(index, 'Wang Lijun')).toEqual(['wang'])
    index.add([callDoc('wang', 'A call about the consulate', ['Investigator'], ['Investigator'])])
    expect(callIds(index, 'Wang Lijun')).toEqual([])
    expect(callIds(index, 'consulate')).toEqual(['wang'])
    index.removeCall('wang')
    expect(callIds(index, 'consulate')).toEqual([])
  })

  it('survives a round trip through JSON', () => {
    const index = library()
    const restored = SearchIndex.fromJSON(JSON.parse(JSON.stringify(index)))
    for (const query of ['Wang Lijun', 'Zhou Yongkang', 'escaped', 'Investigator']) {
      expect(restored.search(query), query).toEqual(index.search(query))
    }
  })
})

// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { seconds } from '../../../src/domain/types'
import {
  createCallFinder,
  describeMatches,
  findInCall,
  highlightsBySegment,
  matchAtOrAfter,
  segmentKey,
  stepMatch,
  type FindTrack,
} from '../../../src/search/find-in-call'

const tracks: FindTrack[] = [
  {
    id: 'en',
    segments: [
      { start: seconds(0.3), text: 'What about Falun Gong? Falun Gong practitioners.' },
      { start: seconds(6.1), text: 'I was asked to take care of this task.' },
      { start: seconds(8.8), text: 'Actually Party Central is taking care of this…' },
    ],
  },
  {
    id: 'zh',
    segments: [
      { start: seconds(0.3), text: '关于摘取法轮功学员器官的事' },
      { start: seconds(6.1), text: '我被要求负责这个任务。其实是中央在负责这个事……' },
    ],
  },
]

describe('findInCall', () => {
  it('lists every occurrence in time order, across tracks', () => {
    const matches = findInCall(tracks, 'care of')
    const at = (text: string) => [text.indexOf('care of'), text.indexOf('care of') + 7]
    expect(matches.map((m) => [m.trackId, m.segmentIndex, m.range.start, m.range.end])).toEqual([
      ['en', 1, ...at('I was asked to take care of this task.')],
      ['en', 2, ...at('Actually Party Central is taking care of this…')],
    ])
    expect(findInCall(tracks, 'falun gong').map((m) => [m.segmentIndex, m.range.start])).toEqual([
      [0, 11],
      [0, 23],
    ])
  })

  it('orders matches at the same time by track, then position', () => {
    const matches = findInCall(
      [
        { id: 'b', segments: [{ start: seconds(1), text: 'x y x' }] },
        {
          id: 'a',
          segments: [
            { start: seconds(0), text: 'x' },
            { start: seconds(1), text: 'x' },
          ],
        },
      ],
      'x',
    )
    expect(matches.map((m) => `${m.trackId}${m.range.start}`)).toEqual(['a0', 'b0', 'b4', 'a0'])
  })

  it('matches like the search box: case, accents, prefix of the word being typed, Chinese substrings', () => {
    expect(findInCall(tracks, 'PARTY cen').map((m) => m.segmentIndex)).toEqual([2])
    expect(findInCall(tracks, 'party cen ')).toEqual([])
    const chinese = findInCall(tracks, '负责')
    expect(chinese.map((m) => [m.trackId, m.range.start])).toEqual([
      ['zh', 4],
      ['zh', 17],
    ])
    expect(findInCall(tracks, '"法轮功学员"').map((m) => m.range)).toEqual([{ start: 4, end: 9 }])
    expect(findInCall(tracks, '  ')).toEqual([])
  })

  it('reuses the tokens of a call between keystrokes', () => {
    const finder = createCallFinder(tracks)
    expect(finder.find('ta')).toHaveLength(3)
    expect(finder.find('tas')).toHaveLength(1)
  })
})

describe('stepping through matches', () => {
  it('wraps next and previous at either end', () => {
    expect(stepMatch(-1, 3, 1)).toBe(0)
    expect(stepMatch(-1, 3, -1)).toBe(2)
    expect(stepMatch(0, 3, 1)).toBe(1)
    expect(stepMatch(2, 3, 1)).toBe(0)
    expect(stepMatch(0, 3, -1)).toBe(2)
    expect(stepMatch(5, 3, 1)).toBe(0)
    expect(stepMatch(0, 0, 1)).toBe(-1)
  })

  it('says "3 of 12"', () => {
    expect(describeMatches(2, 12)).toBe('3 of 12')
    expect(describeMatches(-1, 12)).toBe('12 matches')
    expect(describeMatches(-1, 1)).toBe('1 match')
    expect(describeMatches(-1, 0)).toBe('No matches')
  })

  it('starts from the first match at or after the playhead, wrapping', () => {
    const matches = findInCall(tracks, 'care')
    expect(matchAtOrAfter(matches, 0)).toBe(0)
    expect(matchAtOrAfter(matches, 7)).toBe(1)
    expect(matchAtOrAfter(matches, 60)).toBe(0)
    expect(matchAtOrAfter([], 1)).toBe(-1)
  })

  it('groups highlights by segment and marks the current match', () => {
    const matches = findInCall(tracks, 'falun gong')
    const highlights = highlightsBySegment(matches, 1)
    expect(highlights.get(segmentKey('en', 0))).toEqual([
      { start: 11, end: 21, current: false },
      { start: 23, end: 33, current: true },
    ])
    expect(highlights.get(segmentKey('en', 1))).toBeUndefined()
  })
})

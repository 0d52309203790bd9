import { describe, expect, it } from 'vitest'
import { seconds, type Track } from '../../../src/domain/types'
import { interleavedLines, trackLines } from '../../../src/features/transcript/interleave'
import { makeTrack } from '../../helpers/fixtures'

/** A track whose lines run over the given [start, end] pairs. */
function timed(id: string, spans: [number, number][]): Track {
  return {
    id,
    language: id,
    kind: 'translation',
    label: id,
    segments: spans.map(([start, end], i) => ({
      id: `${id}-${i}`,
      start: seconds(start),
      end: seconds(end),
      text: `${id} ${i}`,
    })),
  }
}

const names = (list: ReturnType<typeof interleavedLines>) =>
  list.lines.map((line) => `${line.track.id}${line.index}`)

describe('trackLines', () => {
  it('lists a track’s lines in order and finds each one', () => {
    const track = makeTrack('en', 3)
    const list = trackLines(track)
    expect(list.lines.map((l) => l.index)).toEqual([0, 1, 2])
    expect(list.placeOf('en', 2)).toBe(2)
    expect(list.placeOf('zh', 0)).toBe(-1)
    expect(list.placeOf('en', 3)).toBe(-1)
  })
})

describe('interleavedLines', () => {
  it('puts each translation line under the original line it begins with', () => {
    const en = timed('en', [
      [0, 7.6],
      [7.6, 10.3],
      [10.3, 11.3],
    ])
    // One Chinese line covers the last two English lines; it goes under the first, where it begins.
    const zh = timed('zh', [
      [0, 7.5],
      [7.6, 11.3],
    ])
    const list = interleavedLines([en, zh])
    expect(names(list)).toEqual(['en0', 'zh0', 'en1', 'zh1', 'en2'])
    expect(list.placeOf('zh', 1)).toBe(3)
    expect(list.placeOf('en', 2)).toBe(4)
  })

  it('places a line in a gap after the last original line that starts before it', () => {
    // And a line that starts a little before an original line (timed apart) goes with it.
    const en = timed('en', [
      [0, 2],
      [5, 6],
    ])
    const zh = timed('zh', [
      [2.5, 3],
      [4.8, 6],
      [7, 8],
    ])
    expect(names(interleavedLines([en, zh]))).toEqual(['en0', 'zh0', 'en1', 'zh1', 'zh2'])
  })

  it('puts lines that start before every original line first', () => {
    const en = timed('en', [[5, 6]])
    const zh = timed('zh', [
      [0, 1],
      [5, 6],
    ])
    expect(names(interleavedLines([en, zh]))).toEqual(['zh0', 'en0', 'zh1'])
  })

  it('holds every line of every track exactly once, for three tracks too', () => {
    const a = makeTrack('a', 40, { length: 3 })
    const b = makeTrack('b', 25, { length: 5 })
    const c = makeTrack('c', 60, { length: 2 })
    const list = interleavedLines([a, b, c])
    expect(list.lines).toHaveLength(125)
    for (const track of [a, b, c])
      track.segments.forEach((_, i) => {
        const place = list.placeOf(track.id, i)
        expect(list.lines[place]).toEqual({ track, index: i })
      })
    // The first track's lines keep their order, and times read in order down the column.
    const firsts = list.lines.filter((l) => l.track === a).map((l) => l.index)
    expect(firsts).toEqual([...firsts].sort((x, y) => x - y))
    const starts = list.lines.map((l) => l.track.segments[l.index]?.start ?? NaN)
    starts.forEach((start, i) => expect(start).toBeGreaterThanOrEqual((starts[i - 1] ?? 0) - 0.3))
  })

  it('gives an empty list for no tracks and the track itself for one', () => {
    expect(interleavedLines([]).lines).toEqual([])
    expect(names(interleavedLines([timed('en', [[0, 1]])]))).toEqual(['en0'])
  })
})

import { act, cleanup, render, screen, within } from '@testing-library/react'
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CUT } from '../../src/domain/citation'
import { seconds, type Segment, type Track } from '../../src/domain/types'
import { TranscriptPanel, TranscriptToolbar } from '../../src/features/transcript/transcript-panel'
import { rangeFromSelection } from '../../src/features/transcript/use-text-selection'
import { createAppStore, type AppStore } from '../../src/store/store'
import { StoreProvider } from '../../src/store/store-context'

/** A segment whose words are its text split at spaces, each word an equal share of its time. */
function timed(start: number, end: number, text: string, speaker?: string): Segment {
  const parts = text.split(' ')
  const step = (end - start) / parts.length
  return {
    id: `s${start}`,
    start: seconds(start),
    end: seconds(end),
    text,
    words: parts.map((word, i) => ({
      start: seconds(start + i * step),
      end: seconds(start + (i + 1) * step),
      text: word,
    })),
    ...(speaker !== undefined && { speaker }),
  }
}

function track(id: string, language: string, segments: Segment[]): Track {
  return { id, language, kind: 'original', label: `${id} track`, segments }
}

/** The Li Changchun sample's two English lines, and its Chinese line spanning both. */
const english = track('en', 'en', [
  timed(0.3, 6.5, 'What about Bo?', 'Investigator'),
  timed(7.687, 10.313, 'Zhou Yongkang is in charge of this specifically.', 'Li Changchun'),
  timed(10.663, 11.369, 'He knows it.', 'Li Changchun'),
])
const chinese = track('zh', 'zh-Hans', [
  {
    id: 'z',
    start: seconds(7.687),
    end: seconds(11.369),
    text: '这件事具体是周永康负责的。他知道这件事。',
  },
])

/** The real transcript panel, laid out as jsdom cannot: a viewport, and rows with a height. */
function setup(tracks: Track[]): AppStore {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400)
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(500)
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(50)
  const store = createAppStore()
  store.getState().openCall({ id: 'call', tracks, duration: seconds(100), start: null })
  render(
    <StoreProvider store={store}>
      <TranscriptToolbar />
      <TranscriptPanel />
    </StoreProvider>,
  )
  return store
}

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

/** A DOM range from `offset` in the first text node of `start` to `endOffset` in that of `end`. */
function between(start: Node, offset: number, end: Node, endOffset: number): Range {
  const range = document.createRange()
  range.setStart(start.firstChild ?? start, offset)
  range.setEnd(end.firstChild ?? end, endOffset)
  return range
}

const column = (name: RegExp) => within(screen.getByRole('region', { name }))

describe('rangeFromSelection', () => {
  it('quotes the transcript’s words across two lines, not the timestamp between them', () => {
    const store = setup([english, chinese])
    const en = column(/^en track$/)
    // The reported selection: from inside "specifically." through "He knows it.", which puts the
    // second line's timestamp button ("00:10") inside the DOM selection.
    const range = between(en.getByText('specifically.'), 3, en.getByText('it.'), 3)
    expect(range.toString()).toContain('00:10')
    const selection = rangeFromSelection(range, store.getState().tracks)
    expect(selection).toEqual({
      trackId: 'en',
      start: 7.687 + (7 * 2.626) / 8,
      end: 11.369,
      quote: `${CUT}cifically. He knows it.`,
    })
  })

  it('gives whole lines joined by one space, without an ellipsis, from the first word to the last', () => {
    const store = setup([english, chinese])
    const en = column(/^en track$/)
    const range = between(en.getByText('Zhou'), 0, en.getByText('it.'), 3)
    expect(rangeFromSelection(range, store.getState().tracks)).toEqual({
      trackId: 'en',
      start: 7.687,
      end: 11.369,
      quote: 'Zhou Yongkang is in charge of this specifically. He knows it.',
    })
  })

  it('leaves out speaker labels and timestamps a selection starts or ends in', () => {
    const store = setup([english, chinese])
    const en = column(/^en track$/)
    const range = between(
      en.getByRole('button', { name: 'Play from 00:07' }),
      0,
      en.getByRole('button', { name: 'Play from 00:10' }),
      2,
    )
    expect(rangeFromSelection(range, store.getState().tracks)?.quote).toBe(
      'Zhou Yongkang is in charge of this specifically.',
    )
  })

  it('quotes a line without word times by its characters, with the segment’s times', () => {
    const store = setup([english, chinese])
    const zh = column(/^zh track$/)
    const line = zh.getByText('这件事具体是周永康负责的。他知道这件事。')
    expect(rangeFromSelection(between(line, 6, line, 13), store.getState().tracks)).toEqual({
      trackId: 'zh',
      start: 7.687,
      end: 11.369,
      quote: `${CUT}周永康负责的。${CUT}`,
    })
  })

  it('quotes one track’s words when lines are interleaved, skipping the translation between', () => {
    const store = setup([english, chinese])
    act(() => store.getState().setLineLayout('interleaved'))
    const lines = column(/line by line$/)
    // English "Zhou …", then the Chinese line that begins with it, then English "He knows it."
    const range = between(lines.getByText('Zhou'), 0, lines.getByText('it.'), 3)
    expect(range.toString()).toContain('他知道这件事')
    expect(rangeFromSelection(range, store.getState().tracks)).toEqual({
      trackId: 'en',
      start: 7.687,
      end: 11.369,
      quote: 'Zhou Yongkang is in charge of this specifically. He knows it.',
    })
    // From an English line into the Chinese one: two tracks, nothing to cite.
    const across = between(lines.getByText('Zhou'), 0, lines.getByText(/他知道/), 2)
    expect(rangeFromSelection(across, store.getState().tracks)).toBeNull()
  })

  it('gives nothing for a selection across two tracks, or of a timestamp alone', () => {
    const store = setup([english, chinese])
    const en = column(/^en track$/)
    const zh = column(/^zh track$/)
    const tracks = store.getState().tracks
    const across = between(en.getByText('Zhou'), 0, zh.getByText(/他知道/), 2)
    expect(rangeFromSelection(across, tracks)).toBeNull()
    const stamp = en.getByRole('button', { name: 'Play from 00:10' })
    expect(rangeFromSelection(between(stamp, 0, stamp, 3), tracks)).toBeNull()
  })

  // Lines of words and spaces; none holds the ellipsis, so that every cut is the quote's own.
  const word = fc.stringMatching(/^[A-Za-z.,?’周]{1,6}$/)
  const row = fc.record({
    words: fc.array(word, { minLength: 1, maxLength: 5 }),
    timed: fc.boolean(),
    speaker: fc.option(fc.constantFrom('Investigator', 'Li Changchun'), { nil: undefined }),
  })

  it('quotes exactly the transcript text a random selection over random rows covers', () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (rows, n1, o1, n2, o2) => {
          cleanup()
          const segments = rows.map((r, i): Segment => {
            const text = r.words.join(' ')
            return r.timed
              ? timed(i * 10, i * 10 + 5, text, r.speaker)
              : {
                  id: `p${i}`,
                  start: seconds(i * 10),
                  end: seconds(i * 10 + 5),
                  text,
                  ...(r.speaker !== undefined && { speaker: r.speaker }),
                }
          })
          const store = setup([track('t', 'en', segments)])
          const region = screen.getByRole('region', { name: /^t track$/ })
          // Any two points in the column's text: timestamps, speakers and labels included.
          const walker = document.createTreeWalker(region, NodeFilter.SHOW_TEXT)
          const texts: Text[] = []
          for (let node = walker.nextNode(); node; node = walker.nextNode())
            texts.push(node as Text)
          const a = texts[n1 % texts.length]!
          const b = texts[n2 % texts.length]!
          const range = document.createRange()
          range.setStart(a, o1 % (a.length + 1))
          range.collapse(true)
          const end = document.createRange()
          end.setStart(b, o2 % (b.length + 1))
          // A DOM range runs forwards, as the browser's selection range does.
          if (range.compareBoundaryPoints(Range.START_TO_START, end) <= 0) {
            range.setEnd(b, o2 % (b.length + 1))
          } else {
            range.setStart(b, o2 % (b.length + 1))
            range.setEnd(a, o1 % (a.length + 1))
          }

          // The oracle, from the page: each line's text inside the range, what precedes and
          // follows it in that line, and nothing outside the lines.
          const lines = [...region.querySelectorAll('.segment-text')].map((p) => {
            const whole = document.createRange()
            whole.selectNodeContents(p)
            const part = whole.cloneRange()
            if (range.compareBoundaryPoints(Range.START_TO_START, whole) > 0)
              part.setStart(range.startContainer, range.startOffset)
            if (range.compareBoundaryPoints(Range.END_TO_END, whole) < 0)
              part.setEnd(range.endContainer, range.endOffset)
            const inside =
              range.compareBoundaryPoints(Range.START_TO_END, whole) > 0 &&
              range.compareBoundaryPoints(Range.END_TO_START, whole) < 0
            const selected = inside && !part.collapsed ? part.toString() : ''
            const before = whole.cloneRange()
            before.setEnd(part.startContainer, part.startOffset)
            const after = whole.cloneRange()
            after.setStart(part.endContainer, part.endOffset)
            return { selected, before: before.toString(), after: after.toString() }
          })
          const quoted = lines.filter((line) => line.selected.trim() !== '')
          const first = quoted[0]
          const last = quoted.at(-1)
          const selection = rangeFromSelection(range, store.getState().tracks)
          if (!first || !last) {
            expect(selection).toBeNull()
            return
          }
          const expected =
            (first.before.trim() !== '' ? CUT : '') +
            quoted.map((line) => line.selected.replace(/\s+/g, ' ').trim()).join(' ') +
            (last.after.trim() !== '' ? CUT : '')
          expect(selection?.quote).toBe(expected)
          expect(selection?.quote).not.toMatch(/\d\d:\d\d|Investigator|Li Changchun/)
        },
      ),
      { numRuns: 60 },
    )
  })
})

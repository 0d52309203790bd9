import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CUT, quoteBetween, type TextPoint } from '../../../src/domain/citation'
import { seconds, type Segment, type Track } from '../../../src/domain/types'

/** A segment whose words are its text split at spaces, each word lasting one second. */
function timed(start: number, text: string, speaker?: string): Segment {
  const words = text.split(' ').map((word, i) => ({
    start: seconds(start + i),
    end: seconds(start + i + 1),
    text: word,
  }))
  return {
    id: `s${start}`,
    start: seconds(start),
    end: seconds(start + words.length),
    text,
    words,
    ...(speaker !== undefined && { speaker }),
  }
}

function track(language: string, segments: Segment[]): Pick<Track, 'segments' | 'language'> {
  return { language, segments }
}

const li = track('en', [
  timed(0, 'What about Bo?', 'Investigator'),
  timed(10, 'Zhou Yongkang is in charge of this specifically.', 'Li Changchun'),
  timed(20, 'He knows it.', 'Li Changchun'),
])

describe('quoteBetween', () => {
  it('joins whole lines with a single space and times them from the first word to the last', () => {
    const quote = quoteBetween(li, { segment: 1, offset: 0 }, { segment: 2, offset: 12 })
    expect(quote).toEqual({
      text: 'Zhou Yongkang is in charge of this specifically. He knows it.',
      start: 10,
      end: 23,
      speakers: ['Li Changchun'],
    })
  })

  it('marks a start or an end inside a line with an ellipsis, and times the words cut into', () => {
    // From inside "specifically." (word 7) to the end of "knows" (word 1 of the next line).
    const quote = quoteBetween(
      li,
      { segment: 1, word: 7, offset: 3 },
      { segment: 2, word: 1, offset: 5 },
    )
    expect(quote?.text).toBe(`${CUT}cifically. He knows${CUT}`)
    expect([quote?.start, quote?.end]).toEqual([17, 22])
  })

  it('reads points given the wrong way round as the same selection', () => {
    const from: TextPoint = { segment: 0, offset: 5 }
    const to: TextPoint = { segment: 2, word: 0, offset: 2 }
    expect(quoteBetween(li, to, from)).toEqual(quoteBetween(li, from, to))
  })

  it('ends a line just past its last character without an ellipsis, and skips lines left empty', () => {
    // The end lies at the start of the third line: nothing of it is selected.
    const quote = quoteBetween(li, { segment: 1, word: 5, offset: 0 }, { segment: 2, offset: 0 })
    expect(quote?.text).toBe(`${CUT}of this specifically.`)
    expect(quote?.end).toBe(18)
  })

  it('joins Chinese lines without a space', () => {
    const zh = track('zh-Hans', [
      { id: 'a', start: seconds(0), end: seconds(1), text: '这件事具体是周永康负责的。' },
      { id: 'b', start: seconds(1), end: seconds(2), text: '他知道这件事。' },
    ])
    const quote = quoteBetween(zh, { segment: 0, offset: 6 }, { segment: 1, offset: 7 })
    expect(quote?.text).toBe(`${CUT}周永康负责的。他知道这件事。`)
  })

  it('gives nothing for a selection of nothing but whitespace', () => {
    const spaced = track('en', [{ id: 'a', start: seconds(0), end: seconds(1), text: 'a   b' }])
    expect(quoteBetween(spaced, { segment: 0, offset: 1 }, { segment: 0, offset: 4 })).toBeNull()
  })

  it('takes the whole line when a word cannot be found in an edited text', () => {
    const edited = track('en', [{ ...timed(0, 'one two'), text: 'one 2' }])
    const quote = quoteBetween(
      edited,
      { segment: 0, word: 1, offset: 1 },
      { segment: 0, word: 1, offset: 3 },
    )
    expect(quote?.text).toBe('one 2')
  })

  // Words, spaces and line breaks, and none of them the ellipsis, so that a cut is always ours.
  const text = fc
    .array(fc.constantFrom('a', 'b', 'Z', '.', ',', '周', ' ', '  ', '\n', '’'), { maxLength: 16 })
    .map((parts) => parts.join(''))

  it('quotes exactly the transcript’s text between any two points of any rows', () => {
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (lines, s1, o1, s2, o2) => {
          const t = track(
            'en',
            lines.map((line, i) => ({
              id: `${i}`,
              start: seconds(i),
              end: seconds(i + 1),
              text: line,
            })),
          )
          const a = {
            segment: s1 % lines.length,
            offset: o1 % ((lines[s1 % lines.length] ?? '').length + 1),
          }
          const b = {
            segment: s2 % lines.length,
            offset: o2 % ((lines[s2 % lines.length] ?? '').length + 1),
          }
          const [from, to] =
            a.segment < b.segment || (a.segment === b.segment && a.offset <= b.offset)
              ? [a, b]
              : [b, a]
          // The oracle: the transcript as one string, one line after another, sliced between the
          // points; each line's part with its spaces collapsed, the empty ones dropped.
          const starts = lines.map((_, i) =>
            lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0),
          )
          const whole = lines.join('\u0000')
          const selected = whole.slice(
            starts[from.segment]! + from.offset,
            starts[to.segment]! + to.offset,
          )
          const parts = selected
            .split('\u0000')
            .map((part) => part.replace(/\s+/g, ' ').trim())
            .filter((part) => part !== '')
          const quote = quoteBetween(t, from, to)
          if (parts.length === 0) {
            expect(quote).toBeNull()
            return
          }
          const before = whole
            .slice(0, starts[from.segment]! + from.offset)
            .split('\u0000')
            .at(-1)!
          const after = whole.slice(starts[to.segment]! + to.offset).split('\u0000')[0]!
          // A cut is marked only where the quote's first or last line goes on beyond the selection.
          const firstLine = selected.split('\u0000').findIndex((p) => p.trim() !== '')
          const lastLine = selected.split('\u0000').findLastIndex((p) => p.trim() !== '')
          const cutBefore = firstLine === 0 && before.trim() !== ''
          const cutAfter = lastLine === selected.split('\u0000').length - 1 && after.trim() !== ''
          expect(quote?.text).toBe((cutBefore ? CUT : '') + parts.join(' ') + (cutAfter ? CUT : ''))
        },
      ),
      { numRuns: 500 },
    )
  })
})

// @vitest-environment node
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { seconds, type Segment, type Word } from '../../../src/domain/types'
import { exportSrt, exportWebVtt } from '../../../src/formats/export'
import { parseSrt } from '../../../src/formats/srt'
import { parseVerbatimJson, serializeVerbatimJson } from '../../../src/formats/verbatim-json'
import { parseWebVtt } from '../../../src/formats/webvtt'

/*
 * Export → import gives the same segments: times to the millisecond, text, speakers (WebVTT and
 * Verbatim JSON), word times (WebVTT keeps word starts, and ends where the next word starts;
 * Verbatim JSON keeps everything). SRT keeps times and text only: it has no speakers or words.
 *
 * Generated text is what the importers keep as it is: lines without blank or padded lines
 * (subtitle cues end at a blank line, and importers trim), no control characters.
 */

const CHARS = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  {
    weight: 2,
    arbitrary: fc.integer({ min: 0xa0, max: 0x17f }).map((c) => String.fromCharCode(c)),
  },
  {
    weight: 2,
    arbitrary: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('🎧', '👩🏽‍⚖️', '\u200e', '\u3000', 'é', 'ü', 'ﬁ', '\u2028'),
  },
)

/** Fragments every escaping rule has to get right. */
const TRICKY = fc.constantFrom(
  '&amp;',
  '&lt;',
  '&nbsp;',
  '&#233;',
  '&bogus;',
  'AT&T',
  'a<b',
  '<i>',
  '</v>',
  '<v Bob>',
  '<00:00:01.000>',
  'x > y',
  '-->',
  '->',
  '{\\an8}',
  '{y:i}',
  '{text}',
  '\\N',
  '\\h',
  '<br>',
  'NOTE',
  'WEBVTT',
  '1',
  '00:00:01,000',
  '12:30:00',
  '你好',
  '世界',
)

const token = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: CHARS, minLength: 1, maxLength: 8 }) },
  { weight: 2, arbitrary: TRICKY },
)

/** A word: a token with no whitespace at all (words are joined with spaces). */
const wordText = token.map((t) => t.replace(/\s/g, '')).filter((t) => t !== '')

const line = fc
  .array(token, { minLength: 1, maxLength: 6 })
  .map((tokens) => tokens.join(' ').trim())
  .filter((l) => l !== '' && l.trim() === l)

const speaker = fc
  .array(fc.oneof(token, fc.constantFrom('Dr.', '<&>', 'Ana María', '李', 'O’Brien')), {
    minLength: 1,
    maxLength: 3,
  })
  .map((parts) =>
    parts
      .join(' ')
      .replace(/[ \t\n\f\r]+/g, ' ')
      .replace(/^ | $/g, ''),
  )
  .filter((name) => name !== '')

const ms = (value: number) => seconds(value / 1000)

interface Draft {
  readonly startMs: number
  readonly durationMs: number
  readonly speaker: string | undefined
  readonly lines: string[]
  readonly words: { text: string; offsetMs: number }[] | undefined
}

const draft: fc.Arbitrary<Draft> = fc.record({
  startMs: fc.integer({ min: 0, max: 400 * 3_600_000 }),
  durationMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 120_000 })),
  speaker: fc.option(speaker, { nil: undefined }),
  lines: fc.array(line, { minLength: 1, maxLength: 3 }),
  words: fc.option(
    fc.array(fc.record({ text: wordText, offsetMs: fc.nat() }), { minLength: 1, maxLength: 6 }),
    { nil: undefined, freq: 2 },
  ),
})

/** Segments sorted by start (as every importer returns them); overlapping or back to back. */
const transcript = fc
  .tuple(fc.array(draft, { maxLength: 12 }), fc.boolean())
  .map(([drafts, backToBack]) => {
    let cursor = drafts[0]?.startMs ?? 0
    const placed = drafts.map((d) => {
      const startMs = backToBack ? cursor : d.startMs
      cursor = startMs + d.durationMs
      return { ...d, startMs }
    })
    placed.sort((a, b) => a.startMs - b.startMs)
    return placed.map((d, i): Segment => {
      const endMs = d.startMs + d.durationMs
      let words: Word[] | undefined
      let text = d.lines.join('\n')
      if (d.words) {
        // Word starts sorted inside the segment; each ends where the next starts, as karaoke implies.
        const starts = d.words
          .map((w) => d.startMs + (d.durationMs === 0 ? 0 : w.offsetMs % (d.durationMs + 1)))
          .sort((a, b) => a - b)
        words = d.words.map((w, j) => ({
          start: ms(starts[j] ?? d.startMs),
          end: ms(starts[j + 1] ?? endMs),
          text: w.text,
        }))
        text = words.map((w) => w.text).join(' ')
      }
      return {
        id: `x${i}`,
        start: ms(d.startMs),
        end: ms(endMs),
        text,
        ...(d.speaker !== undefined ? { speaker: d.speaker } : {}),
        ...(words ? { words } : {}),
      }
    })
  })

/** What an importer returns for these segments: ids renumbered, optional fields as given. */
const renumbered = (segments: readonly Segment[], keep: { speaker: boolean; words: boolean }) =>
  segments.map((s, i) => ({
    id: `s-${i + 1}`,
    start: s.start,
    end: s.end,
    text: s.text,
    ...(keep.speaker && s.speaker !== undefined ? { speaker: s.speaker } : {}),
    ...(keep.words && s.words ? { words: s.words } : {}),
  }))

// An SRT file needs at least one cue (see the next test).
const nonEmpty = transcript.filter((segments) => segments.length > 0)

const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 300) }

describe('round trips', () => {
  it('WebVTT keeps times to the ms, text, speakers and word times', () => {
    fc.assert(
      fc.property(transcript, (segments) => {
        const exported = exportWebVtt(segments)
        const parsed = parseWebVtt(exported)
        expect(parsed.segments).toEqual(renumbered(segments, { speaker: true, words: true }))
        expect(parsed.warnings).toEqual([])
      }),
      RUNS,
    )
  })

  it('SRT keeps times to the ms and text (it has no speakers or words)', () => {
    fc.assert(
      fc.property(nonEmpty, (segments) => {
        const parsed = parseSrt(exportSrt(segments))
        expect(parsed.segments).toEqual(renumbered(segments, { speaker: false, words: false }))
        expect(parsed.warnings).toEqual([])
      }),
      RUNS,
    )
  })

  it('SRT export of an empty track is no SRT file at all', () => {
    expect(() => parseSrt(exportSrt([]))).toThrow()
  })

  it('Verbatim JSON keeps everything, at full precision, words with any end', () => {
    const anyTimes = transcript.map((segments) =>
      segments.map((s) => ({
        ...s,
        start: seconds(s.start + 1e-7),
        end: seconds(s.end + 2e-7),
        ...(s.words ? { words: s.words.map((w) => ({ ...w, end: seconds(w.end + 0.123) })) } : {}),
      })),
    )
    fc.assert(
      fc.property(
        anyTimes,
        fc.constantFrom('original', 'translation') as fc.Arbitrary<'original' | 'translation'>,
        (segments, kind) => {
          const parsed = parseVerbatimJson(
            serializeVerbatimJson({ language: 'zh-Hans', label: 'Label <&>', kind, segments }),
          )
          expect(parsed.segments).toEqual(renumbered(segments, { speaker: true, words: true }))
          expect(parsed).toMatchObject({
            language: 'zh-Hans',
            title: 'Label <&>',
            kind,
            warnings: [],
          })
        },
      ),
      RUNS,
    )
  })
})

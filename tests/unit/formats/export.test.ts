// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { seconds, type Segment } from '../../../src/domain/types'
import { exportPlainText, exportSrt, exportWebVtt } from '../../../src/formats/export'
import { parsePlainText } from '../../../src/formats/plain-text'
import { parseSrt } from '../../../src/formats/srt'
import { parseWebVtt, parseWebVttStrict } from '../../../src/formats/webvtt'

function segment(
  id: string,
  start: number,
  end: number,
  text: string,
  extra: { speaker?: string; words?: [number, number, string][] } = {},
): Segment {
  return {
    id,
    start: seconds(start),
    end: seconds(end),
    text,
    ...(extra.speaker !== undefined ? { speaker: extra.speaker } : {}),
    ...(extra.words
      ? {
          words: extra.words.map(([s, e, t]) => ({ start: seconds(s), end: seconds(e), text: t })),
        }
      : {}),
  }
}

const CALL: Segment[] = [
  segment('s-1', 0, 2.5, 'Good morning.', { speaker: 'Investigator' }),
  segment('s-2', 2.5, 4.0004, 'Morning. Who is this?', {
    speaker: 'Official',
    words: [
      [2.5, 3.1, 'Morning.'],
      [3.1, 3.4, 'Who'],
      [3.4, 3.6, 'is'],
      [3.6, 4.0004, 'this?'],
    ],
  }),
  segment('s-3', 3725.9996, 3727, 'A <b> & C\n\nline two'),
]

describe('exportWebVtt', () => {
  it('writes ids, hh:mm:ss.mmm, escaped voices and text, karaoke word starts', () => {
    expect(exportWebVtt(CALL)).toBe(
      [
        'WEBVTT',
        '',
        's-1',
        '00:00:00.000 --> 00:00:02.500',
        '<v Investigator>Good morning.</v>',
        '',
        's-2',
        '00:00:02.500 --> 00:00:04.000',
        '<v Official><00:00:02.500>Morning. <00:00:03.100>Who <00:00:03.400>is <00:00:03.600>this?</v>',
        '',
        's-3',
        '01:02:06.000 --> 01:02:07.000',
        'A &lt;b&gt; &amp; C',
        'line two',
        '',
      ].join('\n'),
    )
  })

  it('writes a file the spec parser reads without a single error', () => {
    const strict = parseWebVttStrict(exportWebVtt(CALL))
    expect(strict.errors).toEqual([])
    expect(strict.cues.map((c) => c.id)).toEqual(['s-1', 's-2', 's-3'])
  })

  it('escapes speaker names and leaves out ids the parser would misread', () => {
    const out = exportWebVtt([
      segment('NOTE this', 0, 1, 'a', { speaker: ' Tom <&>\n Jerry ' }),
      segment('a --> b', 1, 2, 'b'),
      segment('', 2, 3, 'c'),
    ])
    expect(out).toBe(
      'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Tom &lt;&amp;&gt; Jerry>a</v>\n\n' +
        '00:00:01.000 --> 00:00:02.000\nb\n\n00:00:02.000 --> 00:00:03.000\nc\n',
    )
    expect(parseWebVtt(out).segments[0]?.speaker).toBe('Tom <&> Jerry')
  })

  it('leaves out the timestamp of a word it cannot find in the text', () => {
    const out = exportWebVtt([
      segment('s-1', 0, 2, 'hello world', {
        words: [
          [0, 1, 'hello'],
          [1, 1.5, 'missing'],
          [1.5, 2, 'world'],
        ],
      }),
    ])
    expect(out).toContain('<00:00:00.000>hello <00:00:01.500>world')
  })

  it('writes an empty track as a bare header', () => {
    expect(exportWebVtt([])).toBe('WEBVTT\n')
    expect(parseWebVtt(exportWebVtt([])).segments).toEqual([])
  })
})

describe('exportSrt', () => {
  it('writes HH:MM:SS,mmm, renumbers, and drops speakers and word times (SRT has neither)', () => {
    expect(exportSrt(CALL)).toBe(
      [
        '1',
        '00:00:00,000 --> 00:00:02,500',
        'Good morning.',
        '',
        '2',
        '00:00:02,500 --> 00:00:04,000',
        'Morning. Who is this?',
        '',
        '3',
        '01:02:06,000 --> 01:02:07,000',
        'A &lt;b> & C',
        'line two',
        '',
      ].join('\n'),
    )
  })

  it('escapes only what parseSrt would read as markup', () => {
    const text = 'AT&T &amp; <i> a < b {\\an8} {x} \\N \\n x-->y 2>1'
    const out = exportSrt([segment('x', 0, 1, text)])
    expect(out).toContain('AT&T &amp;amp; &lt;i> a < b &#123;\\an8} {x} &#92;N \\n x--&gt;y 2>1')
    expect(parseSrt(out).segments[0]?.text).toBe(text)
  })

  it('writes nothing for no segments', () => {
    expect(exportSrt([])).toBe('')
  })
})

describe('exportPlainText', () => {
  it('writes [hh:mm:ss] Speaker: text lines, seconds rounded down, hours always', () => {
    expect(
      exportPlainText([...CALL, segment('s-4', 360_000.9, 360_001, 'late', { speaker: 'A\nB' })]),
    ).toBe(
      [
        '[00:00:00] Investigator: Good morning.',
        '[00:00:02] Official: Morning. Who is this?',
        '[01:02:05] A <b> & C line two',
        '[100:00:00] A B: late',
        '',
      ].join('\n'),
    )
  })

  it('is read back by the plain-text importer (to the second: no exact round trip)', () => {
    const parsed = parsePlainText(exportPlainText(CALL))
    expect(parsed.segments.map((s) => [s.start, s.speaker, s.text])).toEqual([
      [0, 'Investigator', 'Good morning.'],
      [2, 'Official', 'Morning. Who is this?'],
      [3725, undefined, 'A <b> & C line two'],
    ])
  })
})

describe('exportWebVtt voices that end in a hyphen', () => {
  it('never writes "-->" inside a cue, so the speaker survives the round trip', () => {
    for (const speaker of ['--', 'A-', 'x->', '-']) {
      const vtt = exportWebVtt([segment('s-1', 1, 2, 'hi', { speaker })])
      expect(vtt.split('\n').filter((line) => line.includes('-->'))).toHaveLength(1)
      expect(parseWebVtt(vtt).segments[0]?.speaker).toBe(speaker)
    }
  })
})

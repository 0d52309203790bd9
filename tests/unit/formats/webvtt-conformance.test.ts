// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { TranscriptParseError } from '../../../src/formats/types'
import { cueTextToPlainText, parseWebVtt, parseWebVttStrict } from '../../../src/formats/webvtt'

/*
 * The behaviours of the WebVTT parsing algorithm that the WPT file-parsing tests check, on small
 * inputs written here (the WPT run itself is tests/corpus/unit/formats/wpt-webvtt.test.ts). The
 * spec pass must read exactly what the algorithm reads; the importer must keep every cue it keeps.
 */

const cues = (text: string) =>
  parseWebVttStrict(text).cues.map((c) => [c.id, c.startTime, c.endTime, c.text])

describe('WebVTT signature and header', () => {
  it.each([
    ['WEBVTT', 'alone'],
    ['WEBVTT header text', 'followed by a space'],
    ['WEBVTT\theader text', 'followed by a tab'],
    ['\uFEFFWEBVTT', 'after one BOM'],
  ])('accepts %j (%s)', (signature) => {
    expect(cues(`${signature}\n\n00:00.000 --> 00:01.000\ntext\n`)).toEqual([['', 0, 1, 'text']])
  })

  it.each([
    ['empty', ''],
    ['lower case', 'webvtt\n'],
    ['no whitespace after it', 'WEBVTTfoo\n'],
    ['partial', 'WEBVT\n'],
    ['form feed after it', 'WEBVTT\f\n'],
    ['no-break space after it', 'WEBVTT\u00A0\n'],
    ['replacement character after it', 'WEBVTT\uFFFD\n'],
    ['NUL after it', 'WEBVTT\0\n'],
    ['two BOMs', '\uFEFF\uFEFFWEBVTT\n'],
    ['missing', '\n00:00:00.000 --> 00:00:01.000\ntext\n'],
    ['WEBSRT', 'WEBSRT\n'],
  ])('rejects the whole file: %s', (_, text) => {
    expect(() => parseWebVttStrict(text)).toThrow(TranscriptParseError)
    expect(() => parseWebVtt(text)).toThrow(TranscriptParseError)
  })

  it('takes a timing on the signature line for header text: no cue', () => {
    expect(cues('WEBVTT 00:00:00.000 --> 00:00:01.000\ntext\n')).toEqual([])
  })

  it('reads a timing line right after the signature line as the first cue', () => {
    expect(cues('WEBVTT\n00:00:00.000 --> 00:00:01.000\ntext')).toEqual([['', 0, 1, 'text']])
  })

  it('reads a cue right after a whitespace-only header line', () => {
    expect(cues('WEBVTT\n \n00:00.000 --> 00:01.000\na\n')).toEqual([['', 0, 1, 'a']])
    expect(cues('WEBVTT\n\t\n00:00.000 --> 00:01.000\na\n')).toEqual([['', 0, 1, 'a']])
  })
})

describe('WebVTT line ends and characters', () => {
  it('reads LF, CRLF and lone CR, mixed in one file', () => {
    const text = 'WEBVTT\r\rid1\n00:00.000 --> 00:01.000\r\na\rb\n\r\n00:01.000 --> 00:02.000\rc'
    expect(cues(text)).toEqual([
      ['id1', 0, 1, 'a\nb'],
      ['', 1, 2, 'c'],
    ])
  })

  it('replaces NUL with U+FFFD', () => {
    expect(cues('WEBVTT\n\n00:00.000 --> 00:01.000\na\0b\n')[0]?.[3]).toBe('a\uFFFDb')
  })
})

describe('WebVTT timings', () => {
  const one = (timing: string) => cues(`WEBVTT\n\n${timing}\ntext\n`)

  it.each([
    ['minutes and seconds', '00:01.500 --> 00:02.250', 1.5, 2.25],
    ['hours', '01:00:01.500 --> 01:00:02.250', 3601.5, 3602.25],
    ['three-digit hours', '100:00:00.000 --> 100:00:01.000', 360000, 360001],
    ['no spaces around the arrow', '00:01.000-->00:02.000', 1, 2],
    ['tabs around the arrow', '00:01.000\t-->\t00:02.000', 1, 2],
    ['form feeds around the arrow', '00:01.000\f-->\f00:02.000', 1, 2],
    ['an end before the start (kept)', '00:05.000 --> 00:01.000', 5, 1],
    ['one-digit hours (only minutes need two digits)', '0:00:01.000 --> 00:00:02.000', 1, 2],
  ])('reads %s', (_, timing, start, end) => {
    expect(one(timing)).toEqual([['', start, end, 'text']])
  })

  it.each([
    ['a comma', '00:01,000 --> 00:02.000'],
    ['a 2-digit fraction', '00:01.00 --> 00:02.000'],
    ['a 4-digit fraction', '00:01.0000 --> 00:02.000'],
    ['no fraction', '00:01 --> 00:02.000'],
    ['one-digit minutes', '00:0:01.000 --> 00:00:02.000'],
    ['a 3-digit minute field', '000:01.000 --> 00:02.000'],
    ['60 seconds', '00:60.000 --> 01:00.000'],
    ['60 minutes', '60:00.000 --> 61:00.000'],
    ['garbage after the time', '00:01.000x --> 00:02.000'],
    ['a vertical tab before the arrow', '00:01.000\v--> 00:02.000'],
    ['one arrow dash short', '00:01.000 -> 00:02.000'],
  ])('drops a cue whose timing has %s', (_, timing) => {
    expect(one(timing)).toEqual([])
  })

  it('takes any line with "-->" for a timing line: an id line holding one ends its block', () => {
    // The bad "timing" fails, so that block has no cue; the real timing line starts the next one.
    expect(cues('WEBVTT\n\nid --> not a time\n00:00.000 --> 00:01.000\ntext\n')).toEqual([
      ['', 0, 1, 'text'],
    ])
  })

  it('starts a new cue at a line with "-->" inside a cue, even without a blank line', () => {
    expect(cues('WEBVTT\n\n00:00.000 --> 00:01.000\na\n00:01.000 --> 00:02.000\nb\n')).toEqual([
      ['', 0, 1, 'a'],
      ['', 1, 2, 'b'],
    ])
  })
})

describe('WebVTT blocks', () => {
  it('keeps NOTE, STYLE and REGION out of the cues, and "NOTE" inside a cue is text', () => {
    const text =
      'WEBVTT\n\nNOTE\nsome note\n\nSTYLE\n::cue { color: red }\n\nREGION\nid:r\n\n1\n00:00.000 --> 00:01.000\nNOTE this is text\n\nNOTE after\n\n00:01.000 --> 00:02.000\nb\n'
    expect(cues(text)).toEqual([
      ['1', 0, 1, 'NOTE this is text'],
      ['', 1, 2, 'b'],
    ])
  })

  it('reads a STYLE block after the first cue as a cue id without a timing: nothing', () => {
    const text = 'WEBVTT\n\n00:00.000 --> 00:01.000\na\n\nSTYLE\n::cue { color: red }\n'
    expect(cues(text)).toEqual([['', 0, 1, 'a']])
  })

  it('keeps ids, free text included, and an empty cue', () => {
    expect(
      cues('WEBVTT\n\nintro – part 1\n00:00.000 --> 00:01.000\na\n\n00:01.000 --> 00:02.000\n'),
    ).toEqual([
      ['intro – part 1', 0, 1, 'a'],
      ['', 1, 2, ''],
    ])
  })
})

describe('WebVTT cue settings', () => {
  const layout = (settings: string) =>
    parseWebVttStrict(`WEBVTT\n\n00:00.000 --> 00:01.000 ${settings}\ntext\n`).cues[0]?.layout

  it('has the defaults without settings', () => {
    expect(layout('')).toMatchObject({
      align: 'center',
      line: 'auto',
      snapToLines: true,
      position: 'auto',
      size: 100,
      vertical: '',
    })
  })

  it('reads vertical, line, position, size and align', () => {
    expect(
      layout('vertical:rl line:10% position:20%,line-left size:30% align:start'),
    ).toMatchObject({
      vertical: 'rl',
      line: 10,
      snapToLines: false,
      position: 20,
      positionAlign: 'line-left',
      size: 30,
      align: 'start',
    })
    expect(layout('line:-2,end')).toMatchObject({ line: -2, snapToLines: true, lineAlign: 'end' })
  })

  it('ignores an invalid setting and keeps the cue', () => {
    expect(layout('vertical:up size:150% align:middle bogus:1 line:x')).toMatchObject({
      vertical: '',
      size: 100,
      align: 'center',
      line: 'auto',
    })
    expect(parseWebVtt('WEBVTT\n\n00:00.000 --> 00:01.000 bogus:1\ntext\n').segments).toHaveLength(
      1,
    )
  })
})

describe('WebVTT cue text', () => {
  it.each([
    ['&amp; &lt; &gt; &lrm;&rlm;&nbsp;', '& < > \u200E\u200F\u00A0'],
    ['&#38; &#x26; at the end: &amp', '& & at the end: &'],
    ['<c.a.b>classes</c> <i>i</i> <b>b</b> <u>u</u>', 'classes i b u'],
    ['<lang en-GB>colour</lang>', 'colour'],
    ['<ruby>base<rt>text</rt></ruby>', 'basetext'],
    ['unclosed <i>italic', 'unclosed italic'],
    ['</b>stray end tag', 'stray end tag'],
    // "<" opens a tag that runs to ">" or the end: nothing after it is text.
    ['a < b', 'a '],
  ])('%j reads as %j', (cueText, plain) => {
    expect(cueTextToPlainText(cueText).text).toBe(plain)
  })

  it('takes the speaker from the first voice span, with classes and spaces in the name', () => {
    expect(cueTextToPlainText('<v.first.loud Mary Ann>Hi').speaker).toBe('Mary Ann')
    expect(cueTextToPlainText('<v>Nobody</v>').speaker).toBeUndefined()
  })

  it('reads timestamps inside the cue, and ignores one that is not a time', () => {
    expect(cueTextToPlainText('a <00:01.500>b', 1).words).toEqual([
      { start: 1, text: 'a' },
      { start: 1.5, text: 'b' },
    ])
    expect(cueTextToPlainText('a <00:01.5>b', 1)).toMatchObject({ text: 'a b' })
    expect(cueTextToPlainText('a <00:01.5>b', 1).words).toBeUndefined()
  })
})

// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { Segment } from '../../../src/domain/types'
import { decodeText } from '../../../src/formats/decode-text'
import { TranscriptParseError } from '../../../src/formats/types'
import {
  cueTextToPlainText,
  decodeHtmlEntities,
  parseWebVtt,
  parseWebVttStrict,
} from '../../../src/formats/webvtt'
import {
  alignmentRows,
  encodeUtf16,
  parseError,
  readFixture,
  readFixtureBytes,
  rowsOf,
} from './format-files'

/** Reads bytes as the import dialog does: decode, then parse. */
const parseBytes = (bytes: Uint8Array) => parseWebVtt(decodeText(bytes, 'f.vtt').text)

const rows = (segments: readonly Segment[]) =>
  segments.map((s) => [s.start, s.end, s.text, s.speaker])

/** The WebVTT document inside an OHMS v6 file's `<vtt_transcript>` CDATA section. */
function ohmsVtt(xml: string): string {
  const match = /<vtt_transcript><!\[CDATA\[([\s\S]*?)\]\]><\/vtt_transcript>/.exec(xml)
  if (!match?.[1]) throw new Error('no vtt_transcript')
  return match[1]
}

const vtt = (...cues: string[]) => ['WEBVTT', ...cues].join('\n\n') + '\n'

describe('parseWebVtt cue text', () => {
  it('takes the speaker from <v Name>, closed or not; a cue without a voice has none', () => {
    const parsed = parseWebVtt(
      vtt(
        '00:01.000 --> 00:02.000\n<v Ana María>Hola</v>',
        '00:02.000 --> 00:03.000\n<v.loud Bob>Unclosed voice\nover two lines',
        '00:03.000 --> 00:04.000\nNo voice here (Bob goes on, but the file does not say so)',
      ),
    )
    expect(rows(parsed.segments)).toEqual([
      [1, 2, 'Hola', 'Ana María'],
      [2, 3, 'Unclosed voice\nover two lines', 'Bob'],
      [3, 4, 'No voice here (Bob goes on, but the file does not say so)', undefined],
    ])
    expect(parsed.warnings).toEqual([])
  })

  it('keeps a second voice of a cue visible in the text', () => {
    expect(cueTextToPlainText('<v A>Hi</v> <v B>Hello</v><v B> again')).toEqual({
      text: 'Hi \nB: Hello again',
      speaker: 'A',
      lineBreakTags: 0,
    })
  })

  it('drops tags, keeps their text, decodes references, and never yields HTML', () => {
    const cue = cueTextToPlainText(
      '<c.yellow><b>Bold</b> <i>it</i> <u>u</u></c> <ruby>漢<rt>kan</rt></ruby> &amp; &lt;tag&gt; &eacute;&nbsp;x <script>alert(1)</script>',
    )
    expect(cue.text).toBe('Bold it u 漢kan & <tag> é\u00A0x alert(1)')
  })

  it('decodes character references in the voice name', () => {
    expect(cueTextToPlainText('<v Tom &amp; Jerry &lt;3>Hi').speaker).toBe('Tom & Jerry <3')
  })

  it('reads karaoke timestamps as word starts; the text before the first starts with the cue', () => {
    expect(
      cueTextToPlainText('<v Ana>Never <00:00:01.500>drink <00:00:02.250>liquid nitrogen.', 1),
    ).toEqual({
      text: 'Never drink liquid nitrogen.',
      speaker: 'Ana',
      words: [
        { start: 1, text: 'Never' },
        { start: 1.5, text: 'drink' },
        { start: 2.25, text: 'liquid nitrogen.' },
      ],
      lineBreakTags: 0,
    })
    const parsed = parseWebVtt(vtt('00:01.000 --> 00:03.000\n<00:00:01.000>a <00:00:02.000>b'))
    expect(parsed.segments[0]?.words).toEqual([
      { start: 1, end: 2, text: 'a' },
      { start: 2, end: 3, text: 'b' },
    ])
  })

  it('reads <br> (OHMS) as a line break and says where', () => {
    const parsed = parseWebVtt(vtt('1\n00:01.000 --> 00:02.000\nfirst\nsecond<br>third<BR/>fourth'))
    expect(parsed.segments[0]?.text).toBe('first\nsecond\nthird\nfourth')
    expect(parsed.warnings).toEqual([
      { line: 6, message: '"<br>" is not WebVTT markup; it was read as a line break.' },
    ])
  })

  it('decodeHtmlEntities needs the semicolon and handles numeric references', () => {
    expect(decodeHtmlEntities('AT&T &amp &amp; &#x1F3A7; &#0; &#xD800; &bogus;')).toBe(
      'AT&T &amp & 🎧 \uFFFD \uFFFD &bogus;',
    )
  })
})

describe('parseWebVtt structure', () => {
  it('rejects an invalid signature at line 1', () => {
    for (const text of [
      '',
      'webvtt\n',
      'WEBVTTfoo\n',
      'WEBVT\n',
      ' WEBVTT\n',
      'WEBVTT\f\n',
      'WEBVTT\u00A0\n',
      'WEBVTT\0\n',
      '\uFEFF\uFEFFWEBVTT\n',
      '1\n00:00:01,000 --> 00:00:02,000\nAn SRT file\n',
    ]) {
      const error = parseError(() => parseWebVtt(text))
      expect(error.line, JSON.stringify(text)).toBe(1)
      expect(error.message).toMatch(/^line 1: (Not a WebVTT file|The file is empty)/)
    }
    // A blank first line, then something else.
    expect(() => parseWebVtt(' \nBROKEN VTT\n\n00:00.000 --> 00:01.000\na\n')).toThrow(
      TranscriptParseError,
    )
  })

  it('accepts header text, a BOM, STYLE, NOTE and REGION blocks, and reads the language header', () => {
    const parsed = parseWebVtt(
      '\uFEFFWEBVTT - my file\nKind: captions\nLanguage: fr-CA\n\nSTYLE\n::cue { color: red }\n\nREGION\nid:r\nwidth:40%\n\nNOTE a comment\n\n00:00.000 --> 00:01.000 region:r align:start\nBonjour\n',
    )
    expect(rows(parsed.segments)).toEqual([[0, 1, 'Bonjour', undefined]])
    expect(parsed.language).toBe('fr-CA')
    expect(parsed.warnings).toEqual([])
  })

  it('keeps file order for cues that start together (the spec parser sorts by end)', () => {
    const parsed = parseWebVtt(
      vtt(
        '00:00.000 --> 00:01.000\nshort',
        '00:00.000 --> 00:05.000\nlong',
        '00:00.500 --> 00:01.000\nlater',
      ),
    )
    expect(parsed.segments.map((s) => s.text)).toEqual(['short', 'long', 'later'])
  })

  it('gives a cue that ends before it starts the next start as its end, with a warning', () => {
    const parsed = parseWebVtt(vtt('00:05.000 --> 00:01.000\na', '00:07.000 --> 00:08.000\nb'))
    expect(rows(parsed.segments)).toEqual([
      [5, 7, 'a', undefined],
      [7, 8, 'b', undefined],
    ])
    expect(parsed.warnings[0]?.line).toBe(3)
  })

  it('warns about text outside cues once per block', () => {
    const parsed = parseWebVtt('WEBVTT\n\nstray line\nanother\n\n00:00.000 --> 00:01.000\nA\n')
    expect(parsed.warnings).toEqual([
      { line: 3, message: 'Ignored text outside any cue: "stray line".' },
    ])
  })
})

describe('parseWebVtt lenient pass', () => {
  it.each([
    ['comma separators', '00:00:01,000 --> 00:00:02,500', 'a comma before the fraction'],
    [
      '2-digit fractions (decimal)',
      '00:00:01.00 --> 00:00:02.50',
      'a 2-digit fraction, read as a decimal',
    ],
    ['missing fractions', '00:00:01 --> 00:00:02.500', 'no milliseconds'],
    ['one-digit fields', '0:0:1.000 --> 00:00:02.500', 'a one-digit field'],
  ])('repairs %s, with the line and what was done', (_, timing, repair) => {
    const parsed = parseWebVtt(vtt('00:00:00.000 --> 00:00:01.000\nvalid', `${timing}\nrepaired`))
    expect(rows(parsed.segments)).toEqual([
      [0, 1, 'valid', undefined],
      [1, 2.5, 'repaired', undefined],
    ])
    expect(parsed.warnings).toHaveLength(1)
    expect(parsed.warnings[0]?.line).toBe(6)
    expect(parsed.warnings[0]?.message).toContain(repair)
    expect(parsed.warnings[0]?.message).toContain('read as 00:00:01.000 --> 00:00:02.500')
    // The spec pass drops that cue.
    expect(
      parseWebVttStrict(vtt('00:00:00.000 --> 00:00:01.000\nvalid', `${timing}\nrepaired`)).cues,
    ).toHaveLength(1)
  })

  it('does not "repair" what is not a time (60 seconds, garbage)', () => {
    const parsed = parseWebVtt(
      vtt('00:00:60.000 --> 00:00:61.000\nbad', '00:00:x1.000 --> 00:00:02.000\nbad'),
    )
    expect(parsed.segments).toEqual([])
    expect(parsed.warnings.map((w) => w.line)).toEqual([3, 6])
  })

  it('lists at most 20 repairs of a kind, then counts the rest', () => {
    const cues = Array.from(
      { length: 25 },
      (_, i) =>
        `00:00:${String(i).padStart(2, '0')},000 --> 00:00:${String(i + 1).padStart(2, '0')},000\nc${i}`,
    )
    const parsed = parseWebVtt(vtt(...cues))
    expect(parsed.segments).toHaveLength(25)
    expect(parsed.warnings).toHaveLength(21)
    expect(parsed.warnings[20]).toEqual({ message: '…and 5 more: timings repaired.' })
  })

  it('vtt-lenient.vtt: the spec pass keeps only the valid cue; the lenient pass repairs the other three', () => {
    const text = readFixture('vtt-lenient.vtt')
    expect(parseWebVttStrict(text).cues.map((c) => [c.startTime, c.endTime])).toEqual([
      [140.24, 142.28],
    ])
    const parsed = parseWebVtt(text)
    expect(parsed.segments.map((s) => [s.start, s.end])).toEqual([
      [99, 101.04],
      [124.08, 127.12],
      [132.16, 135.2],
      [140.24, 142.28],
    ])
    expect(parsed.segments[1]?.text).toBe('OPERATOR:\nEmergency, which service?')
    // 10: a STYLE block cut by a blank line; 13: an old-style "Region:" line; then three repairs.
    expect(parsed.warnings.map((w) => w.line)).toEqual([10, 13, 16, 22, 27])
    expect(parsed.warnings[2]?.message).toContain('no milliseconds; a 2-digit fraction')
    expect(parsed.warnings[4]?.message).toContain('a comma before the fraction')
    // The same file in UTF-16 (as Windows tools save it) reads the same.
    expect(rows(parseBytes(encodeUtf16(text, true)).segments)).toEqual(rows(parsed.segments))
    expect(parseBytes(readFixtureBytes('vtt-lenient.vtt')).segments).toEqual(parsed.segments)
  })

  it('reads CR-only line ends and character references', () => {
    const crOnly = readFixture('alignment.vtt').replace(/\n/g, '\r')
    expect(rowsOf(parseWebVtt(crOnly))).toEqual(alignmentRows('\n'))
    const parsed = parseWebVtt(
      vtt(
        '00:00.000 --> 00:02.000\nThe caller hangs up, &nbsp;\n&amp; the line goes dead.',
        '00:02.000 --> 00:03.000\nWait,&nbsp;what?',
        '00:03.000 --> 00:04.000\none &lt; two',
      ),
    )
    expect(parsed.segments.map((s) => s.text)).toEqual([
      'The caller hangs up, \u00A0\n& the line goes dead.',
      'Wait,\u00A0what?',
      'one < two',
    ])
  })

  it('whisper-timestamped .vtt: hours left out (valid), WEBVTT written twice (ignored, reported)', () => {
    const sentence = parseWebVtt(readFixture('whisper-fr.vtt'))
    expect(rows(sentence.segments)).toEqual([
      [0.42, 2.98, 'Pouvez-vous répéter le numéro ?', undefined],
    ])
    expect(sentence.warnings).toEqual([
      { line: 3, message: 'A second "WEBVTT" header was ignored.' },
    ])
    const words = parseWebVtt(readFixture('whisper-fr.words.vtt'))
    expect(rowsOf(words)).toEqual([
      [0.42, 1.15, 'Pouvez-vous'],
      [1.3, 1.72, 'répéter'],
      [1.72, 1.88, 'le'],
      [1.88, 2.98, 'numéro ?'],
    ])
  })
})

describe('parseWebVtt on generated files', () => {
  it('an aeneas .vtt: exactly the fragments of its JSON sync map', () => {
    const parsed = parseWebVtt(readFixture('alignment.vtt'))
    expect(rowsOf(parsed)).toEqual(alignmentRows('\n'))
    expect(parsed.warnings).toEqual([])
  })

  it('OHMS v6: voices, <br><br> paragraphs, a zero-length cue, a last cue "ending" at 00:00:00.000', () => {
    const parsed = parseWebVtt(ohmsVtt(readFixture('ohms-v6.xml')))
    // The 1-hour tape offset is in the file; removing it is the OHMS importer's business.
    expect(parsed.segments.map((s) => [s.start, s.end, s.speaker])).toEqual([
      [3602, 3611, 'PRICE'],
      [3611, 3611, 'LIND'],
      [3611, 3624, 'LIND'],
      // No <v>: WebVTT does not carry a speaker over (the OHMS importer does).
      [3624, 3630, undefined],
      [3630, 3637, 'PRICE'],
      [3637, 3637, 'LIND'],
    ])
    // Two spaces after the voice tag and one at the end are trimmed.
    expect(parsed.segments[0]?.text).toMatch(/^Today is the fourth of May\..*exchange\.$/)
    expect(parsed.segments[2]?.text).toBe(
      'I started on the night board when I was seventeen.\n\nMy aunt taught me the plugs the first week.',
    )
    expect(parsed.warnings).toEqual([
      // Lines of the embedded WebVTT document.
      { line: 13, message: '"<br>" is not WebVTT markup; it was read as a line break.' },
      {
        line: 21,
        message:
          'The cue ends (00:00:00.000) before it starts (01:00:37.000); it now ends where the next cue starts (or where it starts, if it is the last).',
      },
    ])
  })
})

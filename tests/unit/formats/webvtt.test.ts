// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { Segment } from '../../../src/domain/types'
import { decodeText } from '../../../src/formats/decode-text'
import { TranscriptParseError, type ParsedTranscript } from '../../../src/formats/types'
import {
  cueTextToPlainText,
  decodeHtmlEntities,
  parseWebVtt,
  parseWebVttStrict,
} from '../../../src/formats/webvtt'
import { readCorpus } from '../../helpers/corpus'
import { parseError, sonnetFragments } from './format-files'

function parseCorpus(...parts: string[]): ParsedTranscript {
  return parseWebVtt(decodeText(readCorpus(...parts), parts.join('/')).text)
}

const rows = (segments: readonly Segment[]) =>
  segments.map((s) => [s.start, s.end, s.text, s.speaker])

/** The WebVTT document inside an OHMS v6 file's `<vtt_transcript>` CDATA section. */
function ohmsVtt(name: string): string {
  const xml = new TextDecoder().decode(
    readCorpus('ohms/scihist_digicoll/spec/test_support/ohms_xml', name),
  )
  const match = /<vtt_transcript><!\[CDATA\[([\s\S]*?)\]\]><\/vtt_transcript>/.exec(xml)
  if (!match?.[1]) throw new Error(`no vtt_transcript in ${name}`)
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
    expect(() => parseCorpus('srt/go-astisub/testdata/broken-1-in.vtt')).toThrow(
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

  it('go-astisub example-in.vtt: the spec pass drops all six cues; the lenient pass reads them', () => {
    const path = 'srt/go-astisub/testdata/example-in.vtt'
    expect(parseWebVttStrict(decodeText(readCorpus(path), path).text).cues).toEqual([])
    const parsed = parseCorpus(path)
    expect(parsed.segments.map((s) => [s.start, s.end])).toEqual([
      [99, 101.04],
      [124.08, 127.12],
      [132.16, 135.2],
      [140.24, 142.28],
      [148.32, 151.36],
      [151.4, 153.44],
    ])
    expect(parsed.segments[1]?.text).toBe('MAN:\nHow did we end up here?')
    // 21: a STYLE block cut by a blank line; 25: old-style "Region:" lines; then six repairs.
    expect(parsed.warnings.map((w) => w.line)).toEqual([21, 25, 29, 36, 40, 45, 49, 54])
    expect(rows(parseCorpus('srt/go-astisub/testdata/example-in-non-utf8.vtt').segments)).toEqual(
      rows(parsed.segments),
    )
  })

  it('go-astisub CR-only and entity files', () => {
    expect(
      rows(parseCorpus('srt/go-astisub/testdata/example-in-carriage-return.vtt').segments),
    ).toEqual([
      [
        0,
        3.766,
        'Did one of the last stories strike you as\nmore interesting than the other?',
        undefined,
      ],
      [
        3.767,
        10.732,
        'That’s true. You don’t often find 632\npieces of gum stuck on a sidewalk'.replace(
          'That’s',
          "That's",
        ),
        undefined,
      ],
      [10.733, 14.066, 'at a busy bus stop or anywhere\nelse for that matter.', undefined],
    ])
    expect(
      parseCorpus('srt/go-astisub/testdata/example-in-html-entities.vtt').segments.map(
        (s) => s.text,
      ),
    ).toEqual([
      'The man in black fled across the desert, \u00A0\n& the gunslinger followed.',
      'Go,\u00A0then,',
      'there are other < worlds than these.',
    ])
  })

  it('whisper-timestamped .vtt: hours left out (valid), WEBVTT written twice (ignored, reported)', () => {
    const dir = 'whisper/whisper-timestamped/tests/expected/punctuations_yes'
    const sentence = parseCorpus(dir, 'punctuations.mp3.vtt')
    expect(rows(sentence.segments)).toEqual([
      [0.38, 2.76, "Dis-moi, est-ce que l'avion vole ?", undefined],
    ])
    expect(sentence.warnings).toEqual([
      { line: 3, message: 'A second "WEBVTT" header was ignored.' },
    ])
    const words = parseCorpus(dir, 'punctuations.mp3.words.vtt')
    expect(words.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [0.38, 1.1, 'Dis-moi,'],
      [1.28, 1.5, 'est-ce'],
      [1.5, 1.66, 'que'],
      [1.66, 2.04, "l'avion"],
      [2.04, 2.76, 'vole ?'],
    ])
  })
})

describe('parseWebVtt on real files', () => {
  it('aeneas sonnet001.vtt: exactly the 15 fragments of sonnet001.json', () => {
    const dir = 'aeneas/aeneas/tests/res/syncmaps'
    const parsed = parseCorpus(dir, 'sonnet001.vtt')
    expect(parsed.segments).toHaveLength(15)
    expect(parsed.segments.map((s) => [s.start, s.end, s.text])).toEqual(sonnetFragments())
    expect(parsed.warnings).toEqual([])
  })

  it('OHMS small sample: voices, <br><br> paragraphs, and a last cue "ending" at 00:00:00.000', () => {
    const parsed = parseWebVtt(ohmsVtt('small-sample-vtt-ohms.xml'))
    expect(parsed.segments).toHaveLength(6)
    expect(parsed.segments.map((s) => s.speaker)).toEqual([
      'SCHNEIDER',
      'NAME OF INTERVIEWEE',
      'SCHNEIDER',
      'NAME OF INTERVIEWEE',
      'SCHNEIDER',
      'NAME OF INTERVIEWEE',
    ])
    // The 1-hour tape offset is in the file; removing it is the OHMS importer's business.
    expect(parsed.segments[0]).toMatchObject({ start: 3603, end: 3618 })
    expect(parsed.segments[0]?.text).toMatch(/^Today is December 16, 2024\./)
    expect(parsed.segments[3]?.text).toContain('interest in learning.\n\nOne day, we got lost')
    expect(parsed.segments[5]).toMatchObject({ start: 3682, end: 3682 })
    expect(parsed.warnings).toEqual([
      // Lines of the embedded WebVTT document.
      { line: 16, message: '"<br>" is not WebVTT markup; it was read as a line break.' },
      {
        line: 21,
        message:
          'The cue ends (00:00:00.000) before it starts (01:01:22.000); it now ends where the next cue starts (or where it starts, if it is the last).',
      },
    ])
  })

  it('OHMS Chappelear: a zero-length cue is kept; cues continuing a speaker without <v> have none', () => {
    const parsed = parseWebVtt(ohmsVtt('chappelear-ohmsvtt-example.xml'))
    expect(parsed.warnings).toEqual([])
    expect(parsed.segments[1]).toMatchObject({
      start: 29,
      end: 29,
      text: 'Burnet.',
      speaker: 'CHAPPELEAR',
    })
    expect(parsed.segments[4]?.speaker).toBeUndefined()
    expect(parsed.segments[4]?.text).toMatch(/^At one point when I was still a very small baby/)
    expect(parsed.segments.at(-1)).toMatchObject({
      start: 523,
      end: 526,
      speaker: 'SCHNEIDER',
      text: 'And what were some of the things that you did at camp?',
    })
  })
})

// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { Segment } from '../../../../src/domain/types'
import { decodeText } from '../../../../src/formats/decode-text'
import { TranscriptParseError, type ParsedTranscript } from '../../../../src/formats/types'
import { parseWebVtt, parseWebVttStrict } from '../../../../src/formats/webvtt'
import { readCorpus } from '../../../helpers/corpus'
import { sonnetFragments } from '../corpus-files'

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

describe('parseWebVtt on the lenient VTTs of the SRT corpus', () => {
  it('rejects go-astisub broken-1-in.vtt: an invalid signature', () => {
    expect(() => parseCorpus('srt/go-astisub/testdata/broken-1-in.vtt')).toThrow(
      TranscriptParseError,
    )
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

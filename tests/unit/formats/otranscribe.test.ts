import { describe, expect, it } from 'vitest'
import { looksLikeOtranscribe, parseOtranscribe } from '../../../src/formats/otranscribe'
import { expectGolden, expectWellFormed, parseError, readFixture } from './format-files'

const stamp = (seconds: string, display = '0:00:00') =>
  `<span class="timestamp" contenteditable="false" data-timestamp="${seconds}">${display}</span>`
const otr = (html: string, mediaTime: number | string = '') =>
  JSON.stringify({ text: html, media: 'call.mp3', 'media-time': mediaTime })

describe('parseOtranscribe', () => {
  it('reads an oTranscribe file: one segment per stamp, speakers, entities, media-time as the last end', async () => {
    const parsed = parseOtranscribe(readFixture('interview.otr'))
    expectWellFormed(parsed)
    expect(parsed.segments.map((s) => [s.start, s.end, s.speaker])).toEqual([
      [0.912381, 7.436172, 'Interviewer'],
      [7.436172, 19.204, 'Caller'],
      [19.204, 21.5, 'Interviewer'],
      [21.5, 25.016, 'Caller'],
      [25.016, 30.9, undefined],
      [30.9, 42.25, 'Interviewer'],
    ])
    // Escaped text stays text: `&lt;March&gt;` is not a tag; the paragraph without a stamp continues the segment.
    expect(parsed.segments[1]?.text).toBe(
      'It was on the <March> statement, the one from the 14th. I rang the bank straight away & they said… they would call back.',
    )
    expect(parsed.segments[2]?.text).toBe('Did they?')
    expect(parsed.warnings).toEqual([])
    await expectGolden(parsed, 'otr-interview')
  })

  it('reads older files: mm:ss and h:mm:ss stamps, inline handlers, text before the first stamp', async () => {
    const parsed = parseOtranscribe(readFixture('legacy.otr'))
    expect(parsed.segments.map((s) => [s.start, s.speaker, s.text])).toEqual([
      [0, undefined, 'Notes taken during the call, before pressing play.'],
      [83, 'Q', 'Where were you that night?'],
      [91, 'A', 'At home, with my sister.'],
      [3723, 'Q', 'And the next morning?'],
    ])
    expect(parsed.warnings).toEqual([
      { message: 'The text before the first timestamp was placed at 0:00.' },
    ])
    await expectGolden(parsed, 'otr-legacy')
  })

  it('never lets markup through: scripts, styles, comments and attributes are dropped', () => {
    const html = `<p>${stamp('1')} Hi<script>alert("x")</script> there<style>p{}</style><!-- note --><img src=x onerror="alert('>')">.</p><p>${stamp('4')} a &lt;b&gt; c &#x1F600; &unknown; &#0;</p>`
    const parsed = parseOtranscribe(otr(html))
    expect(parsed.segments.map((s) => s.text)).toEqual(['Hi there.', 'a <b> c 😀 &unknown; &#0;'])
  })

  it('reads a stamp from its display text when data-timestamp is missing, and sorts stamps out of order', () => {
    const html = `<p><span class="timestamp">0:01:05</span> later</p><p><span class="timestamp" data-timestamp="12.5">0:00:12</span> earlier</p><p><span class="timestamp">soon</span> kept</p>`
    const parsed = parseOtranscribe(otr(html, 99))
    expect(parsed.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [12.5, 65, 'earlier kept'],
      [65, 99, 'later'],
    ])
    expect(parsed.warnings).toEqual([
      { message: 'The timestamps are not in order; the segments were sorted by time.' },
    ])
  })

  it('names the line of a JSON syntax error', () => {
    const error = parseError(() => parseOtranscribe('{"text": "<p>a</p>",\n"media": }'))
    expect(error.line).toBe(2)
    expect(error.message).toBe(
      'line 2: Not valid JSON, so not an oTranscribe file: unexpected "}".',
    )
  })

  it.each([
    [
      otr('<p>Just typed notes, never stamped.</p>'),
      'No timestamps found in the oTranscribe text: it is a transcript without times.',
    ],
    [otr(`<p>${stamp('3')}</p>`), 'The timestamps have no text after them.'],
    [
      '{"text": 5}',
      'Not an oTranscribe file: expected a JSON object whose "text" is the transcript.',
    ],
    ['["text"]', 'Not an oTranscribe file: expected a JSON object whose "text" is the transcript.'],
  ])('rejects %s', (text, message) => {
    expect(parseError(() => parseOtranscribe(text)).message).toBe(message)
  })
})

describe('looksLikeOtranscribe', () => {
  it('recognises the editor HTML inside JSON', () => {
    expect(looksLikeOtranscribe(readFixture('interview.otr'), 'interview.otr')).toBe(1)
    expect(looksLikeOtranscribe(readFixture('legacy.otr'))).toBe(0.95)
    expect(looksLikeOtranscribe('{"text": "", "media": "", "media-time": 3}')).toBe(0.7)
    expect(looksLikeOtranscribe('{"text": ""}', 'notes.otr')).toBeCloseTo(0.55)
    expect(looksLikeOtranscribe(readFixture('alignment.json'))).toBe(0)
    expect(looksLikeOtranscribe(readFixture('whisper-openai.json'))).toBe(0)
  })
})

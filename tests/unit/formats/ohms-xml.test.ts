import { describe, expect, it } from 'vitest'
import { looksLikeOhmsXml, parseOhmsXml } from '../../../src/formats/ohms-xml'
import { expectGolden, expectWellFormed, ohms, parseError, sonnet } from './format-files'

const INTERPOLATED =
  'OHMS legacy sync marks one point per interval (usually a minute); the times in between were interpolated from the word count.'

/** A legacy record around a transcript and a sync string. */
const legacy = (transcript: string, sync: string, duration = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>
<ROOT xmlns="https://www.weareavp.com/nunncenter/ohms"><record id="1" dt="2024-01-01"><version>5.4</version><title>Test</title><duration>${duration}</duration><sync>${sync}</sync><transcript>${transcript}</transcript></record></ROOT>`

describe('parseOhmsXml, legacy <sync> transcripts', () => {
  it('reads the Duarte interview: speaker turns, minute marks, title and language', async () => {
    const parsed = parseOhmsXml(ohms('legacy', 'duarte_OH0344.xml'))
    expectWellFormed(parsed)
    expect(parsed.title).toBe('Oral history interview with Ronald Duarte')
    expect(parsed.language).toBe('en')
    expect(parsed.warnings).toEqual([{ message: INTERPOLATED }])
    const first = parsed.segments[0]!
    expect(first.speaker).toBe('BROCK')
    expect(first.text).toMatch(/^This is an oral history interview with Ron Duarte/)
    // Every minute mark starts a segment at exactly its minute (28 marks, all usable).
    const starts = new Set(parsed.segments.map((s) => s.start))
    for (let minute = 1; minute <= 28; minute++) expect(starts).toContain(minute * 60)
    // The upstream index puts "BROCK: That general store…" at 212 s.
    const store = parsed.segments.find((s) => s.text.startsWith('That general store'))
    expect(store?.speaker).toBe('BROCK')
    expect(Math.abs(store!.start - 212)).toBeLessThan(5)
    // The recording lasts 0:28:06: the last segment ends there.
    expect(parsed.segments.at(-1)?.end).toBe(28 * 60 + 6)
    expect(parsed.segments.at(-1)?.text).toBe('[END OF INTERVIEW]')
    await expectGolden(parsed, 'ohms-duarte')
  })

  it('reads the gaps sample: blank and one-word lines, neighbouring marks ignored', async () => {
    const parsed = parseOhmsXml(ohms('legacy', 'various_gaps.xml'))
    expectWellFormed(parsed)
    expect(parsed.title).toBe('Fifty-line interview')
    expect(parsed.warnings.map((w) => w.message)).toEqual([
      '17 sync mark(s) on neighbouring words were ignored (double-click artefacts).',
      INTERPOLATED,
    ])
    // Kept marks: minute 1 at 1(3), 10 at 14(1), 11 at 14(3), 16 at 20(1), 19 at 21(3).
    expect(parsed.segments.map((s) => [s.start, s.text.split(' ').slice(0, 2).join(' ')])).toEqual([
      [0, 'Yes, my'],
      [60, 'father was'],
      [expect.closeTo(579.03, 2), 'My father'],
      [600, 'great believer'],
      [660, 'in scientific'],
      [expect.closeTo(692.14, 2), 'so I'],
      [960, 'is a'],
      [1140, 'Smyth, my'],
    ])
    await expectGolden(parsed, 'ohms-various-gaps')
  })

  it('decodes entities, turns footnote references into [n] and drops the footnotes', () => {
    const parsed = parseOhmsXml(
      legacy(
        'SMITH: It&#039;s &quot;fine&quot; &amp; done.[[footnote]]1[[/footnote]]\nJONES: Good.\n[[footnotes]][[note]]A note.[[/note]][[/footnotes]]',
        '1:|2(2)',
      ),
    )
    expect(parsed.segments.map((s) => [s.start, s.speaker, s.text])).toEqual([
      [0, 'SMITH', 'It\'s "fine" & done.[1]'],
      [60, 'JONES', 'Good.'],
    ])
  })

  it('drops marks that go backwards or point past the transcript', () => {
    const parsed = parseOhmsXml(legacy('one two three\nfour five six', '1:|2(1)|1(2)|9(1)|2(3)'))
    expect(parsed.segments.map((s) => [s.start, s.text])).toEqual([
      [0, 'one two three'],
      [60, 'four five'],
      [240, 'six'],
    ])
    expect(parsed.warnings[0]?.message).toBe(
      '2 sync mark(s) point outside the transcript or go backwards; they were ignored.',
    )
  })

  it('rejects a transcript without usable sync marks', () => {
    expect(parseError(() => parseOhmsXml(legacy('Some text.', ''))).message).toBe(
      'The OHMS transcript has no usable <sync> time marks, so its text cannot be placed in time.',
    )
    expect(parseError(() => parseOhmsXml(legacy('Some text.', '1:|9(9)'))).message).toMatch(
      /no usable <sync>/,
    )
  })

  it.each([['legacy/alyea_OH0010.xml'], ['empty_ohms.xml'], ['index_hyperlinks_example.xml']])(
    'rejects %s: index points but no transcript',
    (name) => {
      expect(parseError(() => parseOhmsXml(ohms(...name.split('/')))).message).toBe(
        'This OHMS file has no transcript (only index points), so there is no timed text to import.',
      )
    },
  )
})

describe('parseOhmsXml, v6 <vtt_transcript>', () => {
  it('reads the small sample: voices, <br> paragraphs, the one-hour offset and the bogus last end', async () => {
    const parsed = parseOhmsXml(ohms('small-sample-vtt-ohms.xml'))
    expectWellFormed(parsed)
    expect(parsed.title).toBe('Jonathan Rochkind Test Record Only')
    expect(parsed.segments).toHaveLength(6)
    expect(parsed.segments.map((s) => [s.start, s.speaker])).toEqual([
      [3, 'SCHNEIDER'],
      [18, 'NAME OF INTERVIEWEE'],
      [31, 'SCHNEIDER'],
      [38, 'NAME OF INTERVIEWEE'],
      [74, 'SCHNEIDER'],
      [82, 'NAME OF INTERVIEWEE'],
    ])
    expect(parsed.segments[3]?.text).toContain('interest in learning.\n\nOne day, we got lost')
    // Warnings name lines of the XML file, not of the embedded WebVTT.
    const lines = parsed.warnings.flatMap((w) => (w.line === undefined ? [] : [w.line]))
    expect(lines.every((line) => line >= 41 && line <= 67)).toBe(true)
    expect(parsed.warnings.find((w) => w.message.includes('<br>'))?.line).toBe(56)
    expect(parsed.warnings.at(-1)?.message).toMatch(/01:00:00.*one hour was taken off/)
    await expectGolden(parsed, 'ohms-small-sample-vtt', { warnings: false })
  })

  it('reads the Chappelear interview: a zero-length cue and cues that continue a speaker', async () => {
    const parsed = parseOhmsXml(ohms('chappelear-ohmsvtt-example.xml'))
    expectWellFormed(parsed)
    expect(parsed.segments[1]).toMatchObject({
      start: 29,
      end: 29,
      speaker: 'CHAPPELEAR',
      text: 'Burnet.',
    })
    // The cue at 00:01:31 has no <v>: it is still Chappelear talking.
    expect(parsed.segments[4]).toMatchObject({ start: 91, speaker: 'CHAPPELEAR' })
    expect(parsed.segments.every((s) => s.speaker !== undefined)).toBe(true)
    expect(parsed.warnings).toEqual([])
    await expectGolden(parsed, 'ohms-chappelear-vtt', { warnings: false })
  })

  it('adds the missing WEBVTT signature and keeps late cue times when the duration says so', () => {
    const text = `<ROOT xmlns="https://www.weareavp.com/nunncenter/ohms"><record><title>&lt;i&gt;Tape&lt;/i&gt; 2</title><duration>01:30:00</duration><vtt_transcript>01:00:05.000 --> 01:00:09.000
&lt;v KIM&gt;Second tape.</vtt_transcript></record></ROOT>`
    const parsed = parseOhmsXml(text)
    expect(parsed.title).toBe('Tape 2')
    expect(parsed.segments.map((s) => [s.start, s.end, s.speaker, s.text])).toEqual([
      [3605, 3609, 'KIM', 'Second tape.'],
    ])
  })
})

describe('parseOhmsXml errors', () => {
  it('names the line of broken XML', () => {
    const broken = ohms('small-sample-vtt-ohms.xml').replace('</title>', '</titel>')
    const error = parseError(() => parseOhmsXml(broken))
    expect(error.line).toBe(8)
    expect(error.message).toMatch(/^line 8: Not well-formed XML: /)
  })

  it('rejects XML that is not OHMS', () => {
    expect(parseError(() => parseOhmsXml(sonnet('sonnet001.eaf'))).message).toBe(
      'Not an OHMS file: the XML has no <ROOT><record>.',
    )
    expect(parseError(() => parseOhmsXml('WEBVTT\n')).message).toBe(
      'line 1: Not an OHMS file: it is not XML.',
    )
  })
})

describe('looksLikeOhmsXml', () => {
  it('recognises OHMS by its namespace', () => {
    expect(looksLikeOhmsXml(ohms('legacy', 'duarte_OH0344.xml'), 'duarte.xml')).toBe(1)
    expect(looksLikeOhmsXml(ohms('small-sample-vtt-ohms.xml'))).toBe(0.95)
    expect(looksLikeOhmsXml(legacy('a', '1:|1(1)').replace(/ xmlns="[^"]*"/, ''))).toBe(0.8)
    expect(looksLikeOhmsXml(sonnet('sonnet001.eaf'))).toBe(0)
    expect(looksLikeOhmsXml(sonnet('sonnet001.xml'))).toBe(0)
  })
})

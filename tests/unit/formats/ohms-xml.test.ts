import { describe, expect, it } from 'vitest'
import { looksLikeOhmsXml, parseOhmsXml } from '../../../src/formats/ohms-xml'
import { expectGolden, expectWellFormed, parseError, readFixture } from './format-files'

const INTERPOLATED =
  'OHMS legacy sync marks one point per interval (usually a minute); the times in between were interpolated from the word count.'

/** A legacy record around a transcript and a sync string. */
const legacy = (transcript: string, sync: string, duration = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>
<ROOT xmlns="https://www.weareavp.com/nunncenter/ohms"><record id="1" dt="2024-01-01"><version>5.4</version><title>Test</title><duration>${duration}</duration><sync>${sync}</sync><transcript>${transcript}</transcript></record></ROOT>`

describe('parseOhmsXml, legacy <sync> transcripts', () => {
  it('reads an interview: speaker turns, minute marks, title and language', async () => {
    const parsed = parseOhmsXml(readFixture('ohms-legacy.xml'))
    expectWellFormed(parsed)
    expect(parsed.title).toBe('Oral history interview with Mara Lind')
    expect(parsed.language).toBe('en')
    expect(parsed.warnings).toEqual([{ message: INTERPOLATED }])
    const first = parsed.segments[0]!
    expect(first.speaker).toBe('PRICE')
    expect(first.text).toMatch(/^This is an oral history interview with Mara Lind/)
    // Every minute mark starts a segment at exactly its minute, mid-line or not.
    const starts = new Set(parsed.segments.map((s) => s.start))
    for (const minute of [1, 2, 3]) expect(starts).toContain(minute * 60)
    expect(parsed.segments.find((s) => s.start === 60)?.text).toMatch(/^the switchboard\./)
    // A blank line starts a paragraph; the speaker goes on.
    const board = parsed.segments.find((s) => s.text.startsWith('The board had forty lines'))
    expect(board?.speaker).toBe('LIND')
    // Entities are decoded; the footnote reference stays as [1], the footnote itself goes.
    expect(parsed.segments.map((s) => s.text).join(' ')).toContain(
      "You're welcome. I wasn't sure I'd",
    )
    expect(parsed.segments.some((s) => s.text.includes('night shift & she'))).toBe(true)
    expect(parsed.segments.some((s) => s.text.endsWith('stay awake.[1]'))).toBe(true)
    expect(parsed.segments.some((s) => s.text.includes('town record'))).toBe(false)
    // The recording lasts 0:04:12: the last segment, an editorial note of nobody's, ends there.
    expect(parsed.segments.at(-1)).toMatchObject({ end: 4 * 60 + 12, text: '[END OF INTERVIEW]' })
    expect(parsed.segments.at(-1)?.speaker).toBeUndefined()
    await expectGolden(parsed, 'ohms-legacy')
  })

  it('reads blank and one-word lines, ignores marks on neighbouring words, keeps the pace after the last mark', async () => {
    const parsed = parseOhmsXml(readFixture('ohms-legacy-gaps.xml'))
    expectWellFormed(parsed)
    expect(parsed.title).toBe('Gaps and double clicks')
    expect(parsed.warnings.map((w) => w.message)).toEqual([
      '2 sync mark(s) on neighbouring words were ignored (double-click artefacts).',
      INTERPOLATED,
    ])
    // Kept marks: minute 3 at 4(1), 4 at 5(5), 5 at 7(8); the 1st and 2nd were a double click.
    expect(parsed.segments.map((s) => [s.start, s.speaker, s.text.split(' ')[0]])).toEqual([
      [0, 'LIND', 'Yes.'],
      [180, 'LIND', 'Honey.'],
      [192, 'PRICE', 'Did'],
      [240, 'PRICE', 'ever'],
      [272, 'LIND', 'Only'],
      [300, 'LIND', 'were'],
    ])
    // No duration: the seven words from the last mark on go at its pace (300 s for 34 words).
    expect(parsed.segments.at(-1)?.end).toBeCloseTo(300 + (7 * 300) / 34, 6)
    await expectGolden(parsed, 'ohms-legacy-gaps')
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

  it('rejects a file with index points but no transcript', () => {
    expect(parseError(() => parseOhmsXml(readFixture('ohms-index-only.xml'))).message).toBe(
      'This OHMS file has no transcript (only index points), so there is no timed text to import.',
    )
    expect(parseError(() => parseOhmsXml(legacy('', '')).segments).message).toMatch(
      /no transcript \(only index points\)/,
    )
  })
})

describe('parseOhmsXml, v6 <vtt_transcript>', () => {
  it('reads voices, <br> paragraphs, the one-hour offset, a zero-length cue and the bogus last end', async () => {
    const parsed = parseOhmsXml(readFixture('ohms-v6.xml'))
    expectWellFormed(parsed)
    expect(parsed.title).toBe('Mara Lind, tape 1')
    expect(parsed.segments.map((s) => [s.start, s.end, s.speaker])).toEqual([
      [2, 11, 'PRICE'],
      [11, 11, 'LIND'],
      [11, 24, 'LIND'],
      // No <v>: it is still Lind talking.
      [24, 30, 'LIND'],
      [30, 37, 'PRICE'],
      // "--> 00:00:00.000": the last cue ends where it starts.
      [37, 37, 'LIND'],
    ])
    expect(parsed.segments[0]?.text).toBe(
      'Today is the fourth of May. I am Owen Price, and I am talking with Mara Lind about the telephone exchange.',
    )
    expect(parsed.segments[2]?.text).toBe(
      'I started on the night board when I was seventeen.\n\nMy aunt taught me the plugs the first week.',
    )
    // Warnings name lines of the XML file, not of the embedded WebVTT.
    expect(parsed.warnings).toEqual([
      { line: 24, message: '"<br>" is not WebVTT markup; it was read as a line break.' },
      {
        line: 32,
        message:
          'The cue ends (00:00:00.000) before it starts (01:00:37.000); it now ends where the next cue starts (or where it starts, if it is the last).',
      },
      {
        message:
          'The cue times start at 01:00:00 (a tape timecode offset); one hour was taken off every time.',
      },
    ])
    await expectGolden(parsed, 'ohms-v6', { warnings: false })
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
    const broken = readFixture('ohms-v6.xml').replace('</title>', '</titel>')
    const error = parseError(() => parseOhmsXml(broken))
    expect(error.line).toBe(5)
    expect(error.message).toMatch(/^line 5: Not well-formed XML: /)
  })

  it('rejects XML that is not OHMS', () => {
    expect(parseError(() => parseOhmsXml(readFixture('alignment.eaf'))).message).toBe(
      'Not an OHMS file: the XML has no <ROOT><record>.',
    )
    expect(parseError(() => parseOhmsXml('WEBVTT\n')).message).toBe(
      'line 1: Not an OHMS file: it is not XML.',
    )
  })
})

describe('looksLikeOhmsXml', () => {
  it('recognises OHMS by its namespace', () => {
    expect(looksLikeOhmsXml(readFixture('ohms-legacy.xml'), 'lind.xml')).toBe(1)
    expect(looksLikeOhmsXml(readFixture('ohms-v6.xml'))).toBe(0.95)
    expect(looksLikeOhmsXml(legacy('a', '1:|1(1)').replace(/ xmlns="[^"]*"/, ''))).toBe(0.8)
    expect(looksLikeOhmsXml(readFixture('alignment.eaf'))).toBe(0)
    // aeneas's XML sync map.
    expect(
      looksLikeOhmsXml(
        '<?xml version="1.0"?>\n<map>\n  <fragment id="f000001" begin="0.000" end="2.400">\n    <line>Hello</line>\n  </fragment>\n</map>\n',
      ),
    ).toBe(0)
  })
})

import { describe, expect, it } from 'vitest'
import { looksLikeOhmsXml, parseOhmsXml } from '../../../../src/formats/ohms-xml'
import { expectWellFormed, parseError } from '../../../unit/formats/format-files'
import { expectCorpusGolden, ohms, sonnet } from '../corpus-files'

const INTERPOLATED =
  'OHMS legacy sync marks one point per interval (usually a minute); the times in between were interpolated from the word count.'

describe('parseOhmsXml on the OHMS legacy exports', () => {
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
    await expectCorpusGolden(parsed, 'ohms-duarte')
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
    await expectCorpusGolden(parsed, 'ohms-various-gaps')
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

describe('parseOhmsXml on the OHMS v6 exports', () => {
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
    await expectCorpusGolden(parsed, 'ohms-small-sample-vtt', { warnings: false })
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
    await expectCorpusGolden(parsed, 'ohms-chappelear-vtt', { warnings: false })
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
  })
})

describe('looksLikeOhmsXml', () => {
  it('recognises OHMS by its namespace', () => {
    expect(looksLikeOhmsXml(ohms('legacy', 'duarte_OH0344.xml'), 'duarte.xml')).toBe(1)
    expect(looksLikeOhmsXml(ohms('small-sample-vtt-ohms.xml'))).toBe(0.95)
    expect(looksLikeOhmsXml(sonnet('sonnet001.eaf'))).toBe(0)
    expect(looksLikeOhmsXml(sonnet('sonnet001.xml'))).toBe(0)
  })
})

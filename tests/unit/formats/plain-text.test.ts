import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { seconds, type Segment } from '../../../src/domain/types'
import { exportPlainText } from '../../../src/formats/export'
import { looksLikePlainText, parsePlainText } from '../../../src/formats/plain-text'
import { splitSpeakerPrefix } from '../../../src/formats/speaker-prefix'
import { ALIGNMENT, expectGolden, expectWellFormed, parseError, readFixture } from './format-files'

const rows = (text: string) =>
  parsePlainText(text).segments.map((s) => [s.start, s.speaker, s.text] as const)

describe('parsePlainText', () => {
  it('reads [hh:mm:ss] Speaker: lines; lines without a stamp continue the segment', async () => {
    const parsed = parsePlainText(readFixture('plain-bracketed.txt'))
    expectWellFormed(parsed)
    expect(parsed.segments.map((s) => [s.start, s.end, s.speaker, s.text])).toEqual([
      [0, 4, 'Operator', 'Thank you for calling. This call may be recorded.'],
      [4, 11, 'Caller', "Hi, I'm calling about my account. It was closed without notice."],
      [11, 17, 'Operator', 'I can help with that. Can you confirm your date of birth?'],
      [17, 62, 'Caller', "Sure, it's the fourth of May."],
      [62, 62, 'OPERATOR', 'Thank you.'],
    ])
    expect(parsed.warnings).toEqual([])
    await expectGolden(parsed, 'plain-bracketed')
  })

  it('reads [mm:ss] stamps, minutes past 59, multi-word names and CRLF', () => {
    expect(rows(readFixture('plain-mmss.txt'))).toEqual([
      [5, 'Dr. Jane Smith', 'Good afternoon.'],
      [9, "Detective Mark O'Brien", 'Afternoon, doctor.'],
      [75, 'Dr. Jane Smith', 'Shall we begin?'],
      [4512, "Detective Mark O'Brien", 'That was a long pause.'],
    ])
  })

  it('reads (hh:mm:ss) and fractions after a dot or a comma', () => {
    expect(rows(readFixture('plain-fractions.txt'))).toEqual([
      [1.5, 'SPEAKER 1', 'First line.'],
      [3.25, 'SPEAKER 2', 'Second line, with a comma fraction.'],
      [5.125, undefined, 'Third line has no speaker.'],
    ])
  })

  it('reads Rev (Speaker (00:00:02):), Otter (Name  0:03) and YouTube (a stamp on its own line) copies', async () => {
    expect(rows(readFixture('plain-rev.txt'))).toEqual([
      [2, 'Speaker 1', 'Hello, is this the claims line?'],
      [5, 'Speaker 2', 'Yes it is. How can I help?'],
      [70, 'Speaker 1', "I'd like to report a break-in."],
    ])
    expect(rows(readFixture('plain-otter.txt'))).toEqual([
      [3, 'Alex Chen', 'So the first thing I noticed was the door.'],
      [9, 'Priya Raman', 'Was it open?'],
      [3735, 'Alex Chen', 'Wide open.'],
    ])
    const youtube = parsePlainText(readFixture('plain-youtube.txt'))
    expect(youtube.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [0, 3, 'and so my fellow Americans'],
      [3, 8, 'ask not what your country can do for you'],
      [8, 8, 'ask what you can do for your country'],
    ])
    await expectGolden(youtube, 'plain-youtube')
  })

  it('splits at bracketed stamps inside a line, but not at clock times in prose', () => {
    const parsed = parsePlainText(readFixture('plain-inline.txt'))
    expect(parsed.segments.map((s) => [s.start, s.text])).toEqual([
      [0, 'Call with the landlord, transcribed by hand.'],
      [2, 'He starts by saying the rent is late.'],
      [9, 'I answer that it was paid on the first.'],
      [15, 'He says he will check (at 10:30 tomorrow) and call back.'],
    ])
    expect(parsed.warnings).toEqual([
      { line: 1, message: 'The text before the first timestamp was placed at 0:00.' },
    ])
  })

  it('accepts a byte order mark, full-width lookalikes and separators after the stamp', () => {
    expect(rows('\uFEFF［00：00：07］ 王: 你好\n[00:00:09] - B: ok\n00:00:12 | C: yes\n')).toEqual([
      [7, undefined, '王: 你好'],
      [9, 'B', 'ok'],
      [12, 'C', 'yes'],
    ])
  })

  it('takes only short capitalised names as speakers', () => {
    expect(splitSpeakerPrefix('SPEAKER_00: hello')).toEqual({
      speaker: 'SPEAKER_00',
      rest: 'hello',
    })
    expect(splitSpeakerPrefix('Anna Maria: hi')).toEqual({ speaker: 'Anna Maria', rest: 'hi' })
    for (const text of [
      'note: lower case is text',
      'The Reason Why It Failed: five words',
      'See https://example.com',
      'Time 10:30 was late',
      'Yes:no',
      // Labels, not speakers.
      'Note: 10:30 is the time given',
      'NB: inaudible',
      'Translator’s note: a pun in Chinese',
      'Source: the report, page 4',
    ]) {
      expect(splitSpeakerPrefix(text)).toBeUndefined()
    }
  })

  it('warns when a stamp goes back in time and sorts the segments', () => {
    const parsed = parsePlainText('[00:00:10] b\n[00:00:05] a\n')
    expect(parsed.segments.map((s) => s.text)).toEqual(['a', 'b'])
    expect(parsed.warnings).toEqual([
      { line: 2, message: 'A timestamp goes back in time; the segments were sorted by time.' },
    ])
  })

  it('ignores impossible stamps (minutes or seconds over 59)', () => {
    expect(rows('[00:61:00] x\n[00:01:00] y\n')).toEqual([
      [0, undefined, '[00:61:00] x'],
      [60, undefined, 'y'],
    ])
  })

  it('rejects a transcript without any timestamp', () => {
    const error = parseError(() => parsePlainText(readFixture('plain-no-stamps.txt')))
    expect(error.message).toBe(
      'No timestamps found: this is a transcript without times (lines need stamps such as [00:01:23]).',
    )
    // The plain text an aligner starts from has no times at all.
    expect(() =>
      parsePlainText(ALIGNMENT.map(([, , lines]) => lines.join(' ')).join('\n')),
    ).toThrow(/No timestamps found/)
    // aeneas's own "txt" sync map (`id begin end "text"`) is not one of the text formats read here.
    expect(() => parsePlainText(readFixture('alignment.txt'))).toThrow(/No timestamps found/)
    expect(parseError(() => parsePlainText('[00:00:01]\n[00:00:02]   \n')).message).toBe(
      'The timestamps have no text after them.',
    )
  })
})

describe('parsePlainText reads what exportPlainText writes', () => {
  const name = fc.constantFrom(
    'Caller',
    'Operator',
    'SPEAKER_01',
    'Dr. Jane Smith',
    'NAME OF WITNESS',
  )
  const words = fc.array(fc.stringMatching(/^[a-z]{1,8}[,.?]?$/), { minLength: 1, maxLength: 12 })
  const segment = fc.record({
    start: fc.integer({ min: 0, max: 200_000 }),
    speaker: fc.option(name, { nil: undefined }),
    text: words.map((w) => w.join(' ')),
  })

  it('keeps whole-second starts, speakers and text', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 20 }), (raw) => {
        const sorted = [...raw].sort((a, b) => a.start - b.start)
        const segments: Segment[] = sorted.map((s, i) => ({
          id: `x-${i}`,
          start: seconds(s.start + 0.4),
          end: seconds(s.start + 1),
          text: s.text,
          ...(s.speaker ? { speaker: s.speaker } : {}),
        }))
        const parsed = parsePlainText(exportPlainText(segments))
        expect(parsed.segments.map((s) => [s.start, s.speaker, s.text])).toEqual(
          sorted.map((s) => [s.start, s.speaker, s.text]),
        )
        expect(parsed.warnings).toEqual([])
      }),
    )
  })
})

describe('looksLikePlainText', () => {
  it('scores by the share of stamped lines, staying below the structured formats', () => {
    expect(looksLikePlainText(readFixture('plain-bracketed.txt'))).toBeCloseTo(0.35 + (0.4 * 5) / 6)
    expect(looksLikePlainText(readFixture('plain-youtube.txt'), 'copy.txt')).toBeCloseTo(0.6)
    expect(looksLikePlainText(readFixture('plain-inline.txt'))).toBeCloseTo(0.55)
    expect(looksLikePlainText('Notes (see [00:01:02]) for later')).toBe(0.25)
    expect(looksLikePlainText(readFixture('plain-no-stamps.txt'), 'notes.txt')).toBe(0)
    expect(looksLikePlainText(readFixture('alignment.srt'))).toBe(0)
    expect(looksLikePlainText(readFixture('alignment.aud'))).toBe(0)
    expect(looksLikePlainText(readFixture('alignment.txt'))).toBe(0)
  })
})

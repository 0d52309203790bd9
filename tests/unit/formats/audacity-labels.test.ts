import { describe, expect, it } from 'vitest'
import { looksLikeAudacityLabels, parseAudacityLabels } from '../../../src/formats/audacity-labels'
import {
  alignmentRows,
  expectGolden,
  expectWellFormed,
  parseError,
  readFixture,
  rowsOf,
} from './format-files'

describe('parseAudacityLabels', () => {
  it('reads a label track without a trailing newline', async () => {
    const text = readFixture('alignment.aud')
    expect(text.endsWith('\n')).toBe(false)
    const parsed = parseAudacityLabels(text)
    expectWellFormed(parsed)
    expect(rowsOf(parsed)).toEqual(alignmentRows(' '))
    expect(parsed.segments[1]).toEqual({
      id: 's-2',
      start: 2.4,
      end: 5.12,
      text: 'The caller asks for the night desk,',
    })
    expect(parsed.warnings).toEqual([])
    await expectGolden(parsed, 'audacity-alignment')
  })

  it('skips spectral-selection lines, runs point labels to the next label and drops empty labels', async () => {
    const parsed = parseAudacityLabels(readFixture('labels-points-spectral.txt'))
    expect(parsed.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [0, 2.5, 'Intro music'],
      [3.25, 4, 'Door slams'],
      [4, 9.125, 'Caller gives the account number'],
      [12.75, 15, 'Hold music'],
      [20, 20, 'Line goes dead'],
    ])
    expect(parsed.warnings).toEqual([])
    await expectGolden(parsed, 'audacity-points-spectral')
  })

  it('reads decimal commas and CRLF line ends, and says so', () => {
    const parsed = parseAudacityLabels(readFixture('labels-comma-decimal.txt'))
    expect(parsed.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [0, 2.5, 'Einleitung'],
      [2.5, 6, 'Anrufer nennt die Kontonummer'],
    ])
    expect(parsed.warnings).toEqual([
      { message: 'Times use a decimal comma (a locale setting); read as decimals.' },
    ])
  })

  it('reads whisper .tsv files (a header, times in milliseconds)', () => {
    const parsed = parseAudacityLabels(readFixture('whisper-fr.tsv'))
    expect(parsed.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [0.42, 2.98, 'Pouvez-vous répéter le numéro ?'],
    ])
    expect(parsed.warnings[0]).toEqual({
      line: 1,
      message: 'Read as a Whisper .tsv file: times in milliseconds, converted to seconds.',
    })
    const words = parseAudacityLabels(readFixture('whisper-fr.words.tsv'))
    expect(words.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [0.42, 1.15, 'Pouvez-vous'],
      [1.3, 1.72, 'répéter'],
      [1.72, 1.88, 'le'],
      [1.88, 2.98, 'numéro ?'],
    ])
  })

  it('keeps tabs inside a label and accepts space-separated hand edits', () => {
    const parsed = parseAudacityLabels('1.5\t2\tA\tB\n3 4.25 spoken words\n')
    expect(parsed.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [1.5, 2, 'A\tB'],
      [3, 4.25, 'spoken words'],
    ])
  })

  it('skips a stray line with a warning that names it', () => {
    const parsed = parseAudacityLabels('0\t1\tone\n1\t2\ttwo\nnot a label\n2\t3\tthree\n')
    expect(parsed.segments).toHaveLength(3)
    expect(parsed.warnings).toEqual([
      { line: 3, message: '1 line(s) are not labels and were skipped (the first is line 3).' },
    ])
  })

  it('rejects text that is not a label track, naming the first bad line', () => {
    const error = parseError(() =>
      parseAudacityLabels('\nDear landlord,\nthe rent was paid.\n0\t1\tx\n'),
    )
    expect(error.line).toBe(2)
    expect(error.message).toBe(
      'line 2: Not an Audacity label track: expected lines of "start<TAB>end<TAB>label" in seconds.',
    )
    expect(parseError(() => parseAudacityLabels('')).line).toBeUndefined()
    expect(parseError(() => parseAudacityLabels('0\t1\t\n2\t2\t  \n')).message).toBe(
      'The label track has no label with text.',
    )
  })
})

describe('looksLikeAudacityLabels', () => {
  it('is confident about tab-separated decimal seconds', () => {
    expect(looksLikeAudacityLabels(readFixture('alignment.aud'), 'alignment.aud')).toBeCloseTo(0.95)
    expect(looksLikeAudacityLabels(readFixture('labels-points-spectral.txt'))).toBe(0.9)
    expect(looksLikeAudacityLabels(readFixture('labels-comma-decimal.txt'))).toBe(0.9)
  })

  it('is less sure about integers and whisper .tsv, and rejects everything else', () => {
    expect(looksLikeAudacityLabels(readFixture('whisper-fr.tsv'))).toBe(0.6)
    expect(looksLikeAudacityLabels('1\t2\tone\n')).toBe(0.5)
    // aeneas's TSV sync map: begin, end, fragment id.
    expect(looksLikeAudacityLabels('0.000\t2.400\tf000001\n2.400\t5.120\tf000002\n')).toBe(0.9)
    // aeneas's TXT and CSV sync maps.
    expect(looksLikeAudacityLabels(readFixture('alignment.txt'))).toBe(0)
    expect(
      looksLikeAudacityLabels(
        'f000001,0.000,2.400,"Call recorded."\nf000002,2.400,5.120,"Hello."\n',
      ),
    ).toBe(0)
    expect(looksLikeAudacityLabels(readFixture('plain-bracketed.txt'))).toBe(0)
    expect(looksLikeAudacityLabels('')).toBe(0)
  })
})

import { describe, expect, it } from 'vitest'
import { looksLikePraatTextGrid, parsePraatTextGrid } from '../../../src/formats/praat-textgrid'
import {
  decode,
  expectGolden,
  expectWellFormed,
  parseError,
  readFixture,
  rowsOf,
  alignmentRows,
} from './format-files'

/** Praat saves non-ASCII TextGrids as UTF-16 with a byte order mark. */
function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2)
  const view = new DataView(bytes.buffer)
  view.setUint16(0, 0xfeff, littleEndian)
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian)
  return bytes
}

describe('parsePraatTextGrid', () => {
  it('reads the long form: the tier "Call" with 5 intervals', async () => {
    const parsed = parsePraatTextGrid(readFixture('alignment-long.TextGrid'))
    expectWellFormed(parsed)
    expect(parsed.title).toBe('Call')
    expect(rowsOf(parsed)).toEqual(alignmentRows(' '))
    expect(parsed.segments[3]).toEqual({
      id: 's-4',
      start: 7.96,
      end: 11.3,
      text: 'nobody here by that name, sorry.',
    })
    expect(parsed.warnings).toEqual([])
    await expectGolden(parsed, 'textgrid-alignment')
  })

  it('reads the short form to the same result', () => {
    const long = parsePraatTextGrid(readFixture('alignment-long.TextGrid'))
    expect(parsePraatTextGrid(readFixture('alignment-short.TextGrid'))).toEqual(long)
    // Praat's short form may also put several values on a line.
    const oneLine = readFixture('alignment-short.TextGrid').replace(/\n(?=[\d"<])/g, ' ')
    expect(parsePraatTextGrid(oneLine).segments).toEqual(long.segments)
  })

  it('reads UTF-16 files (either byte order) once decoded', () => {
    const long = parsePraatTextGrid(readFixture('alignment-long.TextGrid'))
    const text = readFixture('alignment-long.TextGrid').replace('"Call"', '"Cāll — 通话"')
    for (const littleEndian of [true, false]) {
      const parsed = parsePraatTextGrid(decode(utf16(text, littleEndian)))
      expect(parsed.title).toBe('Cāll — 通话')
      expect(parsed.segments).toEqual(long.segments)
    }
    // A decoder that keeps the byte order mark must not break the parse either.
    expect(parsePraatTextGrid(`\uFEFF${text}`).segments).toEqual(long.segments)
  })

  it('takes the first interval tier with text, skips empty intervals and reads doubled quotes', async () => {
    const parsed = parsePraatTextGrid(readFixture('interview.TextGrid'))
    expect(parsed.title).toBe('Interviewer')
    expect(parsed.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [0.84, Number('3.2100000000000002'), 'She said "call me back" and hung up?'],
      [9.6, 12.5, 'Right. ! not a comment\nsecond line'],
    ])
    expect(parsed.warnings).toEqual([
      {
        message:
          'The TextGrid has 2 interval tiers with text; imported "Interviewer" and left out "Witness".',
      },
    ])
    await expectGolden(parsed, 'textgrid-interview')
  })

  it('falls back to a point tier, whose points start segments', () => {
    const text = [
      'File type = "ooTextFile"',
      'Object class = "TextGrid"',
      '0',
      '10',
      '<exists>',
      '2',
      '"IntervalTier"',
      '"silences"',
      '0',
      '10',
      '1',
      '0',
      '10',
      '""',
      '"TextTier"',
      '"calls"',
      '0',
      '10',
      '2',
      '1.5',
      '"first ring"',
      '4',
      '"second ring"',
    ].join('\n')
    const parsed = parsePraatTextGrid(text)
    expect(parsed.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [1.5, 4, 'first ring'],
      [4, 4, 'second ring'],
    ])
    expect(parsed.title).toBe('calls')
    expect(parsed.warnings[0]?.message).toMatch(/no interval tier with text/)
  })

  it('names the line of a broken file', () => {
    const long = readFixture('alignment-long.TextGrid')
    const unclosed = long.replace('March."', 'March.')
    expect(parseError(() => parsePraatTextGrid(unclosed)).line).toBe(18)
    const badNumber = long.replace('xmax = 5.12', 'xmax = "5.12"')
    const error = parseError(() => parsePraatTextGrid(badNumber))
    expect(error.message).toBe('line 21: Expected an interval end (xmax) (a number).')
    const cut = long.slice(0, long.indexOf('intervals [3]'))
    expect(parseError(() => parsePraatTextGrid(cut)).message).toBe(
      'line 22: The TextGrid ends early: an interval start (xmin) is missing.',
    )
  })

  it.each([
    [
      'ooBinaryFile\u0008TextGrid…',
      'line 1: This is a binary TextGrid. Save it from Praat as a text file ("Save as text file…").',
    ],
    [
      'File type = "ooTextFile"\nObject class = "Pitch 1"\n',
      'line 2: This Praat file holds a Pitch 1, not a TextGrid.',
    ],
    [
      'File type = "ooTextFile"\nObject class = "TextGrid"\n0\n1\n<absent>\n',
      'line 5: The TextGrid has no tiers.',
    ],
    [
      'File type = "ooTextFile"\nObject class = "TextGrid"\n0\n1\n<exists>\n1\n"PointTier"\n"x"\n0\n1\n0\n',
      'line 7: Unknown tier class "PointTier".',
    ],
    [
      'File type = "ooTextFile"\nObject class = "TextGrid"\n0\n1\n<exists>\n-1\n',
      'line 6: Expected the number of tiers (a whole number).',
    ],
    [
      'File type = "ooTextFile"\nObject class = "TextGrid"\n0\n1\n<exists>\n1\n"IntervalTier"\n"x"\n0\n1\n1\n0\n1\n""\n',
      'The TextGrid has no tier with text.',
    ],
    ['hello', 'The TextGrid ends early: the file type "ooTextFile" is missing.'],
    ['"WEBVTT"', 'line 1: Not a Praat text file (file type "WEBVTT").'],
  ])('rejects %j', (text, message) => {
    expect(parseError(() => parsePraatTextGrid(text)).message).toBe(message)
  })
})

describe('looksLikePraatTextGrid', () => {
  it('recognises both text forms by their header', () => {
    expect(looksLikePraatTextGrid(readFixture('alignment-long.TextGrid'))).toBe(0.95)
    expect(looksLikePraatTextGrid(readFixture('alignment-short.TextGrid'), 'a.TextGrid')).toBe(1)
    expect(looksLikePraatTextGrid(readFixture('alignment.aud'), 'a.TextGrid')).toBe(0)
    expect(looksLikePraatTextGrid('File type = "ooTextFile"\nObject class = "Pitch 1"\n')).toBe(0)
  })
})

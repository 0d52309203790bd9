// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { Segment } from '../../../src/domain/types'
import { decodeText } from '../../../src/formats/decode-text'
import { parsePlainText } from '../../../src/formats/plain-text'
import { escapeSrtText, parseSrt } from '../../../src/formats/srt'
import {
  alignmentRows,
  expectGolden,
  encodeUtf16,
  encodeUtf32,
  parseError,
  readFixture,
  readFixtureBytes,
  rowsOf,
} from './format-files'

/** Reads bytes as the import dialog does: decode, then parse. */
const parseBytes = (bytes: Uint8Array, name = 'f.srt') => parseSrt(decodeText(bytes, name).text)
/** Reads a fixture of tests/fixtures/formats as the import dialog does. */
const parseFixture = (name: string) => parseBytes(readFixtureBytes(name), name)

const spans = (segments: readonly Segment[]) => segments.map((s) => [s.start, s.end])
const texts = (segments: readonly Segment[]) => segments.map((s) => s.text)
const utf8 = (text: string) => new TextEncoder().encode(text)

describe('parseSrt on lenient timings (srt-lenient.srt)', () => {
  // ",04" is 40 ms (a decimal fraction), "00:01:39" has no ms, "." as well as ",", coordinates.
  const ITEMS = [
    [99, 101.04],
    [124.08, 127.12],
    [132.16, 135.2],
    [140.24, 142.28],
  ]
  const TEXTS = [
    '(phone rings)',
    'Emergency, which service?',
    'I need an ambulance.',
    'Where are you calling from?',
  ]
  /** The fixture as text, its BOM left out. */
  const text = () => decodeText(readFixtureBytes('srt-lenient.srt'), 'f').text

  it('reads a UTF-8 file with a BOM: four items with exact milliseconds', () => {
    expect(readFixtureBytes('srt-lenient.srt').subarray(0, 3)).toEqual(
      new Uint8Array([0xef, 0xbb, 0xbf]),
    )
    const parsed = parseFixture('srt-lenient.srt')
    expect(spans(parsed.segments)).toEqual(ITEMS)
    expect(texts(parsed.segments)).toEqual(TEXTS)
    // "OPERATOR:" on a line of its own names the second item's speaker.
    expect(parsed.segments.map((s) => s.speaker)).toEqual([
      undefined,
      'OPERATOR',
      undefined,
      undefined,
    ])
  })

  it('says which timing lines had short fractions, by line', () => {
    const parsed = parseFixture('srt-lenient.srt')
    expect(parsed.warnings.map((w) => w.line)).toEqual([2, 6, 11])
    expect(parsed.warnings[0]?.message).toMatch(/read as a decimal/)
    // A BOM glued to the first index does not hide it.
    expect(parseSrt(`\uFEFF${text()}`).segments[0]?.text).toBe('(phone rings)')
  })

  it.each([
    ['UTF-16LE', (t: string) => encodeUtf16(t, true)],
    ['UTF-16BE', (t: string) => encodeUtf16(t, false)],
    ['UTF-32LE', (t: string) => encodeUtf32(t, true)],
    ['UTF-32BE', (t: string) => encodeUtf32(t, false)],
    ['UTF-8 with a BOM', (t: string) => utf8(`\uFEFF${t}`)],
  ])('reads the same items from %s, the first not glued to the BOM', (_, encode) => {
    const parsed = parseBytes(encode(text()))
    expect(spans(parsed.segments)).toEqual(ITEMS)
    expect(texts(parsed.segments)).toEqual(TEXTS)
  })

  it('reads the same items without index lines', () => {
    const noIndexes = text().replace(/^\d+\n(?=\d\d:)/gm, '')
    expect(noIndexes).not.toMatch(/^\d+$/m)
    expect(spans(parseSrt(noIndexes).segments)).toEqual(ITEMS)
    expect(texts(parseSrt(noIndexes).segments)).toEqual(TEXTS)
  })

  it.each([
    ['CR-only', '\r'],
    ['CRLF', '\r\n'],
  ])('reads the same items with %s line ends', (_, end) => {
    const parsed = parseSrt(text().replace(/\n/g, end))
    expect(spans(parsed.segments)).toEqual(ITEMS)
    expect(texts(parsed.segments)).toEqual(TEXTS)
  })
})

describe('parseSrt on styled text (srt-styled.srt)', () => {
  const parsed = () => parseFixture('srt-styled.srt')

  it('decodes HTML entities; a hard space at a line end stays', () => {
    expect(texts(parsed().segments).slice(0, 3)).toEqual([
      'The caller hangs up, \u00A0\n& the line goes dead.',
      'Wait,\u00A0what?',
      'one < two > zero',
    ])
  })

  it('strips styling; an unterminated <i> does not leak into the next item', () => {
    expect(texts(parsed().segments).slice(3, 7)).toEqual([
      'Italics across\ntwo lines',
      'Unterminated italics',
      'Not italic any more',
      'Small and green red bold under struck',
    ])
  })

  it('hides ASS override tags, reads \\N as a line break and \\h as a hard space', () => {
    expect(parsed().segments[7]?.text).toBe('Top of the screen\nsecond line\u00A0with a hard space')
  })

  it('keeps text that only looks like tags: braces without a backslash, 2<3,5>1, <laughs>', () => {
    expect(texts(parsed().segments).slice(8, 10)).toEqual([
      'Keep {this in braces} and 2<3,5>1',
      '<laughs> stays as words',
    ])
  })

  it('keeps zero-length items, overlapping items and items that start together', () => {
    const segments = parsed().segments
    expect(segments).toHaveLength(13)
    expect(segments[10]).toMatchObject({ start: 18, end: 18, text: 'Zero length' })
    expect(segments.filter((s) => s.start === 18.5).map((s) => [s.end, s.text])).toEqual([
      [20, 'First of two at once'],
      [19, 'Second of two at once'],
    ])
    expect(parsed().warnings).toEqual([])
  })
})

describe('parseSrt on empty cues (srt-empty-cues.srt)', () => {
  it('leaves the empty cues out, with a warning each, and they swallow nothing', () => {
    const parsed = parseFixture('srt-empty-cues.srt')
    expect(rowsOf(parsed)).toEqual([
      [1, 2, 'Hello?'],
      [3, 4, 'Is anyone there?'],
      [5, 6, 'Hello.'],
    ])
    expect(parsed.warnings).toEqual([
      { line: 6, message: 'A cue has no text; it was left out.' },
      { line: 13, message: 'A cue has no text; it was left out.' },
    ])
  })
})

describe('parseSrt on a bilingual file (srt-bilingual.srt)', () => {
  const ROWS = [
    [723.101, 725.33, '我再打一次电话\nLet me call them once more.'],
    [725.334, 727.902, '没有人接\nNobody is picking up.'],
    [727.905, 730.44, '我们明天早上再试试吧\nWe will try again tomorrow morning.'],
  ]
  const text = () => readFixture('srt-bilingual.srt')

  it('reads index 421 first, and keeps junk after the time out of the text', () => {
    const parsed = parseFixture('srt-bilingual.srt')
    expect(rowsOf(parsed)).toEqual(ROWS)
    expect(parsed.warnings).toEqual([])
  })

  it('reads the same with CRLF line ends, and with the cues out of order', () => {
    expect(rowsOf(parseSrt(text().replace(/\n/g, '\r\n')))).toEqual(ROWS)
    const blocks = text().trim().split('\n\n')
    const shuffled = [blocks[1], blocks[0], blocks[2]].join('\n\n')
    const parsed = parseSrt(shuffled)
    expect(rowsOf(parsed)).toEqual(ROWS)
    expect(parsed.warnings).toEqual([])
  })

  it('a blank line not followed by a cue continues the cue, and is reported', () => {
    const gapped = text().replace(/^(\p{Script=Han}+)$/gmu, '$1\n')
    expect(gapped).toContain('我再打一次电话\n\nLet me call')
    const parsed = parseSrt(gapped)
    expect(rowsOf(parsed)).toEqual(ROWS)
    expect(parsed.warnings.map((w) => w.line)).toEqual([4, 10, 16])
    expect(parsed.warnings[0]?.message).toMatch(/blank line inside a cue/)
  })
})

describe('parseSrt on legacy encodings', () => {
  it('reads GB2312 Chinese as its UTF-8 twin: non-contiguous indexes, the same times', () => {
    const gb = parseFixture('srt-zh-gb2312.srt')
    const utf = parseFixture('srt-zh.srt')
    expect(spans(gb.segments)).toEqual([
      [27, 30.73],
      [31.5, 34.1],
      [34.1, 36.57],
    ])
    expect(gb.segments).toEqual(utf.segments)
    expect(gb.segments[0]?.text).toBe('请稍等，我帮您转接')
  })

  it('reads a Windows-1252 file with CRLF line ends as its UTF-8 twin', () => {
    const cp1252 = parseFixture('srt-fr-cp1252.srt')
    expect(cp1252.segments).toEqual(parseFixture('srt-fr.srt').segments)
    expect(cp1252.segments[1]?.text).toBe("Oui, j'écoute. Où êtes-vous ? « Près du théâtre »")
    expect(cp1252.warnings).toEqual([])
  })
})

describe('parseSrt on generated files', () => {
  it('reads whisper-timestamped output, sentences and words', () => {
    expect(parseFixture('whisper-fr.srt').segments).toEqual([
      { id: 's-1', start: 0.42, end: 2.98, text: 'Pouvez-vous répéter le numéro ?' },
    ])
    expect(rowsOf(parseFixture('whisper-fr.words.srt'))).toEqual([
      [0.42, 1.15, 'Pouvez-vous'],
      [1.3, 1.72, 'répéter'],
      [1.72, 1.88, 'le'],
      [1.88, 2.98, 'numéro ?'],
    ])
  })

  it('reads an aeneas SRT as its JSON sync map says: same times and lines', () => {
    const parsed = parseFixture('alignment.srt')
    expect(rowsOf(parsed)).toEqual(alignmentRows('\n'))
    expect(parsed.warnings).toEqual([])
  })
})

describe('parseSrt timing syntax', () => {
  const one = (timing: string) => parseSrt(`1\n${timing}\nText\n`).segments[0]

  it.each([
    ['00:00:01,500 --> 00:00:02,250', 1.5, 2.25],
    ['00:00:01.500 --> 00:00:02.250', 1.5, 2.25],
    ['00:00:01.876-->00:0:03.390', 1.876, 3.39],
    ['00:00:04:609 --> 00:00:05:001', 4.609, 5.001],
    ['00:00:01,5 --> 00:00:02,25', 1.5, 2.25],
    ['00:00:01 --> 00:00:02', 1, 2],
    ['00：00：01，500 --> 00：00：02．500', 1.5, 2.5],
    ['  00:00:01,000   -->   00:00:02,000  ', 1, 2],
    ['25:00:00,000 --> 100:00:00,001', 90000, 360000.001],
    ['00:00:01,000 --> 00:00:02,000 X1:100 X2:200 Y1:10 Y2:20', 1, 2],
    ['00:00:01,0004 --> 00:00:02,9996', 1, 3],
  ])('%s', (timing, start, end) => {
    expect(one(timing)).toMatchObject({ start, end, text: 'Text' })
  })

  it('accepts negative, dotted, padded and non-numeric identifiers', () => {
    const parsed = parseSrt(
      '-1\n00:00:01,000 --> 00:00:02,000\nA\n\n2.\n00:00:02,000 --> 00:00:03,000\nB\n\n' +
        '0003\n00:00:03,000 --> 00:00:04,000\nC\n\nfoo\n00:00:04,000 --> 00:00:05,000\nD',
    )
    expect(texts(parsed.segments)).toEqual(['A', 'B', 'C', 'D'])
    expect(parsed.warnings).toEqual([])
  })

  it('takes an index right after a cue (no blank line) as the next cue index, not text', () => {
    const parsed = parseSrt(
      '1\n00:00:01,000 --> 00:00:02,000\nA\n2\n00:00:02,000 --> 00:00:03,000\nB\n',
    )
    expect(texts(parsed.segments)).toEqual(['A', 'B'])
  })

  it('keeps a text line that happens to be a number', () => {
    const parsed = parseSrt(
      '1\n00:00:01,000 --> 00:00:02,000\n42\n\n2\n00:00:02,000 --> 00:00:03,000\nB',
    )
    expect(texts(parsed.segments)).toEqual(['42', 'B'])
  })

  it('reads mixed line endings', () => {
    const parsed = parseSrt(
      '1\r\n00:00:01,000 --> 00:00:02,000\rA\nB\r\n\r2\n00:00:02,000 --> 00:00:03,000\r\nC',
    )
    expect(texts(parsed.segments)).toEqual(['A\nB', 'C'])
  })

  it('sorts cues by start and fills an end before the start from the next cue', () => {
    const parsed = parseSrt(
      '1\n00:00:05,000 --> 00:00:06,000\nB\n\n2\n00:00:01,000 --> 00:00:00,500\nA\n',
    )
    expect(parsed.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [1, 5, 'A'],
      [5, 6, 'B'],
    ])
    expect(parsed.warnings).toEqual([
      {
        line: 6,
        message:
          'The cue ends before it starts; it now ends where the next cue starts (or where it starts, if it is the last).',
      },
    ])
  })
})

describe('parseSrt text', () => {
  const text = (payload: string) =>
    parseSrt(`1\n00:00:01,000 --> 00:00:02,000\n${payload}\n`).segments[0]

  it('takes a leading NAME: as the speaker; a later "- " line stays text', () => {
    expect(text('JOHN: Hello\n- Hi')).toEqual({
      id: 's-1',
      start: 1,
      end: 2,
      speaker: 'JOHN',
      text: 'Hello\n- Hi',
    })
  })

  it('takes the speaker from a <v Name> tag before any Name: prefix', () => {
    expect(text('<v Dr. Ana &amp; Co>Hello</v>')).toMatchObject({
      speaker: 'Dr. Ana & Co',
      text: 'Hello',
    })
    expect(text('<v.loud Bob>Hi')).toMatchObject({ speaker: 'Bob', text: 'Hi' })
    expect(text('<v Bob>Ann: Hi')).toMatchObject({ speaker: 'Bob', text: 'Ann: Hi' })
  })

  it('drops formatting tags, karaoke stamps and ASS tags; decodes references', () => {
    expect(
      text('{\\an8}<font color="red"><i>Hi</i></font> &lt;3 &#233;&#xE9; &eacute;<00:00:01.500>!')
        ?.text,
    ).toBe('Hi <3 éé é!')
    expect(text('a<br>b<br/>c')?.text).toBe('a\nb\nc')
  })

  it('never lets markup through as HTML', () => {
    expect(text('<b onclick="x()">bold</b><script>alert(1)</script>')?.text).toBe(
      'bold<script>alert(1)</script>',
    )
  })

  it('drops lines that only held tags, and trims spaces (not hard spaces) at line ends', () => {
    expect(text('{\\an8}\n   A   \n\\hB\\h \nC')?.text).toBe('A\n\u00A0B\u00A0\nC')
  })
})

describe('parseSrt speakers from Name: prefixes (srt-speakers.srt)', () => {
  const parsed = () => parseFixture('srt-speakers.srt')
  const speakerAndText = (payload: string) => {
    const segment = parseSrt(`1\n00:00:01,000 --> 00:00:02,000\n${payload}\n`).segments[0]
    return [segment?.speaker, segment?.text]
  }

  it('reads each cue as the golden file says, without warnings', async () => {
    expect(parsed().warnings).toEqual([])
    await expectGolden(parsed(), 'srt-speakers')
  })

  it('takes a name before the text, on its own line, or inside styling', () => {
    expect(
      parsed()
        .segments.slice(0, 4)
        .map((s) => [s.speaker, s.text]),
    ).toEqual([
      ['Dispatcher', 'Nine one one, what is the address?'],
      ['CALLER', 'Forty Elm Street, the blue house.'],
      ['Dispatcher', 'Is anyone hurt?\n- Caller: My neighbour. He fell.'],
      ['Dr. Okafor', 'I am on my way.'],
    ])
  })

  it('names a two-speaker cue after its first speaker; the second keeps the name in the text', () => {
    expect(speakerAndText('- Ann: Are you there?\n- Ben: Yes.')).toEqual([
      'Ann',
      'Are you there?\n- Ben: Yes.',
    ])
    expect(speakerAndText('—Ann: Hello')).toEqual(['Ann', 'Hello'])
    // A dash without a name is the text's own.
    expect(speakerAndText('- Hello\n- Ben: Hi')).toEqual([undefined, '- Hello\n- Ben: Hi'])
  })

  it('keeps a name with nothing after it as text, so the cue is not lost', () => {
    expect(parsed().segments[8]).toMatchObject({ start: 18.1, text: 'CALLER:' })
    expect(parsed().segments[8]?.speaker).toBeUndefined()
  })

  it('reads an escaped colon (&#58;) as text, as escapeSrtText writes it', () => {
    expect(parsed().segments[9]?.text).toBe('Caller: that is all I know.')
    expect(parsed().segments[9]?.speaker).toBeUndefined()
    expect(escapeSrtText('Ann: hi')).toBe('Ann&#58; hi')
    expect(escapeSrtText('- Dr. Ng:')).toBe('- Dr. Ng&#58;')
    expect(escapeSrtText('The time: 10:30')).toBe('The time: 10:30')
    for (const line of ['Ann: hi', '- Ann: hi', 'CALLER:', 'Ann: &lt; <i>']) {
      expect(speakerAndText(escapeSrtText(line))).toEqual([undefined, line])
    }
  })

  it.each([
    'Anna Maria: hi',
    'SPEAKER_00: hello',
    'Dr. Okafor: on my way',
    'note: lower case is text',
    'The Reason Why It Failed: five words',
    'The reason he fell: ice',
    'See https://example.com',
    'https://example.com is down',
    'Time 10:30 was late',
    '10:30: the meeting',
    'Yes:no',
    'ANINTERNATIONALBROADCASTINGCORPORATIONLIMITED: a name over 40 characters',
    // A word that labels a line is not a speaker, in either importer.
    'Note: 10:30',
    'Source: the report',
  ])('reads %j as the stamped-text importer does', (line) => {
    const stamped = parsePlainText(`[00:00:01] ${line}\n`).segments[0]
    expect(speakerAndText(line)).toEqual([stamped?.speaker, stamped?.text])
  })
})

describe('parseSrt malformed input', () => {
  it('skips a block whose timing line cannot be read, says where, and reads on', () => {
    const parsed = parseSrt(
      '1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:00:02,000 -> 00:00:03,000\nB\n\n3\n00:00:03,000 --> 00:00:04,000\nC',
    )
    expect(texts(parsed.segments)).toEqual(['A', 'C'])
    expect(parsed.warnings).toEqual([
      {
        line: 6,
        message:
          'Skipped a block: "00:00:02,000 -> 00:00:03,000" is not a timing line ("00:00:01,000 --> 00:00:02,000").',
      },
    ])
  })

  it('ignores text before the first cue, with a warning, without losing the cue after it', () => {
    const parsed = parseSrt('My film\nby me\n1\n00:00:01,000 --> 00:00:02,000\nA')
    expect(texts(parsed.segments)).toEqual(['A'])
    expect(parsed.warnings).toEqual([
      { line: 1, message: 'Ignored text outside any cue: "My film".' },
    ])
  })

  it('rejects a file without a single timing line, naming the first line that looked wrong', () => {
    const error = parseError(() => parseSrt('1\n00:00:01,000 -> 00:00:02,000\nHello\n'))
    expect(error.line).toBe(2)
    expect(error.message).toMatch(/^line 2: Not an SRT file/)
    expect(parseError(() => parseSrt('\n\nJust some notes\nand more')).line).toBe(3)
    expect(parseError(() => parseSrt('   \n\n')).message).toBe('The file is empty.')
    expect(parseError(() => parseSrt('')).message).toBe('The file is empty.')
  })
})

// @vitest-environment node
import { readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeText } from '../../../src/formats/decode-text'
import { encodeUtf16, encodeUtf32, expectEncodingWarnings, readFixtureBytes } from './format-files'

const utf8 = (text: string) => new TextEncoder().encode(text)

const utf16 = (text: string, littleEndian: boolean) => encodeUtf16(text, littleEndian, false)
const utf32 = (text: string, littleEndian: boolean) => encodeUtf32(text, littleEndian, false)

const concat = (...parts: (Uint8Array | number[])[]) =>
  new Uint8Array(parts.flatMap((part) => Array.from(part)))

const SAMPLE = 'WEBVTT\n\n00:00.000 --> 00:01.000\nÉté — 夏天 🎧\n'

describe('decodeText on the project fixtures', () => {
  // What each fixture of tests/fixtures/formats is; everything else is UTF-8.
  const expected: Record<string, string> = {
    'srt-fr-cp1252.srt': 'windows-1252',
    'srt-zh-gb2312.srt': 'gb18030',
  }
  // whisper.cpp writes a token that ends inside a character as U+FFFD; the file holds them.
  const holdsReplacements = new Set(['whisper-cpp-full.json'])
  const files = readdirSync(resolve('tests', 'fixtures', 'formats'))
    .filter((name) => name !== 'README.md')
    .sort()

  it.each(files)('%s', (name) => {
    const decoded = decodeText(readFixtureBytes(name), name)
    const encoding = expected[name] ?? 'utf-8'
    expect(decoded.encoding).toBe(encoding)
    expect(decoded.text.includes('\uFFFD')).toBe(holdsReplacements.has(name))
    expect(decoded.text.startsWith('\uFEFF')).toBe(false)
    expectEncodingWarnings(decoded, name)
  })

  it('reads five BOM-marked copies of one file as the same text, without the BOM', () => {
    const text = decodeText(readFixtureBytes('srt-lenient.srt'), 'f').text
    const copies = [
      concat([0xef, 0xbb, 0xbf], utf8(text)),
      encodeUtf16(text, true),
      encodeUtf16(text, false),
      encodeUtf32(text, true),
      encodeUtf32(text, false),
    ].map((bytes) => decodeText(bytes, 'x'))
    expect(copies.map((c) => c.encoding)).toEqual([
      'utf-8',
      'utf-16le',
      'utf-16be',
      'utf-32le',
      'utf-32be',
    ])
    expect(new Set(copies.map((c) => c.text))).toEqual(new Set([text]))
    expect(text.startsWith('1\n00:01:39 -->')).toBe(true)
  })

  it('reads the Windows-1252 file as the same text as its UTF-8 copy (after CRLF → LF)', () => {
    const cp1252 = decodeText(readFixtureBytes('srt-fr-cp1252.srt'), 'w.srt')
    const utf = decodeText(readFixtureBytes('srt-fr.srt'), 'u.srt')
    expect(cp1252.text).toContain('\r\n')
    expect(cp1252.text.replace(/\r\n/g, '\n')).toBe(utf.text)
    expect(utf.text).toContain('« Près du théâtre »')
  })

  it('reads GB2312 Chinese as the same text as its UTF-8 copy', () => {
    const gb = decodeText(readFixtureBytes('srt-zh-gb2312.srt'), 'gb.srt')
    expect(gb.text).toBe(decodeText(readFixtureBytes('srt-zh.srt'), 'zh.srt').text)
    expect(gb.text).toContain('电话占线，请您稍后再拨')
  })
})

describe('decodeText, byte order marks', () => {
  it.each([
    ['utf-8', concat([0xef, 0xbb, 0xbf], utf8(SAMPLE))],
    ['utf-16le', concat([0xff, 0xfe], utf16(SAMPLE, true))],
    ['utf-16be', concat([0xfe, 0xff], utf16(SAMPLE, false))],
    ['utf-32le', concat([0xff, 0xfe, 0, 0], utf32(SAMPLE, true))],
    ['utf-32be', concat([0, 0, 0xfe, 0xff], utf32(SAMPLE, false))],
  ])('%s: decodes, strips the BOM, warns about nothing', (encoding, bytes) => {
    expect(decodeText(bytes, 'f.vtt')).toEqual({ text: SAMPLE, encoding, warnings: [] })
  })

  it('strips exactly one BOM, so that a second one still makes a WebVTT signature invalid', () => {
    const twice = concat([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], utf8('WEBVTT\n'))
    expect(decodeText(twice, 'f').text).toBe('\uFEFFWEBVTT\n')
  })

  it('reads a UTF-16 file whose BOM is followed by a NUL character as UTF-16, not UTF-32', () => {
    // FF FE 00 00 is also the UTF-32LE mark; a lone one is read as UTF-32LE, as the WHATWG
    // encoding sniffers do not know UTF-32 at all this is the only sensible choice.
    const bytes = concat([0xff, 0xfe, 0, 0], utf32('A', true))
    expect(decodeText(bytes, 'f').encoding).toBe('utf-32le')
  })

  it('replaces invalid UTF-32 code points and a truncated last unit with U+FFFD, and warns', () => {
    const bytes = concat([0xff, 0xfe, 0, 0], utf32('ab', true), [0, 0, 0x11, 0], [0x41, 0])
    const decoded = decodeText(bytes, 'x.srt')
    expect(decoded.text).toBe('ab\uFFFD\uFFFD')
    expect(decoded.warnings[0]?.message).toMatch(/"x\.srt" is marked as UTF-32/)
  })

  it('warns about an odd byte at the end of UTF-16', () => {
    const decoded = decodeText(concat([0xff, 0xfe], utf16('hi', true), [0x41]), 'f')
    expect(decoded.text).toBe('hi\uFFFD')
    expect(decoded.warnings).toHaveLength(1)
  })

  it('decodes UTF-32 longer than one chunk of code points', () => {
    const long = 'é'.repeat(20_000) + '🎧'
    expect(decodeText(concat([0, 0, 0xfe, 0xff], utf32(long, false)), 'f').text).toBe(long)
  })
})

describe('decodeText without a BOM', () => {
  it.each([
    ['utf-16le', utf16(SAMPLE, true)],
    ['utf-16be', utf16(SAMPLE, false)],
    ['utf-32le', utf32(SAMPLE, true)],
    ['utf-32be', utf32(SAMPLE, false)],
  ])('recognises %s by its zero bytes and says so', (encoding, bytes) => {
    const decoded = decodeText(bytes, 'f.vtt')
    expect(decoded.encoding).toBe(encoding)
    expect(decoded.text).toBe(SAMPLE)
    expect(decoded.warnings).toHaveLength(1)
    expect(decoded.warnings[0]?.message).toMatch(/no byte order mark/)
  })

  it('reads valid UTF-8 as UTF-8, silently', () => {
    expect(decodeText(utf8(SAMPLE), 'f')).toEqual({ text: SAMPLE, encoding: 'utf-8', warnings: [] })
    expect(decodeText(new Uint8Array(), 'f')).toEqual({ text: '', encoding: 'utf-8', warnings: [] })
  })

  it('falls back to Windows-1252 for Western text', () => {
    // "Café, naïve résumé — déjà vu" in Windows-1252.
    const bytes = concat(
      utf8('Caf'),
      [0xe9],
      utf8(', na'),
      [0xef],
      utf8('ve r'),
      [0xe9],
      utf8('sum'),
      [0xe9, 0x20, 0x97, 0x20],
      utf8('d'),
      [0xe9],
      utf8('j'),
      [0xe0],
      utf8(' vu'),
    )
    const decoded = decodeText(bytes, 'notes.txt')
    expect(decoded.encoding).toBe('windows-1252')
    expect(decoded.text).toBe('Café, naïve résumé — déjà vu')
    expect(decoded.warnings[0]?.message).toMatch(/"notes\.txt" is not UTF-8.*Windows-1252/)
  })

  it('falls back to GB18030 for Chinese text', () => {
    // "你好，世界" in GB2312.
    const bytes = concat(
      utf8('1\n00:00:01,000 --> 00:00:02,000\n'),
      [0xc4, 0xe3, 0xba, 0xc3, 0xa3, 0xac, 0xca, 0xc0, 0xbd, 0xe7],
    )
    const decoded = decodeText(bytes, 'zh.srt')
    expect(decoded.encoding).toBe('gb18030')
    expect(decoded.text.endsWith('你好，世界')).toBe(true)
  })

  it('replaces NUL characters with U+FFFD and warns once', () => {
    const decoded = decodeText(utf8('WEBVTT\n\n00:00.000 --> 00:01.000\na\0b\0c\n'), 'f')
    expect(decoded.encoding).toBe('utf-8')
    expect(decoded.text).toBe('WEBVTT\n\n00:00.000 --> 00:01.000\na\uFFFDb\uFFFDc\n')
    expect(decoded.warnings).toHaveLength(1)
  })

  it('does not take a short text with a stray NUL for UTF-16', () => {
    expect(decodeText(utf8('a\0b\0c'), 'f').text).toBe('a\uFFFDb\uFFFDc')
  })

  it('maps all of Windows-1252, curly quotes and the euro included', () => {
    const decoded = decodeText(concat([0x93], utf8('quoted'), [0x94, 0x20, 0x80, 0x20, 0x85]), 'f')
    expect(decoded.text).toBe('“quoted” € …')
  })
})

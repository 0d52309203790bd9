import { readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAeneasJson } from '../../../src/formats/aeneas-json'
import { parseAudacityLabels } from '../../../src/formats/audacity-labels'
import { parseElanEaf } from '../../../src/formats/elan-eaf'
import { importTranscript } from '../../../src/formats/import-transcript'
import { parsePlainText } from '../../../src/formats/plain-text'
import { parsePraatTextGrid } from '../../../src/formats/praat-textgrid'
import { parseSrt } from '../../../src/formats/srt'
import type { ParsedTranscript } from '../../../src/formats/types'
import { parseWebVtt } from '../../../src/formats/webvtt'
import { ALIGNMENT, alignmentRows, readFixture, readFixtureBytes, rowsOf } from './format-files'

/*
 * One short call aligned by hand and written in every aligned format we import
 * (tests/fixtures/formats/alignment*): every importer must read the same fragments from its file,
 * to the millisecond, and the dispatcher must recognise each file by its content.
 */

const ms = (rows: readonly (readonly unknown[])[]) =>
  rows.map(([start, end, text]) => [
    Math.round(Number(start) * 1000),
    Math.round(Number(end) * 1000),
    text,
  ])

describe('the alignment fixture in every format we import', () => {
  it('has 5 fragments from 0 to 14.040 s', () => {
    expect(ALIGNMENT).toHaveLength(5)
    expect(ALIGNMENT.at(-1)?.[1]).toBe(14.04)
  })

  it.each([
    ['alignment.aud', parseAudacityLabels, ' '],
    ['alignment.json', parseAeneasJson, ' '],
    ['alignment-multiline.json', parseAeneasJson, ' '],
    ['alignment-long.TextGrid', parsePraatTextGrid, ' '],
    ['alignment-short.TextGrid', parsePraatTextGrid, ' '],
    ['alignment.eaf', parseElanEaf, ' '],
    ['alignment.srt', parseSrt, '\n'],
    ['alignment.vtt', parseWebVtt, '\n'],
  ] as const)('%s gives the same 5 fragments', (name, parse, separator) => {
    const parsed: ParsedTranscript = parse(readFixture(name))
    expect(ms(rowsOf(parsed))).toEqual(ms(alignmentRows(separator)))
    expect(parsed.warnings).toEqual([])
  })

  it('leaves the aeneas "txt" sync map (`id begin end "text"`) to no importer: it has no [hh:mm:ss] stamps', () => {
    expect(() => parsePlainText(readFixture('alignment.txt'))).toThrow(/No timestamps found/)
  })
})

describe('every fixture through the import dispatcher', () => {
  // What each hand-written fixture is; the dispatcher must recognise it by content.
  const EXPECTED: Record<string, string> = {
    'alignment-long.TextGrid': 'praat-textgrid',
    'alignment-multiline.json': 'aeneas-json',
    'alignment-short.TextGrid': 'praat-textgrid',
    'alignment.aud': 'audacity-labels',
    'alignment.eaf': 'elan-eaf',
    'alignment.json': 'aeneas-json',
    'alignment.srt': 'srt',
    'alignment.vtt': 'webvtt',
    'call-two-speakers.eaf': 'elan-eaf',
    'faster-whisper-list.json': 'whisper-json',
    'interview.TextGrid': 'praat-textgrid',
    'interview.otr': 'otranscribe',
    'labels-comma-decimal.txt': 'audacity-labels',
    'labels-points-spectral.txt': 'audacity-labels',
    'legacy.otr': 'otranscribe',
    'ohms-legacy-gaps.xml': 'ohms-xml',
    'ohms-legacy.xml': 'ohms-xml',
    'ohms-v6.xml': 'ohms-xml',
    'plain-bracketed.txt': 'plain-text',
    'plain-fractions.txt': 'plain-text',
    'plain-inline.txt': 'plain-text',
    'plain-mmss.txt': 'plain-text',
    'plain-otter.txt': 'plain-text',
    'plain-rev.txt': 'plain-text',
    'plain-youtube.txt': 'plain-text',
    'srt-bilingual.srt': 'srt',
    'srt-empty-cues.srt': 'srt',
    'srt-fr-cp1252.srt': 'srt',
    'srt-fr.srt': 'srt',
    'srt-lenient.srt': 'srt',
    'srt-speakers.srt': 'srt',
    'srt-styled.srt': 'srt',
    'srt-zh-gb2312.srt': 'srt',
    'srt-zh.srt': 'srt',
    'transformers-chunks.json': 'whisper-json',
    'transformers-word-chunks.json': 'whisper-json',
    'vtt-lenient.vtt': 'webvtt',
    'whisper-api-verbose.json': 'whisper-json',
    'whisper-cpp-full.json': 'whisper-json',
    'whisper-cpp.json': 'whisper-json',
    'whisper-fr.srt': 'srt',
    'whisper-fr.tsv': 'audacity-labels',
    'whisper-fr.vtt': 'webvtt',
    'whisper-fr.words.json': 'whisper-json',
    'whisper-fr.words.srt': 'srt',
    'whisper-fr.words.tsv': 'audacity-labels',
    'whisper-fr.words.vtt': 'webvtt',
    'whisper-openai.json': 'whisper-json',
    'whisperx.json': 'whisper-json',
  }
  // Files that must be refused, and why.
  const REJECTED: Record<string, RegExp> = {
    'ohms-index-only.xml': /no transcript \(only index points\)/,
    'alignment.txt': /not a transcript format Verbatim reads|No timestamps found/,
    'plain-no-stamps.txt': /not a transcript format Verbatim reads|No timestamps found/,
  }
  const files = readdirSync(resolve('tests', 'fixtures', 'formats'))
    .filter((name) => name !== 'README.md')
    .sort()

  it('knows what every fixture is', () => {
    expect(files.filter((name) => !(name in EXPECTED) && !(name in REJECTED))).toEqual([])
  })

  it.each(Object.entries(EXPECTED))('%s is read as %s', (name, format) => {
    const parsed = importTranscript(readFixtureBytes(name), name)
    expect(parsed.format).toBe(format)
    expect(parsed.segments.length).toBeGreaterThan(0)
  })

  it.each(Object.entries(REJECTED))('%s is refused', (name, reason) => {
    expect(() => importTranscript(readFixtureBytes(name), name)).toThrow(reason)
  })

  it('reads the one alignment identically through the dispatcher, whatever the file name says', () => {
    const reference = rowsOf(importTranscript(readFixtureBytes('alignment.json'), 'a.json'))
    for (const name of Object.keys(EXPECTED).filter((n) => n.startsWith('alignment'))) {
      const parsed = importTranscript(readFixtureBytes(name), 'upload.bin')
      expect(
        ms(rowsOf(parsed).map(([s, e, t]) => [s, e, String(t).replace(/\n/g, ' ')])),
        name,
      ).toEqual(ms(reference))
    }
  })
})

import { readdirSync, statSync } from 'node:fs'
import { extname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importTranscript } from '../../../../src/formats/import-transcript'
import { TranscriptParseError } from '../../../../src/formats/types'
import { corpusPath, readCorpus } from '../../../helpers/corpus'

/** Files in the corpus that are not transcripts: licences, docs, audio, test harness data. */
const SKIP =
  /(^|\/)(LICEN[CS]E[^/]*|README[^/]*|manifest\.json)$|\.(md|mp3|flac|wav|ogg|py|go|js|html|test|sh)$/i

interface Outcome {
  readonly file: string
  readonly result: 'imported' | 'warnings' | 'rejected'
  readonly format: string
  readonly segments: number
  readonly message?: string
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}

const root = corpusPath()
const files = walk(root)
  .map((path) => relative(root, path))
  .filter((file) => !SKIP.test(file))
  .sort()

const outcomes: Outcome[] = files.map((file) => {
  const name = file.split('/').at(-1) ?? file
  try {
    const parsed = importTranscript(readCorpus(file), name)
    return {
      file,
      result: parsed.warnings.length > 0 ? 'warnings' : 'imported',
      format: parsed.format,
      segments: parsed.segments.length,
    }
  } catch (error) {
    if (!(error instanceof TranscriptParseError)) throw error
    const extension = extname(name).slice(1).toLowerCase() || 'none'
    return {
      file,
      result: 'rejected',
      format: `(.${extension})`,
      segments: 0,
      message: error.message,
    }
  }
})

const byFile = new Map(outcomes.map((o) => [o.file, o]))
const outcome = (file: string) => {
  const found = byFile.get(file)
  if (!found) throw new Error(`${file} is not in the corpus walk`)
  return found
}

describe('the whole shared corpus through the import dispatcher', () => {
  it('prints a table per format: imported / with warnings / rejected', () => {
    const rows = new Map<string, [number, number, number]>()
    for (const o of outcomes) {
      const row = rows.get(o.format) ?? [0, 0, 0]
      row[o.result === 'imported' ? 0 : o.result === 'warnings' ? 1 : 2]++
      rows.set(o.format, row)
    }
    const lines = [
      '| format | imported | with warnings | rejected |',
      '|---|---|---|---|',
      ...[...rows].sort().map(([format, [a, b, c]]) => `| ${format} | ${a} | ${b} | ${c} |`),
      `| all ${outcomes.length} files | ${outcomes.filter((o) => o.result === 'imported').length} | ${outcomes.filter((o) => o.result === 'warnings').length} | ${outcomes.filter((o) => o.result === 'rejected').length} |`,
    ]
    console.log(`\nCorpus import table\n${lines.join('\n')}\n`)
    console.log(
      outcomes
        .filter((o) => o.result === 'rejected')
        .map((o) => `rejected ${o.file}: ${o.message ?? ''}`)
        .join('\n'),
    )
    expect(outcomes.length).toBeGreaterThan(150)
  })

  it('rejects only what it should: other formats, test data, empty or invalid files', () => {
    const reasons = [
      /not a transcript format Verbatim reads/, // CSV, SBV, SMIL, SUB, TTML, WPT cue-test JSON, prose
      /holds no timed text/, // WPT files whose expected result is zero cues
      /has no transcript \(only index points\)/, // OHMS files with an index and no transcript
      /line 1: Not a WebVTT file/, // invalid signatures
    ]
    const unexplained = outcomes.filter(
      (o) => o.result === 'rejected' && !reasons.some((reason) => reason.test(o.message ?? '')),
    )
    expect(unexplained).toEqual([])
    const supported = /\.(vtt|srt|aud|eaf|textgrid_long|textgrid_short)$/
    const rejectedSupported = outcomes.filter(
      (o) =>
        o.result === 'rejected' &&
        supported.test(o.file) &&
        !/no timed text|WebVTT/.test(o.message ?? ''),
    )
    expect(rejectedSupported).toEqual([])
  })

  it('reads the one aeneas alignment identically from every supported format', () => {
    const maps = 'aeneas/aeneas/tests/res/syncmaps/sonnet001'
    const reference = importTranscript(readCorpus(`${maps}.json`), 'sonnet001.json').segments
    expect(reference).toHaveLength(15)
    for (const [extension, format] of [
      ['vtt', 'webvtt'],
      ['srt', 'srt'],
      ['aud', 'audacity-labels'],
      ['textgrid_long', 'praat-textgrid'],
      ['textgrid_short', 'praat-textgrid'],
      ['eaf', 'elan-eaf'],
    ] as const) {
      const parsed = importTranscript(readCorpus(`${maps}.${extension}`), `sonnet001.${extension}`)
      expect(parsed.format, extension).toBe(format)
      expect(
        parsed.segments.map((s) => [s.start, s.end, s.text]),
        extension,
      ).toEqual(reference.map((s) => [s.start, s.end, s.text]))
    }
  })

  it('imports every SRT of the SRT corpus', () => {
    const srt = outcomes.filter((o) => o.file.startsWith('srt/') && o.file.endsWith('.srt'))
    expect(srt.length).toBeGreaterThan(20)
    expect(srt.filter((o) => o.result === 'rejected').map((o) => o.file)).toEqual([])
    expect(outcome('srt/go-astisub/testdata/example-in.srt')).toMatchObject({
      format: 'srt',
      segments: 6,
    })
  })

  it('rejects WebVTT files with an invalid signature, naming line 1', () => {
    expect(outcome('srt/go-astisub/testdata/broken-1-in.vtt')).toMatchObject({ result: 'rejected' })
    expect(outcome('srt/go-astisub/testdata/broken-1-in.vtt').message).toMatch(/line 1/)
  })

  it('imports the real Whisper, OHMS and recording transcripts', () => {
    const imported = (prefix: string) =>
      outcomes.filter((o) => o.file.startsWith(prefix) && o.result !== 'rejected')
    expect(imported('whisper/').length).toBeGreaterThan(5)
    expect(imported('ohms/').length).toBeGreaterThan(3)
    expect(
      outcome(
        'whisper/whisper-timestamped/tests/expected/corner_cases/large_apollo11.mp3.words.json',
      ),
    ).toMatchObject({ format: 'whisper-json', segments: 15 })
  })
})

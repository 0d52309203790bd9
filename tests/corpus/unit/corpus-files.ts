import { readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ParsedTranscript } from '../../../src/formats/types'
import { readCorpus } from '../../helpers/corpus'
import { decode, expectGolden } from '../../unit/formats/format-files'

/** A file of the shared corpus, decoded (UTF-16 by its BOM), as the import dialog would. */
export function corpusText(...parts: string[]): string {
  return decode(readCorpus(...parts))
}

export const AENEAS_MAPS = ['aeneas', 'aeneas', 'tests', 'res', 'syncmaps'] as const
export const OHMS_FILES = ['ohms', 'scihist_digicoll', 'spec', 'test_support', 'ohms_xml'] as const
export const WHISPER_EXPECTED = ['whisper', 'whisper-timestamped', 'tests', 'expected'] as const

/** A file of aeneas's Sonnet 1 sync maps (one alignment written in many formats), decoded. */
export const sonnet = (name: string) => corpusText(...AENEAS_MAPS, name)
/** A file of the OHMS test exports, decoded. */
export const ohms = (...parts: string[]) => corpusText(...OHMS_FILES, ...parts)
/** A file of whisper-timestamped's expected outputs, decoded. */
export const whisper = (...parts: string[]) => corpusText(...WHISPER_EXPECTED, ...parts)

/** The Sonnet 1 alignment as its JSON sync map has it: `[begin, end, lines joined by newlines]` a fragment. */
export function sonnetFragments(): [number, number, string][] {
  const map = JSON.parse(sonnet('sonnet001.json')) as {
    fragments: { begin: string; end: string; lines: string[] }[]
  }
  return map.fragments.map((f) => [Number(f.begin), Number(f.end), f.lines.join('\n')])
}

/** Every file under `dir`, recursively, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? filesUnder(path) : [path]
    })
    .sort()
}

/** Checks a parse result of a corpus file against its golden file in tests/corpus/unit/formats/golden. */
export const expectCorpusGolden = (
  parsed: ParsedTranscript,
  name: string,
  options: { warnings?: boolean } = {},
) =>
  expectGolden(parsed, name, {
    ...options,
    folder: resolve('tests', 'corpus', 'unit', 'formats', 'golden'),
  })

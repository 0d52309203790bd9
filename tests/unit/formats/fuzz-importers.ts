import { expect } from 'vitest'
import { looksLikeAeneasJson, parseAeneasJson } from '../../../src/formats/aeneas-json'
import { looksLikeAudacityLabels, parseAudacityLabels } from '../../../src/formats/audacity-labels'
import { looksLikeElanEaf, parseElanEaf } from '../../../src/formats/elan-eaf'
import { looksLikeOhmsXml, parseOhmsXml } from '../../../src/formats/ohms-xml'
import { looksLikeOtranscribe, parseOtranscribe } from '../../../src/formats/otranscribe'
import { looksLikePlainText, parsePlainText } from '../../../src/formats/plain-text'
import { looksLikePraatTextGrid, parsePraatTextGrid } from '../../../src/formats/praat-textgrid'
import { TranscriptParseError, type ParsedTranscript } from '../../../src/formats/types'
import { looksLikeWhisperJson, parseWhisperJson } from '../../../src/formats/whisper-json'
import { expectWellFormed } from './format-files'

/*
 * The mutation fuzzer for the importers other than WebVTT and SRT, shared by the fuzz test on the
 * project's fixtures (tests/unit) and its twin on the shared corpus (tests/corpus/unit): the same
 * importers and mutations, different seed files.
 */

export interface Importer {
  readonly name: string
  readonly parse: (text: string) => ParsedTranscript
  readonly looksLike: (text: string, fileName?: string) => number
  readonly seeds: readonly string[]
}

/** The importers under test, by format name; each test gives them their seed files. */
export const IMPORTER_PARSERS = {
  'whisper-json': { parse: parseWhisperJson, looksLike: looksLikeWhisperJson },
  otranscribe: { parse: parseOtranscribe, looksLike: looksLikeOtranscribe },
  'ohms-xml': { parse: parseOhmsXml, looksLike: looksLikeOhmsXml },
  'audacity-labels': { parse: parseAudacityLabels, looksLike: looksLikeAudacityLabels },
  'praat-textgrid': { parse: parsePraatTextGrid, looksLike: looksLikePraatTextGrid },
  'elan-eaf': { parse: parseElanEaf, looksLike: looksLikeElanEaf },
  'aeneas-json': { parse: parseAeneasJson, looksLike: looksLikeAeneasJson },
  'plain-text': { parse: parsePlainText, looksLike: looksLikePlainText },
} as const

/** Importers with their seeds, in the order of {@link IMPORTER_PARSERS}. */
export function withSeeds(
  seeds: Record<keyof typeof IMPORTER_PARSERS, readonly string[]>,
): Importer[] {
  return Object.entries(IMPORTER_PARSERS).map(([name, parser]) => ({
    name,
    ...parser,
    seeds: seeds[name as keyof typeof IMPORTER_PARSERS],
  }))
}

/**
 * A bound that catches a hang or a blow-up (catastrophic backtracking, quadratic loops), not a
 * speed budget: CPU time on a loaded 2-core CI machine varies several-fold, so it is generous.
 */
const LIMIT_MS = 2000

/**
 * CPU time of this test process, in ms. Wall time would also count the other test files and
 * programs sharing the machine; a parser that loops burns CPU either way.
 */
function cpuMs(): number {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}

/** Runs one input: a well-formed result or a TranscriptParseError, in time. Returns what happened, for counting. */
export function check(importer: Importer, input: string): 'parsed' | 'rejected' {
  const started = cpuMs()
  let outcome: 'parsed' | 'rejected'
  try {
    const parsed = importer.parse(input)
    expect(parsed.format).toBe(importer.name)
    expectWellFormed(parsed)
    outcome = 'parsed'
  } catch (error) {
    if (!(error instanceof TranscriptParseError)) {
      throw new Error(
        `${importer.name} threw ${String(error)} for ${JSON.stringify(input.slice(0, 300))}`,
      )
    }
    outcome = 'rejected'
  }
  const score = importer.looksLike(input, 'input.txt')
  if (!(score >= 0 && score <= 1)) throw new Error(`${importer.name} scored ${score}`)
  const elapsed = cpuMs() - started
  if (elapsed > LIMIT_MS) {
    throw new Error(
      `${importer.name} took ${Math.round(elapsed)} ms for ${JSON.stringify(input.slice(0, 300))}`,
    )
  }
  return outcome
}

/** mulberry32: small, seeded, good enough to pick mutations. */
export function random(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!
  return { next, int, pick }
}

/** Pieces that matter to some parser: delimiters, stamps, tags, escapes, odd characters. */
const SNIPPETS = [
  '"',
  '\\',
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '<',
  '>',
  '/',
  '&',
  ';',
  '=',
  '-->',
  '<br>',
  '&amp;',
  '&#0;',
  '&#x110000;',
  '\\u0000',
  '\\ud800',
  '\u0000',
  '\uFFFD',
  '\uFEFF',
  '😀',
  '詩',
  'null',
  'true',
  '-1',
  '1e309',
  'NaN',
  '0.000',
  '59:59',
  '[00:01:02]',
  '(1:02)',
  '00:00:00,000',
  'Name:',
  'SPEAKER:',
  '<exists>',
  '"IntervalTier"',
  'xmin = ',
  '""',
  '!',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  '<span class="timestamp" data-timestamp="3">',
  '</span>',
  '<ANNOTATION>',
  '</ANNOTATION>',
  'TIME_SLOT_REF1="ts1"',
  '<v A>',
  '1:|2(3)|',
  '[[footnote]]',
  '"start": ',
  '"end": null',
  '"words": [',
  '"children": [',
  '"begin": "',
  '0',
  '9',
  '.',
  ' ',
]

export function mutate(text: string, rng: ReturnType<typeof random>): string {
  let result = text
  const steps = 1 + rng.int(4)
  for (let step = 0; step < steps; step++) {
    const at = rng.int(result.length + 1)
    switch (rng.int(9)) {
      case 0: // flip one character
        result = result.slice(0, at) + rng.pick(SNIPPETS).charAt(0) + result.slice(at + 1)
        break
      case 1: // insert a snippet
        result = result.slice(0, at) + rng.pick(SNIPPETS) + result.slice(at)
        break
      case 2: // delete a run
        result = result.slice(0, at) + result.slice(at + 1 + rng.int(40))
        break
      case 3: // truncate
        result = result.slice(0, at)
        break
      case 4: // duplicate a run
        result = result.slice(0, at) + result.slice(at, at + rng.int(200)) + result.slice(at)
        break
      default: {
        const lines = result.split('\n')
        const i = rng.int(lines.length)
        const j = rng.int(lines.length)
        const kind = rng.int(4)
        if (kind === 0)
          lines.splice(i, 1) // delete a line
        else if (kind === 1)
          lines.splice(i, 0, lines[j] ?? '') // duplicate a line
        else if (kind === 2)
          [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''] // swap two lines
        else lines[i] = (lines[i] ?? '').replace(/\d/g, () => String(rng.int(10))) // rewrite digits
        result = lines.join('\n')
      }
    }
  }
  return result
}

/**
 * 800 mutants of `importer`'s seeds (and now and then of another importer's first seed): each is
 * read or rejected cleanly, in time; the seeds themselves all parse, and enough mutants stay
 * readable for the parsing paths (not only the rejections) to be exercised.
 */
export function expectSurvivesMutatedSeeds(importer: Importer, all: readonly Importer[]): void {
  const rng = random(0x5eed + importer.name.length)
  const seeds = all.flatMap((other) => (other === importer ? other.seeds : other.seeds.slice(0, 1)))
  const counts = { parsed: 0, rejected: 0 }
  for (let i = 0; i < 800; i++) {
    const seed = i % 4 === 3 ? rng.pick(seeds) : rng.pick(importer.seeds)
    counts[check(importer, mutate(seed, rng))]++
  }
  for (const seed of importer.seeds) expect(check(importer, seed)).toBe('parsed')
  expect(counts.parsed).toBeGreaterThan(50)
}

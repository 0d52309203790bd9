import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * The shared test corpus lives beside the repository (`../shared/corpus`), on developer machines
 * and in CI alike; tests run from the repository root.
 */
const CORPUS_ROOT = resolve(process.cwd(), '..', 'shared', 'corpus')

/** Absolute path of a corpus file, from its parts relative to `shared/corpus`. */
export function corpusPath(...parts: string[]): string {
  return resolve(CORPUS_ROOT, ...parts)
}

/** The bytes of a corpus file. */
export function readCorpus(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(corpusPath(...parts)))
}

/** A corpus file read as UTF-8 (a BOM, if any, is kept). */
export function readCorpusText(...parts: string[]): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(readCorpus(...parts))
}

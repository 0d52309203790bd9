import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * The shared test corpus: transcripts and recordings written by other people, for the conformance
 * runs of `npm run test:corpus`. It is not part of the repository (some of it may not be
 * redistributed), so `npm test` never reads it. It is found at `$VERBATIM_CORPUS`, else at
 * `../shared/corpus` beside the repository.
 */
export const CORPUS_ROOT = resolve(process.env.VERBATIM_CORPUS ?? resolve('..', 'shared', 'corpus'))

/** Fails, saying where it looked, when the corpus is not there. */
export function requireCorpus(): string {
  if (!existsSync(resolve(CORPUS_ROOT, 'README.md'))) {
    throw new Error(
      `No test corpus at ${CORPUS_ROOT}. npm run test:corpus needs the shared corpus: ` +
        'put it at ../shared/corpus beside the repository, or set VERBATIM_CORPUS to its folder.',
    )
  }
  return CORPUS_ROOT
}

/** Absolute path of a corpus file, from its parts relative to the corpus folder. */
export function corpusPath(...parts: string[]): string {
  return resolve(requireCorpus(), ...parts)
}

/** The bytes of a corpus file. */
export function readCorpus(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(corpusPath(...parts)))
}

/** A corpus file read as UTF-8 (a BOM, if any, is kept). */
export function readCorpusText(...parts: string[]): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(readCorpus(...parts))
}

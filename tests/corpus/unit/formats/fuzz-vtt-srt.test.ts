// @vitest-environment node
import { readFileSync } from 'node:fs'
import { corpusPath } from '../../../helpers/corpus'
import { describeMutationFuzz } from '../../../unit/formats/fuzz-parsers'
import { filesUnder } from '../corpus-files'

/* The mutation fuzz of tests/unit/formats/fuzz-vtt-srt.test.ts, seeded with the shared corpus. */

const corpusBytes = ['srt', 'wpt-webvtt', 'whisper', 'aeneas', 'ohms']
  .flatMap((folder) => filesUnder(corpusPath(folder)))
  .filter((path) => /\.(srt|vtt|json|xml)$/.test(path))
  .map((path) => new Uint8Array(readFileSync(path)))

describeMutationFuzz('corpus files', corpusBytes, 100)

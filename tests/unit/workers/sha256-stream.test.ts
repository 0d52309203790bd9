// @vitest-environment node
import { Blob } from 'node:buffer'
import { createHash, randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readBlobChunks } from '../../../src/workers/blob-chunks'
import { hashBlob } from '../../../src/workers/hash-client'
import { hashChunks } from '../../../src/workers/sha256-stream'

const reference = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const blobOf = (bytes: Uint8Array) => new Blob([bytes]) as unknown as globalThis.Blob

async function* cut(bytes: Uint8Array, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let from = 0
  for (let i = 0; from < bytes.length; i++) {
    const size = sizes[i % sizes.length] ?? bytes.length
    yield bytes.subarray(from, from + size)
    from += size
  }
}

const root = join(import.meta.dirname, '../../..')
const audioFixtures = join(root, 'tests/fixtures/audio')
const realFiles = [
  join(root, 'public/samples/li-changchun-2012-04/audio.mp3'),
  ...readdirSync(audioFixtures)
    .filter((name) => !name.endsWith('.md'))
    .map((name) => join(audioFixtures, name)),
]

describe('hashChunks', () => {
  // Around the 64-byte block size, and more than one 1 MB progress step with an odd tail.
  for (const size of [0, 1, 55, 56, 63, 64, 65, 127, 128, (1 << 20) + 13, 3 * (1 << 20) + 7]) {
    it(`matches node:crypto for ${size} bytes, in chunks of any size`, async () => {
      const bytes = new Uint8Array(randomBytes(size))
      const expected = reference(bytes)
      expect(await hashChunks(cut(bytes, [bytes.length || 1]), size)).toBe(expected)
      expect(await hashChunks(cut(bytes, [1, 63, 64, 65, 4096, 1 << 20]), size)).toBe(expected)
    })
  }

  it('reports bytes hashed, rising to the total', async () => {
    const bytes = new Uint8Array(randomBytes(2 * (1 << 20) + 5))
    const reports: number[] = []
    await hashChunks(cut(bytes, [3 << 20]), bytes.length, (done, total) => {
      expect(total).toBe(bytes.length)
      reports.push(done)
    })
    expect(reports).toEqual([1 << 20, 2 << 20, bytes.length])
  })

  it('has the recordings of the repository to hash', () => {
    expect(realFiles.length).toBeGreaterThanOrEqual(8)
  })

  for (const path of realFiles) {
    it(`matches node:crypto on ${path.split('/').slice(-2).join('/')}`, async () => {
      const bytes = new Uint8Array(readFileSync(path))
      const chunks = readBlobChunks(blobOf(bytes), 100_000)
      expect(await hashChunks(chunks, bytes.length)).toBe(reference(bytes))
    })
  }
})

describe('hashBlob without workers', () => {
  it('hashes in the page, reporting progress up to 1', async () => {
    const bytes = new Uint8Array(randomBytes(3 * (1 << 20) + 1))
    const fractions: number[] = []
    const digest = await hashBlob(blobOf(bytes), { onProgress: (f) => fractions.push(f) })
    expect(digest).toBe(reference(bytes))
    expect(fractions.at(-1)).toBe(1)
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions)
  })

  it('hashes an empty file', async () => {
    expect(await hashBlob(blobOf(new Uint8Array(0)))).toBe(reference(new Uint8Array(0)))
  })

  it('rejects with the abort reason', async () => {
    const controller = new AbortController()
    const bytes = new Uint8Array(4 << 20)
    const promise = hashBlob(blobOf(bytes), {
      signal: controller.signal,
      onProgress: (f) => {
        if (f > 0) controller.abort(new DOMException('stopped', 'AbortError'))
      },
    })
    await expect(promise).rejects.toThrow('stopped')
  })
})

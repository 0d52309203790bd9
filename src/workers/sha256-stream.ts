import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'

/**
 * SHA-256 of a stream of chunks, fed incrementally so memory stays at one chunk whatever the file
 * size. WebCrypto's `digest()` would be faster but needs the whole input at once. The hash worker
 * and the in-thread fallback both go through this function.
 */

const progressStep = 1 << 20

/** Hashes `chunks` in order and returns 64 lowercase hex digits; `onProgress` gets the bytes hashed so far after each chunk. */
export async function hashChunks(
  chunks: AsyncIterable<Uint8Array>,
  total: number,
  onProgress?: (bytes: number, total: number) => void,
): Promise<string> {
  const hash = sha256.create()
  let bytes = 0
  for await (const chunk of chunks) {
    // Pieces of 1 MB (~20 ms) keep progress smooth when chunks are large.
    for (let offset = 0; offset < chunk.byteLength; offset += progressStep) {
      const piece = chunk.subarray(offset, offset + progressStep)
      hash.update(piece)
      bytes += piece.byteLength
      onProgress?.(bytes, total)
    }
  }
  return bytesToHex(hash.digest())
}

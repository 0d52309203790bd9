import type { HashMessage, HashRequest } from './hash.worker'
import { readBlobChunks, throttleProgress } from './blob-chunks'
import { runWorker } from './run-worker'
import { hashChunks } from './sha256-stream'

/** Options of {@link hashBlob}. */
export interface HashOptions {
  /** Called with the fraction hashed (0..1), at most about 20 times a second. */
  readonly onProgress?: (fraction: number) => void
  /** Aborting stops the hashing and rejects with the signal's reason. */
  readonly signal?: AbortSignal
}

/** SHA-256 of a Blob as 64 lowercase hex digits, computed in a worker (in-thread where workers do not exist). */
export function hashBlob(blob: Blob, options: HashOptions = {}): Promise<string> {
  if (typeof Worker === 'undefined') return hashInThread(blob, options)
  return hashInWorker(blob, options)
}

function toFraction(onProgress: ((fraction: number) => void) | undefined) {
  return throttleProgress((bytes, total) => onProgress?.(total === 0 ? 1 : bytes / total))
}

/**
 * The fallback for environments without workers (unit tests). Slices of 1 MB hash in ~20 ms, and
 * each slice read awaits, so the page stays responsive even here.
 */
async function hashInThread(blob: Blob, { onProgress, signal }: HashOptions): Promise<string> {
  const report = toFraction(onProgress)
  const chunks = readBlobChunks(blob, 1 << 20, { signal })
  const digest = await hashChunks(chunks, blob.size, report)
  report(blob.size, blob.size)
  return digest
}

async function hashInWorker(blob: Blob, options: HashOptions): Promise<string> {
  const { onProgress, signal } = options
  signal?.throwIfAborted()
  const worker = new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module' })
  const request: HashRequest = { blob }
  return runWorker<HashMessage, string>(worker, request, {
    signal,
    onMessage: (message, settle) => {
      if (message.type === 'progress') {
        onProgress?.(message.total === 0 ? 1 : message.bytes / message.total)
      } else if (message.type === 'done') {
        onProgress?.(1)
        settle.resolve(message.sha256)
      } else {
        settle.reject(new Error(`could not read the file to hash it (${message.message})`))
      }
    },
    // A worker that cannot start (blocked script, old browser) must not stop an import.
    onError: () => hashInThread(blob, options),
  })
}

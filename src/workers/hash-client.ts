import type { HashMessage, HashRequest } from './hash.worker'
import { readBlobChunks, throttleProgress } from './blob-chunks'
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

function hashInWorker(blob: Blob, options: HashOptions): Promise<string> {
  const { onProgress, signal } = options
  return new Promise<string>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const worker = new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module' })
    const finish = () => {
      worker.terminate()
      signal?.removeEventListener('abort', onAbort)
    }
    const onAbort = () => {
      finish()
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    worker.onmessage = (event: MessageEvent<HashMessage>) => {
      const message = event.data
      if (message.type === 'progress') {
        onProgress?.(message.total === 0 ? 1 : message.bytes / message.total)
      } else if (message.type === 'done') {
        finish()
        onProgress?.(1)
        resolve(message.sha256)
      } else {
        finish()
        reject(new Error(`could not read the file to hash it (${message.message})`))
      }
    }
    // A worker that cannot start (blocked script, old browser) must not stop an import.
    worker.onerror = (event) => {
      event.preventDefault()
      finish()
      hashInThread(blob, options).then(resolve, reject)
    }
    const request: HashRequest = { blob }
    worker.postMessage(request)
  })
}

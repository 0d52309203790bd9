/// <reference lib="webworker" />
import { readBlobChunks, throttleProgress } from './blob-chunks'
import { hashChunks } from './sha256-stream'

/**
 * Hashes one Blob per message, off the main thread. The client terminates the worker when the
 * job ends or is aborted, so no cancellation message is needed.
 */

/** What the client posts. */
export interface HashRequest {
  readonly blob: Blob
}

/** What the worker posts back. */
export type HashMessage =
  | { readonly type: 'progress'; readonly bytes: number; readonly total: number }
  | { readonly type: 'done'; readonly sha256: string }
  | { readonly type: 'error'; readonly message: string }

const scope = self as unknown as DedicatedWorkerGlobalScope
const post = (message: HashMessage): void => scope.postMessage(message)

// 8 MB slices: few enough reads to be fast, small enough to keep the worker's memory flat.
const chunkSize = 8 << 20

scope.onmessage = async (event: MessageEvent<HashRequest>) => {
  const { blob } = event.data
  try {
    const report = throttleProgress((bytes, total) => post({ type: 'progress', bytes, total }))
    const sha256 = await hashChunks(readBlobChunks(blob, chunkSize), blob.size, report)
    post({ type: 'done', sha256 })
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) })
  }
}

/**
 * Reading a Blob a slice at a time. `slice().arrayBuffer()` is used rather than `blob.stream()`
 * because it bounds memory by our chunk size (a stream's chunk size is up to the browser) and it
 * also works on Node's and jsdom's Blob in unit tests.
 */

/** Yields the bytes of `blob` from `start` to `end` in slices of `chunkSize` bytes; throws the abort reason between slices. */
export async function* readBlobChunks(
  blob: Blob,
  chunkSize: number,
  options: { start?: number; end?: number; signal?: AbortSignal | undefined } = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  const end = Math.min(options.end ?? blob.size, blob.size)
  for (let offset = options.start ?? 0; offset < end; offset += chunkSize) {
    options.signal?.throwIfAborted()
    const buffer = await blob.slice(offset, Math.min(offset + chunkSize, end)).arrayBuffer()
    yield new Uint8Array(buffer)
  }
  options.signal?.throwIfAborted()
}

/** Reads `length` bytes of `blob` at `offset` (fewer at its end). */
export async function readBlobRange(
  blob: Blob,
  offset: number,
  length: number,
): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer())
}

/** Reports progress through `report` at most once per `intervalMs`, and always when `done` reaches `total`, so a fast loop does not flood postMessage or React. */
export function throttleProgress(
  report: (done: number, total: number) => void,
  intervalMs = 50,
): (done: number, total: number) => void {
  let last = -Infinity
  return (done, total) => {
    const now = performance.now()
    if (done >= total || now - last >= intervalMs) {
      last = now
      report(done, total)
    }
  }
}

/** `pending` followed by `chunk`: a parser's unread bytes and the next slice (no copy if none). */
export function appendBytes(pending: Uint8Array, chunk: Uint8Array): Uint8Array {
  if (pending.length === 0) return chunk
  const joined = new Uint8Array(pending.length + chunk.length)
  joined.set(pending)
  joined.set(chunk, pending.length)
  return joined
}

/// <reference lib="webworker" />
import { importTranscript } from '../formats/import-transcript'
import { readBlobChunks, throttleProgress } from './blob-chunks'
import { failureOf, postParts, type TranscriptMessage } from './transcript-parts'

/**
 * Reads one transcript file per worker, off the main thread: its bytes, then the dispatcher
 * (decode, recognise by content, parse), then the result in parts (see transcript-parts.ts). The
 * client terminates the worker when the file is read or the user cancels, so a parser busy on a
 * huge file is stopped mid-way and no cancellation message is needed.
 */

/** What the client posts. */
export interface TranscriptRequest {
  readonly file: Blob
  readonly fileName: string
}

const scope = self as unknown as DedicatedWorkerGlobalScope
const post = (message: TranscriptMessage): void => scope.postMessage(message)

/** The file's bytes, read a slice at a time so that the dialog can show how far it is. */
async function readAll(file: Blob): Promise<Uint8Array> {
  const bytes = new Uint8Array(file.size)
  const report = throttleProgress((done, total) =>
    post({ type: 'progress', stage: 'reading', fraction: total === 0 ? 1 : done / total }),
  )
  let offset = 0
  for await (const chunk of readBlobChunks(file, 1 << 20)) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
    report(offset, file.size)
  }
  return bytes
}

scope.onmessage = async (event: MessageEvent<TranscriptRequest>) => {
  const { file, fileName } = event.data
  try {
    const bytes = await readAll(file)
    post({ type: 'progress', stage: 'parsing', fraction: 0 })
    postParts(importTranscript(bytes, fileName), post)
  } catch (error) {
    post({ type: 'error', failure: failureOf(error) })
  }
}

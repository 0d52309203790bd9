import { importTranscript } from '../formats/import-transcript'
import type { ParsedTranscript } from '../formats/types'
import { runWorker } from './run-worker'
import { errorOf, TranscriptParts, type TranscriptMessage } from './transcript-parts'
import type { TranscriptRequest } from './transcript.worker'

/** How far the reading of one transcript file is. */
export interface TranscriptProgress {
  /** Reading the file's bytes, then recognising and parsing them. */
  readonly stage: 'reading' | 'parsing'
  /** 0..1 of the stage; parsing reports none (0). */
  readonly fraction: number
}

/** Options of {@link readTranscript}. */
export interface ReadTranscriptOptions {
  readonly onProgress?: ((progress: TranscriptProgress) => void) | undefined
  /** Aborting ends the worker, mid-parse if need be, and rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined
}

/**
 * Reads a transcript file of any supported format (`importTranscript`: decode, recognise by
 * content, parse) in a worker, in-thread where workers do not exist. Rejects with a
 * TranscriptParseError, its line kept, when the file cannot be read as a transcript.
 */
export function readTranscript(
  file: Blob,
  fileName: string,
  options: ReadTranscriptOptions = {},
): Promise<ParsedTranscript> {
  if (typeof Worker === 'undefined') return readInThread(file, fileName, options)
  return readInWorker(file, fileName, options)
}

/** The fallback for environments without workers (unit and component tests). */
async function readInThread(
  file: Blob,
  fileName: string,
  { onProgress, signal }: ReadTranscriptOptions,
): Promise<ParsedTranscript> {
  signal?.throwIfAborted()
  onProgress?.({ stage: 'reading', fraction: 0 })
  const bytes = new Uint8Array(await file.arrayBuffer())
  signal?.throwIfAborted()
  onProgress?.({ stage: 'parsing', fraction: 0 })
  return importTranscript(bytes, fileName)
}

function readInWorker(
  file: Blob,
  fileName: string,
  options: ReadTranscriptOptions,
): Promise<ParsedTranscript> {
  const { onProgress, signal } = options
  signal?.throwIfAborted()
  let worker: Worker
  try {
    worker = new Worker(new URL('./transcript.worker.ts', import.meta.url), { type: 'module' })
  } catch {
    return readInThread(file, fileName, options)
  }
  const parts = new TranscriptParts()
  const request: TranscriptRequest = { file, fileName }
  return runWorker<TranscriptMessage, ParsedTranscript>(worker, request, {
    signal,
    onMessage: (message, settle) => {
      switch (message.type) {
        case 'progress':
          onProgress?.({ stage: message.stage, fraction: message.fraction })
          break
        case 'part':
          parts.add(message)
          break
        case 'done':
          try {
            settle.resolve(parts.finish(message))
          } catch (error) {
            settle.reject(error)
          }
          break
        case 'error':
          settle.reject(errorOf(message.failure))
      }
    },
    // A worker that cannot start (blocked script, old browser) must not stop an import.
    onError: () => readInThread(file, fileName, options),
  })
}

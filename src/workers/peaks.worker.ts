/// <reference lib="webworker" />
import { readBlobRange, throttleProgress } from './blob-chunks'
import { sniffMp3 } from './mp3-frames'
import { reduceMp3WithWebCodecs } from './mp3-webcodecs'
import { sniffOggOpus } from './opus-packets'
import { reduceOpusWithWebCodecs } from './opus-webcodecs'
import { UnsupportedAudioError, type PeaksResult } from './peak-bins'
import { isWav, reduceWav } from './wav'

/**
 * Computes the peaks of one Blob per message, off the main thread: WAV read directly, MP3 and Ogg
 * Opus decoded with WebCodecs. Anything else, or anything those readers refuse, is answered
 * "unsupported" and the client decodes it with Web Audio instead (which only exists on the main
 * thread).
 */

/** What the client posts. */
export interface PeaksRequest {
  readonly blob: Blob
  readonly binsPerSecond?: number | undefined
}

/** What the worker posts back. */
export type PeaksMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly result: PeaksResult }
  | { readonly type: 'unsupported'; readonly reason: string }
  | { readonly type: 'error'; readonly message: string }

const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = async (event: MessageEvent<PeaksRequest>) => {
  const { blob, binsPerSecond } = event.data
  const onProgress = throttleProgress((done, total) =>
    scope.postMessage({ type: 'progress', done, total } satisfies PeaksMessage),
  )
  try {
    const head = await readBlobRange(blob, 0, 64 * 1024)
    let result: PeaksResult
    if (isWav(head)) {
      result = { ...(await reduceWav(blob, { binsPerSecond, onProgress })), via: 'worker-wav' }
    } else if (sniffOggOpus(head)) {
      // Before MP3: the Ogg signature is certain, while MP3 sync words can occur in any data.
      const reduced = await reduceOpusWithWebCodecs(blob, { binsPerSecond, onProgress })
      result = { ...reduced, via: 'worker-webcodecs' }
    } else if (sniffMp3(head)) {
      const reduced = await reduceMp3WithWebCodecs(blob, { binsPerSecond, onProgress })
      result = { ...reduced, via: 'worker-webcodecs' }
    } else {
      throw new UnsupportedAudioError('neither WAV, MP3 nor Ogg Opus')
    }
    scope.postMessage({ type: 'done', result } satisfies PeaksMessage, [result.peaks.buffer])
  } catch (error) {
    const message: PeaksMessage =
      error instanceof UnsupportedAudioError
        ? { type: 'unsupported', reason: error.message }
        : { type: 'error', message: error instanceof Error ? error.message : String(error) }
    scope.postMessage(message)
  }
}

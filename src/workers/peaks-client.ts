import { readBlobRange } from './blob-chunks'
import {
  chooseBinsPerSecond,
  maxAcrossChannels,
  PeakBins,
  UnsupportedAudioError,
  type PeaksResult,
} from './peak-bins'
import type { PeaksMessage, PeaksRequest } from './peaks.worker'
import { probeMedia } from './media-probe'
import { runWorker } from './run-worker'
import { isWav, reduceWav } from './wav'
import { shouldRefuseWholeDecode, sniffAudioFormat, wholeDecodeRefusal } from './whole-decode-limit'

/** Options of {@link computePeaks}. */
export interface PeaksOptions {
  /** Bins a second (default 100), lowered for long files so that there are at most about 1M. */
  readonly binsPerSecond?: number | undefined
  /** Called with the fraction done (0..1); in the Web Audio fallback it stays at 0 while the browser decodes. */
  readonly onProgress?: ((fraction: number) => void) | undefined
  /** Aborting stops the work and rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined
  /** The length a media element already read ({@link probeMedia}), so that it is not read twice. */
  readonly duration?: number | undefined
}

/**
 * Waveform peaks of an audio Blob, one channel, computed once: WAV, MP3 and Ogg Opus in a worker
 * (MP3 and Opus through WebCodecs), other formats by the browser's decodeAudioData, up to 20
 * minutes. Rejects with an Error that says in plain words what is wrong with the file; callers
 * add the file name.
 */
export async function computePeaks(blob: Blob, options: PeaksOptions = {}): Promise<PeaksResult> {
  options.signal?.throwIfAborted()
  options.onProgress?.(0)
  if (typeof Worker !== 'undefined') {
    const result = await computeInWorker(blob, options)
    if (result !== null) return result
  } else if (isWav(await readBlobRange(blob, 0, 12))) {
    // No workers (unit tests): the WAV reader is cheap enough to run here, a slice at a time.
    try {
      const reduced = await reduceWav(blob, {
        binsPerSecond: options.binsPerSecond,
        onProgress: (done, total) => options.onProgress?.(total === 0 ? 1 : done / total),
        signal: options.signal,
      })
      return { ...reduced, via: 'wav' }
    } catch (error) {
      if (!(error instanceof UnsupportedAudioError)) throw error
    }
  }
  return decodeInPage(blob, options)
}

/** Resolves null when the worker cannot handle the file (or cannot start) and the page should decode it. */
function computeInWorker(blob: Blob, options: PeaksOptions): Promise<PeaksResult | null> {
  const { onProgress, signal } = options
  let worker: Worker
  try {
    worker = new Worker(new URL('./peaks.worker.ts', import.meta.url), { type: 'module' })
  } catch {
    return Promise.resolve(null)
  }
  const request: PeaksRequest = { blob, binsPerSecond: options.binsPerSecond }
  return runWorker<PeaksMessage, PeaksResult | null>(worker, request, {
    signal,
    onMessage: (message, settle) => {
      if (message.type === 'progress') {
        onProgress?.(message.total === 0 ? 1 : message.done / message.total)
      } else if (message.type === 'done') {
        onProgress?.(1)
        settle.resolve(message.result)
      } else if (message.type === 'unsupported') {
        settle.resolve(null)
      } else {
        settle.reject(new Error(message.message))
      }
    },
    onError: () => null,
  })
}

// A low rate keeps the decoded signal small (8,000 samples a second a channel); peaks for a
// waveform need no more.
const decodeRate = 8000
// Work in slices of at most ~8 ms so that the page never stalls while reducing.
const sliceBudgetMs = 8

/**
 * The fallback for formats the worker cannot read (AAC/M4A, FLAC, WebM, Vorbis) or browsers
 * without workers or WebCodecs. decodeAudioData decodes off the main thread but needs the whole
 * file and returns the whole signal, so memory grows with length: about 64 KB a second of stereo
 * audio. Long recordings are therefore refused, their length read first from the headers.
 */
async function decodeInPage(blob: Blob, options: PeaksOptions): Promise<PeaksResult> {
  const { onProgress, signal } = options
  if (typeof OfflineAudioContext === 'undefined') {
    throw new Error('this browser cannot decode audio here')
  }
  const length = options.duration ?? (await lengthOf(blob, signal))
  if (length !== null && shouldRefuseWholeDecode(length)) {
    const format = sniffAudioFormat(await readBlobRange(blob, 0, 4096))
    throw new Error(wholeDecodeRefusal(format, length))
  }
  const context = new OfflineAudioContext(1, 1, decodeRate)
  let buffer: AudioBuffer
  try {
    buffer = await abortable(context.decodeAudioData(await blob.arrayBuffer()), signal)
  } catch (error) {
    if (signal?.aborted) throw signal.reason
    const reason = error instanceof Error && error.message ? ` (${error.message})` : ''
    throw new Error(`not an audio file this browser can decode${reason}`)
  }
  const binsPerSecond = chooseBinsPerSecond(buffer.duration, options.binsPerSecond)
  const bins = new PeakBins(buffer.sampleRate, binsPerSecond, buffer.duration)
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) =>
    buffer.getChannelData(c),
  )
  let magnitudes: Float32Array = new Float32Array(0)
  const step = 16_384
  let sliceStart = performance.now()
  for (let from = 0; from < buffer.length; from += step) {
    const to = Math.min(buffer.length, from + step)
    const views = channels.map((channel) => channel.subarray(from, to))
    magnitudes = maxAcrossChannels(views, to - from, magnitudes)
    bins.add(magnitudes, to - from)
    if (performance.now() - sliceStart > sliceBudgetMs) {
      onProgress?.(to / buffer.length)
      await yieldToPage()
      signal?.throwIfAborted()
      sliceStart = performance.now()
    }
  }
  onProgress?.(1)
  const { peaks, duration } = bins.finish()
  return { peaks, duration, binsPerSecond, sampleRate: buffer.sampleRate, via: 'decode-audio-data' }
}

/** The length a media element reads from the headers, or null when it cannot. */
async function lengthOf(blob: Blob, signal: AbortSignal | undefined): Promise<number | null> {
  const probe = await probeMedia(blob, { signal })
  return probe.kind === 'playable' ? probe.duration : null
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    if (signal.aborted) onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler
  if (scheduler?.yield) return scheduler.yield()
  return new Promise((resolve) => setTimeout(resolve, 0))
}

// @vitest-environment node
import { Blob } from 'node:buffer'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { reduceMp3WithWebCodecs } from '../../../src/workers/mp3-webcodecs'
import { UnsupportedAudioError } from '../../../src/workers/peak-bins'

// Vitest has no WebCodecs: these fakes behave like Chromium's AudioDecoder where it matters here.
// Chunks are decoded one at a time, asynchronously; output timestamps count samples from the
// first chunk after configure() or flush(); and, as a real MP3 decoder does without the bit
// reservoir of earlier frames, the first two frames after a reset come out as garbage (1.0),
// except at the start of the file, where there are no earlier frames to miss.

const sampleRate = 16000
const samplesPerFrame = 576
const frameBytes = 144 // MPEG-2 Layer III, 32 kbit/s, 16 kHz, mono: FF F3 48 C4

/** The level the fake decoder outputs for frame `index` of the file. */
const level = (index: number) => ((index * 37) % 100) / 200 + 0.001

function makeMp3(frames: number): Uint8Array {
  const bytes = new Uint8Array(frames * frameBytes)
  for (let i = 0; i < frames; i++) {
    bytes.set([0xff, 0xf3, 0x48, 0xc4, i & 0xff, i >> 8], i * frameBytes)
  }
  return bytes
}

class FakeChunk {
  readonly timestamp: number
  readonly data: Uint8Array
  constructor(init: { timestamp: number; data: Uint8Array }) {
    this.timestamp = init.timestamp
    this.data = new Uint8Array(init.data)
  }
}

let decodersCreated = 0
let maxConcurrent = 0
let busy = 0

class FakeDecoder extends EventTarget {
  state: 'unconfigured' | 'configured' | 'closed' = 'unconfigured'
  private queue: FakeChunk[] = []
  private base: number | undefined
  private count = 0
  private sinceReset = 0
  private working = false
  private flushes: (() => void)[] = []
  private readonly output: (data: unknown) => void

  static isConfigSupported(config: { codec: string }) {
    return Promise.resolve({ supported: config.codec === 'mp3' })
  }

  constructor(init: { output: (data: unknown) => void; error: (e: unknown) => void }) {
    super()
    this.output = init.output
    decodersCreated++
  }
  get decodeQueueSize() {
    return this.queue.length
  }
  configure() {
    this.state = 'configured'
  }
  decode(chunk: FakeChunk) {
    this.queue.push(chunk)
    this.pump()
  }
  flush() {
    return new Promise<void>((resolve) => {
      this.flushes.push(resolve)
      this.pump()
    })
  }
  close() {
    this.state = 'closed'
    this.queue = []
  }
  private pump() {
    if (this.working) return
    this.working = true
    busy++
    maxConcurrent = Math.max(maxConcurrent, busy)
    setTimeout(() => this.step(), 0)
  }
  private step() {
    const chunk = this.queue.shift()
    if (chunk && this.state === 'configured') {
      this.base ??= chunk.timestamp
      const index = (chunk.data[4] ?? 0) | ((chunk.data[5] ?? 0) << 8)
      const value = this.sinceReset++ < 2 && this.base > 0 ? 1 : level(index)
      const timestamp = this.base + Math.round((this.count * 1e6) / sampleRate)
      this.count += samplesPerFrame
      this.output({
        timestamp,
        sampleRate,
        numberOfFrames: samplesPerFrame,
        numberOfChannels: 1,
        copyTo: (dest: Float32Array) => dest.fill(value, 0, samplesPerFrame),
        close: () => {},
      })
      this.dispatchEvent(new Event('dequeue'))
    }
    if (this.queue.length > 0) {
      setTimeout(() => this.step(), 0)
      return
    }
    this.working = false
    busy--
    if (this.flushes.length > 0) {
      this.base = undefined
      this.count = 0
      this.sinceReset = 0
      for (const resolve of this.flushes.splice(0)) resolve()
    }
  }
}

beforeEach(() => {
  decodersCreated = 0
  maxConcurrent = 0
  busy = 0
  vi.stubGlobal('AudioDecoder', FakeDecoder)
  vi.stubGlobal('EncodedAudioChunk', FakeChunk)
})
afterEach(() => {
  vi.unstubAllGlobals()
})

/** Peaks of the fake signal (frame i at level(i)), computed sample by sample. */
function expectedPeaks(frames: number, bps: number): number[] {
  const bins: number[] = []
  for (let n = 0; n < frames * samplesPerFrame; n++) {
    const k = Math.floor((n * bps) / sampleRate)
    bins[k] = Math.max(bins[k] ?? 0, Math.fround(level(Math.floor(n / samplesPerFrame))))
  }
  return bins
}

const blobOf = (bytes: Uint8Array) => new Blob([bytes]) as unknown as globalThis.Blob

describe('reduceMp3WithWebCodecs', () => {
  it('decodes blocks on several decoders at once, dropping the warm-up output', async () => {
    const frames = 3500 // four blocks of 1,000 frames
    const progress: number[] = []
    const result = await reduceMp3WithWebCodecs(blobOf(makeMp3(frames)), {
      onProgress: (done, total) => progress.push(done / total),
    })
    expect(decodersCreated).toBeGreaterThan(1)
    expect(maxConcurrent).toBeGreaterThan(1)
    expect(result.duration).toBe((frames * samplesPerFrame) / sampleRate)
    expect(result.sampleRate).toBe(sampleRate)
    expect(result.binsPerSecond).toBe(100)
    // Any garbage (1.0) from a decoder's first frames would show here.
    expect(Array.from(result.peaks)).toEqual(expectedPeaks(frames, 100))
    expect(progress.at(-1)).toBe(1)
  })

  it('gives a short file to one decoder', async () => {
    const result = await reduceMp3WithWebCodecs(blobOf(makeMp3(50)), { binsPerSecond: 10 })
    expect(decodersCreated).toBe(1)
    expect(Array.from(result.peaks)).toEqual(expectedPeaks(50, 10))
  })

  it('says when there are no MP3 frames, so that the caller can fall back', async () => {
    await expect(reduceMp3WithWebCodecs(blobOf(new Uint8Array(5000)))).rejects.toThrow(
      UnsupportedAudioError,
    )
  })

  it('says when WebCodecs is missing', async () => {
    vi.stubGlobal('AudioDecoder', undefined)
    await expect(reduceMp3WithWebCodecs(blobOf(makeMp3(10)))).rejects.toThrow(
      'WebCodecs AudioDecoder is not available here',
    )
  })
})

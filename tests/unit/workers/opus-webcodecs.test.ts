// @vitest-environment node
import { Blob } from 'node:buffer'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { reduceOpusWithWebCodecs } from '../../../src/workers/opus-webcodecs'
import { UnsupportedAudioError } from '../../../src/workers/peak-bins'
import { writeOggStream, type PacketToWrite } from './ogg-test-files'

// Vitest has no WebCodecs: this fake behaves like Chromium's Opus AudioDecoder where it matters
// here (checked in Chromium 156). Chunks are decoded one at a time, asynchronously. After
// configure() and after each flush() it drops the pre-skip named in the OpusHead description
// and stamps the first sample it keeps with the first chunk's timestamp, counting on from there.
// And, like a real decoder without the packets before, the first 20 packets (400 ms) after a
// reset come out as garbage (1.0), except at the start of the stream: Chromium's Opus decoder
// takes about that long to give the samples a continuous decode gives.

const rate = 48000
const packetSamples = 960 // TOC 0xf8: CELT full band, 20 ms, one frame
const preSkip = 312

/** The level the fake decoder outputs for audio packet `index`. */
const level = (index: number) => ((index * 37) % 100) / 200 + 0.001

function opusHead(channels = 1): Uint8Array {
  const head = new Uint8Array(19)
  head.set(Array.from('OpusHead', (c) => c.charCodeAt(0)))
  const view = new DataView(head.buffer)
  head[8] = 1
  head[9] = channels
  view.setUint16(10, preSkip, true)
  view.setUint32(12, 16000, true)
  return head
}

/**
 * An Ogg Opus file of `count` audio packets of 20 ms, 50 to a page. The last page's granule
 * position is `trim` samples short of the packets' total, as an encoder writes it to cut padding.
 */
function makeOpus(
  count: number,
  options: { trim?: number; head?: Uint8Array; lastGranule?: number } = {},
): Uint8Array {
  const packets: PacketToWrite[] = [
    { data: options.head ?? opusHead(), granule: 0 },
    {
      data: new Uint8Array([
        ...Array.from('OpusTags', (c) => c.charCodeAt(0)),
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
      ]),
      granule: 0,
    },
  ]
  for (let i = 0; i < count; i++) {
    const last = i === count - 1
    packets.push({
      data: new Uint8Array([0xf8, i & 0xff, i >> 8]),
      granule: last
        ? (options.lastGranule ?? count * packetSamples - (options.trim ?? 0))
        : (i + 1) * packetSamples,
    })
  }
  return writeOggStream(packets, { serial: 0x1234, maxSegments: 50 }).bytes
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
let configured: AudioDecoderConfig[] = []
let supported = true

class FakeDecoder extends EventTarget {
  state: 'unconfigured' | 'configured' | 'closed' = 'unconfigured'
  private queue: FakeChunk[] = []
  private base: number | undefined
  private emitted = 0
  private toDrop = 0
  private sinceReset = 0
  private working = false
  private flushes: (() => void)[] = []
  private readonly output: (data: unknown) => void

  static isConfigSupported(config: AudioDecoderConfig) {
    return Promise.resolve({ supported: supported && config.codec === 'opus' })
  }

  constructor(init: { output: (data: unknown) => void; error: (e: unknown) => void }) {
    super()
    this.output = init.output
    decodersCreated++
  }
  get decodeQueueSize() {
    return this.queue.length
  }
  configure(config: AudioDecoderConfig) {
    configured.push(config)
    this.state = 'configured'
    this.reset()
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
  private reset() {
    this.base = undefined
    this.emitted = 0
    this.toDrop = preSkip
    this.sinceReset = 0
  }
  private pump() {
    if (this.working) return
    this.working = true
    busy++
    maxConcurrent = Math.max(maxConcurrent, busy)
    setImmediate(() => this.step())
  }
  private step() {
    const chunk = this.queue.shift()
    if (chunk && this.state === 'configured') {
      this.base ??= chunk.timestamp
      const index = (chunk.data[1] ?? 0) | ((chunk.data[2] ?? 0) << 8)
      const value = this.sinceReset++ < 20 && this.base > 0 ? 1 : level(index)
      const dropped = Math.min(this.toDrop, packetSamples)
      this.toDrop -= dropped
      const frames = packetSamples - dropped
      if (frames > 0) {
        this.output({
          timestamp: this.base + Math.round((this.emitted * 1e6) / rate),
          sampleRate: rate,
          numberOfFrames: frames,
          numberOfChannels: 1,
          copyTo: (dest: Float32Array) => dest.fill(value, 0, frames),
          close: () => {},
        })
        this.emitted += frames
      }
      this.dispatchEvent(new Event('dequeue'))
    }
    if (this.queue.length > 0) {
      setImmediate(() => this.step())
      return
    }
    this.working = false
    busy--
    if (this.flushes.length > 0) {
      this.reset()
      for (const resolve of this.flushes.splice(0)) resolve()
    }
  }
}

beforeEach(() => {
  decodersCreated = 0
  maxConcurrent = 0
  busy = 0
  configured = []
  supported = true
  vi.stubGlobal('AudioDecoder', FakeDecoder)
  vi.stubGlobal('EncodedAudioChunk', FakeChunk)
})
afterEach(() => {
  vi.unstubAllGlobals()
})

/** Peaks of the fake signal, sample by sample: position p (pre-skip excluded) is in packet ⌊(p + pre-skip) / 960⌋. */
function expectedPeaks(count: number, trim: number, bps: number): number[] {
  const bins: number[] = []
  for (let p = 0; p < count * packetSamples - trim - preSkip; p++) {
    const k = Math.floor((p * bps) / rate)
    const packet = Math.floor((p + preSkip) / packetSamples)
    bins[k] = Math.max(bins[k] ?? 0, Math.fround(level(packet)))
  }
  return bins
}

const blobOf = (bytes: Uint8Array) => new Blob([bytes]) as unknown as globalThis.Blob

describe('reduceOpusWithWebCodecs', () => {
  it('decodes blocks on several decoders at once, dropping warm-up and pre-skip, trimming the end', async () => {
    const count = 3200 // three blocks of 1,500 packets (64 s)
    const trim = 500
    const progress: number[] = []
    const result = await reduceOpusWithWebCodecs(blobOf(makeOpus(count, { trim })), {
      onProgress: (done, total) => progress.push(done / total),
    })
    expect(decodersCreated).toBeGreaterThan(1)
    expect(maxConcurrent).toBeGreaterThan(1)
    expect(result.duration).toBe((count * packetSamples - preSkip - trim) / rate)
    expect(result.sampleRate).toBe(rate)
    expect(result.binsPerSecond).toBe(100)
    // Garbage (1.0) from a decoder's first packets, or a block out of place, would show here.
    expect(Array.from(result.peaks)).toEqual(expectedPeaks(count, trim, 100))
    expect(progress.at(-1)).toBe(1)
  })

  it('gives the same peaks on a single decoder', async () => {
    const bytes = makeOpus(3200, { trim: 500 })
    const parallel = await reduceOpusWithWebCodecs(blobOf(bytes))
    decodersCreated = 0
    const single = await reduceOpusWithWebCodecs(blobOf(bytes), { decoders: 1 })
    expect(decodersCreated).toBe(1)
    expect(Array.from(single.peaks)).toEqual(Array.from(parallel.peaks))
    expect(single.duration).toBe(parallel.duration)
  })

  it('configures Opus at 48 kHz with the OpusHead as description', async () => {
    const head = opusHead(2)
    await reduceOpusWithWebCodecs(blobOf(makeOpus(20, { head })), { binsPerSecond: 10 })
    expect(configured[0]).toMatchObject({ codec: 'opus', sampleRate: 48000, numberOfChannels: 2 })
    expect(Array.from(new Uint8Array(configured[0]?.description as ArrayBuffer))).toEqual(
      Array.from(head),
    )
  })

  it('chooses the bins before decoding, from the length the last page gives', async () => {
    // Hours of packets would take long to fake: the last granule position alone says how long.
    const short = await reduceOpusWithWebCodecs(
      blobOf(makeOpus(50, { lastGranule: 10_000 * rate })),
    )
    expect(short.binsPerSecond).toBe(100)
    const long = await reduceOpusWithWebCodecs(blobOf(makeOpus(50, { lastGranule: 25_000 * rate })))
    expect(long.binsPerSecond).toBe(40)
    // A granule position far past the packets' end cannot be where the audio ends: all is kept.
    expect(long.duration).toBe((50 * packetSamples - preSkip) / rate)
  })

  it('says when WebCodecs cannot decode Opus, so that the caller can fall back', async () => {
    supported = false
    await expect(reduceOpusWithWebCodecs(blobOf(makeOpus(10)))).rejects.toThrow(
      UnsupportedAudioError,
    )
  })

  it('says when the Ogg stream is not Opus', async () => {
    const vorbis = new Uint8Array(30)
    vorbis.set(Array.from('\x01vorbis', (c) => c.charCodeAt(0)))
    const bytes = writeOggStream([{ data: vorbis, granule: 0 }], { serial: 1 }).bytes
    await expect(reduceOpusWithWebCodecs(blobOf(bytes))).rejects.toThrow(
      'the Ogg stream is not Opus',
    )
  })

  it('says when WebCodecs is missing', async () => {
    vi.stubGlobal('AudioDecoder', undefined)
    await expect(reduceOpusWithWebCodecs(blobOf(makeOpus(10)))).rejects.toThrow(
      'WebCodecs AudioDecoder is not available here',
    )
  })
})

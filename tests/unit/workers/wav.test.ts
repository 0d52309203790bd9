// @vitest-environment node
import { Blob } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import { UnsupportedAudioError } from '../../../src/workers/peak-bins'
import { computePeaks } from '../../../src/workers/peaks-client'
import {
  createWavReducer,
  parseFmtChunk,
  readWavFormat,
  reduceWav,
  type WavFormat,
} from '../../../src/workers/wav'

interface WavSpec {
  readonly tag: number
  /** Bits stored per sample (the container). */
  readonly bits: number
  readonly channels: number
  readonly rate: number
  /** Interleaved sample values as stored (unsigned for 8-bit, codes for A-law/µ-law). */
  readonly samples: readonly number[]
  readonly extensible?: { readonly validBits: number }
  /** Chunks before `fmt ` and between `fmt ` and `data`. */
  readonly before?: readonly [string, number][]
  readonly between?: readonly [string, number][]
  /** Declared size of the data chunk, when not the true one. */
  readonly dataSize?: number
}

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0))
const u16 = (v: number) => [v & 0xff, (v >> 8) & 0xff]
const u32 = (v: number) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff]
const chunk = (id: string, body: number[]) => [
  ...ascii(id),
  ...u32(body.length),
  ...body,
  ...(body.length % 2 ? [0] : []),
]

/** A WAV file built byte by byte, independently of the reader. */
function makeWav(spec: WavSpec): Uint8Array {
  const bytesPerSample = spec.bits / 8
  const blockAlign = bytesPerSample * spec.channels
  const fmt = [
    ...u16(spec.extensible ? 0xfffe : spec.tag),
    ...u16(spec.channels),
    ...u32(spec.rate),
    ...u32(spec.rate * blockAlign),
    ...u16(blockAlign),
    ...u16(spec.bits),
  ]
  if (spec.extensible) {
    // cbSize, valid bits, channel mask, SubFormat GUID (tag + the KSDATAFORMAT suffix).
    fmt.push(...u16(22), ...u16(spec.extensible.validBits), ...u32(0))
    fmt.push(...u16(spec.tag), 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71)
  }
  const data = new Uint8Array(spec.samples.length * bytesPerSample)
  const view = new DataView(data.buffer)
  spec.samples.forEach((v, i) => {
    const o = i * bytesPerSample
    if (spec.tag === 3 && spec.bits === 32) view.setFloat32(o, v, true)
    else if (spec.tag === 3) view.setFloat64(o, v, true)
    else if (spec.bits === 8) view.setUint8(o, v)
    else if (spec.bits === 16) view.setInt16(o, v, true)
    else if (spec.bits === 24) {
      view.setUint16(o, v & 0xffff, true)
      view.setInt8(o + 2, v >> 16)
    } else view.setInt32(o, v, true)
  })
  const filler = (list: readonly [string, number][] = []) =>
    list.flatMap(([id, size]) => chunk(id, new Array<number>(size).fill(0x41)))
  const dataChunk = [...ascii('data'), ...u32(spec.dataSize ?? data.length), ...data]
  const body = [
    ...ascii('WAVE'),
    ...filler(spec.before),
    ...chunk('fmt ', fmt),
    ...filler(spec.between),
    ...dataChunk,
  ]
  return new Uint8Array([...ascii('RIFF'), ...u32(body.length), ...body])
}

const blobOf = (bytes: Uint8Array) => new Blob([bytes]) as unknown as globalThis.Blob

/** Per-frame magnitudes computed from the stored values, by the textbook formulas. */
function expectedMagnitudes(spec: WavSpec): number[] {
  const out: number[] = []
  for (let f = 0; f < spec.samples.length / spec.channels; f++) {
    let peak = 0
    for (let c = 0; c < spec.channels; c++) {
      const v = spec.samples[f * spec.channels + c] ?? 0
      let m: number
      if (spec.tag === 3) m = Math.abs(v)
      else if (spec.tag === 6) m = Math.abs(g711Alaw(v)) / 32768
      else if (spec.tag === 7) m = Math.abs(g711Ulaw(v)) / 32768
      else if (spec.bits === 8) m = Math.abs(v - 128) / 128
      else m = Math.abs(v) / 2 ** (spec.bits - 1)
      peak = Math.max(peak, Math.min(1, m))
    }
    out.push(Math.fround(peak))
  }
  return out
}

// G.711 decoding as in the reference C code (Sun Microsystems, g711.c).
function g711Alaw(code: number): number {
  const a = code ^ 0x55
  let t = (a & 0x0f) << 4
  const seg = (a & 0x70) >> 4
  if (seg === 0) t += 8
  else if (seg === 1) t += 0x108
  else t = (t + 0x108) << (seg - 1)
  return a & 0x80 ? t : -t
}
function g711Ulaw(code: number): number {
  const u = ~code & 0xff
  const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4)
  return u & 0x80 ? 0x84 - t : t - 0x84
}

const ramp = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i))

const cases: [string, WavSpec][] = [
  [
    '8-bit unsigned PCM, mono',
    { tag: 1, bits: 8, channels: 1, rate: 8000, samples: [128, 0, 255, 64, 200, 128] },
  ],
  [
    '16-bit PCM, stereo',
    { tag: 1, bits: 16, channels: 2, rate: 44100, samples: [0, 0, -32768, 5, 100, -200, 32767, 1] },
  ],
  [
    '24-bit PCM, stereo',
    {
      tag: 1,
      bits: 24,
      channels: 2,
      rate: 48000,
      samples: [-8388608, 0, 4194304, -4194305, 1, -1],
    },
  ],
  [
    '32-bit PCM, mono',
    { tag: 1, bits: 32, channels: 1, rate: 16000, samples: [-2147483648, 2147483647, 1 << 30, 0] },
  ],
  [
    '32-bit float, stereo, out-of-range samples clamped',
    { tag: 3, bits: 32, channels: 2, rate: 22050, samples: [0.5, -0.75, 1.5, 0, -0.125, 0.0625] },
  ],
  ['64-bit float, mono', { tag: 3, bits: 64, channels: 1, rate: 8000, samples: [-0.3, 0.9, 0] }],
  [
    'WAVE_FORMAT_EXTENSIBLE 24-bit in 32-bit containers, 3 channels',
    {
      tag: 1,
      bits: 32,
      channels: 3,
      rate: 48000,
      extensible: { validBits: 24 },
      samples: [0x7fffff00, 0, -256, -0x40000000, 256, 0],
    },
  ],
  [
    'WAVE_FORMAT_EXTENSIBLE float',
    {
      tag: 3,
      bits: 32,
      channels: 1,
      rate: 8000,
      extensible: { validBits: 32 },
      samples: [0.25, -1],
    },
  ],
  ['A-law, mono', { tag: 6, bits: 8, channels: 1, rate: 8000, samples: ramp(256, (i) => i) }],
  [
    'µ-law, stereo',
    { tag: 7, bits: 8, channels: 2, rate: 8000, samples: ramp(256, (i) => 255 - i) },
  ],
]

describe('readWavFormat and reduceWav', () => {
  for (const [name, spec] of cases) {
    it(`reads ${name}`, async () => {
      const bytes = makeWav(spec)
      const blob = blobOf(bytes)
      const format = await readWavFormat(blob)
      expect(format).toMatchObject({
        channels: spec.channels,
        sampleRate: spec.rate,
        bytesPerSample: spec.bits / 8,
        dataLength: (spec.samples.length * spec.bits) / 8,
        dataOffset: bytes.length - (spec.samples.length * spec.bits) / 8,
      })
      // One bin per frame, so the peaks are the per-frame magnitudes.
      const result = await reduceWav(blob, { binsPerSecond: spec.rate })
      expect(Array.from(result.peaks)).toEqual(expectedMagnitudes(spec))
      expect(result.duration).toBeCloseTo(spec.samples.length / spec.channels / spec.rate, 12)
      expect(result.sampleRate).toBe(spec.rate)
    })
  }

  it('decodes A-law and µ-law to the known G.711 extremes', async () => {
    const alaw = await reduceWav(
      blobOf(makeWav({ tag: 6, bits: 8, channels: 1, rate: 1, samples: [0xd5, 0xaa] })),
      { binsPerSecond: 1 },
    )
    expect(Array.from(alaw.peaks)).toEqual([8 / 32768, 32256 / 32768].map(Math.fround))
    const mulaw = await reduceWav(
      blobOf(makeWav({ tag: 7, bits: 8, channels: 1, rate: 1, samples: [0xff, 0x80] })),
      { binsPerSecond: 1 },
    )
    expect(Array.from(mulaw.peaks)).toEqual([0, 32124 / 32768].map(Math.fround))
  })

  it('skips other chunks, odd-sized ones with their pad byte included', async () => {
    const spec: WavSpec = {
      tag: 1,
      bits: 16,
      channels: 1,
      rate: 8000,
      samples: [1000, -2000],
      before: [['JUNK', 27]],
      between: [
        ['LIST', 101],
        ['fact', 4],
      ],
    }
    const result = await reduceWav(blobOf(makeWav(spec)), { binsPerSecond: 8000 })
    expect(Array.from(result.peaks)).toEqual(expectedMagnitudes(spec))
  })

  it('finds the data after a metadata chunk larger than the first read', async () => {
    const spec: WavSpec = {
      tag: 1,
      bits: 16,
      channels: 1,
      rate: 8000,
      samples: [300, -30000],
      between: [['LIST', 200_001]],
    }
    const result = await reduceWav(blobOf(makeWav(spec)), { binsPerSecond: 8000 })
    expect(Array.from(result.peaks)).toEqual(expectedMagnitudes(spec))
  })

  it('reads to the end of the file when the data size is unknown or too large', async () => {
    const samples = [100, 200, 300, -400, 500]
    for (const dataSize of [0xffffffff, 0, 1_000_000]) {
      const format = await readWavFormat(
        blobOf(makeWav({ tag: 1, bits: 16, channels: 1, rate: 8000, samples, dataSize })),
      )
      expect(format.dataLength).toBe(10)
    }
  })

  it('ignores a trailing partial frame', async () => {
    const bytes = makeWav({ tag: 1, bits: 16, channels: 2, rate: 8000, samples: [1, 2, 3, 4] })
    const format = await readWavFormat(blobOf(bytes.subarray(0, bytes.length - 1)))
    expect(format.dataLength).toBe(4)
  })

  it('bins ten seconds at 100 a second, with progress', async () => {
    const rate = 8000
    const frames = rate * 10
    const samples = ramp(frames, (i) => (i % rate === 0 ? 16384 : 0))
    const progress: number[] = []
    const result = await reduceWav(
      blobOf(makeWav({ tag: 1, bits: 16, channels: 1, rate, samples })),
      { onProgress: (done, total) => progress.push(done / total) },
    )
    expect(result.binsPerSecond).toBe(100)
    expect(result.peaks).toHaveLength(1000)
    expect(result.peaks[0]).toBe(0.5)
    expect(result.peaks[1]).toBe(0)
    expect(result.peaks[100]).toBe(0.5)
    expect(progress.at(-1)).toBe(1)
  })

  it('stops when aborted', async () => {
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    const blob = blobOf(makeWav({ tag: 1, bits: 16, channels: 1, rate: 8000, samples: [1, 2] }))
    await expect(reduceWav(blob, { signal: controller.signal })).rejects.toThrow('stop')
  })
})

describe('errors', () => {
  it('leaves compressed WAV (ADPCM) to the browser decoder', () => {
    const fmt = new Uint8Array([2, 0, 1, 0, 0x40, 0x1f, 0, 0, 0, 0, 0, 0, 0, 1, 4, 0])
    expect(() => parseFmtChunk(fmt)).toThrow(UnsupportedAudioError)
  })

  it('says a WAV without audio data is damaged', async () => {
    const bytes = makeWav({ tag: 1, bits: 16, channels: 1, rate: 8000, samples: [] })
    const noData = bytes.subarray(0, bytes.length - 8)
    await expect(readWavFormat(blobOf(noData))).rejects.toThrow(
      'the WAV file is damaged: it holds no audio data',
    )
  })

  it('says a WAV whose format chunk is impossible is damaged', () => {
    const fmt = new Uint8Array([1, 0, 2, 0, 0x40, 0x1f, 0, 0, 0, 0, 0, 0, 3, 0, 16, 0])
    expect(() => parseFmtChunk(fmt)).toThrow('the WAV file is damaged')
  })

  it('says a WAV claiming a sample rate no recording has is damaged', () => {
    // The header of issue 13: 0xFFFFFFFF samples a second, a byte rate of 0.
    const fmt = new Uint8Array([1, 0, 1, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 2, 0, 16, 0])
    expect(() => parseFmtChunk(fmt)).toThrow(
      'the WAV file is damaged: its sample rate of 4294967295 Hz is more than any recording has',
    )
    const highest = new Uint8Array([1, 0, 1, 0, 0x00, 0xb8, 0x0b, 0, 0, 0, 0, 0, 2, 0, 16, 0])
    expect(parseFmtChunk(highest).sampleRate).toBe(768_000)
  })

  it('does not take other files for WAV', async () => {
    await expect(readWavFormat(blobOf(new Uint8Array(100)))).rejects.toThrow(UnsupportedAudioError)
  })
})

describe('createWavReducer', () => {
  it('gives the same magnitudes however the data is cut', () => {
    const format: Pick<WavFormat, 'encoding' | 'bytesPerSample' | 'channels' | 'blockAlign'> = {
      encoding: 'int',
      bytesPerSample: 3,
      channels: 2,
      blockAlign: 6,
    }
    const data = Uint8Array.from(ramp(6 * 50, (i) => (i * 37) % 256))
    const whole = createWavReducer(format)(data)
    const expected = Array.from(whole.values.subarray(0, whole.count))
    const reduce = createWavReducer(format)
    const pieces: number[] = []
    for (let from = 0; from < data.length; from += 5) {
      const { values, count } = reduce(data.subarray(from, from + 5))
      pieces.push(...values.subarray(0, count))
    }
    expect(pieces).toEqual(expected)
    expect(pieces).toHaveLength(50)
  })
})

describe('computePeaks without workers', () => {
  it('reads a WAV in the page', async () => {
    const spec: WavSpec = { tag: 1, bits: 16, channels: 1, rate: 100, samples: [0, 16384, -32768] }
    const fractions: number[] = []
    const result = await computePeaks(blobOf(makeWav(spec)), {
      onProgress: (fraction) => fractions.push(fraction),
    })
    expect(result.via).toBe('wav')
    expect(Array.from(result.peaks)).toEqual([0, 0.5, 1])
    expect(fractions[0]).toBe(0)
    expect(fractions.at(-1)).toBe(1)
  })

  it('rejects in plain words what it cannot decode', async () => {
    await expect(computePeaks(blobOf(new TextEncoder().encode('hello')))).rejects.toThrow(
      'this browser cannot decode audio here',
    )
  })
})

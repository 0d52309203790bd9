import { readBlobChunks, readBlobRange } from './blob-chunks'
import { chooseBinsPerSecond, PeakBins, UnsupportedAudioError, type PeaksResult } from './peak-bins'

/**
 * A streaming reader of RIFF/WAVE files for peaks: PCM needs no decoder, so the samples are read
 * straight from the bytes a slice at a time, and a 2 GB recording costs no more memory than a
 * short one. Formats it does not know (ADPCM, RF64…) raise UnsupportedAudioError so that the
 * browser's decoder can try.
 */

/** How the samples of a WAV file are stored. */
export interface WavFormat {
  readonly encoding: 'int' | 'float' | 'alaw' | 'mulaw'
  /** Bytes per sample of one channel, as stored (the container size). */
  readonly bytesPerSample: number
  readonly channels: number
  readonly sampleRate: number
  /** Bytes per frame (one sample of every channel). */
  readonly blockAlign: number
  /** Where the sample data starts in the file. */
  readonly dataOffset: number
  /** Bytes of sample data, clamped to the file and to whole frames. */
  readonly dataLength: number
}

const ascii = (bytes: Uint8Array, offset: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(offset, offset + length))

/** Whether the first 12 bytes say RIFF/WAVE. */
export function isWav(head: Uint8Array): boolean {
  return head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WAVE'
}

const formatTags: Record<number, WavFormat['encoding']> = {
  1: 'int',
  3: 'float',
  6: 'alaw',
  7: 'mulaw',
}
const waveFormatExtensible = 0xfffe
// Browsers play nothing faster (Chromium's media limit); a header claiming more is damaged.
const MAX_SAMPLE_RATE = 768_000

/** The sample format from the body of a `fmt ` chunk. */
export function parseFmtChunk(
  body: Uint8Array,
): Pick<WavFormat, 'encoding' | 'bytesPerSample' | 'channels' | 'sampleRate' | 'blockAlign'> {
  if (body.length < 16) throw new Error('the WAV file is damaged: its format chunk is too short')
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength)
  let tag = view.getUint16(0, true)
  const channels = view.getUint16(2, true)
  const sampleRate = view.getUint32(4, true)
  const blockAlign = view.getUint16(12, true)
  const bitsPerSample = view.getUint16(14, true)
  // WAVE_FORMAT_EXTENSIBLE keeps the real format tag in the first two bytes of its SubFormat GUID.
  if (tag === waveFormatExtensible) {
    if (body.length < 40) throw new Error('the WAV file is damaged: its format chunk is too short')
    tag = view.getUint16(24, true)
  }
  const encoding = formatTags[tag]
  if (encoding === undefined) {
    throw new UnsupportedAudioError(`WAV sample format ${tag} is not plain PCM`)
  }
  if (channels < 1 || sampleRate < 1 || blockAlign < channels || blockAlign % channels !== 0) {
    throw new Error('the WAV file is damaged: its format chunk has impossible values')
  }
  if (sampleRate > MAX_SAMPLE_RATE) {
    throw new Error(
      `the WAV file is damaged: its sample rate of ${sampleRate} Hz is more than any recording has`,
    )
  }
  // Samples narrower than their container (20 bits in 24, 24 in 32) are left-justified, so
  // reading the whole container and scaling by its size gives the right value.
  const bytesPerSample = blockAlign / channels
  const valid =
    encoding === 'int'
      ? bytesPerSample >= 1 && bytesPerSample <= 4
      : encoding === 'float'
        ? bytesPerSample === 4 || bytesPerSample === 8
        : bytesPerSample === 1
  if (!valid || bitsPerSample > bytesPerSample * 8) {
    throw new UnsupportedAudioError(
      `WAV ${encoding} samples of ${bitsPerSample} bits are not supported`,
    )
  }
  return { encoding, bytesPerSample, channels, sampleRate, blockAlign }
}

/** Finds the format and the sample data of a WAV Blob by walking its chunks. */
export async function readWavFormat(blob: Blob): Promise<WavFormat> {
  // Most headers fit in the first 64 KB; a long metadata chunk costs one more small read.
  let headOffset = 0
  let head = await readBlobRange(blob, 0, 64 * 1024)
  const read = async (offset: number, length: number): Promise<Uint8Array> => {
    if (offset < headOffset || offset + length > headOffset + head.length) {
      headOffset = offset
      head = await readBlobRange(blob, offset, Math.max(length, 64 * 1024))
    }
    return head.subarray(offset - headOffset, offset - headOffset + length)
  }
  if (!isWav(head)) throw new UnsupportedAudioError('not a RIFF/WAVE file')
  let format: ReturnType<typeof parseFmtChunk> | undefined
  let offset = 12
  while (offset + 8 <= blob.size) {
    const header = await read(offset, 8)
    const id = ascii(header, 0, 4)
    const size = new DataView(header.buffer, header.byteOffset, 8).getUint32(4, true)
    if (id === 'fmt ') {
      format = parseFmtChunk(await read(offset + 8, Math.min(size, 64)))
    } else if (id === 'data') {
      if (format === undefined)
        throw new Error('the WAV file is damaged: no format before the audio')
      const dataOffset = offset + 8
      // Recorders that were cut off, or that stream, leave the size 0 or 0xFFFFFFFF: take the rest.
      const declared = size === 0 || size === 0xffffffff ? Infinity : size
      const available = Math.min(declared, blob.size - dataOffset)
      const dataLength = available - (available % format.blockAlign)
      return { ...format, dataOffset, dataLength }
    }
    offset += 8 + size + (size & 1)
  }
  throw new Error('the WAV file is damaged: it holds no audio data')
}

function alawMagnitude(byte: number): number {
  const a = byte ^ 0x55
  const exponent = (a >> 4) & 7
  const mantissa = a & 15
  const value = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1)
  return value / 32768
}

function mulawMagnitude(byte: number): number {
  const u = ~byte & 0xff
  const exponent = (u >> 4) & 7
  const mantissa = u & 15
  return ((((mantissa << 3) + 0x84) << exponent) - 0x84) / 32768
}

const tables = {
  alaw: Float32Array.from({ length: 256 }, (_, byte) => alawMagnitude(byte)),
  mulaw: Float32Array.from({ length: 256 }, (_, byte) => mulawMagnitude(byte)),
}

/**
 * A function that turns consecutive slices of WAV sample data, cut anywhere, into per-frame
 * magnitudes (the largest absolute sample over the channels, 0..1). The returned array is reused
 * by the next call; `count` says how many of its values are new.
 */
export function createWavReducer(
  format: Pick<WavFormat, 'encoding' | 'bytesPerSample' | 'channels' | 'blockAlign'>,
): (bytes: Uint8Array) => { values: Float32Array; count: number } {
  const { encoding, bytesPerSample, channels, blockAlign } = format
  let carry = new Uint8Array(0)
  let values = new Float32Array(0)
  // Integers are scaled so that the most negative value has magnitude 1; floats already are.
  const unit = encoding === 'int' ? 2 ** -(bytesPerSample * 8 - 1) : 1
  return (input) => {
    let bytes = input
    if (carry.length > 0) {
      bytes = new Uint8Array(carry.length + input.length)
      bytes.set(carry)
      bytes.set(input, carry.length)
    }
    const count = Math.floor(bytes.length / blockAlign)
    carry = bytes.slice(count * blockAlign)
    if (values.length < count) values = new Float32Array(count)
    const view = new DataView(bytes.buffer, bytes.byteOffset, count * blockAlign)
    // Branches on constants rather than a per-sample callback, which V8 would not inline.
    const step = bytesPerSample
    let o = 0
    for (let frame = 0; frame < count; frame++) {
      let peak = 0
      for (let c = 0; c < channels; c++, o += step) {
        let v: number
        if (encoding === 'int') {
          if (step === 2) v = Math.abs(view.getInt16(o, true))
          else if (step === 1) v = Math.abs(view.getUint8(o) - 128)
          else if (step === 3) v = Math.abs((view.getInt8(o + 2) << 16) | view.getUint16(o, true))
          else v = Math.abs(view.getInt32(o, true))
        } else if (encoding === 'float') {
          v = Math.abs(step === 4 ? view.getFloat32(o, true) : view.getFloat64(o, true))
        } else {
          v = tables[encoding][view.getUint8(o)] ?? 0
        }
        if (v > peak) peak = v
      }
      const magnitude = peak * unit
      values[frame] = magnitude > 1 ? 1 : magnitude
    }
    return { values, count }
  }
}

/** Options of {@link reduceWav}. */
export interface ReduceOptions {
  readonly binsPerSecond?: number | undefined
  /** Bytes read so far, and the total to read. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined
  readonly signal?: AbortSignal | undefined
}

/** Peaks of a WAV Blob, read in slices; rejects with UnsupportedAudioError for formats other than PCM, float, A-law and µ-law. */
export async function reduceWav(
  blob: Blob,
  options: ReduceOptions = {},
): Promise<Omit<PeaksResult, 'via'>> {
  const format = await readWavFormat(blob)
  const expectedDuration = format.dataLength / format.blockAlign / format.sampleRate
  const binsPerSecond = chooseBinsPerSecond(expectedDuration, options.binsPerSecond)
  const bins = new PeakBins(format.sampleRate, binsPerSecond, expectedDuration)
  const reduce = createWavReducer(format)
  // A whole number of frames per slice, about 4 MB.
  const chunkSize = Math.max(1, Math.floor((4 << 20) / format.blockAlign)) * format.blockAlign
  const end = format.dataOffset + format.dataLength
  let done = 0
  for await (const chunk of readBlobChunks(blob, chunkSize, {
    start: format.dataOffset,
    end,
    signal: options.signal,
  })) {
    const { values, count } = reduce(chunk)
    bins.add(values, count)
    done += chunk.length
    options.onProgress?.(done, format.dataLength)
  }
  const { peaks, duration } = bins.finish()
  return { peaks, duration, binsPerSecond, sampleRate: format.sampleRate }
}

import { readBlobChunks, readBlobRange } from './blob-chunks'
import { Mp3FrameSplitter, trailingTagsStart, type Mp3Frame } from './mp3-frames'
import {
  chooseBinsPerSecond,
  maxAcrossChannels,
  PeakBins,
  UnsupportedAudioError,
  type PeaksResult,
} from './peak-bins'
import type { ReduceOptions } from './wav'

/**
 * MP3 peaks through WebCodecs, streamed: the Blob is read in 1 MB slices, split into frames and
 * fed to AudioDecoders with bounded queues; each decoded AudioData is reduced to bins and closed
 * at once. Memory stays flat whatever the length, unlike decodeAudioData, which holds the whole
 * file and the whole decoded signal. Anything WebCodecs cannot do raises UnsupportedAudioError
 * so that the caller can fall back to decodeAudioData.
 *
 * Chromium's decoder takes one chunk at a time, with a hop between threads for each, so a single
 * decoder leaves cores idle: several decoders work at once on consecutive blocks of frames. A
 * decoder that starts mid-file lacks the bit reservoir and overlap of the frames before, so each
 * block is preceded by a few warm-up frames whose output is dropped; the peaks come out the same
 * as from one decoder (checked in Chromium on an hour of audio).
 */

const sliceSize = 1 << 20
// Frames in flight per decoder: enough to keep it busy, few enough to bound memory.
const highWater = 64
const lowWater = 16
/** Frames per block, ~26 s at 44.1 kHz. */
const blockFrames = 1000
const maxDecoders = 4
// A frame may use up to 511 bytes of earlier frames (8 frames of 8 kbit/s MPEG 2.5) and the
// synthesis filter overlaps one frame: 10 frames of warm-up cover both.
const warmUpFrames = 10

interface Block {
  readonly frames: Mp3Frame[]
  /** Sample index (in the file) of the first frame sent, warm-up included. */
  readonly firstSample: number
  /** Output before this sample index is warm-up and is dropped. */
  readonly keepFrom: number
}

/** Peaks of an MP3 Blob decoded with WebCodecs' AudioDecoder (dedicated workers and pages). */
export async function reduceMp3WithWebCodecs(
  blob: Blob,
  options: ReduceOptions = {},
): Promise<Omit<PeaksResult, 'via'>> {
  if (typeof AudioDecoder === 'undefined') {
    throw new UnsupportedAudioError('WebCodecs AudioDecoder is not available here')
  }
  const audioEnd = trailingTagsStart(
    await readBlobRange(blob, Math.max(0, blob.size - 512), 512),
    blob.size,
  )
  const splitter = new Mp3FrameSplitter()
  let failure: unknown
  let config: AudioDecoderConfig | undefined
  let bins: PeakBins | undefined
  let binsPerSecond = 0
  let expectedDuration = 0
  let decodedSamples = 0
  let planes: Float32Array[] = []
  let magnitudes: Float32Array = new Float32Array(0)

  const fail = (error: unknown) => {
    failure ??= error
  }

  const reduce = (data: AudioData, keepFrom: number) => {
    try {
      const sampleRate = data.sampleRate
      bins ??= new PeakBins(sampleRate, binsPerSecond, expectedDuration)
      const frames = data.numberOfFrames
      const first = Math.round((data.timestamp * sampleRate) / 1e6)
      const skip = Math.min(frames, Math.max(0, keepFrom - first))
      if (skip === frames) return
      for (let c = 0; c < data.numberOfChannels; c++) {
        let plane = planes[c]
        if (plane === undefined || plane.length < frames) {
          plane = new Float32Array(Math.max(frames, 4096))
          planes[c] = plane
        }
        data.copyTo(plane, { planeIndex: c, format: 'f32-planar' })
      }
      planes = planes.slice(0, data.numberOfChannels)
      magnitudes = maxAcrossChannels(planes, frames, magnitudes)
      bins.addAt(first + skip, magnitudes.subarray(skip), frames - skip)
      decodedSamples += frames - skip
    } catch (error) {
      fail(error)
    } finally {
      data.close()
    }
  }

  /** A decoder that takes one block at a time and resolves when the block is decoded. */
  const createSlot = (decoderConfig: AudioDecoderConfig) => {
    let keepFrom = 0
    const decoder = new AudioDecoder({ output: (data) => reduce(data, keepFrom), error: fail })
    decoder.configure(decoderConfig)
    return {
      decoder,
      async run(block: Block): Promise<void> {
        keepFrom = block.keepFrom
        let sample = block.firstSample
        for (const frame of block.frames) {
          if (failure !== undefined) return
          const { sampleRate, samplesPerFrame } = frame.header
          decoder.decode(
            new EncodedAudioChunk({
              type: 'key',
              timestamp: Math.round((sample * 1e6) / sampleRate),
              data: frame.data,
            }),
          )
          sample += samplesPerFrame
          if (decoder.decodeQueueSize > highWater) {
            while (decoder.decodeQueueSize > lowWater && failure === undefined) {
              await drained(decoder)
            }
          }
        }
        // Flushing also resets the decoder, so the next block starts clean at its own timestamps.
        await decoder.flush().catch(fail)
      },
    }
  }
  type Slot = ReturnType<typeof createSlot>

  const slots: Slot[] = []
  const idle: Slot[] = []
  const running = new Set<Promise<void>>()
  const maxSlots = Math.min(maxDecoders, (globalThis.navigator?.hardwareConcurrency ?? 2) + 1)

  const dispatch = async (block: Block) => {
    if (config === undefined) return
    while (idle.length === 0 && slots.length >= maxSlots) await Promise.race(running)
    let slot = idle.pop()
    if (slot === undefined) {
      slot = createSlot(config)
      slots.push(slot)
    }
    const chosen = slot
    const task: Promise<void> = chosen
      .run(block)
      .catch(fail)
      .finally(() => {
        running.delete(task)
        idle.push(chosen)
      })
    running.add(task)
  }

  const configure = async (first: Mp3Frame) => {
    const { sampleRate, channels, samplesPerFrame, bitrate } = first.header
    const candidate: AudioDecoderConfig = { codec: 'mp3', sampleRate, numberOfChannels: channels }
    const support = await AudioDecoder.isConfigSupported(candidate).catch(() => ({
      supported: false,
    }))
    if (!support.supported) {
      throw new UnsupportedAudioError(`WebCodecs cannot decode MP3 at ${sampleRate} Hz here`)
    }
    // The bin size must be known before the first samples arrive: from the VBR header's frame
    // count when there is one, else from the first frame's bitrate (exact for CBR).
    const declared = splitter.stats.vbr?.frames
    expectedDuration =
      declared !== undefined ? (declared * samplesPerFrame) / sampleRate : (audioEnd * 8) / bitrate
    binsPerSecond = chooseBinsPerSecond(expectedDuration, options.binsPerSecond)
    config = candidate
  }

  let pending: Mp3Frame[] = []
  let warmUp: Mp3Frame[] = []
  let pendingStart = 0
  let nextSample = 0
  const take = async (frames: Mp3Frame[], last: boolean) => {
    for (const frame of frames) {
      if (config === undefined) await configure(frame)
      pending.push(frame)
      nextSample += frame.header.samplesPerFrame
      if (pending.length >= blockFrames) await sendBlock()
    }
    if (last && pending.length > 0) await sendBlock()
  }
  const sendBlock = async () => {
    const before = warmUp.reduce((sum, f) => sum + f.header.samplesPerFrame, 0)
    const block = {
      frames: [...warmUp, ...pending],
      firstSample: pendingStart - before,
      keepFrom: pendingStart,
    }
    warmUp = pending.slice(Math.max(0, pending.length - warmUpFrames))
    pending = []
    pendingStart = nextSample
    await dispatch(block)
  }

  try {
    let read = 0
    for await (const chunk of readBlobChunks(blob, sliceSize, {
      end: audioEnd,
      signal: options.signal,
    })) {
      await take(splitter.push(chunk), false)
      if (failure !== undefined) break
      read += chunk.length
      options.onProgress?.(read, audioEnd)
    }
    if (failure === undefined) await take(splitter.end(), true)
    if (config === undefined) throw new UnsupportedAudioError('no MP3 frames found')
    await Promise.all(running)
  } finally {
    // Closing makes any flush still pending reject, so the blocks in flight end at once.
    for (const slot of slots) if (slot.decoder.state !== 'closed') slot.decoder.close()
    await Promise.allSettled(running)
  }
  if (failure !== undefined) {
    const reason = failure instanceof Error ? failure.message : String(failure)
    throw new UnsupportedAudioError(`WebCodecs could not decode this MP3 (${reason})`)
  }
  if (bins === undefined) throw new UnsupportedAudioError('the MP3 decoder produced no audio')
  const { peaks } = bins.finish()
  return {
    peaks,
    duration: decodedSamples / bins.sampleRate,
    binsPerSecond,
    sampleRate: bins.sampleRate,
  }
}

/** Resolves once the decoder has taken a chunk off its queue. */
function drained(decoder: AudioDecoder): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      decoder.removeEventListener('dequeue', done)
      resolve()
    }
    // Browsers without the dequeue event get polled.
    const timer = setTimeout(done, 5)
    decoder.addEventListener('dequeue', done)
  })
}

import { readBlobChunks, readBlobRange } from './blob-chunks'
import { Mp3FrameSplitter, trailingTagsStart, type Mp3Frame } from './mp3-frames'
import { chooseBinsPerSecond, UnsupportedAudioError, type PeaksResult } from './peak-bins'
import type { ReduceOptions } from './wav'
import { BlockDecoder, defaultDecoderCount } from './webcodecs-blocks'

/**
 * MP3 peaks through WebCodecs, streamed: the Blob is read in 1 MB slices, split into frames and
 * decoded in blocks on several AudioDecoders at once (see webcodecs-blocks.ts). Memory stays flat
 * whatever the length, unlike decodeAudioData, which holds the whole file and the whole decoded
 * signal. Anything WebCodecs cannot do raises UnsupportedAudioError so that the caller can fall
 * back to decodeAudioData. Blocks decoded with warm-up frames give the same peaks as one decoder
 * (checked in Chromium on an hour of audio).
 */

const sliceSize = 1 << 20
/** Frames per block, ~26 s at 44.1 kHz. */
const blockFrames = 1000
// A frame may use up to 511 bytes of earlier frames (8 frames of 8 kbit/s MPEG 2.5) and the
// synthesis filter overlaps one frame: 10 frames of warm-up cover both.
const warmUpFrames = 10

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
  let decoder: BlockDecoder | undefined

  const configure = async (first: Mp3Frame): Promise<BlockDecoder> => {
    const { sampleRate, channels, samplesPerFrame, bitrate } = first.header
    const config: AudioDecoderConfig = { codec: 'mp3', sampleRate, numberOfChannels: channels }
    const support = await AudioDecoder.isConfigSupported(config).catch(() => ({
      supported: false,
    }))
    if (!support.supported) {
      throw new UnsupportedAudioError(`WebCodecs cannot decode MP3 at ${sampleRate} Hz here`)
    }
    // The bin size must be known before the first samples arrive: from the VBR header's frame
    // count when there is one, else from the first frame's bitrate (exact for CBR).
    const declared = splitter.stats.vbr?.frames
    const expectedDuration =
      declared !== undefined ? (declared * samplesPerFrame) / sampleRate : (audioEnd * 8) / bitrate
    return new BlockDecoder({
      config,
      sampleRate,
      binsPerSecond: chooseBinsPerSecond(expectedDuration, options.binsPerSecond),
      expectedDuration,
      blockPackets: blockFrames,
      warmUpSamples: warmUpFrames * samplesPerFrame,
      maxDecoders: defaultDecoderCount(),
    })
  }

  const take = async (frames: Mp3Frame[]) => {
    for (const frame of frames) {
      decoder ??= await configure(frame)
      await decoder.push({ data: frame.data, samples: frame.header.samplesPerFrame })
    }
  }

  try {
    let read = 0
    for await (const chunk of readBlobChunks(blob, sliceSize, {
      end: audioEnd,
      signal: options.signal,
    })) {
      await take(splitter.push(chunk))
      if (decoder?.error !== undefined) break
      read += chunk.length
      options.onProgress?.(read, audioEnd)
    }
    if (decoder?.error === undefined) await take(splitter.end())
    if (decoder === undefined) throw new UnsupportedAudioError('no MP3 frames found')
    await decoder.end()
  } finally {
    await decoder?.close()
  }
  if (decoder.error !== undefined) {
    const reason = decoder.error instanceof Error ? decoder.error.message : String(decoder.error)
    throw new UnsupportedAudioError(`WebCodecs could not decode this MP3 (${reason})`)
  }
  const result = decoder.finish()
  if (result === null) throw new UnsupportedAudioError('the MP3 decoder produced no audio')
  return result
}

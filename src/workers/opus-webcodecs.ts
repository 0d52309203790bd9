import { readBlobChunks, readBlobRange } from './blob-chunks'
import { lastGranule, maxPageSize, OggDemuxer, type OggPacket } from './ogg-pages'
import {
  isOpusTags,
  opusPacketSamples,
  opusSampleRate,
  parseOpusHead,
  type OpusHead,
} from './opus-packets'
import { chooseBinsPerSecond, UnsupportedAudioError, type PeaksResult } from './peak-bins'
import type { ReduceOptions } from './wav'
import { BlockDecoder, defaultDecoderCount } from './webcodecs-blocks'

/**
 * Ogg Opus peaks through WebCodecs, streamed like MP3: the Blob is read in 1 MB slices, split
 * into packets by our Ogg demuxer and decoded in blocks on several AudioDecoders at once (see
 * webcodecs-blocks.ts), so an hour costs no more memory than a minute. The length is known
 * before decoding from the last page's granule position, which also trims the padding of the
 * last packet. Anything WebCodecs cannot do raises UnsupportedAudioError so that the caller can
 * fall back to decodeAudioData.
 *
 * Chunks are stamped with the count of samples before them, pre-skip included. Given the
 * OpusHead as its description, Chromium drops the pre-skip at the start of every run (after
 * configure and after each flush) and stamps the first sample it keeps with the first chunk's
 * timestamp, so output stamps are positions in the audio proper, pre-skip excluded. A decoder
 * that kept the pre-skip would put the waveform that much late (6.5 ms from libopus), under a bin.
 */

/** Options of {@link reduceOpusWithWebCodecs}. */
export interface OpusReduceOptions extends ReduceOptions {
  /** The most decoders at once (default: one more than the cores, at most 4); for measurements. */
  readonly decoders?: number | undefined
}

const sliceSize = 1 << 20
/** Packets per block: 30 s of the usual 20 ms packets. */
const blockPackets = 1500
/**
 * Warm-up before each block but the first: 500 ms. RFC 7845 §4.6 asks for 80 ms of pre-roll, but
 * that is for audio that sounds right, not for samples that match: in Chromium, on 390 block
 * starts in 24 kbit/s speech, peaks after 80–100 ms of warm-up were off by up to 0.8 (SILK gains
 * converge slowly), after 300 ms by up to 0.017, after 400–600 ms by under 0.004.
 */
const preRollSamples = 24_000

/** Peaks of an Ogg Opus Blob decoded with WebCodecs' AudioDecoder (dedicated workers and pages). */
export async function reduceOpusWithWebCodecs(
  blob: Blob,
  options: OpusReduceOptions = {},
): Promise<Omit<PeaksResult, 'via'>> {
  if (typeof AudioDecoder === 'undefined') {
    throw new UnsupportedAudioError('WebCodecs AudioDecoder is not available here')
  }
  const demuxer = new OggDemuxer()
  let head: OpusHead | undefined
  let decoder: BlockDecoder | undefined
  let tagsChecked = false
  let samplesSent = 0
  let lastPacket = { samples: 0, granule: -1 }

  const configure = async (packet: OggPacket): Promise<BlockDecoder> => {
    const parsed = parseOpusHead(packet.data)
    if (parsed === null) throw new UnsupportedAudioError('the Ogg stream is not Opus')
    head = parsed
    const config: AudioDecoderConfig = {
      codec: 'opus',
      sampleRate: opusSampleRate,
      numberOfChannels: head.channels,
      // Needed for more than two channels (the channel mapping), and it tells the pre-skip.
      description: packet.data,
    }
    const support = await AudioDecoder.isConfigSupported(config).catch(() => ({
      supported: false,
    }))
    if (!support.supported) {
      throw new UnsupportedAudioError(
        `WebCodecs cannot decode Opus with ${head.channels} channels here`,
      )
    }
    // The bin size must be known before the first samples arrive.
    const tail = await readBlobRange(blob, Math.max(0, blob.size - maxPageSize), maxPageSize)
    const serial = demuxer.stats.serial
    const end = serial === undefined ? null : lastGranule(tail, serial)
    const expectedDuration = end === null ? 0 : Math.max(0, end - head.preSkip) / opusSampleRate
    return new BlockDecoder({
      config,
      sampleRate: opusSampleRate,
      binsPerSecond: chooseBinsPerSecond(expectedDuration, options.binsPerSecond),
      expectedDuration,
      blockPackets,
      warmUpSamples: preRollSamples + head.preSkip,
      dropsAtStart: head.preSkip,
      maxDecoders: options.decoders ?? defaultDecoderCount(),
    })
  }

  const take = async (packets: OggPacket[]) => {
    for (const packet of packets) {
      if (decoder === undefined) {
        decoder = await configure(packet)
        continue
      }
      if (!tagsChecked) {
        tagsChecked = true
        if (isOpusTags(packet.data)) continue
      }
      // An empty or malformed packet has no samples to place; the decoder would reject it.
      const samples = opusPacketSamples(packet.data)
      if (samples === 0) continue
      await decoder.push({ data: packet.data, samples })
      samplesSent += samples
      lastPacket = { samples, granule: packet.granule }
    }
  }

  try {
    let read = 0
    for await (const chunk of readBlobChunks(blob, sliceSize, { signal: options.signal })) {
      await take(demuxer.push(chunk))
      if (decoder?.error !== undefined) break
      read += chunk.length
      options.onProgress?.(read, blob.size)
    }
    if (decoder?.error === undefined) await take(demuxer.end())
    if (decoder === undefined || head === undefined) {
      throw new UnsupportedAudioError('no Ogg Opus stream found')
    }
    await decoder.end(endOfAudio(head, samplesSent, lastPacket))
  } finally {
    await decoder?.close()
  }
  if (decoder.error !== undefined) {
    const reason = decoder.error instanceof Error ? decoder.error.message : String(decoder.error)
    throw new UnsupportedAudioError(`WebCodecs could not decode this Opus file (${reason})`)
  }
  const result = decoder.finish()
  if (result === null) throw new UnsupportedAudioError('the Opus decoder produced no audio')
  return result
}

/**
 * Where the audio ends, pre-skip excluded: the last granule position says how much of the last
 * packet is padding (RFC 7845 §4.4). Trusted only when it falls within that packet: a stream that
 * does not start at granule 0, or that lost pages, keeps all it decodes.
 */
function endOfAudio(
  head: OpusHead,
  samplesSent: number,
  last: { readonly samples: number; readonly granule: number },
): number {
  const { granule } = last
  const plausible = granule >= samplesSent - last.samples && granule <= samplesSent
  return plausible ? granule - head.preSkip : Infinity
}

import { maxAcrossChannels, PeakBins, type PeaksResult } from './peak-bins'

/**
 * Peaks from compressed packets through WebCodecs' AudioDecoder, with flat memory: packets go to
 * decoders with bounded queues, and each decoded AudioData is reduced to bins and closed at once.
 *
 * Chromium's decoder takes one chunk at a time, with a hop between threads for each, so a single
 * decoder leaves cores idle: several decoders work at once on consecutive blocks of packets. A
 * decoder that starts mid-stream lacks the state the packets before would have built (MP3's bit
 * reservoir and overlap, Opus's pre-roll), so each block but the first is preceded by a few
 * warm-up packets whose output is dropped; the peaks come out the same as from one decoder.
 * Shared by the MP3 and Opus readers, which only split their containers into packets.
 */

/** One compressed packet and the number of samples (a channel) it decodes to. */
export interface CodedPacket {
  readonly data: Uint8Array
  readonly samples: number
}

/** How {@link BlockDecoder} decodes a stream. */
export interface BlockDecoderOptions {
  readonly config: AudioDecoderConfig
  /** The rate the packets' sample counts, and so the chunks' timestamps, are in. */
  readonly sampleRate: number
  readonly binsPerSecond: number
  /** Seconds, when known, to size the bins once. */
  readonly expectedDuration: number
  /** Packets per block, one decoder's run. */
  readonly blockPackets: number
  /** Each block but the first is preceded by the fewest packets holding this many samples, whose output is dropped. */
  readonly warmUpSamples: number
  /**
   * Samples the decoder drops by itself at the start of each run (Chromium drops Opus's pre-skip
   * after every configure and flush), stamping the first one it keeps with the first chunk's
   * timestamp: the output is then early by that much, and the next run's overlap is that much less.
   */
  readonly dropsAtStart?: number
  /** The most decoders at once; 1 decodes the whole stream in order on one. */
  readonly maxDecoders: number
}

/** A decoder count that keeps the cores busy without starving the page: one more than the cores, at most 4. */
export function defaultDecoderCount(): number {
  return Math.min(4, (globalThis.navigator?.hardwareConcurrency ?? 2) + 1)
}

// Chunks in flight per decoder: enough to keep it busy, few enough to bound memory.
const highWater = 64
const lowWater = 16

interface Block {
  readonly packets: CodedPacket[]
  /** Stream position (samples) of the first packet sent, warm-up included. */
  readonly firstSample: number
  /** Output stamped before this position is warm-up and is dropped. */
  readonly keepFrom: number
}

interface Slot {
  readonly decoder: AudioDecoder
  run(block: Block): Promise<void>
}

/** Decodes a stream pushed packet by packet on several AudioDecoders and reduces it to peaks. */
export class BlockDecoder {
  private readonly options: BlockDecoderOptions
  private failure: unknown
  private bins: PeakBins | undefined
  private keptSamples = 0
  private keepUntil = Infinity
  private planes: Float32Array[] = []
  private magnitudes: Float32Array = new Float32Array(0)
  private readonly slots: Slot[] = []
  private readonly idle: Slot[] = []
  private readonly running = new Set<Promise<void>>()
  private pending: CodedPacket[] = []
  private warmUp: CodedPacket[] = []
  private pendingStart = 0
  private nextSample = 0

  constructor(options: BlockDecoderOptions) {
    this.options = options
  }

  /** The first error a decoder reported, if any: once set, the rest of the stream is not decoded. */
  get error(): unknown {
    return this.failure
  }

  /** Adds the next packet; resolves when it has been queued (waiting while every decoder is busy). */
  async push(packet: CodedPacket): Promise<void> {
    this.pending.push(packet)
    this.nextSample += packet.samples
    if (this.pending.length >= this.options.blockPackets) await this.sendBlock()
  }

  /**
   * Decodes what is left and resolves when every decoder is done. Output stamped at `keepUntil`
   * or later is dropped: the padding of the last packet, for codecs that say where audio ends.
   */
  async end(keepUntil = Infinity): Promise<void> {
    this.keepUntil = keepUntil
    if (this.pending.length > 0 && this.failure === undefined) await this.sendBlock()
    await Promise.all(this.running)
  }

  /** Closes every decoder, so that the blocks in flight end at once; call it when done or failed. */
  async close(): Promise<void> {
    // Closing makes any flush still pending reject.
    for (const slot of this.slots) if (slot.decoder.state !== 'closed') slot.decoder.close()
    await Promise.allSettled(this.running)
  }

  /** The peaks of the samples kept, or null when the decoders produced none. */
  finish(): Omit<PeaksResult, 'via'> | null {
    if (this.bins === undefined) return null
    const { peaks } = this.bins.finish()
    const { sampleRate, binsPerSecond } = this.bins
    return { peaks, duration: this.keptSamples / sampleRate, binsPerSecond, sampleRate }
  }

  private fail(error: unknown): void {
    this.failure ??= error
  }

  private async sendBlock(): Promise<void> {
    const before = this.warmUp.reduce((sum, packet) => sum + packet.samples, 0)
    const drops = this.options.dropsAtStart ?? 0
    const block: Block = {
      packets: [...this.warmUp, ...this.pending],
      firstSample: this.pendingStart - before,
      keepFrom: Math.max(0, this.pendingStart - drops),
    }
    let from = this.pending.length
    for (let held = 0; from > 0 && held < this.options.warmUpSamples; from--) {
      held += this.pending[from - 1]?.samples ?? 0
    }
    this.warmUp = this.pending.slice(from)
    this.pending = []
    this.pendingStart = this.nextSample
    await this.dispatch(block)
  }

  private async dispatch(block: Block): Promise<void> {
    while (this.idle.length === 0 && this.slots.length >= this.options.maxDecoders) {
      await Promise.race(this.running)
    }
    let slot = this.idle.pop()
    if (slot === undefined) {
      slot = this.createSlot()
      this.slots.push(slot)
    }
    const chosen = slot
    const task: Promise<void> = chosen
      .run(block)
      .catch((error: unknown) => this.fail(error))
      .finally(() => {
        this.running.delete(task)
        this.idle.push(chosen)
      })
    this.running.add(task)
  }

  /** A decoder that takes one block at a time and resolves when the block is decoded. */
  private createSlot(): Slot {
    const { sampleRate } = this.options
    let keepFrom = 0
    const decoder = new AudioDecoder({
      output: (data) => this.reduce(data, keepFrom),
      error: (error) => this.fail(error),
    })
    decoder.configure(this.options.config)
    return {
      decoder,
      run: async (block) => {
        keepFrom = block.keepFrom
        let sample = block.firstSample
        for (const packet of block.packets) {
          if (this.failure !== undefined) return
          decoder.decode(
            new EncodedAudioChunk({
              type: 'key',
              timestamp: Math.round((sample * 1e6) / sampleRate),
              data: packet.data,
            }),
          )
          sample += packet.samples
          if (decoder.decodeQueueSize > highWater) {
            while (decoder.decodeQueueSize > lowWater && this.failure === undefined) {
              await drained(decoder)
            }
          }
        }
        // Flushing also resets the decoder, so the next block starts clean at its own timestamps.
        await decoder.flush().catch((error: unknown) => this.fail(error))
      },
    }
  }

  private reduce(data: AudioData, keepFrom: number): void {
    try {
      const sampleRate = data.sampleRate
      this.bins ??= new PeakBins(
        sampleRate,
        this.options.binsPerSecond,
        this.options.expectedDuration,
      )
      const first = Math.round((data.timestamp * sampleRate) / 1e6)
      const frames = Math.min(data.numberOfFrames, Math.max(0, this.keepUntil - first))
      const skip = Math.min(frames, Math.max(0, keepFrom - first))
      if (skip === frames) return
      for (let c = 0; c < data.numberOfChannels; c++) {
        let plane = this.planes[c]
        if (plane === undefined || plane.length < data.numberOfFrames) {
          plane = new Float32Array(Math.max(data.numberOfFrames, 4096))
          this.planes[c] = plane
        }
        data.copyTo(plane, { planeIndex: c, format: 'f32-planar' })
      }
      this.planes = this.planes.slice(0, data.numberOfChannels)
      this.magnitudes = maxAcrossChannels(this.planes, frames, this.magnitudes)
      this.bins.addAt(first + skip, this.magnitudes.subarray(skip), frames - skip)
      this.keptSamples += frames - skip
    } catch (error) {
      this.fail(error)
    } finally {
      data.close()
    }
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

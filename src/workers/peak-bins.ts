/**
 * Reduction of audio to waveform peaks: bin k holds the largest absolute sample of the frames n
 * with floor(n · binsPerSecond / sampleRate) = k. Samples arrive in chunks of any size (WAV
 * slices, decoded MP3 frames, slices of a decoded AudioBuffer), so a bin may span chunks; only
 * the bins are kept, never the samples.
 */

/** Waveform peaks of a whole file, in one channel. */
export interface PeaksResult {
  /** Per bin, the largest absolute sample over all channels, in 0..1. */
  readonly peaks: Float32Array
  /** Seconds, from the number of samples decoded. */
  readonly duration: number
  readonly binsPerSecond: number
  /** The rate the samples were reduced at: the file's own, or the decoding context's in the fallback. */
  readonly sampleRate: number
  /** Which way the peaks were computed, for diagnostics. */
  readonly via: 'worker-wav' | 'worker-webcodecs' | 'wav' | 'decode-audio-data'
}

/** A file this reader cannot handle but the browser's own decoder might: the caller falls back. */
export class UnsupportedAudioError extends Error {
  override name = 'UnsupportedAudioError'
}

/** The default resolution: 100 bins a second, 10 ms each. */
export const defaultBinsPerSecond = 100

/** The most bins we aim for: 4 MB of Float32, and more than any screen can show. */
export const maxBins = 1_000_000

/** The whole number of bins a second to use for `duration` seconds: `requested`, lowered so that there are at most `limit` bins. */
export function chooseBinsPerSecond(
  duration: number,
  requested: number = defaultBinsPerSecond,
  limit: number = maxBins,
): number {
  const wanted = Math.max(1, Math.floor(requested))
  if (!(duration > 0) || !Number.isFinite(duration)) return wanted
  return Math.max(1, Math.min(wanted, Math.floor(limit / duration)))
}

/** The largest absolute value over the channels of each frame, into `into` (resized if needed), clamped to 1. */
export function maxAcrossChannels(
  channels: readonly Float32Array[],
  frames: number,
  into: Float32Array,
): Float32Array {
  const out = into.length >= frames ? into : new Float32Array(frames)
  const first = channels[0]
  if (first === undefined) {
    out.fill(0, 0, frames)
    return out
  }
  for (let i = 0; i < frames; i++) out[i] = Math.abs(first[i] ?? 0)
  for (let c = 1; c < channels.length; c++) {
    const channel = channels[c]
    if (channel === undefined) continue
    for (let i = 0; i < frames; i++) {
      const v = Math.abs(channel[i] ?? 0)
      if (v > (out[i] ?? 0)) out[i] = v
    }
  }
  for (let i = 0; i < frames; i++) if ((out[i] ?? 0) > 1) out[i] = 1
  return out
}

/**
 * Accumulates per-frame magnitudes (0..1) into bins. Chunks may arrive in any order (several
 * decoders work on different parts of a file at once) and a bin may span chunks: a bin keeps the
 * largest value it has been given, and maximum does not care about order.
 */
export class PeakBins {
  readonly sampleRate: number
  readonly binsPerSecond: number
  private peaks: Float32Array
  private frames = 0

  /** `expectedDuration` (seconds), when known, sizes the buffer once. */
  constructor(sampleRate: number, binsPerSecond: number, expectedDuration = 0) {
    if (
      !Number.isInteger(sampleRate) ||
      sampleRate < 1 ||
      !Number.isInteger(binsPerSecond) ||
      binsPerSecond < 1
    ) {
      throw new RangeError(`bad sample rate ${sampleRate} or bins per second ${binsPerSecond}`)
    }
    this.sampleRate = sampleRate
    this.binsPerSecond = binsPerSecond
    const expected = Math.ceil(expectedDuration * binsPerSecond) + 1
    this.peaks = new Float32Array(Math.min(Math.max(expected, 1024), 4 * maxBins))
  }

  /** One past the last frame given so far. */
  get frameCount(): number {
    return this.frames
  }

  /** Adds `count` frame magnitudes from `values` (all of it by default) after the last frame given. */
  add(values: Float32Array, count: number = values.length): void {
    this.addAt(this.frames, values, count)
  }

  /** Adds `count` frame magnitudes from `values`, the first being frame `start` of the file. */
  addAt(start: number, values: Float32Array, count: number = values.length): void {
    let frame = start
    let i = 0
    while (i < count) {
      const bin = this.binOf(frame)
      const end = Math.min(count, i + this.boundary(bin + 1) - frame)
      let peak = 0
      for (let j = i; j < end; j++) {
        const v = values[j] ?? 0
        if (v > peak) peak = v
      }
      this.ensure(bin)
      if (peak > (this.peaks[bin] ?? 0)) this.peaks[bin] = peak > 1 ? 1 : peak
      frame += end - i
      i = end
    }
    if (frame > this.frames) this.frames = frame
  }

  /** The bins up to the last frame given, the last one possibly partial, and the duration in seconds. */
  finish(): { peaks: Float32Array; duration: number } {
    const count = this.frames === 0 ? 0 : this.binOf(this.frames - 1) + 1
    this.ensure(count - 1)
    return { peaks: this.peaks.slice(0, count), duration: this.frames / this.sampleRate }
  }

  private binOf(frame: number): number {
    return Math.floor((frame * this.binsPerSecond) / this.sampleRate)
  }

  // First frame of bin k: the least n with n · binsPerSecond ≥ k · sampleRate. Integer maths keeps
  // the boundaries exact for rates like 22050 Hz where a bin is 220.5 frames.
  private boundary(k: number): number {
    return Math.floor((k * this.sampleRate + this.binsPerSecond - 1) / this.binsPerSecond)
  }

  private ensure(bin: number): void {
    if (bin < this.peaks.length) return
    const grown = new Float32Array(Math.max(bin + 1, this.peaks.length * 2))
    grown.set(this.peaks)
    this.peaks = grown
  }
}

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { chooseBinsPerSecond, maxAcrossChannels, PeakBins } from '../../../src/workers/peak-bins'

/** The reference: bin k is the largest value of the frames n with floor(n · bps / rate) = k. */
function naiveBins(values: readonly number[], rate: number, bps: number): number[] {
  const bins: number[] = []
  values.forEach((v, n) => {
    const k = Math.floor((n * bps) / rate)
    while (bins.length <= k) bins.push(0)
    bins[k] = Math.max(bins[k] ?? 0, v)
  })
  return bins
}

function binInChunks(values: readonly number[], rate: number, bps: number, cuts: number[]) {
  const bins = new PeakBins(rate, bps)
  let from = 0
  for (const cut of [...cuts, values.length].sort((a, b) => a - b)) {
    bins.add(Float32Array.from(values.slice(from, cut)))
    from = Math.max(from, cut)
  }
  return bins.finish()
}

describe('PeakBins', () => {
  it('keeps the largest value of each bin, the last one partial', () => {
    // 10 frames a second, 2 bins a second: bins of 5 frames.
    const { peaks, duration } = binInChunks(
      [0.1, 0.5, 0.2, 0, 0, 0.3, 0.9, 0, 0, 0, 0.4, 0.2],
      10,
      2,
      [],
    )
    expect(Array.from(peaks)).toEqual([0.5, 0.9, 0.4].map(Math.fround))
    expect(duration).toBeCloseTo(1.2, 12)
  })

  it('carries a bin across chunk boundaries', () => {
    const values = [0.1, 0.2, 0.8, 0.1, 0.1, 0.3, 0.1, 0.1]
    const whole = binInChunks(values, 4, 1, [])
    const cut = binInChunks(values, 4, 1, [1, 2, 3, 5, 7])
    expect(Array.from(cut.peaks)).toEqual(Array.from(whole.peaks))
    expect(Array.from(whole.peaks)).toEqual([0.8, 0.3].map(Math.fround))
  })

  it('places boundaries exactly when a bin is a fractional number of frames (22,050 Hz)', () => {
    // 220.5 frames a bin: bin 1 starts at frame 221, bin 2 at 441.
    const values = new Array<number>(663).fill(0) // bin 3 is the one frame 662
    values[220] = 0.5 // last frame of bin 0
    values[221] = 0.25 // first of bin 1
    values[441] = 0.75 // first of bin 2
    const { peaks } = binInChunks(values, 22050, 100, [])
    expect(Array.from(peaks)).toEqual([0.5, 0.25, 0.75, 0].map(Math.fround))
  })

  it('matches the reference for any rate, resolution and chunking', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(7, 8000, 11025, 22050, 44100, 48000),
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.float({ min: 0, max: 1, noNaN: true }), { maxLength: 3000 }),
        fc.array(fc.nat(3000), { maxLength: 20 }),
        (rate, bps, values, cuts) => {
          const rounded = values.map(Math.fround)
          const { peaks, duration } = binInChunks(rounded, rate, bps, cuts)
          expect(Array.from(peaks)).toEqual(naiveBins(rounded, rate, bps))
          expect(duration).toBeCloseTo(values.length / rate, 12)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('gives the same bins when chunks arrive out of order (several decoders at once)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(8000, 22050, 44100),
        fc.integer({ min: 1, max: 150 }),
        fc.array(fc.float({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 2000 }),
        fc.array(fc.nat(2000), { maxLength: 10 }),
        fc.func(fc.integer()),
        (rate, bps, values, cuts, order) => {
          const rounded = values.map(Math.fround)
          const edges = [...new Set([0, ...cuts.filter((c) => c < values.length), values.length])]
          edges.sort((a, b) => a - b)
          const pieces = edges.slice(1).map((end, i) => ({ start: edges[i] ?? 0, end }))
          pieces.sort((a, b) => order(a.start) - order(b.start))
          const bins = new PeakBins(rate, bps)
          for (const { start, end } of pieces) {
            bins.addAt(start, Float32Array.from(rounded.slice(start, end)))
          }
          expect(Array.from(bins.finish().peaks)).toEqual(naiveBins(rounded, rate, bps))
        },
      ),
      { numRuns: 150 },
    )
  })

  it('gives no bins and no duration for no samples', () => {
    const { peaks, duration } = new PeakBins(8000, 100).finish()
    expect(peaks).toHaveLength(0)
    expect(duration).toBe(0)
  })

  it('grows past its first guess of the length', () => {
    const bins = new PeakBins(100, 100, 1)
    for (let i = 0; i < 50; i++) bins.add(new Float32Array(100).fill(i / 100))
    const { peaks } = bins.finish()
    expect(peaks).toHaveLength(5000)
    expect(peaks[4999]).toBeCloseTo(0.49, 6)
  })

  it('refuses a fractional resolution', () => {
    expect(() => new PeakBins(8000, 12.5)).toThrow(RangeError)
  })
})

describe('chooseBinsPerSecond', () => {
  it('keeps 100 a second for an hour', () => {
    expect(chooseBinsPerSecond(3600)).toBe(100)
  })

  it('lowers the resolution so that three hours stay under a million bins', () => {
    const bps = chooseBinsPerSecond(3 * 3600)
    expect(bps).toBe(92)
    expect(bps * 3 * 3600).toBeLessThanOrEqual(1_000_000)
  })

  it('keeps at least one bin a second, and the request when the length is unknown', () => {
    expect(chooseBinsPerSecond(1e9)).toBe(1)
    expect(chooseBinsPerSecond(Number.NaN, 50)).toBe(50)
    expect(chooseBinsPerSecond(0)).toBe(100)
  })
})

describe('maxAcrossChannels', () => {
  it('takes the largest absolute value of each frame, clamped to 1', () => {
    const left = Float32Array.from([0.5, -0.25, 0, 2])
    const right = Float32Array.from([-0.75, 0.125, -0, -0.5])
    const out = maxAcrossChannels([left, right], 4, new Float32Array(0))
    expect(Array.from(out.subarray(0, 4))).toEqual([0.75, 0.25, 0, 1])
  })

  it('reuses a large enough buffer', () => {
    const into = new Float32Array(10)
    expect(maxAcrossChannels([Float32Array.from([-0.5])], 1, into)).toBe(into)
    expect(into[0]).toBe(0.5)
  })
})

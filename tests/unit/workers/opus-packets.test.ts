// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { OggDemuxer } from '../../../src/workers/ogg-pages'
import {
  isOpusTags,
  opusPacketSamples,
  parseOpusHead,
  sniffOggOpus,
} from '../../../src/workers/opus-packets'
import { readAudioFixture } from './ogg-test-files'

const packetsOf = (name: string) => {
  const demuxer = new OggDemuxer()
  return [...demuxer.push(readAudioFixture(name)), ...demuxer.end()].map((p) => p.data)
}

/** A TOC byte: configuration (0..31) in the top five bits, the frame-count code in the low two. */
const toc = (config: number, code: number) => (config << 3) | code

describe('opusPacketSamples', () => {
  // RFC 6716 §3.1, Table 2, at 48 kHz: SILK 10/20/40/60 ms, hybrid 10/20 ms, CELT 2.5/5/10/20 ms.
  const oneFrame: [config: number, samples: number][] = [
    [0, 480],
    [1, 960],
    [2, 1920],
    [3, 2880],
    [7, 2880],
    [11, 2880],
    [12, 480],
    [13, 960],
    [14, 480],
    [15, 960],
    [16, 120],
    [17, 240],
    [18, 480],
    [19, 960],
    [28, 120],
    [31, 960],
  ]
  for (const [config, samples] of oneFrame) {
    it(`gives ${samples} samples for one frame of configuration ${config}`, () => {
      expect(opusPacketSamples(new Uint8Array([toc(config, 0), 0xaa]))).toBe(samples)
    })
  }

  it('doubles the frame size for codes 1 and 2 (two frames)', () => {
    expect(opusPacketSamples(new Uint8Array([toc(1, 1), 0]))).toBe(1920)
    expect(opusPacketSamples(new Uint8Array([toc(16, 2), 3, 0]))).toBe(240)
  })

  it('reads the frame count of code 3 from the low six bits of the second byte', () => {
    // 0xc6: VBR and padding flags set, 6 frames.
    expect(opusPacketSamples(new Uint8Array([toc(19, 3), 0xc6]))).toBe(5760)
    expect(opusPacketSamples(new Uint8Array([toc(16, 3), 48]))).toBe(5760)
    expect(opusPacketSamples(new Uint8Array([toc(0, 3), 3]))).toBe(1440)
  })

  it('gives 0 for packets it cannot place: empty, code 3 without a count, over 120 ms', () => {
    expect(opusPacketSamples(new Uint8Array(0))).toBe(0)
    expect(opusPacketSamples(new Uint8Array([toc(19, 3)]))).toBe(0)
    expect(opusPacketSamples(new Uint8Array([toc(19, 3), 7]))).toBe(0)
    expect(opusPacketSamples(new Uint8Array([toc(3, 3), 3]))).toBe(0)
    // Exactly 120 ms is allowed.
    expect(opusPacketSamples(new Uint8Array([toc(3, 1)]))).toBe(5760)
  })

  it('counts the samples of real files as opusinfo does', () => {
    // 386 packets of 20 ms; 6 packets of 120 ms (code 3, six 20 ms frames).
    const speech = packetsOf('speech-mono-24k.opus').slice(2)
    expect(speech.map(opusPacketSamples).reduce((a, b) => a + b)).toBe(386 * 960)
    const big = packetsOf('big-packets.opus').slice(2)
    expect(big.map(opusPacketSamples)).toEqual(Array(6).fill(5760))
  })
})

describe('parseOpusHead', () => {
  it('reads channels, pre-skip and input rate (opusinfo agrees)', () => {
    expect(parseOpusHead(packetsOf('speech-mono-24k.opus')[0]!)).toEqual({
      channels: 1,
      preSkip: 312,
      inputSampleRate: 22050,
      mappingFamily: 0,
    })
    expect(parseOpusHead(packetsOf('big-packets.opus')[0]!)).toMatchObject({
      channels: 2,
      preSkip: 312,
      inputSampleRate: 48000,
    })
  })

  it('refuses other packets and versions it cannot read', () => {
    const [head, tags] = packetsOf('speech-mono-24k.opus')
    expect(parseOpusHead(tags!)).toBeNull()
    expect(parseOpusHead(head!.subarray(0, 18))).toBeNull()
    const future = head!.slice()
    future[8] = 16
    expect(parseOpusHead(future)).toBeNull()
    expect(isOpusTags(tags!)).toBe(true)
    expect(isOpusTags(head!)).toBe(false)
  })
})

describe('sniffOggOpus', () => {
  it('recognises Ogg Opus files, multiplexed ones included', () => {
    expect(sniffOggOpus(readAudioFixture('speech-mono-24k.opus'))).toBe(true)
    expect(sniffOggOpus(readAudioFixture('multiplexed.ogg').subarray(0, 4096))).toBe(true)
  })

  it('refuses MP3 and Ogg streams of other codecs', () => {
    expect(sniffOggOpus(readAudioFixture('mpeg2-16k-mono-cbr.mp3'))).toBe(false)
    const vorbis = readAudioFixture('speech-mono-24k.opus').slice(0, 64)
    vorbis.set(new TextEncoder().encode('\x01vorbis\0'), 28)
    expect(sniffOggOpus(vorbis)).toBe(false)
  })
})

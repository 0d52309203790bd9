// @vitest-environment node
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  lastGranule,
  maxPageSize,
  OggDemuxer,
  oggCrc,
  type OggPacket,
} from '../../../src/workers/ogg-pages'
import { opusPacketSamples } from '../../../src/workers/opus-packets'
import {
  bitwiseCrc,
  concatBytes,
  pageOffsets,
  readAudioFixture,
  writeOggStream,
  type PacketToWrite,
} from './ogg-test-files'

const speech = readAudioFixture('speech-mono-24k.opus')
const bigPackets = readAudioFixture('big-packets.opus')
const multiplexed = readAudioFixture('multiplexed.ogg')

/** Runs a fresh demuxer over `bytes` pushed in slices of `size` bytes. */
function demux(
  bytes: Uint8Array,
  size = bytes.length,
): { packets: OggPacket[]; demuxer: OggDemuxer } {
  const demuxer = new OggDemuxer()
  const packets: OggPacket[] = []
  for (let at = 0; at < bytes.length; at += size) {
    packets.push(...demuxer.push(bytes.subarray(at, at + size)))
  }
  packets.push(...demuxer.end())
  return { packets, demuxer }
}

/** A packet's bytes in short: length and digest. */
const digest = (data: Uint8Array) =>
  `${data.length}/${createHash('sha1').update(data).digest('hex').slice(0, 12)}`
const summary = (packets: readonly OggPacket[]) =>
  packets.map((p) => `${p.serial}:${p.granule}:${digest(p.data)}`)
const ascii = (data: Uint8Array, length: number) => String.fromCharCode(...data.subarray(0, length))

describe('oggCrc', () => {
  it('gives the check value of CRC-32/CKSUM without its final inversion', () => {
    // CRC-32/CKSUM (same polynomial, no reflection, initial 0) checks "123456789" to 0x765e7680.
    const check = new TextEncoder().encode('123456789')
    expect(oggCrc(check)).toBe((0x765e7680 ^ 0xffffffff) >>> 0)
    expect(oggCrc(check)).toBe(bitwiseCrc(check))
  })
})

describe('OggDemuxer on real files', () => {
  it('returns the header packets, then the audio packets that ffprobe counts', () => {
    const { packets, demuxer } = demux(speech)
    // ffprobe -count_packets: 386 audio packets; opusinfo: serial 5e08b0ce.
    expect(packets).toHaveLength(2 + 386)
    expect(ascii(packets[0]!.data, 8)).toBe('OpusHead')
    expect(ascii(packets[1]!.data, 8)).toBe('OpusTags')
    expect(packets.every((p) => p.serial === 0x5e08b0ce)).toBe(true)
    expect(demuxer.stats).toEqual({ pages: 10, badPages: 0, garbageBytes: 0, serial: 0x5e08b0ce })
  })

  it("gives each packet its page's granule position, which counts the samples up to the page's last packet", () => {
    const audio = demux(speech).packets.slice(2)
    let samples = 0
    let checked = 0
    audio.forEach((packet, i) => {
      samples += opusPacketSamples(packet.data)
      const next = audio[i + 1]
      if (next !== undefined && next.granule !== packet.granule) {
        expect(packet.granule).toBe(samples)
        checked++
      }
    })
    expect(checked).toBe(7)
    // The last page trims the padding of the last packet: 369,965 by opusinfo.
    expect(audio.at(-1)?.granule).toBe(369_965)
    expect(samples - 369_965).toBeGreaterThan(0)
    expect(samples - 369_965).toBeLessThan(960)
  })

  it('returns the same packets however the bytes are cut, in slices of 1 to 300 bytes', () => {
    const whole = summary(demux(speech).packets)
    for (let size = 1; size <= 300; size++) {
      const { packets, demuxer } = demux(speech, size)
      expect(summary(packets), `slices of ${size} bytes`).toEqual(whole)
      expect(demuxer.stats.garbageBytes).toBe(0)
    }
  })

  it('keeps only the first logical stream of a multiplexed file', () => {
    // Two interleaved Opus streams: speech (4edfb14b, 7.7 s) first, a 3 s tone (3acbe230).
    const { packets, demuxer } = demux(multiplexed)
    expect(demuxer.stats.serial).toBe(0x4edfb14b)
    expect(new Set(packets.map((p) => p.serial))).toEqual(new Set([0x4edfb14b]))
    expect(packets).toHaveLength(2 + 386)
    expect(packets.at(-1)?.granule).toBe(369_966)
  })

  it('reads packets of 120 ms and about 7.6 KB, whose lacing runs past 255 bytes', () => {
    const audio = demux(bigPackets).packets.slice(2)
    expect(audio).toHaveLength(6)
    for (const packet of audio) {
      expect(packet.data.length).toBeGreaterThan(7000)
      expect(opusPacketSamples(packet.data)).toBe(5760)
    }
  })
})

describe('OggDemuxer on packets that span pages', () => {
  // The packets of a real file, plus sizes that end exactly on a lacing boundary (0, 255, 510).
  const real = demux(bigPackets).packets
  const odd = [0, 255, 510, 1, 254, 256].map((size) => new Uint8Array(size).fill(size % 251))
  const packets: PacketToWrite[] = [
    ...real.map((p) => ({ data: p.data, granule: p.granule })),
    ...odd.map((data, i) => ({ data, granule: 40_000 + i })),
  ]
  // Seven lacing values a page: the 7.6 KB packets run over five pages each, and most pages
  // end one packet and begin the next.
  const { bytes: repaged, pageGranules } = writeOggStream(packets, { serial: 7, maxSegments: 7 })
  const expected = packets.map((p, i) => `7:${pageGranules[i]}:${digest(p.data)}`)

  it('joins the pieces of each packet, whatever page boundaries cut it', () => {
    const continued = pageOffsets(repaged).filter((at) => ((repaged[at + 5] ?? 0) & 1) === 1)
    expect(continued.length).toBeGreaterThan(20)
    const { packets: found, demuxer } = demux(repaged)
    expect(summary(found)).toEqual(expected)
    expect(demuxer.stats.badPages).toBe(0)
  })

  it('gives the same packets in slices of 1 to 300 bytes', () => {
    for (let size = 1; size <= 300; size++) {
      expect(summary(demux(repaged, size).packets), `slices of ${size} bytes`).toEqual(expected)
    }
  })

  it('drops a packet that had a piece on a damaged page, and keeps the packets after it', () => {
    const offsets = pageOffsets(repaged)
    // Page 2 lies inside the third packet (the first audio packet, over five pages).
    const damaged = repaged.slice()
    const page = offsets[2]!
    damaged[page + 40] = (damaged[page + 40] ?? 0) ^ 0x01
    const { packets: found, demuxer } = demux(damaged)
    expect(demuxer.stats.badPages).toBe(1)
    const lost = expected.filter((p) => !summary(found).includes(p))
    expect(lost).toEqual([expected[2]])
    expect(summary(found)).toEqual(expected.filter((p) => p !== expected[2]))
  })
})

describe('OggDemuxer on damaged files', () => {
  const whole = summary(demux(speech).packets)

  it('skips a page whose CRC does not match, and only its packets', () => {
    const offsets = pageOffsets(speech)
    const damaged = speech.slice()
    const page = offsets[4]!
    damaged[page + 100] = (damaged[page + 100] ?? 0) ^ 0x80
    const { packets, demuxer } = demux(damaged)
    expect(demuxer.stats.badPages).toBe(1)
    // Each audio page but the last holds 50 packets (a second).
    expect(packets).toHaveLength(whole.length - 50)
    expect(summary(packets).every((p) => whole.includes(p))).toBe(true)
  })

  it('finds the first page after garbage, including things that look like pages', () => {
    const garbage = concatBytes([
      new TextEncoder().encode('ID3 not a page. OggS but no version 0; Og'),
      // A capture pattern and a header whose CRC is wrong.
      speech.subarray(0, 58).map((b, i) => (i === 40 ? b ^ 1 : b)),
      new Uint8Array(300).fill(0x4f),
    ])
    const { packets, demuxer } = demux(concatBytes([garbage, speech]), 97)
    expect(summary(packets)).toEqual(whole)
    expect(demuxer.stats.garbageBytes).toBe(garbage.length)
  })

  it('counts a truncated last page as garbage and returns the packets before it', () => {
    const offsets = pageOffsets(speech)
    const cut = speech.subarray(0, speech.length - 100)
    const { packets, demuxer } = demux(cut, 4096)
    expect(summary(packets)).toEqual(whole.slice(0, whole.length - 36))
    expect(demuxer.stats.garbageBytes).toBe(cut.length - offsets.at(-1)!)
  })

  it('finds pages after a false capture pattern near the end that claims more bytes than are left', () => {
    const offsets = pageOffsets(speech)
    const lastPage = offsets.at(-1)!
    // "OggS", version 0, and a header claiming 255 segments of 255 bytes, before the last page.
    const fake = new Uint8Array(27 + 255).fill(255)
    fake.set([0x4f, 0x67, 0x67, 0x53, 0, 0])
    const bytes = concatBytes([speech.subarray(0, lastPage), fake, speech.subarray(lastPage)])
    const { packets, demuxer } = demux(bytes, 1 << 20)
    expect(summary(packets)).toEqual(whole)
    expect(demuxer.stats.garbageBytes).toBe(fake.length)
  })
})

describe('lastGranule', () => {
  const tailOf = (bytes: Uint8Array) => bytes.subarray(Math.max(0, bytes.length - maxPageSize))

  it('reads the granule position of the last page from the end of the file', () => {
    expect(lastGranule(tailOf(speech), 0x5e08b0ce)).toBe(369_965)
    expect(lastGranule(tailOf(bigPackets), 0x5f17ede6)).toBe(33_912)
  })

  it('reads it for the stream asked for in a multiplexed file', () => {
    expect(lastGranule(tailOf(multiplexed), 0x4edfb14b)).toBe(369_966)
    expect(lastGranule(tailOf(multiplexed), 0x3acbe230)).toBe(144_312)
    expect(lastGranule(tailOf(multiplexed), 12345)).toBeNull()
  })

  it('falls back to the page before when the last one is cut or damaged', () => {
    expect(lastGranule(tailOf(speech.subarray(0, speech.length - 10)), 0x5e08b0ce)).toBe(336_000)
    const damaged = speech.slice()
    damaged[damaged.length - 5] = (damaged[damaged.length - 5] ?? 0) ^ 1
    expect(lastGranule(tailOf(damaged), 0x5e08b0ce)).toBe(336_000)
  })

  it('finds nothing in bytes that hold no page', () => {
    expect(lastGranule(new Uint8Array(1000), 0)).toBeNull()
  })
})

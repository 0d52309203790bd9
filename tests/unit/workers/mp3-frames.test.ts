// @vitest-environment node
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  id3v2Size,
  Mp3FrameSplitter,
  parseFrameHeader,
  readVbrHeader,
  scanMp3,
  trailingTagsStart,
  type Mp3Frame,
} from '../../../src/workers/mp3-frames'

const root = join(import.meta.dirname, '../../..')
const fixture = (name: string) => join(root, 'tests/fixtures/audio', name)
const read = (path: string) => new Uint8Array(readFileSync(path))

interface Expected {
  readonly path: string
  /** ffprobe -count_packets: nb_read_packets (audio frames, the VBR header frame excluded). */
  readonly frames: number
  /** ffprobe stream duration, seconds. */
  readonly duration: number
  readonly sampleRate: number
  readonly channels: 1 | 2
  readonly version: 1 | 2 | 2.5
  readonly vbr?: { kind: string; frames: number }
}

// Figures read with ffprobe 5.1 (`ffprobe -count_packets -show_entries stream=…`).
const files: Expected[] = [
  {
    path: fixture('mpeg2-16k-mono-cbr.mp3'),
    frames: 192,
    duration: 6.912,
    sampleRate: 16000,
    channels: 1,
    version: 2,
  },
  {
    path: fixture('mpeg1-44k-stereo-vbr.mp3'),
    frames: 263,
    duration: 6.870204,
    sampleRate: 44100,
    channels: 2,
    version: 1,
    vbr: { kind: 'Xing', frames: 263 },
  },
  {
    path: fixture('mpeg25-8k-mono-cbr.mp3'),
    frames: 97,
    duration: 6.984,
    sampleRate: 8000,
    channels: 1,
    version: 2.5,
  },
  ...['li-changchun-2012-04', 'tang-junjie-2012-04', 'zhou-yongkang-2008-05'].map(
    (id, i): Expected => ({
      path: join(root, 'public/samples', id, 'audio.mp3'),
      frames: [330, 495, 301][i] ?? 0,
      duration: [11.88, 17.82, 10.836][i] ?? 0,
      sampleRate: 16000,
      channels: 1,
      version: 2,
    }),
  ),
]

/** Runs the splitter over `bytes` cut at `cuts` and returns every frame. */
function splitAt(bytes: Uint8Array, cuts: readonly number[]): Mp3Frame[] {
  const splitter = new Mp3FrameSplitter()
  const frames: Mp3Frame[] = []
  let from = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    frames.push(...splitter.push(bytes.subarray(from, cut)))
    from = cut
  }
  frames.push(...splitter.push(bytes.subarray(from)))
  frames.push(...splitter.end())
  return frames
}

describe('scanMp3 on real files', () => {
  for (const file of files) {
    it(`counts the frames and duration ffprobe gives for ${file.path.split('/').slice(-2).join('/')}`, () => {
      const scan = scanMp3(read(file.path))
      expect(scan.frames).toBe(file.frames)
      expect(scan.duration).toBeCloseTo(file.duration, 5)
      expect(scan.first?.sampleRate).toBe(file.sampleRate)
      expect(scan.first?.channels).toBe(file.channels)
      expect(scan.first?.version).toBe(file.version)
      expect(scan.garbageBytes).toBe(0)
      if (file.vbr) expect(scan.vbr).toMatchObject(file.vbr)
      else expect(scan.vbr).toBeUndefined()
    })
  }
})

describe('Mp3FrameSplitter', () => {
  const vbrBytes = read(fixture('mpeg1-44k-stereo-vbr.mp3'))

  it('returns whole frames that each start with a header of their own length', () => {
    const frames = splitAt(vbrBytes, [])
    expect(frames).toHaveLength(263)
    for (const frame of frames) {
      expect(frame.data.length).toBe(frame.header.frameLength)
      expect(parseFrameHeader(frame.data, 0)).toEqual(frame.header)
    }
    // VBR: the frames are not all the same size.
    expect(new Set(frames.map((f) => f.data.length)).size).toBeGreaterThan(3)
  })

  it('returns the same frames however the bytes are cut', () => {
    const whole = splitAt(vbrBytes, []).map((f) => Array.from(f.data.subarray(0, 8)).join())
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: vbrBytes.length }), { maxLength: 40 }),
        (cuts) => {
          const frames = splitAt(vbrBytes, cuts)
          expect(frames.map((f) => Array.from(f.data.subarray(0, 8)).join())).toEqual(whole)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('survives slices of one byte', () => {
    const bytes = read(fixture('id3v2-garbage.mp3'))
    const cuts = Array.from({ length: bytes.length }, (_, i) => i)
    expect(splitAt(bytes, cuts)).toHaveLength(192)
  })

  it('skips an ID3v2 tag, garbage between frames and trailing APE and ID3v1 tags', () => {
    const bytes = read(fixture('id3v2-garbage.mp3'))
    const scan = scanMp3(bytes)
    // 192 frames were written (LAME's count, before junk was inserted). ffprobe reads 191
    // packets: its parser takes the unconfirmed header before frame 80 for a frame and merges
    // junk into neighbouring packets, so its figure is not a frame count for this file.
    expect(scan.frames).toBe(192)
    expect(scan.duration).toBeCloseTo((192 * 576) / 16000, 9)
    // 14 + 34 + 5 bytes of junk were inserted; the tags are not counted as garbage.
    expect(scan.garbageBytes).toBe(53)
    expect(scan.vbr).toBeUndefined()
    expect(scan.first).toMatchObject({ version: 2, sampleRate: 16000, bitrate: 24000 })
  })

  it('skips an ID3v2.4 tag with a footer, pushed in pieces', () => {
    const audio = read(fixture('mpeg2-16k-mono-cbr.mp3'))
    const body = new Uint8Array(300).fill(0xff) // sync-like bytes inside the tag must be ignored
    const header = [0x49, 0x44, 0x33, 4, 0, 0x10, 0, 0, 2, 300 - 256]
    const footer = [0x33, 0x44, 0x49, 4, 0, 0x10, 0, 0, 2, 300 - 256]
    const tagged = new Uint8Array([...header, ...body, ...footer, ...audio])
    expect(id3v2Size(tagged)).toBe(320)
    const frames = splitAt(tagged, [3, 7, 12, 200, 319, 321])
    expect(frames).toHaveLength(192)
    expect(frames[0]?.data[0]).toBe(0xff)
  })

  it("reads the frame count of an Info header (LAME's mark for CBR) and does not return that frame", () => {
    const audio = read(fixture('mpeg1-44k-stereo-vbr.mp3')).slice()
    const header = parseFrameHeader(audio, 0)
    if (header === null) throw new Error('no header')
    const xing = new TextDecoder('latin1')
      .decode(audio.subarray(0, header.frameLength))
      .indexOf('Xing')
    expect(xing).toBeGreaterThan(0)
    audio.set(new TextEncoder().encode('Info'), xing)
    const scan = scanMp3(audio)
    expect(scan.vbr).toMatchObject({ kind: 'Info', frames: 263 })
    expect(scan.frames).toBe(263)
    expect(scan.garbageBytes).toBe(0)
  })

  it('reads the frame count of a VBRI header and does not return that frame', () => {
    const audio = read(fixture('mpeg1-44k-stereo-vbr.mp3'))
    const frames = splitAt(audio, []).map((f) => f.data)
    const first = frames[0]
    if (first === undefined) throw new Error('no frames')
    const vbri = new Uint8Array(first.length)
    vbri.set(first.subarray(0, 4))
    vbri.set([0x56, 0x42, 0x52, 0x49, 0, 1, 0x04, 0x81, 0, 75], 36)
    vbri.set([0, 1, 0x1b, 0xab, 0, 0, 1, 7], 36 + 10)
    const file = new Uint8Array([...vbri, ...frames.flatMap((f) => Array.from(f))])
    const scan = scanMp3(file)
    expect(scan.vbr).toEqual({ kind: 'VBRI', bytes: 0x11bab, frames: 263 })
    expect(scan.frames).toBe(263)
  })

  it('drops a truncated last frame', () => {
    const audio = read(fixture('mpeg2-16k-mono-cbr.mp3'))
    const scan = scanMp3(audio.subarray(0, audio.length - 50))
    expect(scan.frames).toBe(191)
    expect(scan.garbageBytes).toBe(144 - 50)
  })

  it('finds nothing in bytes that are not MP3', () => {
    const noise = new Uint8Array(20_000).map((_, i) => (i * 7919) % 251)
    noise.set([0xff, 0xfb, 0x90, 0x64], 1000) // one plausible header, unconfirmed
    const scan = scanMp3(noise)
    expect(scan.frames).toBe(0)
    expect(scan.first).toBeUndefined()
  })
})

describe('parseFrameHeader', () => {
  it('parses an MPEG-2 header (16 kHz mono, 32 kbit/s)', () => {
    expect(parseFrameHeader(new Uint8Array([0xff, 0xf3, 0x48, 0xc4]), 0)).toEqual({
      version: 2,
      bitrate: 32000,
      sampleRate: 16000,
      padding: false,
      channelMode: 'mono',
      channels: 1,
      crc: false,
      frameLength: 144,
      samplesPerFrame: 576,
    })
  })

  it('parses an MPEG-1 header with padding and CRC', () => {
    // 128 kbit/s, 44.1 kHz, padded, joint stereo: 144 · 128000 / 44100 = 417.96 → 417 + 1.
    const header = parseFrameHeader(new Uint8Array([0xff, 0xfa, 0x92, 0x40]), 0)
    expect(header).toMatchObject({ version: 1, bitrate: 128000, sampleRate: 44100 })
    expect(header).toMatchObject({ padding: true, crc: true, frameLength: 418 })
    expect(header).toMatchObject({ channelMode: 'joint-stereo', channels: 2 })
  })

  it('rejects other layers, reserved values and free-format bitrate', () => {
    const reject = (bytes: number[]) =>
      expect(parseFrameHeader(new Uint8Array(bytes), 0)).toBeNull()
    reject([0xff, 0xfd, 0x90, 0x00]) // Layer II
    reject([0xff, 0xff, 0x90, 0x00]) // Layer I
    reject([0xff, 0xeb, 0x90, 0x00]) // reserved version
    reject([0xff, 0xfb, 0x0c, 0x00]) // reserved sample rate
    reject([0xff, 0xfb, 0x00, 0x00]) // free format
    reject([0xff, 0xfb, 0xf0, 0x00]) // bad bitrate
    reject([0xff, 0xfb, 0x90, 0x02]) // reserved emphasis
    reject([0xfe, 0xfb, 0x90, 0x00]) // no sync
    reject([0xff, 0xfb, 0x90]) // too short
  })
})

describe('readVbrHeader', () => {
  it('finds a Xing header after the side information of a stereo MPEG-1 frame', () => {
    const bytes = read(fixture('mpeg1-44k-stereo-vbr.mp3'))
    const header = parseFrameHeader(bytes, 0)
    if (header === null) throw new Error('no header')
    expect(readVbrHeader(bytes.subarray(0, header.frameLength), header)).toMatchObject({
      kind: 'Xing',
      frames: 263,
    })
  })

  it('finds none in an audio frame', () => {
    const bytes = read(fixture('mpeg2-16k-mono-cbr.mp3'))
    const header = parseFrameHeader(bytes, 0)
    if (header === null) throw new Error('no header')
    expect(readVbrHeader(bytes.subarray(0, 144), header)).toBeNull()
  })
})

describe('trailingTagsStart', () => {
  const audio = new Uint8Array(1000).fill(0x11)
  const id3v1 = new Uint8Array(128)
  id3v1.set([0x54, 0x41, 0x47]) // "TAG"
  const ape = (items: number, withHeader: boolean) => {
    const size = items + 32
    const footer = new Uint8Array(32)
    footer.set(new TextEncoder().encode('APETAGEX'))
    footer.set([size & 0xff, size >> 8, 0, 0], 12)
    if (withHeader) footer[23] = 0x80
    const header = withHeader ? footer.slice() : new Uint8Array(0)
    return new Uint8Array([...header, ...new Uint8Array(items), ...footer])
  }
  const tail = (file: Uint8Array) => trailingTagsStart(file.subarray(-512), file.length)

  it('is the file size without tags', () => {
    expect(tail(audio)).toBe(1000)
  })

  it('finds ID3v1, APEv2 with and without header, and both together', () => {
    expect(tail(new Uint8Array([...audio, ...id3v1]))).toBe(1000)
    expect(tail(new Uint8Array([...audio, ...ape(40, false)]))).toBe(1000)
    expect(tail(new Uint8Array([...audio, ...ape(40, true)]))).toBe(1000)
    expect(tail(new Uint8Array([...audio, ...ape(40, true), ...id3v1]))).toBe(1000)
  })

  it('finds an APE tag longer than the tail it is given', () => {
    expect(tail(new Uint8Array([...new Uint8Array(5000), ...ape(3000, false)]))).toBe(5000)
  })

  it('finds Lyrics3v2 before ID3v1', () => {
    const lyrics = new TextEncoder().encode('LYRICSBEGININD0000200000015LYRICS200')
    // The size field counts everything from LYRICSBEGIN to the size field itself.
    const body = lyrics.subarray(0, lyrics.length - 15)
    const sized = new Uint8Array([
      ...body,
      ...new TextEncoder().encode(String(body.length).padStart(6, '0')),
      ...new TextEncoder().encode('LYRICS200'),
    ])
    expect(tail(new Uint8Array([...audio, ...sized, ...id3v1]))).toBe(1000)
  })
})

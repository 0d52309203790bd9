import { appendBytes } from './blob-chunks'

/**
 * An MPEG audio Layer III frame splitter, so that MP3 can be fed to WebCodecs' AudioDecoder one
 * frame per chunk, streamed from a Blob a slice at a time. It skips ID3v2 tags (wherever they
 * are), the Xing/Info/VBRI frame that VBR encoders put first (reading its frame count), garbage
 * between frames, and trailing ID3v1, Lyrics3 and APE tags. Pure: no DOM, no WebCodecs.
 */

/** A parsed Layer III frame header. */
export interface Mp3FrameHeader {
  /** MPEG version: 1, 2 or 2.5. */
  readonly version: 1 | 2 | 2.5
  /** Bits a second. */
  readonly bitrate: number
  readonly sampleRate: number
  readonly padding: boolean
  readonly channelMode: 'stereo' | 'joint-stereo' | 'dual-channel' | 'mono'
  readonly channels: 1 | 2
  /** Whether a 16-bit CRC follows the header. */
  readonly crc: boolean
  /** Bytes, header included. */
  readonly frameLength: number
  /** 1152 for MPEG 1, 576 for MPEG 2 and 2.5. */
  readonly samplesPerFrame: number
}

/** One audio frame: its header and its bytes (a view into the splitter's buffer, valid until the caller drops it). */
export interface Mp3Frame {
  readonly header: Mp3FrameHeader
  readonly data: Uint8Array
}

/** The VBR header of the first frame, when there is one. */
export interface Mp3VbrInfo {
  readonly kind: 'Xing' | 'Info' | 'VBRI'
  /** Audio frames in the file, excluding the VBR frame itself, when given. */
  readonly frames?: number
  /** Bytes of audio, when given. */
  readonly bytes?: number
}

const bitrates = {
  v1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
}
const sampleRates = {
  1: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  2.5: [11025, 12000, 8000],
}
const channelModes = ['stereo', 'joint-stereo', 'dual-channel', 'mono'] as const

/** The Layer III frame header at `offset`, or null when the four bytes there are not one (other layers and free-format bitrate included). */
export function parseFrameHeader(bytes: Uint8Array, offset: number): Mp3FrameHeader | null {
  if (offset < 0 || offset + 4 > bytes.length) return null
  const b1 = bytes[offset + 1] ?? 0
  const b2 = bytes[offset + 2] ?? 0
  const b3 = bytes[offset + 3] ?? 0
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return null
  const versionBits = (b1 >> 3) & 3
  const layerBits = (b1 >> 1) & 3
  const bitrateIndex = b2 >> 4
  const rateIndex = (b2 >> 2) & 3
  const emphasis = b3 & 3
  // Version 01 and emphasis 10 are reserved; layer 01 is Layer III.
  if (versionBits === 1 || layerBits !== 1 || emphasis === 2) return null
  if (bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null
  const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 2.5
  const bitrate = (version === 1 ? bitrates.v1 : bitrates.v2)[bitrateIndex]
  const sampleRate = sampleRates[version][rateIndex]
  const channelMode = channelModes[b3 >> 6]
  if (bitrate === undefined || sampleRate === undefined || channelMode === undefined) return null
  const padding = (b2 & 2) !== 0
  const samplesPerFrame = version === 1 ? 1152 : 576
  const frameLength =
    Math.floor(((samplesPerFrame / 8) * bitrate * 1000) / sampleRate) + (padding ? 1 : 0)
  return {
    version,
    bitrate: bitrate * 1000,
    sampleRate,
    padding,
    channelMode,
    channels: channelMode === 'mono' ? 1 : 2,
    crc: (b1 & 1) === 0,
    frameLength,
    samplesPerFrame,
  }
}

/** Bytes taken by an ID3v2 tag starting at `offset` (header, body and footer), or 0 if there is none. Needs 10 bytes. */
export function id3v2Size(bytes: Uint8Array, offset = 0): number {
  if (offset + 10 > bytes.length) return 0
  if (bytes[offset] !== 0x49 || bytes[offset + 1] !== 0x44 || bytes[offset + 2] !== 0x33) return 0
  const major = bytes[offset + 3] ?? 0xff
  const revision = bytes[offset + 4] ?? 0xff
  const flags = bytes[offset + 5] ?? 0
  if (major === 0xff || revision === 0xff) return 0
  let size = 0
  for (let i = 6; i < 10; i++) {
    const b = bytes[offset + i] ?? 0x80
    if (b & 0x80) return 0 // sizes are "syncsafe": 7 bits a byte
    size = size * 128 + b
  }
  // ID3v2.4 may end with a 10-byte footer, announced by flag bit 4.
  return 10 + size + (major >= 4 && flags & 0x10 ? 10 : 0)
}

const readUint32 = (bytes: Uint8Array, offset: number): number =>
  (((bytes[offset] ?? 0) << 24) |
    ((bytes[offset + 1] ?? 0) << 16) |
    ((bytes[offset + 2] ?? 0) << 8) |
    (bytes[offset + 3] ?? 0)) >>>
  0

const tagAt = (bytes: Uint8Array, offset: number, tag: string): boolean => {
  for (let i = 0; i < tag.length; i++) if (bytes[offset + i] !== tag.charCodeAt(i)) return false
  return true
}

/** The Xing/Info or VBRI header inside `frame`, if it is a VBR header frame rather than audio. */
export function readVbrHeader(frame: Uint8Array, header: Mp3FrameHeader): Mp3VbrInfo | null {
  // Xing/Info sits right after the side information; some encoders count the CRC, most do not.
  const sideInfo =
    header.version === 1 ? (header.channels === 1 ? 17 : 32) : header.channels === 1 ? 9 : 17
  for (const offset of [4 + sideInfo, 6 + sideInfo]) {
    const kind = tagAt(frame, offset, 'Xing')
      ? 'Xing'
      : tagAt(frame, offset, 'Info')
        ? 'Info'
        : null
    if (kind === null || offset + 8 > frame.length) continue
    const flags = readUint32(frame, offset + 4)
    let field = offset + 8
    const info: { kind: typeof kind; frames?: number; bytes?: number } = { kind }
    if (flags & 1) {
      info.frames = readUint32(frame, field)
      field += 4
    }
    if (flags & 2) info.bytes = readUint32(frame, field)
    return info
  }
  // VBRI (Fraunhofer) is always 32 bytes after the header: version, delay, quality, bytes, frames.
  if (tagAt(frame, 36, 'VBRI') && frame.length >= 36 + 18) {
    return { kind: 'VBRI', bytes: readUint32(frame, 36 + 10), frames: readUint32(frame, 36 + 14) }
  }
  return null
}

/**
 * Where the trailing tags (ID3v1, Lyrics3v2, APEv2) start, given the last bytes of a file: `tail`
 * holds the file's last `tail.length` bytes and `fileSize` is its size. Returns `fileSize` when
 * there are none. 512 bytes of tail finds ID3v1 and the footers; tag bodies are skipped by size.
 */
export function trailingTagsStart(tail: Uint8Array, fileSize: number): number {
  const base = fileSize - tail.length
  let end = fileSize
  // Tags stack in any order (APE then ID3v1 is common); peel them off from the end.
  for (;;) {
    const at = end - base
    if (at >= 128 && tagAt(tail, at - 128, 'TAG')) {
      end -= 128
      continue
    }
    if (at >= 32 && tagAt(tail, at - 32, 'APETAGEX')) {
      const size =
        ((tail[at - 20] ?? 0) |
          ((tail[at - 19] ?? 0) << 8) |
          ((tail[at - 18] ?? 0) << 16) |
          ((tail[at - 17] ?? 0) << 24)) >>>
        0
      const hasHeader = ((tail[at - 9] ?? 0) & 0x80) !== 0
      const tagLength = size + (hasHeader ? 32 : 0)
      if (tagLength >= 32 && tagLength <= end) {
        end -= tagLength
        continue
      }
    }
    if (at >= 15 && tagAt(tail, at - 9, 'LYRICS200')) {
      const digits = String.fromCharCode(...tail.subarray(at - 15, at - 9))
      const size = /^\d{6}$/.test(digits) ? Number(digits) + 15 : 0
      if (size > 15 && size <= end) {
        end -= size
        continue
      }
    }
    return end
  }
}

/** What the splitter has seen so far. */
export interface Mp3Stats {
  /** Audio frames returned. */
  readonly frames: number
  /** Samples a channel in those frames. */
  readonly samples: number
  /** Bytes skipped that were neither frames nor tags. */
  readonly garbageBytes: number
  /** The header of the first audio frame. */
  readonly first?: Mp3FrameHeader
  readonly vbr?: Mp3VbrInfo
}

const find = (bytes: Uint8Array, value: number, from: number): number => {
  const at = bytes.indexOf(value, from)
  return at < 0 ? bytes.length : at
}

const sameStream = (a: Mp3FrameHeader, b: Mp3FrameHeader): boolean =>
  a.version === b.version && a.sampleRate === b.sampleRate

/** Whether a frame of the same stream, confirmed by the header after it, starts in `from`..`to`. */
function hidesFrame(
  bytes: Uint8Array,
  from: number,
  to: number,
  reference: Mp3FrameHeader,
): boolean {
  for (let p = bytes.indexOf(0xff, from); p >= 0 && p < to; p = bytes.indexOf(0xff, p + 1)) {
    const header = parseFrameHeader(bytes, p)
    if (header === null || !sameStream(header, reference)) continue
    const next = parseFrameHeader(bytes, p + header.frameLength)
    if (next !== null && sameStream(next, reference)) return true
  }
  return false
}

/**
 * Splits a byte stream, pushed in slices cut anywhere, into MP3 frames. A frame is accepted when
 * the next header is valid and of the same stream; after garbage (and for the very first frame)
 * only then, so that a stray 0xFF in a tag or in noise is not taken for audio.
 */
export class Mp3FrameSplitter {
  private pending: Uint8Array = new Uint8Array(0)
  private skip = 0
  private inSync = false
  private reference: Mp3FrameHeader | undefined
  private started = false
  private state: {
    frames: number
    samples: number
    garbageBytes: number
    first?: Mp3FrameHeader
    vbr?: Mp3VbrInfo
  } = { frames: 0, samples: 0, garbageBytes: 0 }

  /** Counts so far; final after `end()`. */
  get stats(): Mp3Stats {
    return this.state
  }

  /** Adds the next bytes and returns the frames now complete. */
  push(chunk: Uint8Array): Mp3Frame[] {
    if (this.skip > 0) {
      const skipped = Math.min(this.skip, chunk.length)
      this.skip -= skipped
      chunk = chunk.subarray(skipped)
    }
    this.pending = appendBytes(this.pending, chunk)
    return this.split(false)
  }

  /** Returns the frames left once there are no more bytes. */
  end(): Mp3Frame[] {
    const frames = this.split(true)
    this.state.garbageBytes += this.pending.length
    this.pending = new Uint8Array(0)
    return frames
  }

  private split(final: boolean): Mp3Frame[] {
    const bytes = this.pending
    const frames: Mp3Frame[] = []
    let pos = 0
    let nextSync = 0
    let nextId3 = 0
    while (pos < bytes.length) {
      if (bytes.length - pos < 10 && !final) break
      const tag = id3v2Size(bytes, pos)
      if (tag > 0) {
        this.skip = Math.max(0, pos + tag - bytes.length)
        pos = Math.min(bytes.length, pos + tag)
        continue
      }
      const header = parseFrameHeader(bytes, pos)
      const fits =
        header !== null && (this.reference === undefined || sameStream(header, this.reference))
      if (header === null || !fits) {
        this.inSync = false
        // The next place a frame (0xFF) or a tag ("I" of ID3) could start.
        // Searches are remembered, so that a byte that never comes is not searched for again.
        if (nextSync <= pos) nextSync = find(bytes, 0xff, pos + 1)
        if (nextId3 <= pos) nextId3 = find(bytes, 0x49, pos + 1)
        const stop = Math.min(nextSync, nextId3)
        // Bytes that could begin an ID3v2 tag wait at the end for the rest of it.
        const upTo = final ? stop : Math.min(stop, Math.max(pos + 1, bytes.length - 9))
        this.state.garbageBytes += upTo - pos
        pos = upTo
        if (!final && upTo < stop) break
        continue
      }
      const end = pos + header.frameLength
      // Each frame is checked against the next header (at the very end, ending there will do).
      if (end + 4 > bytes.length && !final) break
      const next = parseFrameHeader(bytes, end)
      const followed =
        (next !== null && sameStream(next, header)) ||
        (final && end === bytes.length) ||
        id3v2Size(bytes, end) > 0
      // Unfollowed, a frame is taken only in sync, and only if it does not hide the start of a
      // confirmed frame: a genuine frame followed by junk is kept, a stray header before a
      // genuine frame is not.
      if (!followed && (!this.inSync || hidesFrame(bytes, pos + 1, end, header))) {
        this.inSync = false
        this.state.garbageBytes += 1
        pos += 1
        continue
      }
      if (end > bytes.length) {
        if (final) {
          // A truncated last frame cannot be decoded.
          this.state.garbageBytes += bytes.length - pos
          pos = bytes.length
        }
        break
      }
      this.inSync = true
      this.reference ??= header
      const data = bytes.subarray(pos, end)
      pos = end
      if (!this.started) {
        this.started = true
        const vbr = readVbrHeader(data, header)
        if (vbr !== null) {
          this.state.vbr = vbr
          continue
        }
      }
      this.state.first ??= header
      this.state.frames += 1
      this.state.samples += header.samplesPerFrame
      frames.push({ header, data })
    }
    this.pending = bytes.subarray(pos)
    return frames
  }
}

/** Frames, samples and VBR header of a whole MP3 held in memory (tests and tools). */
export function scanMp3(bytes: Uint8Array): Mp3Stats & { readonly duration: number } {
  const splitter = new Mp3FrameSplitter()
  splitter.push(bytes.subarray(0, trailingTagsStart(bytes.subarray(-512), bytes.length)))
  splitter.end()
  const stats = splitter.stats
  const rate = stats.first?.sampleRate ?? 0
  return { ...stats, duration: rate > 0 ? stats.samples / rate : 0 }
}

/** Whether the first bytes of a file look like MP3: an ID3v2 tag, or a frame confirmed by the next one. */
export function sniffMp3(head: Uint8Array): boolean {
  if (id3v2Size(head) > 0) return true
  const splitter = new Mp3FrameSplitter()
  return splitter.push(head).length > 0 || splitter.stats.vbr !== undefined
}

import { appendBytes } from './blob-chunks'

/**
 * An incremental Ogg demuxer (RFC 3533), so that Ogg Opus can be fed to WebCodecs one packet per
 * chunk, streamed from a Blob a slice at a time. Ours because no maintained, browser-ready,
 * permissively licensed Ogg demuxer is published on npm (codec-parser, the closest, is LGPL and
 * parses codec frames we do not need). Pure: no DOM, no WebCodecs.
 *
 * Only the first logical stream (the serial of the first beginning-of-stream page) is kept: a
 * multiplexed file's other streams and a chained file's later links are skipped. Pages whose CRC
 * does not match are skipped, and a packet that spanned a lost page is dropped rather than
 * returned damaged.
 */

/** One packet of the kept logical stream. */
export interface OggPacket {
  /** Its bytes: a view into the demuxer's buffers, valid as long as the caller keeps it. */
  readonly data: Uint8Array
  /**
   * Granule position of the page this packet ends on, which describes the end of the last packet
   * ending there (for Opus, the samples decoded up to it, pre-skip included).
   */
  readonly granule: number
  readonly serial: number
}

/** What the demuxer has seen so far. */
export interface OggStats {
  /** Pages of the kept stream accepted. */
  readonly pages: number
  /** Pages skipped because their CRC did not match. */
  readonly badPages: number
  /** Bytes that were not part of a valid page (bad pages included). */
  readonly garbageBytes: number
  /** Serial of the kept stream, once its first page has been seen. */
  readonly serial?: number
}

const headerSize = 27
/** The largest page: a 27-byte header, 255 lacing values, 255 segments of 255 bytes. */
export const maxPageSize = headerSize + 255 + 255 * 255

const flagContinued = 0x01
const flagFirst = 0x02

const crcTable = (() => {
  const table = new Uint32Array(256)
  for (let i = 0; i < 256; i++) {
    let r = i << 24
    for (let bit = 0; bit < 8; bit++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1
    table[i] = r >>> 0
  }
  return table
})()

/** Ogg's CRC-32 (polynomial 0x04c11db7, initial value 0, no reflection, no final xor) of `bytes`. */
export function oggCrc(bytes: Uint8Array, crc = 0): number {
  let r = crc
  for (let i = 0; i < bytes.length; i++) {
    r = (r << 8) ^ (crcTable[((r >>> 24) ^ (bytes[i] ?? 0)) & 0xff] ?? 0)
  }
  return r >>> 0
}

const u32 = (b: Uint8Array, at: number): number =>
  ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16) | ((b[at + 3] ?? 0) << 24)) >>>
  0

/** A page header's fields, read without checking anything. */
interface PageHeader {
  readonly flags: number
  readonly granule: number
  readonly serial: number
  readonly sequence: number
  readonly segments: number
  /** Header and body, bytes. */
  readonly size: number
}

function isCapture(bytes: Uint8Array, at: number): boolean {
  // "OggS", version 0.
  return (
    bytes[at] === 0x4f &&
    bytes[at + 1] === 0x67 &&
    bytes[at + 2] === 0x67 &&
    bytes[at + 3] === 0x53 &&
    bytes[at + 4] === 0
  )
}

/** The header at `at`, or null when fewer than its bytes (lacing values included) are there. */
function readHeader(bytes: Uint8Array, at: number): PageHeader | null {
  if (bytes.length - at < headerSize) return null
  const segments = bytes[at + 26] ?? 0
  if (bytes.length - at < headerSize + segments) return null
  let body = 0
  for (let i = 0; i < segments; i++) body += bytes[at + headerSize + i] ?? 0
  const lo = u32(bytes, at + 6)
  const hi = u32(bytes, at + 10)
  return {
    flags: bytes[at + 5] ?? 0,
    // -1 (all bits set) means "no packet ends on this page"; other values fit a double exactly
    // for any realistic length (2^53 samples at 48 kHz is thousands of years).
    granule: lo === 0xffffffff && hi === 0xffffffff ? -1 : hi * 2 ** 32 + lo,
    serial: u32(bytes, at + 14),
    sequence: u32(bytes, at + 18),
    segments,
    size: headerSize + segments + body,
  }
}

const zeroCrc = new Uint8Array(4)

/** Whether the page at `at` (of `header.size` bytes, all present) has the CRC it declares. */
function crcMatches(bytes: Uint8Array, at: number, header: PageHeader): boolean {
  const declared = u32(bytes, at + 22)
  let crc = oggCrc(bytes.subarray(at, at + 22))
  crc = oggCrc(zeroCrc, crc)
  crc = oggCrc(bytes.subarray(at + 26, at + header.size), crc)
  return crc === declared
}

/**
 * Splits a byte stream, pushed in slices cut anywhere, into the packets of its first logical
 * stream. After bytes that are not a valid page it searches for the next "OggS".
 */
export class OggDemuxer {
  private pending: Uint8Array = new Uint8Array(0)
  /** Pieces of the packet not yet complete, with the sequence number of the page they end. */
  private partial: Uint8Array[] = []
  private nextSequence = -1
  private state: { pages: number; badPages: number; garbageBytes: number; serial?: number } = {
    pages: 0,
    badPages: 0,
    garbageBytes: 0,
  }

  /** Counts so far; final after `end()`. */
  get stats(): OggStats {
    return this.state
  }

  /** Adds the next bytes and returns the packets now complete. */
  push(chunk: Uint8Array): OggPacket[] {
    this.pending = appendBytes(this.pending, chunk)
    return this.split(false)
  }

  /** Returns the packets left once there are no more bytes (none: a packet needs its page). */
  end(): OggPacket[] {
    const packets = this.split(true)
    // A truncated last page, or a packet whose page never came, cannot be used.
    this.state.garbageBytes += this.pending.length
    this.pending = new Uint8Array(0)
    this.partial = []
    return packets
  }

  private split(final: boolean): OggPacket[] {
    const bytes = this.pending
    const packets: OggPacket[] = []
    let pos = 0
    // Fewer than five bytes could be the start of a capture pattern cut by the slicing.
    while (bytes.length - pos >= 5) {
      if (!isCapture(bytes, pos)) {
        const next = bytes.indexOf(0x4f, pos + 1)
        const upTo = next < 0 ? bytes.length : next
        this.state.garbageBytes += upTo - pos
        pos = upTo
        continue
      }
      const header = readHeader(bytes, pos)
      if (header === null || bytes.length - pos < header.size) {
        if (!final) break
        // At the end, a page that cannot be complete was a capture pattern in garbage, or a
        // truncated last page: real pages may still follow the former.
        this.state.garbageBytes += 1
        pos += 1
        continue
      }
      if (!crcMatches(bytes, pos, header)) {
        // The header itself may be what is damaged, so its length cannot be trusted: search
        // again from the next byte.
        this.state.badPages += 1
        this.state.garbageBytes += 1
        pos += 1
        continue
      }
      if (this.state.serial === undefined && header.flags & flagFirst) {
        this.state.serial = header.serial
      }
      if (header.serial === this.state.serial) this.takePage(bytes, pos, header, packets)
      pos += header.size
    }
    this.pending = bytes.subarray(pos)
    return packets
  }

  private takePage(bytes: Uint8Array, at: number, header: PageHeader, out: OggPacket[]): void {
    this.state.pages += 1
    // A packet continued from a page we did not get (or never started) is incomplete: drop it.
    const inSequence = header.sequence === this.nextSequence
    this.nextSequence = (header.sequence + 1) >>> 0
    if (!inSequence || !(header.flags & flagContinued)) this.partial = []
    let dropFirst = (header.flags & flagContinued) !== 0 && this.partial.length === 0
    const found: Uint8Array[] = []
    const lacing = at + headerSize
    let offset = lacing + header.segments
    let start = offset
    for (let i = 0; i < header.segments; i++) {
      const size = bytes[lacing + i] ?? 0
      offset += size
      // A lacing value under 255 ends a packet; 255 at the end of the page continues it on the next.
      if (size === 255) continue
      if (dropFirst) {
        dropFirst = false
      } else if (this.partial.length === 0) {
        found.push(bytes.subarray(start, offset))
      } else {
        this.partial.push(bytes.subarray(start, offset))
        found.push(concat(this.partial))
        this.partial = []
      }
      start = offset
    }
    // What is left ended on a lacing value of 255: the packet goes on in the next page.
    if (start < offset && !dropFirst) this.partial.push(bytes.subarray(start, offset))
    for (const data of found) out.push({ data, granule: header.granule, serial: header.serial })
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    joined.set(part, at)
    at += part.length
  }
  return joined
}

/**
 * The granule position of the last valid page of stream `serial` that gives one, found in the
 * last bytes of a file (`tail`; {@link maxPageSize} bytes always hold a whole last page), or null.
 * The total length of a stream is known from it before decoding.
 */
export function lastGranule(tail: Uint8Array, serial: number): number | null {
  for (let at = tail.length - headerSize; at >= 0; at--) {
    if (!isCapture(tail, at)) continue
    const header = readHeader(tail, at)
    if (header === null || at + header.size > tail.length) continue
    if (header.serial !== serial || header.granule < 0) continue
    if (crcMatches(tail, at, header)) return header.granule
  }
  return null
}

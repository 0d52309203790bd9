import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Ogg files for the demuxer and Opus tests: the fixtures, and a page writer of our own (written
 * from RFC 3533, with a bitwise CRC, independently of the demuxer's table-driven one) that lays
 * packets out in pages as small as we like, so that packets span pages in every way.
 */

const root = join(import.meta.dirname, '../../..')

/** The bytes of a file in tests/fixtures/audio. */
export const readAudioFixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(join(root, 'tests/fixtures/audio', name)))

/** Ogg's CRC-32, a bit at a time: polynomial 0x04c11db7, no reflection, initial value 0. */
export function bitwiseCrc(bytes: Uint8Array): number {
  let crc = 0
  for (const byte of bytes) {
    crc ^= byte << 24
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1
    }
  }
  return crc >>> 0
}

/** A packet to write and the granule position at its end (-1: none). */
export interface PacketToWrite {
  readonly data: Uint8Array
  readonly granule: number
}

/**
 * An Ogg stream of `packets`, with at most `maxSegments` lacing values a page: a packet of n bytes
 * takes floor(n / 255) + 1 of them, so small limits make packets continue over several pages.
 * The first page is flagged as the beginning of the stream and the last as its end. Also returns,
 * for each packet, the granule position of the page it ends on (that of the last packet ending there).
 */
export function writeOggStream(
  packets: readonly PacketToWrite[],
  options: { serial: number; maxSegments?: number },
): { bytes: Uint8Array; pageGranules: number[] } {
  const maxSegments = options.maxSegments ?? 255
  // Every lacing value with the bytes it covers and, when it ends a packet, that packet's granule.
  const segments: { size: number; bytes: Uint8Array; granule: number | null; packet: number }[] = []
  const pageGranules: number[] = []
  for (const [index, packet] of packets.entries()) {
    let at = 0
    for (;;) {
      const size = Math.min(255, packet.data.length - at)
      const last = size < 255
      segments.push({
        size,
        bytes: packet.data.subarray(at, at + size),
        granule: last ? packet.granule : null,
        packet: index,
      })
      at += size
      if (last) break
    }
  }
  const pages: Uint8Array[] = []
  let sequence = 0
  let continued = false
  for (let from = 0; from < segments.length; from += maxSegments) {
    const onPage = segments.slice(from, from + maxSegments)
    const isLast = from + maxSegments >= segments.length
    let granule = -1
    for (const segment of onPage) if (segment.granule !== null) granule = segment.granule
    for (const segment of onPage)
      if (segment.granule !== null) pageGranules[segment.packet] = granule
    const bodySize = onPage.reduce((sum, s) => sum + s.size, 0)
    const page = new Uint8Array(27 + onPage.length + bodySize)
    const view = new DataView(page.buffer)
    page.set([0x4f, 0x67, 0x67, 0x53, 0])
    page[5] = (continued ? 1 : 0) | (from === 0 ? 2 : 0) | (isLast ? 4 : 0)
    view.setBigInt64(6, BigInt(granule), true)
    view.setUint32(14, options.serial, true)
    view.setUint32(18, sequence++, true)
    page[26] = onPage.length
    let at = 27
    for (const segment of onPage) page[at++] = segment.size
    for (const segment of onPage) {
      page.set(segment.bytes, at)
      at += segment.size
    }
    view.setUint32(22, bitwiseCrc(page), true)
    pages.push(page)
    continued = onPage.at(-1)?.granule === null
  }
  return { bytes: concatBytes(pages), pageGranules }
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    joined.set(part, at)
    at += part.length
  }
  return joined
}

/** Where each page of a well-formed Ogg file starts, read from the headers alone. */
export function pageOffsets(bytes: Uint8Array): number[] {
  const offsets: number[] = []
  for (let at = 0; at + 27 <= bytes.length;) {
    offsets.push(at)
    const segments = bytes[at + 26] ?? 0
    let size = 27 + segments
    for (let i = 0; i < segments; i++) size += bytes[at + 27 + i] ?? 0
    at += size
  }
  return offsets
}

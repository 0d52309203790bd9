import { crc32, deflateRawSync } from 'node:zlib'

/*
 * Zip files written byte by byte, for the long-task tests: a zip with tens of thousands of entries
 * is made in a moment, and its headers may say sizes its data does not have. The large transcripts
 * are made by scripts/big-transcripts.mjs, which the import benchmark shares.
 */

/** One entry of {@link rawZip}: its name, the bytes as stored, and the numbers its headers give. */
export interface RawEntry {
  readonly name: string
  /** The bytes as they are in the file (deflated when `method` is 8). */
  readonly data: Uint8Array
  /** 0: stored; 8: deflated. */
  readonly method: 0 | 8
  readonly crc: number
  readonly compressedSize: number
  /** What the headers say the entry inflates to; a lie is allowed. */
  readonly uncompressedSize: number
}

/** An entry as a zip tool writes it: stored, or deflated when `deflate`. */
export function entryOf(name: string, bytes: Uint8Array, deflate = false): RawEntry {
  const data = deflate ? new Uint8Array(deflateRawSync(bytes)) : bytes
  return {
    name,
    data,
    method: deflate ? 8 : 0,
    crc: crc32(bytes),
    compressedSize: data.byteLength,
    uncompressedSize: bytes.byteLength,
  }
}

/** A zip file of `entries` (no ZIP64, no data descriptors), with the sizes each entry gives. */
export function rawZip(entries: readonly RawEntry[]): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder()
  const locals: Uint8Array[] = []
  const centrals: Uint8Array[] = []
  let offset = 0
  for (const entry of entries) {
    const name = encoder.encode(entry.name)
    const local = new Uint8Array(30 + name.byteLength)
    const l = new DataView(local.buffer)
    l.setUint32(0, 0x04034b50, true)
    l.setUint16(4, 20, true)
    l.setUint16(6, 0x0800, true) // names in UTF-8
    l.setUint16(8, entry.method, true)
    l.setUint16(10, 0, true)
    l.setUint16(12, 0x5b21, true) // 2025-08-01
    l.setUint32(14, entry.crc >>> 0, true)
    l.setUint32(18, entry.compressedSize, true)
    l.setUint32(22, entry.uncompressedSize, true)
    l.setUint16(26, name.byteLength, true)
    local.set(name, 30)
    const central = new Uint8Array(46 + name.byteLength)
    const c = new DataView(central.buffer)
    c.setUint32(0, 0x02014b50, true)
    c.setUint16(4, 20, true)
    c.setUint16(6, 20, true)
    c.setUint16(8, 0x0800, true)
    c.setUint16(10, entry.method, true)
    c.setUint16(12, 0, true)
    c.setUint16(14, 0x5b21, true)
    c.setUint32(16, entry.crc >>> 0, true)
    c.setUint32(20, entry.compressedSize, true)
    c.setUint32(24, entry.uncompressedSize, true)
    c.setUint16(28, name.byteLength, true)
    c.setUint32(42, offset, true)
    central.set(name, 46)
    locals.push(local, entry.data)
    centrals.push(central)
    offset += local.byteLength + entry.data.byteLength
  }
  const directorySize = centrals.reduce((sum, part) => sum + part.byteLength, 0)
  const end = new Uint8Array(22)
  const e = new DataView(end.buffer)
  e.setUint32(0, 0x06054b50, true)
  e.setUint16(8, Math.min(entries.length, 0xffff), true)
  e.setUint16(10, Math.min(entries.length, 0xffff), true)
  e.setUint32(12, directorySize, true)
  e.setUint32(16, offset, true)
  const parts = [...locals, ...centrals, end]
  const zip = new Uint8Array(offset + directorySize + end.byteLength)
  let at = 0
  for (const part of parts) {
    zip.set(part, at)
    at += part.byteLength
  }
  return zip
}

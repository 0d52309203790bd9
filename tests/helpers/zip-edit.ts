import { File as NodeFile } from 'node:buffer'
import { createZip, openZip } from '../../src/archive/zip'

/** A Blob as a named File, as a file input gives it. */
export function fileOf(data: Blob | Uint8Array, name: string): File {
  return new NodeFile([data as unknown as Uint8Array], name) as unknown as File
}

/** The zip's entries, in order, as bytes. */
export async function unzip(blob: Blob): Promise<Map<string, Uint8Array>> {
  const zip = await openZip(blob)
  const files = new Map<string, Uint8Array>()
  for (const entry of zip.entries)
    files.set(entry.name, await zip.readBytes(entry.name, { maxBytes: Infinity }))
  return files
}

/**
 * A new zip made of `files` (name → bytes, in order); files whose name ends in an audio extension
 * are stored, the others deflated, as Verbatim writes them.
 */
export async function zipOf(
  files: ReadonlyMap<string, Uint8Array>,
  { compressAll = false } = {},
): Promise<Blob> {
  const zip = createZip({ lastModified: new Date('2026-12-01T00:00:00Z') })
  for (const [name, bytes] of files)
    await zip.add(name, bytes, {
      compress: compressAll || !/\.(mp3|wav|ogg|m4a|bin)$/.test(name),
    })
  return zip.close()
}

/** Rewrites a zip: `edit` returns new bytes for an entry, or null to leave it out. */
export async function editZip(
  blob: Blob,
  edit: (name: string, bytes: Uint8Array) => Uint8Array | null,
  extra: ReadonlyMap<string, Uint8Array> = new Map(),
  options: { compressAll?: boolean } = {},
): Promise<Blob> {
  const files = new Map<string, Uint8Array>()
  for (const [name, bytes] of await unzip(blob)) {
    const edited = edit(name, bytes)
    if (edited) files.set(name, edited)
  }
  for (const [name, bytes] of extra) files.set(name, bytes)
  return zipOf(files, options)
}

/** Where `needle` first occurs in `haystack`, or -1. */
export function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}

/** The same bytes with the byte at `offset` inverted. */
export function flipByte(bytes: Uint8Array, offset: number): Uint8Array {
  const copy = bytes.slice()
  copy[offset] = (copy[offset] ?? 0) ^ 0xff
  return copy
}

export const bytesOf = async (blob: Blob): Promise<Uint8Array> =>
  new Uint8Array(await blob.arrayBuffer())

export const textBytes = (text: string): Uint8Array => new TextEncoder().encode(text)

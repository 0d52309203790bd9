import {
  BlobReader,
  BlobWriter,
  configure,
  ERR_ENCRYPTED,
  ERR_ENCRYPTED_CENTRAL_DIRECTORY,
  ERR_SPLIT_ZIP_FILE,
  ERR_UNSAFE_FILENAME,
  ERR_UNSUPPORTED_ENCRYPTION,
  Uint8ArrayReader,
  Uint8ArrayWriter,
  ZipReader,
  ZipWriter,
  type Entry,
  type FileEntry,
} from '@zip.js/zip.js/lib/zip-core-native.js'

/*
 * The only module that imports zip.js (`lib/zip-core-native.js`: reader and writer, the browser's
 * CompressionStream with zip.js's own JavaScript inflate/deflate as fallback; no WebAssembly, no
 * eval). Web workers are off: zip.js would start them from `blob:` URLs, which the app's
 * Content-Security-Policy forbids, and the heavy work here (hashing) has its own worker.
 *
 * Memory: entries are read from the Blob by random access (a slice at a time), and the writer
 * streams into a BlobWriter, so a file of several gigabytes is never held twice. A stored
 * (uncompressed) entry can be handed out as a slice of the zip itself, without copying it.
 */
configure({ useWebWorkers: false })

/** The file is not a zip, or its zip structure (or one entry) is damaged; the message says which. */
export class ZipFormatError extends Error {
  override name = 'ZipFormatError'
  constructor(
    message: string,
    /** The entry that could not be read, when the problem is in one entry. */
    readonly entry?: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

/** One file inside a zip, as its central directory describes it. */
export interface ZipEntryInfo {
  readonly name: string
  /** Uncompressed size in bytes. */
  readonly size: number
  readonly directory: boolean
}

/** A zip opened for reading: its entries, and readers for their contents. */
export interface ZipArchive {
  readonly entries: readonly ZipEntryInfo[]
  /** The decompressed bytes of an entry (its CRC-32 is checked); refuses entries over `maxBytes`. */
  readonly readBytes: (
    name: string,
    options: { readonly maxBytes: number; readonly signal?: AbortSignal | undefined },
  ) => Promise<Uint8Array>
  /**
   * An entry's contents as a Blob of the given type. A stored entry is a slice of the zip (no copy,
   * no memory); a compressed one is decompressed into a new Blob.
   */
  readonly readBlob: (
    name: string,
    options: { readonly type: string; readonly signal?: AbortSignal | undefined },
  ) => Promise<Blob>
}

const LOCAL_HEADER_SIGNATURE = 0x04034b50
const LOCAL_HEADER_SIZE = 30
const STORED = 0

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)

function rethrowAbort(error: unknown, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason
  if (error instanceof Error && error.name === 'AbortError') throw error
}

/** Whether the file starts like a zip (a local file header, or the end record of an empty zip). */
async function looksLikeZip(blob: Blob): Promise<boolean> {
  const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer())
  return head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5)
}

/** The name zip.js refused as a path outside the archive (`../x`, `/x`, `C:\\x`), if it did. */
function unsafeName(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.message !== ERR_UNSAFE_FILENAME) return undefined
  const { filename } = error as Error & { filename?: unknown }
  return typeof filename === 'string' ? filename : ''
}

/**
 * Why a zip's table of contents could not be read, as a phrase. Only a missing or damaged table
 * of contents suggests a file cut short; a path outside the archive, encryption or a split zip
 * are said as they are.
 */
function unreadableZip(error: unknown, startsLikeZip: boolean): string {
  const message = messageOf(error)
  const name = unsafeName(error)
  if (name !== undefined)
    return `it holds a file whose path leads outside the archive (“${name}”), which no Verbatim backup or evidence bundle does`
  if (message === ERR_SPLIT_ZIP_FILE)
    return 'it is one part of a zip split into several files; join the parts into one zip first'
  if (
    message === ERR_ENCRYPTED ||
    message === ERR_ENCRYPTED_CENTRAL_DIRECTORY ||
    message === ERR_UNSUPPORTED_ENCRYPTION
  )
    return 'it is encrypted, and Verbatim reads only zip files without a password'
  if (!startsLikeZip) return 'it is not a zip file'
  return `it starts like a zip file but its table of contents is missing or damaged (the file may have been cut short while copying or downloading; ${message})`
}

/**
 * Opens a zip held in a Blob (a File from an input, typically), reading only its central directory.
 * Throws ZipFormatError with a sentence for a file that is not a zip, or one that is cut short or
 * damaged.
 */
export async function openZip(blob: Blob): Promise<ZipArchive> {
  const startsLikeZip = await looksLikeZip(blob)
  let entries: Entry[]
  try {
    entries = await new ZipReader(new BlobReader(blob)).getEntries()
  } catch (error) {
    throw new ZipFormatError(unreadableZip(error, startsLikeZip), unsafeName(error), {
      cause: error,
    })
  }
  const byName = new Map<string, FileEntry>()
  for (const entry of entries) if (!entry.directory) byName.set(entry.filename, entry)

  function fileEntry(name: string): FileEntry {
    const entry = byName.get(name)
    if (!entry) throw new ZipFormatError(`${name} is missing`, name)
    return entry
  }

  /** Where a stored entry's bytes start: after its local header, whose name and extra field may differ in length from the central directory's. */
  async function dataOffset(entry: FileEntry): Promise<number> {
    const header = new DataView(
      await blob.slice(entry.offset, entry.offset + LOCAL_HEADER_SIZE).arrayBuffer(),
    )
    if (
      header.byteLength < LOCAL_HEADER_SIZE ||
      header.getUint32(0, true) !== LOCAL_HEADER_SIGNATURE
    )
      throw new ZipFormatError(
        `${entry.filename} is damaged (its local header is missing)`,
        entry.filename,
      )
    const start =
      entry.offset + LOCAL_HEADER_SIZE + header.getUint16(26, true) + header.getUint16(28, true)
    if (start + entry.compressedSize > blob.size)
      throw new ZipFormatError(
        `${entry.filename} runs past the end of the zip (the file was cut short, or the sizes it lists are wrong)`,
        entry.filename,
      )
    return start
  }

  return {
    entries: entries.map((entry) => ({
      name: entry.filename,
      size: entry.uncompressedSize,
      directory: entry.directory,
    })),

    async readBytes(name, { maxBytes, signal }) {
      const entry = fileEntry(name)
      if (entry.uncompressedSize > maxBytes)
        throw new ZipFormatError(
          `${name} is ${entry.uncompressedSize} bytes, more than the ${maxBytes} such a file may be`,
          name,
        )
      try {
        return await entry.getData(new Uint8ArrayWriter(), {
          checkSignature: true,
          ...(signal ? { signal } : {}),
        })
      } catch (error) {
        rethrowAbort(error, signal)
        throw new ZipFormatError(`${name} is damaged (${messageOf(error)})`, name, {
          cause: error,
        })
      }
    },

    async readBlob(name, { type, signal }) {
      const entry = fileEntry(name)
      if (entry.compressionMethod === STORED && !entry.encrypted) {
        const start = await dataOffset(entry)
        return blob.slice(start, start + entry.compressedSize, type)
      }
      try {
        const data = await entry.getData(new BlobWriter(type), {
          checkSignature: true,
          ...(signal ? { signal } : {}),
        })
        return data
      } catch (error) {
        rethrowAbort(error, signal)
        throw new ZipFormatError(`${name} is damaged (${messageOf(error)})`, name, {
          cause: error,
        })
      }
    },
  }
}

/** Options of one file added by {@link ZipBuilder}. */
export interface AddOptions {
  /** Deflate the file (text); leave false for media, which does not compress and must stay byte for byte. */
  readonly compress: boolean
  /** Called with the bytes of this file read so far. */
  readonly onProgress?: ((bytes: number) => void) | undefined
}

/** Writes a zip, one file at a time, into a Blob. */
export interface ZipBuilder {
  readonly add: (name: string, data: Uint8Array | Blob, options: AddOptions) => Promise<void>
  /** Finishes the zip (writes its central directory) and returns it. */
  readonly close: () => Promise<Blob>
}

/**
 * Collects the zip into a Blob made of Blobs of a few megabytes each, so that what is held as
 * loose chunks stays small: a browser keeps large Blobs in its blob store (on disk if need be),
 * and Node holds each byte once. zip.js's BlobWriter (`new Response(stream).blob()`) peaked at
 * about twice the file's size in Node.
 */
function blobSink(type: string): { writable: WritableStream<Uint8Array>; blob: () => Blob } {
  const parts: Blob[] = []
  let chunks: Uint8Array<ArrayBuffer>[] = []
  let pending = 0
  const flush = () => {
    if (chunks.length > 0) parts.push(new Blob(chunks))
    chunks = []
    pending = 0
  }
  const writable = new WritableStream<Uint8Array>({
    write(chunk) {
      chunks.push(chunk as Uint8Array<ArrayBuffer>)
      pending += chunk.byteLength
      if (pending >= 8 << 20) flush()
    },
    close: flush,
  })
  return { writable, blob: () => new Blob(parts, { type }) }
}

/** Starts a zip whose entries are dated `lastModified`; aborting `signal` stops the file being written. */
export function createZip(options: {
  readonly lastModified: Date
  readonly signal?: AbortSignal | undefined
}): ZipBuilder {
  const sink = blobSink('application/zip')
  const writer = new ZipWriter(sink.writable, {
    lastModDate: options.lastModified,
    // Keeps the order in which files are added: the manifest first, then call by call.
    keepOrder: true,
  })
  return {
    async add(name, data, { compress, onProgress }) {
      options.signal?.throwIfAborted()
      const reader = data instanceof Uint8Array ? new Uint8ArrayReader(data) : new BlobReader(data)
      await writer.add(name, reader, {
        level: compress ? 6 : 0,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(onProgress ? { onprogress: (bytes: number) => onProgress(bytes) } : {}),
      })
    },
    async close() {
      options.signal?.throwIfAborted()
      await writer.close()
      return sink.blob()
    },
  }
}

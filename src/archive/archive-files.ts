import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { NotesImportError } from '../domain/notes-export'
import { LibraryFormatError, restoreProvenance } from '../domain/restore-library'
import { seconds, type Call, type Participant, type Provenance, type Track } from '../domain/types'
import { TranscriptParseError } from '../formats/types'
import { parseVerbatimJson, serializeVerbatimJson } from '../formats/verbatim-json'
import { hashBlob } from '../workers/hash-client'
import type { ZipArchive } from './zip'

/*
 * What the backup and the evidence bundle share: files listed with their size and SHA-256, and
 * checked against that list as they are read; a call as `call.json`; tracks as Verbatim JSON with
 * the few facts that format does not hold (ids, credit, source track) kept beside it.
 */

/** A file in an archive: where it is, how many bytes, and the SHA-256 of those bytes. */
export interface FileRecord {
  readonly path: string
  readonly size: number
  /** 64 lowercase hex digits. */
  readonly sha256: string
}

/** Something wrong inside an archive; `entry` names the file, and the message reads after the archive's name. */
export class ArchiveProblem extends Error {
  override name = 'ArchiveProblem'
  constructor(
    message: string,
    readonly entry?: string,
  ) {
    super(message)
  }
}

/** A JSON value that is not what a schema wants; the message starts with its path (`$.calls[0].id`). */
export class SchemaProblem extends Error {
  override name = 'SchemaProblem'
}

/** The largest JSON file read from an archive: a 3-hour transcript with word times is about 10 MB. */
export const MAX_JSON_BYTES = 64 * 1024 * 1024

const encoder = new TextEncoder()

export const utf8 = (text: string): Uint8Array => encoder.encode(text)

export const sha256Hex = (bytes: Uint8Array): string => bytesToHex(sha256(bytes))

/** The record of a file made of these bytes. */
export const recordOf = (path: string, bytes: Uint8Array): FileRecord => ({
  path,
  size: bytes.byteLength,
  sha256: sha256Hex(bytes),
})

/** JSON as a file: two-space indents and a final newline, so that it reads and diffs well. */
export const jsonBytes = (value: unknown): Uint8Array => utf8(`${JSON.stringify(value, null, 2)}\n`)

// ---------------------------------------------------------------------------------------------
// Reading JSON against a schema

export type Json = Record<string, unknown>

function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 40 ? `${text.slice(0, 37)}…` : text
}

export function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SchemaProblem(`${path} must be an object, not ${describe(value)}`)
  return value as Json
}

export function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value))
    throw new SchemaProblem(`${path} must be a list, not ${describe(value)}`)
  return value
}

export function text(value: unknown, path: string): string {
  if (typeof value !== 'string')
    throw new SchemaProblem(`${path} must be text, not ${describe(value)}`)
  return value
}

export function optionalText(value: unknown, path: string): string | undefined {
  return value === undefined ? undefined : text(value, path)
}

/** A finite number, at least 0. */
export function amount(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new SchemaProblem(`${path} must be a number, 0 or more, not ${describe(value)}`)
  return value
}

export function byteCount(value: unknown, path: string): number {
  const n = amount(value, path)
  if (!Number.isSafeInteger(n))
    throw new SchemaProblem(`${path} must be a whole number of bytes, not ${describe(value)}`)
  return n
}

export function sha256Text(value: unknown, path: string): string {
  const hex = text(value, path)
  if (!/^[0-9a-fA-F]{64}$/.test(hex))
    throw new SchemaProblem(`${path} must be a SHA-256 of 64 hex digits, not ${describe(value)}`)
  return hex.toLowerCase()
}

/** A path inside the archive: relative, forward slashes, no `.` or `..` parts. */
export function archivePath(value: unknown, path: string): string {
  const name = text(value, path)
  const parts = name.split('/')
  if (name === '' || parts.some((part) => part === '' || part === '.' || part === '..'))
    throw new SchemaProblem(
      `${path} must be a relative path inside the archive, not ${describe(value)}`,
    )
  return name
}

export function fileRecord(value: unknown, path: string): FileRecord {
  const record = object(value, path)
  return {
    path: archivePath(record.path, `${path}.path`),
    size: byteCount(record.size, `${path}.size`),
    sha256: sha256Text(record.sha256, `${path}.sha256`),
  }
}

/** The same object type with every property that may be undefined made optional instead. */
type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>
}

/** Omits undefined values, as `exactOptionalPropertyTypes` wants of optional fields. */
export function defined<T extends object>(value: T): Defined<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Defined<T>
}

/** Decodes UTF-8 strictly: bytes that are not UTF-8 are a SchemaProblem, not replacement characters. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new SchemaProblem('$ is not UTF-8 text')
  }
}

/** Parses UTF-8 JSON; a syntax error is a SchemaProblem. */
export function parseJson(bytes: Uint8Array): unknown {
  const source = decodeText(bytes)
  try {
    return JSON.parse(source.replace(/^\uFEFF/, '')) as unknown
  } catch (error) {
    throw new SchemaProblem(
      `$ is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    )
  }
}

/**
 * Runs a reader of one archive file; a schema problem (ours or one of the format readers') becomes
 * an ArchiveProblem naming the file.
 */
export function readEntry<T>(entry: string, read: () => T): T {
  try {
    return read()
  } catch (error) {
    if (
      error instanceof SchemaProblem ||
      error instanceof TranscriptParseError ||
      error instanceof NotesImportError
    )
      throw new ArchiveProblem(`${entry} is not valid: ${error.message.replace(/\.$/, '')}`, entry)
    throw error
  }
}

// ---------------------------------------------------------------------------------------------
// Listing and checked reads

/**
 * Checks that the archive holds exactly the listed files (besides `manifest`), each once and of
 * the listed size, before anything is read. Directory entries (some zip tools add them) are ignored.
 */
export function checkListing(
  zip: ZipArchive,
  records: readonly FileRecord[],
  manifest: string,
): void {
  const listed = new Map<string, FileRecord>()
  for (const record of records) {
    if (listed.has(record.path) || record.path === manifest)
      throw new ArchiveProblem(`the manifest lists ${record.path} twice`, record.path)
    listed.set(record.path, record)
  }
  const seen = new Set<string>()
  for (const entry of zip.entries) {
    if (entry.directory) continue
    if (seen.has(entry.name))
      throw new ArchiveProblem(
        `${entry.name} appears twice in the zip, so it is not the file that was made`,
        entry.name,
      )
    seen.add(entry.name)
    if (entry.name === manifest) continue
    const record = listed.get(entry.name)
    if (!record)
      throw new ArchiveProblem(
        `${entry.name} is in the zip but not listed in its manifest, so files were added after it was made`,
        entry.name,
      )
    if (record.size !== entry.size)
      throw new ArchiveProblem(
        `${entry.name} is ${entry.size} bytes but the manifest says ${record.size}, so it was changed after the archive was made`,
        entry.name,
      )
  }
  for (const record of records)
    if (!seen.has(record.path))
      throw new ArchiveProblem(
        `${record.path} is listed in the manifest but missing from the zip`,
        record.path,
      )
}

function mismatch(record: FileRecord): ArchiveProblem {
  return new ArchiveProblem(
    `${record.path} does not match the SHA-256 in the manifest: it was damaged or changed after the archive was made`,
    record.path,
  )
}

/** Reads a small file and checks its size and SHA-256 against its record. */
export async function readChecked(
  zip: ZipArchive,
  record: FileRecord,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const bytes = await zip.readBytes(record.path, { maxBytes: MAX_JSON_BYTES, signal })
  if (bytes.byteLength !== record.size || sha256Hex(bytes) !== record.sha256) throw mismatch(record)
  return bytes
}

/**
 * Reads a (large) file as a Blob and checks its size and SHA-256 against its record, hashing it a
 * slice at a time (in a worker, in the browser); `onProgress` gets the bytes checked so far.
 */
export async function readCheckedBlob(
  zip: ZipArchive,
  record: FileRecord,
  options: {
    readonly type: string
    readonly signal?: AbortSignal | undefined
    readonly onProgress?: ((bytes: number) => void) | undefined
  },
): Promise<Blob> {
  const blob = await zip.readBlob(record.path, { type: options.type, signal: options.signal })
  if (blob.size !== record.size) throw mismatch(record)
  const { onProgress } = options
  const digest = await hashBlob(blob, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(onProgress ? { onProgress: (fraction: number) => onProgress(fraction * blob.size) } : {}),
  })
  if (digest !== record.sha256) throw mismatch(record)
  return blob
}

// ---------------------------------------------------------------------------------------------
// Names

/** The name a Blob was picked as, when it is a File; empty otherwise. */
export function fileNameOf(file: Blob): string {
  const name = (file as Partial<File>).name
  return typeof name === 'string' ? name : ''
}

/** A call id or track id made safe as one part of a path; the real id is kept in the files. */
export function pathSegment(name: string): string {
  const safe = name
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 80)
  return safe === '' ? '_' : safe
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/aac': 'aac',
  'audio/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/webm': 'webm',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/vnd.wave': 'wav',
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
}

/** The extension an audio file is given: that of its original name, or one for its type. */
export function audioExtension(call: Pick<Call, 'audio' | 'provenance'>): string {
  const name = call.provenance.originalFile?.name ?? call.audio.url ?? ''
  const fromName = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]
  return (
    fromName ??
    EXTENSIONS[call.audio.mimeType.split(';')[0]?.trim() ?? ''] ??
    'bin'
  ).toLowerCase()
}

/** A file name made safe to unpack anywhere: no folders, no characters Windows refuses. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const safe = base
    .replace(/[<>:"|?*\p{Cc}]+/gu, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(-120)
  return safe
}

// ---------------------------------------------------------------------------------------------
// The call, its tracks, its peaks

/** A call as stored without its tracks (what `call.json` holds). */
export type CallFile = Omit<Call, 'tracks'>

/** `call.json`: the call's own fields, everything but its tracks. */
export function callFileBytes(
  call: CallFile & { readonly tracks?: unknown; readonly deletedAt?: unknown },
): Uint8Array {
  const { tracks: _tracks, deletedAt: _deleted, ...fields } = call
  return jsonBytes(fields)
}

function readParticipant(value: unknown, path: string): Participant {
  const person = object(value, path)
  return defined({
    name: text(person.name, `${path}.name`),
    role: optionalText(person.role, `${path}.role`),
  })
}

/** Checks a call's provenance with the library's own reader (`restoreProvenance`). */
export function readProvenance(value: unknown, path: string): Provenance {
  try {
    return restoreProvenance(value, path)
  } catch (error) {
    if (error instanceof LibraryFormatError) throw new SchemaProblem(error.message)
    throw error
  }
}

/** Reads `call.json`, checking every field the app relies on. */
export function readCallFile(value: unknown): CallFile {
  const call = object(value, '$')
  const audio = object(call.audio, '$.audio')
  const origin = call.origin
  if (origin !== 'imported' && origin !== 'sample')
    throw new SchemaProblem(`$.origin must be "imported" or "sample", not ${describe(origin)}`)
  const provenance = readProvenance(call.provenance, '$.provenance')
  const id = text(call.id, '$.id')
  if (id.trim() === '') throw new SchemaProblem('$.id must not be empty')
  return {
    ...defined({ peaksUrl: optionalText(call.peaksUrl, '$.peaksUrl') }),
    id,
    origin,
    title: text(call.title, '$.title'),
    recorded: text(call.recorded, '$.recorded'),
    participants: array(call.participants, '$.participants').map((p, i) =>
      readParticipant(p, `$.participants[${i}]`),
    ),
    description: text(call.description, '$.description'),
    duration: seconds(amount(call.duration, '$.duration')),
    audio: defined({
      url: optionalText(audio.url, '$.audio.url'),
      mimeType: text(audio.mimeType, '$.audio.mimeType'),
      size: byteCount(audio.size, '$.audio.size'),
      sha256: sha256Text(audio.sha256, '$.audio.sha256'),
    }),
    provenance,
  }
}

/** What Verbatim JSON does not hold of a track, kept in the manifest beside the file. */
export interface TrackFacts {
  readonly id: string
  readonly translatedFrom?: string
  readonly credit?: string
  /** The segments' ids in order (Verbatim JSON numbers segments afresh when read). */
  readonly segmentIds: readonly string[]
}

export function trackFacts(track: Track): TrackFacts {
  return defined({
    id: track.id,
    translatedFrom: track.translatedFrom,
    credit: track.credit,
    segmentIds: track.segments.map((segment) => segment.id),
  })
}

/** Reads the facts of a track recorded in a manifest at `path`. */
export function readTrackFacts(value: Json, path: string): TrackFacts {
  return defined({
    id: text(value.id, `${path}.id`),
    translatedFrom: optionalText(value.translatedFrom, `${path}.translatedFrom`),
    credit: optionalText(value.credit, `${path}.credit`),
    segmentIds: array(value.segmentIds, `${path}.segmentIds`).map((id, i) =>
      text(id, `${path}.segmentIds[${i}]`),
    ),
  })
}

/** A track as Verbatim JSON (its label, language and kind included). */
export const trackFileBytes = (track: Track): Uint8Array => utf8(serializeVerbatimJson(track))

/** A track read back from its Verbatim JSON and the facts kept beside it. */
export function readTrackFile(bytes: Uint8Array, facts: TrackFacts): Track {
  const parsed = parseVerbatimJson(decodeText(bytes))
  if (parsed.language === undefined) {
    // The parser ignores a language that is not a tag; an archive's track must have one.
    const refused = parsed.warnings.some((w) => w.message.startsWith('$.language'))
    throw new SchemaProblem(
      refused ? '$.language is not a language tag (BCP 47)' : '$.language is missing',
    )
  }
  if (parsed.segments.length !== facts.segmentIds.length)
    throw new SchemaProblem(
      `$.segments holds ${parsed.segments.length} segments but the manifest names ${facts.segmentIds.length}`,
    )
  return {
    id: facts.id,
    language: parsed.language,
    kind: parsed.kind ?? 'original',
    label: parsed.title ?? '',
    ...defined({ translatedFrom: facts.translatedFrom, credit: facts.credit }),
    segments: parsed.segments.map((segment, i) => ({ ...segment, id: facts.segmentIds[i] ?? '' })),
  }
}

/** Peaks as raw little-endian 32-bit floats, whatever the machine's byte order. */
export function peaksToBytes(peaks: Float32Array): Uint8Array {
  const bytes = new Uint8Array(peaks.length * 4)
  const view = new DataView(bytes.buffer)
  for (let i = 0; i < peaks.length; i++) view.setFloat32(i * 4, peaks[i] ?? 0, true)
  return bytes
}

/** Reads raw little-endian 32-bit floats. */
export function peaksFromBytes(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0)
    throw new SchemaProblem(`$ is ${bytes.byteLength} bytes, not a whole number of 4-byte floats`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const peaks = new Float32Array(bytes.byteLength / 4)
  for (let i = 0; i < peaks.length; i++) peaks[i] = view.getFloat32(i * 4, true)
  return peaks
}

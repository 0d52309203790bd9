import type { Note } from '../domain/notes'
import {
  callLookup,
  notesToJson,
  notesToWebAnnotation,
  parseNotesJson,
} from '../domain/notes-export'
import { trackRevision } from '../domain/citation'
import { isLanguageTag } from '../domain/language'
import { joinSentences } from '../domain/sentences'
import type { Call, Provenance } from '../domain/types'
import { exportWebVtt } from '../formats/export'
import {
  ArchiveProblem,
  archivePath,
  array,
  audioExtension,
  callFileBytes,
  checkListing,
  decodeText,
  fileNameOf,
  fileRecord,
  jsonBytes,
  MAX_JSON_BYTES,
  object,
  parseJson,
  pathSegment,
  readCallFile,
  readChecked,
  readCheckedBlob,
  readEntry,
  readProvenance,
  readTrackFacts,
  readTrackFile,
  recordOf,
  safeFileName,
  SchemaProblem,
  sha256Text,
  text,
  trackFacts,
  trackFileBytes,
  utf8,
  type FileRecord,
  type TrackFacts,
} from './archive-files'
import { citationSheetHtml } from './citation-sheet'
import { createZip, openZip, ZipFormatError } from './zip'

/*
 * The evidence bundle of one call (docs/evidence-bundle.md): a zip that someone else can check
 * without Verbatim. The original audio byte for byte, every track as Verbatim JSON and WebVTT,
 * the notes (Verbatim notes JSON, lossless, and W3C Web Annotation), `call.json`, a citation
 * sheet in HTML, and `manifest.json` listing every other file with its SHA-256.
 */

export const BUNDLE_FORMAT = 'verbatim-evidence-bundle'
export const BUNDLE_VERSION = 1
export const BUNDLE_MANIFEST = 'manifest.json'
const CALL_FILE = 'call.json'
const NOTES_FILE = 'notes.json'
const ANNOTATIONS_FILE = 'notes.annotations.json'
const SHEET_FILE = 'citation-sheet.html'

/** A bundle that cannot be trusted or read; the message names the file and what does not match. */
export class EvidenceBundleError extends Error {
  override name = 'EvidenceBundleError'
  constructor(
    readonly fileName: string,
    readonly problem: string,
    /** The file inside the zip that is wrong, missing or extra, when one is. */
    readonly entry?: string,
  ) {
    super(
      joinSentences(
        `${fileName === '' ? 'The evidence bundle' : `“${fileName}”`} cannot be used as an evidence bundle: ${problem}`,
        'Nothing was imported.',
      ),
    )
  }
}

/** A track in the manifest: its two files, its revision, and what Verbatim JSON does not hold. */
export type BundleTrackEntry = TrackFacts & {
  readonly label: string
  readonly language: string
  readonly kind: string
  /** `trackRevision`, as citations give it. */
  readonly revision: string
  readonly verbatimJson: string
  readonly webVtt: string
}

/** `manifest.json`. */
export interface BundleManifest {
  readonly format: typeof BUNDLE_FORMAT
  readonly version: typeof BUNDLE_VERSION
  readonly createdAt: string
  readonly call: {
    readonly id: string
    readonly title: string
    readonly recorded: string
    readonly audioSha256: string
    readonly provenance: Provenance
  }
  readonly audio: { readonly path: string; readonly mimeType: string }
  readonly tracks: readonly BundleTrackEntry[]
  readonly notes: number
  /** Every file of the bundle but this manifest. */
  readonly files: readonly FileRecord[]
}

/** What {@link createEvidenceBundle} needs besides the call. */
export interface EvidenceBundleOptions {
  /** The call's audio file, as stored. */
  readonly audio: Blob
  /** The call's notes. */
  readonly notes: readonly Note[]
  /** The app's address, for links in citations (`location.origin + location.pathname`). */
  readonly appOrigin?: string
  /** The bundle's time stamp; now, by default. */
  readonly now?: Date
  readonly signal?: AbortSignal
}

/**
 * Makes the evidence bundle of one call. The audio is stored as it is (not recompressed) and
 * streamed from its Blob; its SHA-256 is the one recorded at import, which `readEvidenceBundle`
 * checks against the bytes.
 */
export async function createEvidenceBundle(
  call: Call,
  { audio, notes, appOrigin = '', now = new Date(), signal }: EvidenceBundleOptions,
): Promise<Blob> {
  const stranger = notes.find((note) => note.callId !== call.id)
  if (stranger)
    throw new Error(`Note ${stranger.id} belongs to call ${stranger.callId}, not to ${call.id}.`)
  const createdAt = now.toISOString()
  const sha = call.audio.sha256.toLowerCase()
  const files: { record: FileRecord; data: Uint8Array | Blob; compress: boolean }[] = []
  const add = (path: string, bytes: Uint8Array) => {
    files.push({ record: recordOf(path, bytes), data: bytes, compress: true })
    return path
  }

  const original = call.provenance.originalFile?.name
  const audioName =
    (original !== undefined ? safeFileName(original) : '') || `audio.${audioExtension(call)}`
  const audioPath = `audio/${audioName}`
  files.push({
    record: { path: audioPath, size: audio.size, sha256: sha },
    data: audio,
    compress: false,
  })
  const tracks: BundleTrackEntry[] = call.tracks.map((track, i) => {
    const stem = `tracks/${i + 1}-${pathSegment(track.id)}`
    return {
      ...trackFacts(track),
      label: track.label,
      language: track.language,
      kind: track.kind,
      revision: trackRevision(track),
      verbatimJson: add(`${stem}.verbatim.json`, trackFileBytes(track)),
      webVtt: add(`${stem}.vtt`, utf8(exportWebVtt(track.segments))),
    }
  })
  add(CALL_FILE, callFileBytes(call))
  const lookup = callLookup([call])
  add(NOTES_FILE, utf8(notesToJson(notes, lookup, { exportedAt: createdAt })))
  add(ANNOTATIONS_FILE, utf8(notesToWebAnnotation(notes, lookup, appOrigin)))
  const sheet = citationSheetHtml({
    call,
    notes,
    files: files.map((f) => f.record),
    createdAt,
    appOrigin,
  })
  add(SHEET_FILE, utf8(sheet))

  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdAt,
    call: {
      id: call.id,
      title: call.title,
      recorded: call.recorded,
      audioSha256: sha,
      provenance: call.provenance,
    },
    audio: { path: audioPath, mimeType: call.audio.mimeType },
    tracks,
    notes: notes.length,
    files: files.map((f) => f.record),
  }
  const zip = createZip({ lastModified: now, signal })
  await zip.add(BUNDLE_MANIFEST, jsonBytes(manifest), { compress: true })
  for (const file of files) await zip.add(file.record.path, file.data, { compress: file.compress })
  return zip.close()
}

/** A track's language in the manifest: a BCP 47 tag, or empty (an older Verbatim wrote that for a cleared field). */
function languageTag(value: unknown, where: string): string {
  const tag = text(value, where)
  if (tag !== '' && !isLanguageTag(tag))
    throw new SchemaProblem(`${where} is not a language tag (BCP 47)`)
  return tag
}

function readManifest(value: unknown): BundleManifest {
  const root = object(value, '$')
  const call = object(root.call, '$.call')
  const audio = object(root.audio, '$.audio')
  const files = array(root.files, '$.files').map((f, i) => fileRecord(f, `$.files[${i}]`))
  const listed = new Set(files.map((f) => f.path))
  const inFiles = (path: string, where: string) => {
    if (!listed.has(path))
      throw new SchemaProblem(`${where} names ${path}, which $.files does not list`)
    return path
  }
  for (const name of [CALL_FILE, NOTES_FILE]) inFiles(name, '$')
  const tracks = array(root.tracks, '$.tracks').map((t, i): BundleTrackEntry => {
    const where = `$.tracks[${i}]`
    const track = object(t, where)
    return {
      ...readTrackFacts(track, where),
      label: text(track.label, `${where}.label`),
      language: languageTag(track.language, `${where}.language`),
      kind: text(track.kind, `${where}.kind`),
      revision: text(track.revision, `${where}.revision`),
      verbatimJson: inFiles(
        archivePath(track.verbatimJson, `${where}.verbatimJson`),
        `${where}.verbatimJson`,
      ),
      webVtt: inFiles(archivePath(track.webVtt, `${where}.webVtt`), `${where}.webVtt`),
    }
  })
  const notes = root.notes
  if (typeof notes !== 'number' || !Number.isSafeInteger(notes) || notes < 0)
    throw new SchemaProblem('$.notes must be the number of notes')
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdAt: text(root.createdAt, '$.createdAt'),
    call: {
      id: text(call.id, '$.call.id'),
      title: text(call.title, '$.call.title'),
      recorded: text(call.recorded, '$.call.recorded'),
      audioSha256: sha256Text(call.audioSha256, '$.call.audioSha256'),
      provenance: readProvenance(call.provenance, '$.call.provenance'),
    },
    audio: {
      path: inFiles(archivePath(audio.path, '$.audio.path'), '$.audio.path'),
      mimeType: text(audio.mimeType, '$.audio.mimeType'),
    },
    tracks,
    notes,
    files,
  }
}

/** A bundle read back, every file checked. */
export interface EvidenceBundleContents {
  /** The call with its tracks, as it was when the bundle was made. */
  readonly call: Call
  /** The audio, byte for byte, its SHA-256 checked. */
  readonly audio: Blob
  readonly notes: readonly Note[]
  readonly manifest: BundleManifest
}

/**
 * Reads an evidence bundle, trusting nothing: the zip must hold exactly the files its manifest
 * lists, each of the listed size and SHA-256, and the audio's hash must be the call's. Anything
 * else (a damaged or foreign zip, a changed, missing or extra file) is an EvidenceBundleError
 * naming the file.
 */
export async function readEvidenceBundle(
  file: Blob,
  options: {
    readonly signal?: AbortSignal
    /** Called with the fraction checked, 0..1. */
    readonly onProgress?: (fraction: number) => void
  } = {},
): Promise<EvidenceBundleContents> {
  const fileName = fileNameOf(file)
  const { signal, onProgress } = options
  try {
    const zip = await openZip(file)
    if (!zip.entries.some((entry) => entry.name === BUNDLE_MANIFEST))
      throw new ArchiveProblem(
        `it is a zip file but not a Verbatim evidence bundle (it holds no ${BUNDLE_MANIFEST})`,
      )
    const manifestBytes = await zip.readBytes(BUNDLE_MANIFEST, { maxBytes: MAX_JSON_BYTES, signal })
    const root = readEntry(BUNDLE_MANIFEST, () => object(parseJson(manifestBytes), '$'))
    if (root.format !== BUNDLE_FORMAT)
      throw new ArchiveProblem(
        `it is not a Verbatim evidence bundle (its ${BUNDLE_MANIFEST} says the format is ${JSON.stringify(root.format)})`,
        BUNDLE_MANIFEST,
      )
    if (root.version !== BUNDLE_VERSION)
      throw new ArchiveProblem(
        typeof root.version === 'number' && root.version > BUNDLE_VERSION
          ? `it is a bundle of version ${root.version}, made by a newer Verbatim; this one reads version ${BUNDLE_VERSION}`
          : `it is a bundle of version ${JSON.stringify(root.version)}, which this Verbatim does not read`,
        BUNDLE_MANIFEST,
      )
    const manifest = readEntry(BUNDLE_MANIFEST, () => readManifest(root))
    checkListing(zip, manifest.files, BUNDLE_MANIFEST)

    // Every file is read and checked, the ones Verbatim does not use too: the bundle is evidence.
    const total = manifest.files.reduce((sum, f) => sum + f.size, 0)
    let checked = 0
    const bytes = new Map<string, Uint8Array>()
    let audio: Blob | undefined
    for (const record of manifest.files) {
      if (record.path === manifest.audio.path) {
        const before = checked
        audio = await readCheckedBlob(zip, record, {
          type: manifest.audio.mimeType,
          signal,
          onProgress: (n) => onProgress?.(total === 0 ? 1 : (before + n) / total),
        })
      } else {
        bytes.set(record.path, await readChecked(zip, record, signal))
      }
      checked += record.size
      onProgress?.(total === 0 ? 1 : checked / total)
    }
    const audioRecord = manifest.files.find((f) => f.path === manifest.audio.path)
    if (!audio || audioRecord?.sha256 !== manifest.call.audioSha256)
      throw new ArchiveProblem(
        `${manifest.audio.path} is not the call's audio: its SHA-256 is not the one the manifest gives the call`,
        manifest.audio.path,
      )
    const contentOf = (path: string) => bytes.get(path) ?? new Uint8Array()

    const callFile = readEntry(CALL_FILE, () => readCallFile(parseJson(contentOf(CALL_FILE))))
    if (callFile.id !== manifest.call.id || callFile.audio.sha256 !== manifest.call.audioSha256)
      throw new ArchiveProblem(`${CALL_FILE} describes another call than the manifest`, CALL_FILE)
    const tracks = manifest.tracks.map((track) =>
      readEntry(track.verbatimJson, () => readTrackFile(contentOf(track.verbatimJson), track)),
    )
    const notes = readEntry(
      NOTES_FILE,
      () => parseNotesJson(decodeText(contentOf(NOTES_FILE))).notes,
    )
    const stranger = notes.find(
      (note) => note.callId !== callFile.id || note.audioSha256 !== callFile.audio.sha256,
    )
    if (stranger)
      throw new ArchiveProblem(
        `${NOTES_FILE} holds a note on another call (${stranger.id})`,
        NOTES_FILE,
      )
    return { call: { ...callFile, tracks }, audio, notes, manifest }
  } catch (error) {
    if (error instanceof ArchiveProblem || error instanceof ZipFormatError)
      throw new EvidenceBundleError(fileName, error.message, error.entry)
    throw error
  }
}

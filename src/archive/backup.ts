import type { Note } from '../domain/notes'
import { callLookup, notesToJson, parseNotesJson } from '../domain/notes-export'
import { joinSentences } from '../domain/sentences'
import type { Call } from '../domain/types'
import {
  amount,
  ArchiveProblem,
  archivePath,
  array,
  byteCount,
  callFileBytes,
  checkListing,
  defined,
  fileNameOf,
  fileRecord,
  jsonBytes,
  MAX_JSON_BYTES,
  object,
  optionalText,
  parseJson,
  decodeText,
  pathSegment,
  peaksFromBytes,
  peaksToBytes,
  readCallFile,
  readChecked,
  readCheckedBlob,
  readEntry,
  readTrackFacts,
  readTrackFile,
  recordOf,
  SchemaProblem,
  utf8,
  sha256Text,
  text,
  trackFacts,
  trackFileBytes,
  audioExtension,
  type FileRecord,
  type TrackFacts,
} from './archive-files'
import { createZip, openZip, ZipFormatError, type ZipArchive } from './zip'

/*
 * The whole-library backup: one zip file (schema in docs/backup-format.md). This module knows the
 * format and checks it; src/db/backup-repository.ts reads and writes the database.
 */

export const BACKUP_FORMAT = 'verbatim-backup'
export const BACKUP_VERSION = 1
/** The manifest's name; it is the first file in the zip. */
export const BACKUP_MANIFEST = 'verbatim-backup.json'
const NOTES_FILE = 'notes.json'
const SETTINGS_FILE = 'settings.json'
const SETTINGS_FORMAT = 'verbatim-settings'

/** A backup that cannot be restored; the message names the file and what is wrong with it. */
export class BackupFormatError extends Error {
  override name = 'BackupFormatError'
  constructor(
    /** The backup file's name, when it has one. */
    readonly fileName: string,
    /** What is wrong, as a phrase that follows the file's name. */
    readonly problem: string,
    /** The file inside the zip that is wrong, when one is. */
    readonly entry?: string,
  ) {
    super(
      joinSentences(
        `${fileName === '' ? 'The backup file' : `“${fileName}”`} cannot be restored: ${problem}`,
        'The library was not changed.',
      ),
    )
  }
}

/** A track in the manifest: its file, and what Verbatim JSON does not hold. */
export type BackupTrackEntry = TrackFacts & { readonly path: string }

/** One call in the manifest. */
export interface BackupCallEntry {
  readonly id: string
  readonly title: string
  readonly audioSha256: string
  /** `calls/<id>/call.json`. */
  readonly call: string
  /** In the call's order. */
  readonly tracks: readonly BackupTrackEntry[]
  readonly peaks?: {
    readonly path: string
    readonly binsPerSecond: number
    readonly duration: number
  }
  /** The audio file, when the backup was made with audio. */
  readonly audio?: string
  /** Every file of this call, with its size and SHA-256. */
  readonly files: readonly FileRecord[]
}

/** `verbatim-backup.json`. */
export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT
  readonly version: typeof BACKUP_VERSION
  readonly createdAt: string
  readonly app: { readonly name: string; readonly version?: string }
  readonly includesAudio: boolean
  readonly counts: {
    readonly calls: number
    readonly tracks: number
    readonly audioFiles: number
    readonly notes: number
    readonly settings: number
  }
  readonly calls: readonly BackupCallEntry[]
  /** `notes.json` and `settings.json`. */
  readonly files: readonly FileRecord[]
}

/** A user preference as stored. */
export interface BackupSetting {
  readonly key: string
  readonly value: unknown
}

/** Waveform peaks as stored with a call. */
export interface BackupPeaks {
  readonly binsPerSecond: number
  readonly duration: number
  readonly peaks: Float32Array
}

/** One call to back up: the call with its tracks, its peaks, and its audio when it goes in. */
export interface BackupCall {
  readonly call: Call
  readonly peaks?: BackupPeaks | undefined
  readonly audio?: Blob | undefined
}

/** Everything a backup holds. */
export interface BackupSource {
  readonly calls: readonly BackupCall[]
  /** Every note, orphans included. */
  readonly notes: readonly Note[]
  readonly settings: readonly BackupSetting[]
}

/** Options of {@link writeBackup}. */
export interface WriteBackupOptions {
  readonly createdAt: Date
  readonly appVersion?: string | undefined
  /** Called with the fraction written, 0..1. */
  readonly onProgress?: ((fraction: number) => void) | undefined
  readonly signal?: AbortSignal | undefined
}

interface PlannedFile {
  readonly record: FileRecord
  readonly data: Uint8Array | Blob
  readonly compress: boolean
}

/**
 * Writes a backup zip: the manifest first, then call by call its `call.json`, tracks, peaks and
 * audio, then `notes.json` and `settings.json`. Audio is stored uncompressed and handed to the
 * zip writer as a Blob, so it is streamed, never loaded whole. The audio's SHA-256 is the one
 * computed when it was imported (hashing a large library again would take minutes); restoring
 * checks it against the bytes.
 */
export async function writeBackup(
  source: BackupSource,
  options: WriteBackupOptions,
): Promise<Blob> {
  const planned: PlannedFile[] = []
  const usedFolders = new Set<string>()
  const calls: BackupCallEntry[] = []
  let trackCount = 0
  let audioCount = 0

  for (const { call, peaks, audio } of source.calls) {
    let folder = `calls/${pathSegment(call.id)}`
    for (let n = 2; usedFolders.has(folder); n++) folder = `calls/${pathSegment(call.id)}-${n}`
    usedFolders.add(folder)
    const files: PlannedFile[] = []
    const add = (path: string, data: Uint8Array, compress = true) => {
      files.push({ record: recordOf(path, data), data, compress })
      return path
    }
    const callPath = add(`${folder}/call.json`, callFileBytes(call))
    const tracks = call.tracks.map((track, i) => ({
      ...trackFacts(track),
      path: add(
        `${folder}/tracks/${i + 1}-${pathSegment(track.id)}.verbatim.json`,
        trackFileBytes(track),
      ),
    }))
    const peaksEntry = peaks && {
      path: add(`${folder}/peaks.f32`, peaksToBytes(peaks.peaks)),
      binsPerSecond: peaks.binsPerSecond,
      duration: peaks.duration,
    }
    let audioPath: string | undefined
    if (audio) {
      audioPath = `${folder}/audio.${audioExtension(call)}`
      files.push({
        record: { path: audioPath, size: audio.size, sha256: call.audio.sha256.toLowerCase() },
        data: audio,
        compress: false,
      })
      audioCount++
    }
    trackCount += tracks.length
    planned.push(...files)
    calls.push({
      id: call.id,
      title: call.title,
      audioSha256: call.audio.sha256.toLowerCase(),
      call: callPath,
      tracks,
      ...(peaksEntry ? { peaks: peaksEntry } : {}),
      ...(audioPath !== undefined ? { audio: audioPath } : {}),
      files: files.map((file) => file.record),
    })
  }

  const createdAt = options.createdAt.toISOString()
  const notesBytes = utf8(
    notesToJson(source.notes, callLookup(source.calls.map((c) => c.call)), {
      exportedAt: createdAt,
    }),
  )
  const settingsBytes = jsonBytes({
    format: SETTINGS_FORMAT,
    version: 1,
    settings: source.settings.map(({ key, value }) => ({ key, value })),
  })
  const shared: PlannedFile[] = [
    { record: recordOf(NOTES_FILE, notesBytes), data: notesBytes, compress: true },
    { record: recordOf(SETTINGS_FILE, settingsBytes), data: settingsBytes, compress: true },
  ]
  planned.push(...shared)

  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt,
    app: { name: 'Verbatim', ...(options.appVersion ? { version: options.appVersion } : {}) },
    includesAudio: source.calls.some((c) => c.audio !== undefined),
    counts: {
      calls: calls.length,
      tracks: trackCount,
      audioFiles: audioCount,
      notes: source.notes.length,
      settings: source.settings.length,
    },
    calls,
    files: shared.map((file) => file.record),
  }

  const zip = createZip({ lastModified: options.createdAt, signal: options.signal })
  const total = planned.reduce((sum, file) => sum + file.record.size, 0)
  let done = 0
  const report = (bytes: number) => options.onProgress?.(total === 0 ? 1 : bytes / total)
  await zip.add(BACKUP_MANIFEST, jsonBytes(manifest), { compress: true })
  for (const file of planned) {
    const before = done
    await zip.add(file.record.path, file.data, {
      compress: file.compress,
      onProgress: (bytes) => report(before + bytes),
    })
    done += file.record.size
    report(done)
  }
  const blob = await zip.close()
  options.onProgress?.(1)
  return blob
}

// ---------------------------------------------------------------------------------------------
// Reading

function readManifest(value: unknown): BackupManifest {
  const root = object(value, '$')
  if (root.format !== BACKUP_FORMAT)
    throw new SchemaProblem(
      `$.format must be "${BACKUP_FORMAT}", not ${JSON.stringify(root.format)}`,
    )
  const app = object(root.app, '$.app')
  const counts = object(root.counts, '$.counts')
  const count = (key: string) => byteCount(counts[key], `$.counts.${key}`)
  const calls = array(root.calls, '$.calls').map((value, i): BackupCallEntry => {
    const path = `$.calls[${i}]`
    const call = object(value, path)
    const files = array(call.files, `${path}.files`).map((f, j) =>
      fileRecord(f, `${path}.files[${j}]`),
    )
    const listed = new Map(files.map((file) => [file.path, file]))
    const inFiles = (file: string, where: string) => {
      if (!listed.has(file))
        throw new SchemaProblem(`${where} names ${file}, which ${path}.files does not list`)
      return file
    }
    const peaks = call.peaks === undefined ? undefined : object(call.peaks, `${path}.peaks`)
    const audioSha256 = sha256Text(call.audioSha256, `${path}.audioSha256`)
    const audio = optionalText(call.audio, `${path}.audio`)
    if (audio !== undefined) {
      inFiles(archivePath(audio, `${path}.audio`), `${path}.audio`)
      if (listed.get(audio)?.sha256 !== audioSha256)
        throw new SchemaProblem(
          `${path}.files gives ${audio} another SHA-256 than ${path}.audioSha256`,
        )
    }
    return {
      id: text(call.id, `${path}.id`),
      title: text(call.title, `${path}.title`),
      audioSha256,
      call: inFiles(archivePath(call.call, `${path}.call`), `${path}.call`),
      tracks: array(call.tracks, `${path}.tracks`).map((t, j) => {
        const where = `${path}.tracks[${j}]`
        const track = object(t, where)
        return {
          ...readTrackFacts(track, where),
          path: inFiles(archivePath(track.path, `${where}.path`), `${where}.path`),
        }
      }),
      ...(peaks
        ? {
            peaks: {
              path: inFiles(archivePath(peaks.path, `${path}.peaks.path`), `${path}.peaks.path`),
              binsPerSecond: amount(peaks.binsPerSecond, `${path}.peaks.binsPerSecond`),
              duration: amount(peaks.duration, `${path}.peaks.duration`),
            },
          }
        : {}),
      ...(audio !== undefined ? { audio } : {}),
      files,
    }
  })
  const ids = new Set<string>()
  calls.forEach((call, i) => {
    if (ids.has(call.id)) throw new SchemaProblem(`$.calls[${i}].id repeats the call ${call.id}`)
    ids.add(call.id)
  })
  const files = array(root.files, '$.files').map((f, i) => fileRecord(f, `$.files[${i}]`))
  for (const name of [NOTES_FILE, SETTINGS_FILE])
    if (!files.some((file) => file.path === name))
      throw new SchemaProblem(`$.files must list ${name}`)
  const appVersion = optionalText(app.version, '$.app.version')
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: text(root.createdAt, '$.createdAt'),
    app: { name: text(app.name, '$.app.name'), ...defined({ version: appVersion }) },
    includesAudio: root.includesAudio === true,
    counts: {
      calls: count('calls'),
      tracks: count('tracks'),
      audioFiles: count('audioFiles'),
      notes: count('notes'),
      settings: count('settings'),
    },
    calls,
    files,
  }
}

/** A call read back from a backup, every file checked against the manifest. */
export interface RestoredCall {
  readonly call: Call
  readonly peaks?: BackupPeaks
  /** Present when the backup holds the audio and it was asked for. */
  readonly audio?: Blob
}

/** A backup whose manifest and listing have been checked; files are read (and checked) on demand. */
export interface OpenedBackup {
  readonly manifest: BackupManifest
  /** Reads a call's files, checking each against its SHA-256; the audio only when `withAudio`. */
  readonly readCall: (
    entry: BackupCallEntry,
    options: {
      readonly withAudio: boolean
      readonly signal?: AbortSignal | undefined
      /** Called with the bytes of this call checked so far. */
      readonly onProgress?: ((bytes: number) => void) | undefined
    },
  ) => Promise<RestoredCall>
  readonly readNotes: (signal?: AbortSignal) => Promise<Note[]>
  readonly readSettings: (signal?: AbortSignal) => Promise<BackupSetting[]>
}

async function guarded<T>(fileName: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof ArchiveProblem || error instanceof ZipFormatError)
      throw new BackupFormatError(fileName, error.message, error.entry)
    throw error
  }
}

function readSettingsFile(value: unknown): BackupSetting[] {
  const root = object(value, '$')
  if (root.format !== SETTINGS_FORMAT || root.version !== 1)
    throw new SchemaProblem(`$ must be a "${SETTINGS_FORMAT}" file of version 1`)
  return array(root.settings, '$.settings').map((s, i) => {
    const setting = object(s, `$.settings[${i}]`)
    return { key: text(setting.key, `$.settings[${i}].key`), value: setting.value }
  })
}

/**
 * Opens a backup lazily (only its table of contents and manifest are read) and checks that it is a
 * Verbatim backup of a version this app reads, that its manifest is well formed, and that the zip
 * holds exactly the files the manifest lists. Throws BackupFormatError otherwise.
 */
export async function openBackup(file: Blob, signal?: AbortSignal): Promise<OpenedBackup> {
  const fileName = fileNameOf(file)
  const zip: ZipArchive = await guarded(fileName, () => openZip(file))
  const manifest = await guarded(fileName, async () => {
    if (!zip.entries.some((entry) => entry.name === BACKUP_MANIFEST))
      throw new ArchiveProblem(
        `it is a zip file but not a Verbatim backup (it holds no ${BACKUP_MANIFEST})`,
      )
    const bytes = await zip.readBytes(BACKUP_MANIFEST, { maxBytes: MAX_JSON_BYTES, signal })
    const parsed = readEntry(BACKUP_MANIFEST, () => parseJson(bytes))
    const root = readEntry(BACKUP_MANIFEST, () => object(parsed, '$'))
    if (root.format === BACKUP_FORMAT && root.version !== BACKUP_VERSION)
      throw new ArchiveProblem(
        typeof root.version === 'number' && root.version > BACKUP_VERSION
          ? `it is a backup of version ${root.version}, made by a newer Verbatim; this one reads version ${BACKUP_VERSION}, so update Verbatim to restore it`
          : `it is a backup of version ${JSON.stringify(root.version)}, which this Verbatim does not read (it reads version ${BACKUP_VERSION})`,
      )
    if (root.format !== BACKUP_FORMAT)
      throw new ArchiveProblem(
        `it is not a Verbatim backup (its ${BACKUP_MANIFEST} says the format is ${JSON.stringify(root.format)})`,
        BACKUP_MANIFEST,
      )
    const manifest = readEntry(BACKUP_MANIFEST, () => readManifest(root))
    checkListing(
      zip,
      [...manifest.calls.flatMap((call) => call.files), ...manifest.files],
      BACKUP_MANIFEST,
    )
    return manifest
  })

  const recordIn = (files: readonly FileRecord[], path: string): FileRecord => {
    const record = files.find((file) => file.path === path)
    if (!record) throw new ArchiveProblem(`${path} is not listed in the manifest`, path)
    return record
  }
  const readJsonFile = async (record: FileRecord, signal: AbortSignal | undefined) => {
    const bytes = await readChecked(zip, record, signal)
    return readEntry(record.path, () => parseJson(bytes))
  }

  return {
    manifest,

    readCall: (entry, { withAudio, signal, onProgress }) =>
      guarded(fileName, async () => {
        let checked = 0
        const progress = (record: FileRecord) => {
          checked += record.size
          onProgress?.(checked)
        }
        const callRecord = recordIn(entry.files, entry.call)
        const callJson = await readJsonFile(callRecord, signal)
        const callFile = readEntry(entry.call, () => readCallFile(callJson))
        progress(callRecord)
        if (callFile.origin !== 'imported')
          throw new ArchiveProblem(
            `${entry.call} is not an imported call (sample calls ship with the app)`,
            entry.call,
          )
        if (callFile.id !== entry.id || callFile.audio.sha256 !== entry.audioSha256)
          throw new ArchiveProblem(
            `${entry.call} describes another call than the manifest (${callFile.id}, not ${entry.id})`,
            entry.call,
          )
        const tracks = []
        for (const track of entry.tracks) {
          const record = recordIn(entry.files, track.path)
          const bytes = await readChecked(zip, record, signal)
          tracks.push(readEntry(track.path, () => readTrackFile(bytes, track)))
          progress(record)
        }
        let peaks: BackupPeaks | undefined
        if (entry.peaks) {
          const { path, binsPerSecond, duration } = entry.peaks
          const record = recordIn(entry.files, path)
          const bytes = await readChecked(zip, record, signal)
          peaks = { binsPerSecond, duration, peaks: readEntry(path, () => peaksFromBytes(bytes)) }
          progress(record)
        }
        let audio: Blob | undefined
        if (withAudio && entry.audio !== undefined) {
          const record = recordIn(entry.files, entry.audio)
          const before = checked
          audio = await readCheckedBlob(zip, record, {
            type: callFile.audio.mimeType,
            signal,
            onProgress: (bytes) => onProgress?.(before + bytes),
          })
          progress(record)
        }
        return {
          call: { ...callFile, tracks },
          ...(peaks ? { peaks } : {}),
          ...(audio ? { audio } : {}),
        }
      }),

    readNotes: (signal) =>
      guarded(fileName, async () => {
        const bytes = await readChecked(zip, recordIn(manifest.files, NOTES_FILE), signal)
        return readEntry(NOTES_FILE, () => parseNotesJson(decodeText(bytes)).notes)
      }),

    readSettings: (signal) =>
      guarded(fileName, async () => {
        const value = await readJsonFile(recordIn(manifest.files, SETTINGS_FILE), signal)
        return readEntry(SETTINGS_FILE, () => readSettingsFile(value))
      }),
  }
}

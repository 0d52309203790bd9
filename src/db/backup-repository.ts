import {
  openBackup,
  writeBackup,
  type BackupCall,
  type BackupCallEntry,
  type BackupSetting,
  type RestoredCall,
} from '../archive/backup'
import { mergeNotes } from '../domain/notes-export'
import type { Note } from '../domain/notes'
import type { CallRow, VerbatimDatabase } from './database'
import { deleteTracksOf, putTracks, readTracks, trackTables } from './track-store'
import { moveNotesToCall, putNoteRows } from './notes-repository'
import { withStorageErrors } from './storage-errors'

// Kept exported from here, so that the UI imports what it must catch from one place.
export { BackupFormatError } from '../archive/backup'
export { StorageFullError } from './storage-errors'

/** Options of {@link createBackup}. */
export interface BackupOptions {
  /** Put each call's audio in the backup (the file is then about as large as the library). */
  readonly includeAudio: boolean
  /** Called with the fraction written, 0..1. */
  readonly onProgress?: ((fraction: number) => void) | undefined
  /** Aborting stops the backup and rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined
  /** Recorded in the manifest, when the app knows its version. */
  readonly appVersion?: string | undefined
  /** The backup's time stamp; now, by default. */
  readonly now?: Date | undefined
}

const live = <T extends { readonly deletedAt?: string }>(row: T): boolean => !row.deletedAt

function withoutDeletedAt<T extends { readonly deletedAt?: string }>(row: T): Omit<T, 'deletedAt'> {
  const { deletedAt: _deleted, ...rest } = row
  return rest
}

/**
 * The whole library as one zip file (docs/backup-format.md): every imported call that is not
 * deleted, with its tracks, peaks and (optionally) audio, every note that is not deleted (orphans
 * included) and the preferences. The rows are read in one transaction, so the backup is one
 * consistent moment of the library; audio stays a Blob reference and is streamed into the zip.
 */
export async function createBackup(db: VerbatimDatabase, options: BackupOptions): Promise<Blob> {
  options.signal?.throwIfAborted()
  const source = await db.transaction(
    'r',
    [db.calls, ...trackTables(db), db.peaks, db.audio, db.notes, db.settings],
    async () => {
      const calls: BackupCall[] = []
      const rows = (await db.calls.toArray()).filter(live)
      rows.sort((a, b) => a.id.localeCompare(b.id))
      for (const row of rows) {
        const tracks = await readTracks(db, row.id)
        const peaks = await db.peaks.get(row.id)
        const audio = options.includeAudio ? await db.audio.get(row.id) : undefined
        calls.push({
          call: { ...withoutDeletedAt(row), tracks },
          peaks: peaks && {
            binsPerSecond: peaks.binsPerSecond,
            duration: peaks.duration,
            peaks: peaks.peaks,
          },
          audio: audio?.blob,
        })
      }
      const notes: Note[] = (await db.notes.toArray()).filter(live).map(withoutDeletedAt)
      const settings: BackupSetting[] = await db.settings.toArray()
      return { calls, notes, settings }
    },
  )
  return writeBackup(source, {
    createdAt: options.now ?? new Date(),
    appVersion: options.appVersion,
    onProgress: options.onProgress,
    signal: options.signal,
  })
}

/** Options of {@link restoreBackup}. */
export interface RestoreOptions {
  /** Called with the fraction done, 0..1 (most of the time goes into checking the files). */
  readonly onProgress?: ((fraction: number) => void) | undefined
  /** Aborting while the backup is being checked stops with nothing changed. */
  readonly signal?: AbortSignal | undefined
}

/** What became of one call of the backup. */
export interface RestoredCallOutcome {
  readonly id: string
  readonly title: string
  readonly result: 'added' | 'already-there' | 'skipped'
  /** For a skipped call: a sentence saying why and what to do. */
  readonly reason?: string
}

/** What a restore did; the counts add up to the calls and notes in the backup. */
export interface RestoreOutcome {
  readonly callsAdded: number
  /** Calls kept as they were, because the library already held them. */
  readonly callsAlreadyThere: number
  /** Calls the backup holds no audio for and the library does not have. */
  readonly callsSkipped: number
  readonly notesAdded: number
  /** Notes replaced by the backup's newer version. */
  readonly notesUpdated: number
  /** Notes already there (same id and not older, or the same note made again). */
  readonly notesUnchanged: number
  /** Preferences restored (only those this browser had not set). */
  readonly settingsAdded: number
  readonly calls: readonly RestoredCallOutcome[]
  /** Sentences for the UI: what was restored, then one per call left out. */
  readonly messages: readonly string[]
}

const FULL =
  'The browser has no room left to restore this backup. Nothing was restored; the library is as it was. Free some space (delete calls you no longer need) or allow more storage, then try again.'

type Plan =
  | { readonly kind: 'already-there'; readonly entry: BackupCallEntry }
  | { readonly kind: 'skip'; readonly entry: BackupCallEntry; readonly reason: string }
  | { readonly kind: 'read'; readonly entry: BackupCallEntry; readonly withAudio: boolean }

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

function noAudioReason(entry: BackupCallEntry): string {
  return `“${entry.title}” was not restored: the backup was made without audio and this library does not hold the recording (SHA-256 ${entry.audioSha256.slice(0, 12)}…). Its notes were kept; import the same audio file to bring the call back, or restore a backup made with audio.`
}

/**
 * Restores a backup made by {@link createBackup}. The zip is read lazily from the file. Every file
 * that is used is checked against the SHA-256 in the manifest before anything is written, and all
 * writes then happen in one transaction, so a damaged or foreign file (BackupFormatError) or a full
 * disk (StorageFullError) leaves the library exactly as it was.
 *
 * Nothing is duplicated: a call the library already holds (same id or same audio) is kept as it
 * is, and its files in the backup are not even read; notes merge by id, the newer `updatedAt`
 * winning (`mergeNotes`); preferences already set here are kept. A call backed up without audio is
 * restored only if this library still holds its audio (a call deleted but not yet purged); the
 * others are reported as skipped, and their notes are restored as orphans that return with the
 * audio.
 */
export async function restoreBackup(
  db: VerbatimDatabase,
  file: Blob,
  options: RestoreOptions = {},
): Promise<RestoreOutcome> {
  const { signal, onProgress } = options
  const backup = await openBackup(file, signal)
  const { manifest } = backup

  const plans = await db.transaction('r', [db.calls, db.audio], async () => {
    const rows = await db.calls.toArray()
    const liveIds = new Set(rows.filter(live).map((row) => row.id))
    const liveShas = new Set(rows.filter(live).map((row) => row.audio.sha256.toLowerCase()))
    const result: Plan[] = []
    for (const entry of manifest.calls) {
      if (liveIds.has(entry.id) || liveShas.has(entry.audioSha256)) {
        result.push({ kind: 'already-there', entry })
      } else if (entry.audio !== undefined) {
        result.push({ kind: 'read', entry, withAudio: true })
      } else if (await storedAudioOf(db, rows, entry)) {
        result.push({ kind: 'read', entry, withAudio: false })
      } else {
        result.push({ kind: 'skip', entry, reason: noAudioReason(entry) })
      }
    }
    return result
  })

  // Check every file that will be used before writing anything.
  const sizeOf = (plan: Extract<Plan, { kind: 'read' }>) =>
    plan.entry.files
      .filter((f) => plan.withAudio || f.path !== plan.entry.audio)
      .reduce((sum, f) => sum + f.size, 0)
  const reads = plans.filter(
    (plan): plan is Extract<Plan, { kind: 'read' }> => plan.kind === 'read',
  )
  const total =
    reads.reduce((sum, plan) => sum + sizeOf(plan), 0) +
    manifest.files.reduce((sum, f) => sum + f.size, 0)
  let checked = 0
  const report = (bytes: number) => onProgress?.(total === 0 ? 0.95 : (0.95 * bytes) / total)
  const restored = new Map<string, RestoredCall>()
  for (const plan of reads) {
    const before = checked
    restored.set(
      plan.entry.id,
      await backup.readCall(plan.entry, {
        withAudio: plan.withAudio,
        signal,
        onProgress: (bytes) => report(before + bytes),
      }),
    )
    checked += sizeOf(plan)
  }
  const notes = await backup.readNotes(signal)
  const settings = await backup.readSettings(signal)
  report(total)
  signal?.throwIfAborted()

  const outcome = await withStorageErrors(
    () =>
      db.transaction(
        'rw',
        [db.calls, ...trackTables(db), db.audio, db.peaks, db.notes, db.settings],
        async () => {
          const calls: RestoredCallOutcome[] = []
          const rows = await db.calls.toArray()
          for (const plan of plans) {
            const { id, title } = plan.entry
            const data = restored.get(id)
            if (plan.kind === 'skip') {
              calls.push({ id, title, result: 'skipped', reason: plan.reason })
              continue
            }
            // Another tab may have imported the call since the plan was made.
            const there = rows.some(
              (row) =>
                live(row) &&
                (row.id === id || row.audio.sha256.toLowerCase() === plan.entry.audioSha256),
            )
            if (plan.kind === 'already-there' || there || !data) {
              calls.push({ id, title, result: 'already-there' })
              continue
            }
            if (!data.audio && !(await storedAudioOf(db, rows, plan.entry))) {
              calls.push({ id, title, result: 'skipped', reason: noAudioReason(plan.entry) })
              continue
            }
            await writeCall(db, data)
            calls.push({ id, title, result: 'added' })
          }

          const existing = (await db.notes.toArray()).filter(live).map(withoutDeletedAt)
          const merged = mergeNotes(existing, notes)
          await putNoteRows(db, merged.toPut)

          let settingsAdded = 0
          for (const setting of settings) {
            if (await db.settings.get(setting.key)) continue
            await db.settings.put({ key: setting.key, value: setting.value })
            settingsAdded++
          }
          return { calls, merged, settingsAdded }
        },
      ),
    FULL,
  )
  onProgress?.(1)

  const count = (result: RestoredCallOutcome['result']) =>
    outcome.calls.filter((call) => call.result === result).length
  const callsAdded = count('added')
  const callsAlreadyThere = count('already-there')
  const { added: notesAdded, updated: notesUpdated, unchanged: notesUnchanged } = outcome.merged
  const messages = [
    `Restored ${plural(callsAdded, 'call')} and ${plural(notesAdded, 'note')}` +
      (notesUpdated > 0 ? `, and updated ${plural(notesUpdated, 'note')} to a newer version` : '') +
      '.',
    ...(callsAlreadyThere > 0
      ? [
          `${plural(callsAlreadyThere, 'call was', 'calls were')} already in the library and kept as ${callsAlreadyThere === 1 ? 'it was' : 'they were'}.`,
        ]
      : []),
    ...outcome.calls.flatMap((call) => (call.reason ? [call.reason] : [])),
  ]
  return {
    callsAdded,
    callsAlreadyThere,
    callsSkipped: count('skipped'),
    notesAdded,
    notesUpdated,
    notesUnchanged,
    settingsAdded: outcome.settingsAdded,
    calls: outcome.calls,
    messages,
  }
}

/** Whether the library still holds this call's audio: a deleted (not yet purged) call with the same id and audio. */
async function storedAudioOf(
  db: VerbatimDatabase,
  rows: readonly CallRow[],
  entry: BackupCallEntry,
): Promise<boolean> {
  const row = rows.find((r) => r.id === entry.id)
  if (!row || row.audio.sha256.toLowerCase() !== entry.audioSha256) return false
  return (await db.audio.get(entry.id)) !== undefined
}

/**
 * Writes one restored call, inside the caller's transaction. A deleted call with the same id is
 * replaced (its tracks go; its audio stays when the backup brings none), and notes kept from an
 * earlier import of the same audio are given back to it, as an import does.
 */
async function writeCall(
  db: VerbatimDatabase,
  { call, peaks, audio }: RestoredCall,
): Promise<void> {
  const { tracks, ...row } = call
  await deleteTracksOf(db, [call.id])
  await db.calls.put(row)
  await putTracks(db, call.id, tracks)
  if (audio) await db.audio.put({ callId: call.id, blob: audio })
  if (peaks) await db.peaks.put({ callId: call.id, ...peaks })
  await moveNotesToCall(db, call.audio.sha256, call.id)
}

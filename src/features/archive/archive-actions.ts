import { appOrigin } from '../../components/app-origin'
import { downloadBlob } from '../../components/download'
import { joinSentences } from '../../domain/sentences'
import type { Call } from '../../domain/types'

/**
 * The archive work behind the buttons: each loads its code (zip.js, the backup format, the bundle
 * reader) only when first used, so that none of it weighs on the app's first load.
 */

/** Progress, 0..1, and a way to stop. */
export interface ArchiveWork {
  readonly onProgress?: (fraction: number) => void
  readonly signal?: AbortSignal
}

const stamp = (now: Date): string => now.toISOString().slice(0, 10)

const slug = (title: string): string =>
  title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase()
    .slice(0, 60) || 'call'

/** Makes a backup of the whole library and downloads it. */
export async function downloadBackup(includeAudio: boolean, work: ArchiveWork = {}): Promise<void> {
  const [{ createBackup }, { database }] = await Promise.all([
    import('../../db/backup-repository'),
    import('../../db/database'),
  ])
  const now = new Date()
  const blob = await createBackup(database(), {
    includeAudio,
    now,
    appVersion: __APP_VERSION__,
    onProgress: work.onProgress,
    signal: work.signal,
  })
  downloadBlob(`verbatim-backup-${stamp(now)}${includeAudio ? '' : '-no-audio'}.zip`, blob)
}

/**
 * Restores a backup file into the library, in a worker (the zip is listed, checked and parsed off
 * the main thread); resolves with sentences saying what it did.
 */
export async function restoreFromBackup(file: File, work: ArchiveWork = {}): Promise<string[]> {
  const { restoreBackupFile } = await import('../../workers/archive-client')
  const outcome = await restoreBackupFile(file, work)
  return [...outcome.messages]
}

/** The call's audio as a Blob: the stored file for an imported call, fetched for a sample one. */
async function audioOf(call: Call): Promise<Blob> {
  if (call.audio.url) {
    const response = await fetch(call.audio.url)
    if (!response.ok) throw new Error(`the audio could not be read (HTTP ${response.status})`)
    return response.blob()
  }
  const { createLibraryRepository } = await import('../../db/library-repository')
  const media = await createLibraryRepository().loadMedia(call.id)
  if (!media) throw new Error('its audio is not in this browser')
  return media.audio
}

/** Makes the evidence bundle of one call (audio, tracks, notes, manifest, sheet) and downloads it. */
export async function downloadEvidenceBundle(call: Call, work: ArchiveWork = {}): Promise<void> {
  const [{ createEvidenceBundle }, { createNotesRepository }] = await Promise.all([
    import('../../archive/evidence-bundle'),
    import('../../db/notes-repository'),
  ])
  const [audio, notes] = await Promise.all([
    audioOf(call),
    createNotesRepository().forCall(call.id),
  ])
  const now = new Date()
  const blob = await createEvidenceBundle(call, {
    audio,
    notes,
    appOrigin: appOrigin(),
    now,
    ...(work.signal ? { signal: work.signal } : {}),
  })
  downloadBlob(`${slug(call.title)}-evidence-${stamp(now)}.zip`, blob)
}

/**
 * Reads an evidence bundle, checks every file against its manifest and adds the call and its
 * notes, in a worker (the page computes a new call's peaks); resolves with the call's id and
 * sentences saying what it did.
 */
export async function importBundle(
  file: File,
  sampleCalls: readonly Call[],
  work: ArchiveWork = {},
): Promise<{ callId: string; messages: string[] }> {
  const [{ importBundleFile }, { computePeaks }, { probeMedia }] = await Promise.all([
    import('../../workers/archive-client'),
    import('../../workers/peaks-client'),
    import('../../workers/media-probe'),
  ])
  const outcome = await importBundleFile(file, {
    ...work,
    shippedCalls: sampleCalls,
    // As with an import, the audio must open as the player will open it before anything is kept.
    computePeaks: async (audio) => {
      const refuse = (reason: string) =>
        new Error(
          joinSentences(
            `The audio in “${file.name}” cannot be played: ${reason}`,
            'Nothing was imported.',
          ),
        )
      const probe = await probeMedia(audio)
      if (probe.kind === 'unplayable') throw refuse(probe.reason)
      try {
        return await computePeaks(
          audio,
          probe.kind === 'playable' ? { duration: probe.duration } : {},
        )
      } catch (error) {
        throw refuse(error instanceof Error ? error.message : String(error))
      }
    },
  })
  return { callId: outcome.callId, messages: [...outcome.messages] }
}

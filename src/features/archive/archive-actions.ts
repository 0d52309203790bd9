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

/** Makes a backup of the whole library, in a worker, and downloads it. */
export async function downloadBackup(includeAudio: boolean, work: ArchiveWork = {}): Promise<void> {
  const { makeBackupFile } = await import('../../workers/archive-client')
  const now = new Date()
  const blob = await makeBackupFile({ includeAudio, now, appVersion: __APP_VERSION__, ...work })
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

/**
 * Makes the evidence bundle of one call (audio, tracks, notes, manifest, sheet), in a worker, and
 * downloads it. An imported call is read from the library there; a shipped one is sent, its audio's
 * address made absolute (a worker resolves a relative one against its own script).
 */
export async function downloadEvidenceBundle(call: Call, work: ArchiveWork = {}): Promise<void> {
  const { makeBundleFile } = await import('../../workers/archive-client')
  const source = call.audio.url
    ? {
        shipped: {
          ...call,
          audio: { ...call.audio, url: new URL(call.audio.url, document.baseURI).href },
        },
      }
    : { callId: call.id }
  const now = new Date()
  const blob = await makeBundleFile(source, { appOrigin: appOrigin(), now, ...work })
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

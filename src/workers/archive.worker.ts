/// <reference lib="webworker" />
import { readEvidenceBundle } from '../archive/evidence-bundle'
import { createBackup, restoreBackup, type RestoreOutcome } from '../db/backup-repository'
import { database } from '../db/database'
import {
  importEvidenceBundle,
  makeEvidenceBundle,
  type BundleImportOutcome,
  type BundlePeaks,
  type BundleSource,
} from '../db/evidence-bundle-repository'
import type { Call } from '../domain/types'

/**
 * Restores a backup, or reads and adds an evidence bundle, off the main thread: listing the zip's
 * entries, checking their sizes and SHA-256, parsing the JSON inside and writing the database all
 * happen here. Making a backup or a bundle too: reading the library, writing its JSON (a call of
 * 100,000 lines took 450-700 ms on the page) and zipping (IndexedDB and Dexie work in a worker; Dexie tells the page's live queries of the
 * writes through its BroadcastChannel). One job per worker: the client terminates it when the job
 * ends or is aborted, which also aborts a write not yet committed, so nothing is half-saved.
 *
 * A bundle's new call needs its waveform peaks, which only the page can always compute (the Web
 * Audio fallback has no worker form): the worker asks for them with the audio and waits.
 */

/** What the client posts: a job, then (for a bundle) the peaks it was asked for. */
export type ArchiveRequest =
  | { readonly type: 'restore-backup'; readonly file: Blob }
  | {
      readonly type: 'import-bundle'
      readonly file: Blob
      readonly shippedCalls: readonly Pick<Call, 'id' | 'title' | 'audio'>[]
    }
  | {
      readonly type: 'make-backup'
      readonly includeAudio: boolean
      readonly appVersion: string
      /** ISO 8601. */
      readonly now: string
    }
  | {
      readonly type: 'make-bundle'
      readonly source: BundleSource
      readonly appOrigin: string
      /** ISO 8601. */
      readonly now: string
    }
  | { readonly type: 'peaks'; readonly peaks: BundlePeaks }
  | { readonly type: 'peaks-failed'; readonly message: string }

/** What the worker posts back. */
export type ArchiveMessage =
  | { readonly type: 'progress'; readonly fraction: number }
  | { readonly type: 'peaks-wanted'; readonly audio: Blob }
  | { readonly type: 'restored'; readonly outcome: RestoreOutcome }
  | { readonly type: 'bundle-imported'; readonly outcome: BundleImportOutcome }
  /** The backup or bundle made. */
  | { readonly type: 'made'; readonly file: Blob }
  /** `name` keeps the kind (BackupFormatError, StorageFullError…); `message` is the sentence shown. */
  | { readonly type: 'error'; readonly name: string; readonly message: string }

const scope = self as unknown as DedicatedWorkerGlobalScope
const post = (message: ArchiveMessage): void => scope.postMessage(message)
const progress = (fraction: number) => post({ type: 'progress', fraction })

let answerPeaks:
  ((answer: Extract<ArchiveRequest, { type: 'peaks' | 'peaks-failed' }>) => void) | null = null

/** Asks the page for the audio's peaks and waits for them. */
function peaksFromPage(audio: Blob): Promise<BundlePeaks> {
  return new Promise((resolve, reject) => {
    answerPeaks = (answer) => {
      answerPeaks = null
      if (answer.type === 'peaks') resolve(answer.peaks)
      else reject(new Error(answer.message))
    }
    post({ type: 'peaks-wanted', audio })
  })
}

async function run(request: ArchiveRequest): Promise<void> {
  if (request.type === 'restore-backup') {
    const outcome = await restoreBackup(database(), request.file, { onProgress: progress })
    post({ type: 'restored', outcome })
  } else if (request.type === 'import-bundle') {
    const bundle = await readEvidenceBundle(request.file, { onProgress: progress })
    const outcome = await importEvidenceBundle(database(), bundle, {
      computePeaks: peaksFromPage,
      shippedCalls: request.shippedCalls,
    })
    post({ type: 'bundle-imported', outcome })
  } else if (request.type === 'make-backup') {
    const file = await createBackup(database(), {
      includeAudio: request.includeAudio,
      appVersion: request.appVersion,
      now: new Date(request.now),
      onProgress: progress,
    })
    post({ type: 'made', file })
  } else if (request.type === 'make-bundle') {
    const file = await makeEvidenceBundle(database(), request.source, {
      appOrigin: request.appOrigin,
      now: new Date(request.now),
    })
    post({ type: 'made', file })
  } else {
    answerPeaks?.(request)
  }
}

scope.onmessage = (event: MessageEvent<ArchiveRequest>) => {
  run(event.data).catch((error: unknown) =>
    post({
      type: 'error',
      name: error instanceof Error ? error.name : 'Error',
      message: error instanceof Error ? error.message : String(error),
    }),
  )
}

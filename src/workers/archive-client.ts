import type { RestoreOutcome } from '../db/backup-repository'
import type {
  BundleImportOutcome,
  BundlePeaks,
  BundleSource,
} from '../db/evidence-bundle-repository'
import type { Call } from '../domain/types'
import type { ArchiveMessage, ArchiveRequest } from './archive.worker'
import { runWorker } from './run-worker'

/** Progress, 0..1, and a way to stop. */
export interface ArchiveJob {
  readonly onProgress?: ((fraction: number) => void) | undefined
  /** Aborting ends the worker; a write not yet committed is rolled back with it. */
  readonly signal?: AbortSignal | undefined
}

/** What importing a bundle needs from the page besides the file. */
export interface BundleJob extends ArchiveJob {
  /** The calls shipped with the app: a bundle of one of them only adds notes. */
  readonly shippedCalls: readonly Pick<Call, 'id' | 'title' | 'audio'>[]
  /** The waveform of a new call's audio (`computePeaks`); it also proves the audio plays. */
  readonly computePeaks: (audio: Blob) => Promise<BundlePeaks>
}

/**
 * An error from the worker, rebuilt on the page: the same name (BackupFormatError,
 * EvidenceBundleError, StorageFullError…) and the same sentence.
 */
export class ArchiveJobError extends Error {
  constructor(name: string, message: string) {
    super(message)
    this.name = name
  }
}

/**
 * Restores a backup file (`restoreBackup`) in a worker: the zip is listed, checked and parsed, and
 * the library written, off the main thread. In-thread where workers do not exist.
 */
export function restoreBackupFile(file: Blob, job: ArchiveJob = {}): Promise<RestoreOutcome> {
  const inThread = async () => {
    const [{ restoreBackup }, { database }] = await Promise.all([
      import('../db/backup-repository'),
      import('../db/database'),
    ])
    return restoreBackup(database(), file, job)
  }
  return inWorker<RestoreOutcome>({ type: 'restore-backup', file }, job, inThread, (message) =>
    message.type === 'restored' ? message.outcome : undefined,
  )
}

/**
 * Reads an evidence bundle, checks every file, and adds its call and notes (`readEvidenceBundle`,
 * `importEvidenceBundle`) in a worker; the page computes the peaks of a new call's audio when the
 * worker asks. In-thread where workers do not exist.
 */
export function importBundleFile(file: Blob, job: BundleJob): Promise<BundleImportOutcome> {
  const inThread = async () => {
    const [{ readEvidenceBundle }, { importEvidenceBundle }, { database }] = await Promise.all([
      import('../archive/evidence-bundle'),
      import('../db/evidence-bundle-repository'),
      import('../db/database'),
    ])
    const bundle = await readEvidenceBundle(file, {
      ...(job.onProgress ? { onProgress: job.onProgress } : {}),
      ...(job.signal ? { signal: job.signal } : {}),
    })
    return importEvidenceBundle(database(), bundle, {
      computePeaks: job.computePeaks,
      shippedCalls: job.shippedCalls,
    })
  }
  const shippedCalls = job.shippedCalls.map(({ id, title, audio }) => ({ id, title, audio }))
  return inWorker<BundleImportOutcome>(
    { type: 'import-bundle', file, shippedCalls },
    job,
    inThread,
    (message) => (message.type === 'bundle-imported' ? message.outcome : undefined),
    job.computePeaks,
  )
}

/** What a backup records besides the library. */
export interface BackupJob extends ArchiveJob {
  readonly includeAudio: boolean
  readonly appVersion: string
  readonly now: Date
}

/** Makes a backup of the whole library (`createBackup`) in a worker; in-thread where there are none. */
export function makeBackupFile(job: BackupJob): Promise<Blob> {
  const { includeAudio, appVersion, now } = job
  const inThread = async () => {
    const [{ createBackup }, { database }] = await Promise.all([
      import('../db/backup-repository'),
      import('../db/database'),
    ])
    return createBackup(database(), job)
  }
  return inWorker<Blob>(
    { type: 'make-backup', includeAudio, appVersion, now: now.toISOString() },
    job,
    inThread,
    madeFile,
  )
}

/** What a bundle records besides the call. */
export interface MakeBundleJob extends ArchiveJob {
  readonly appOrigin: string
  readonly now: Date
}

/**
 * Makes the evidence bundle of a call with its notes (`makeEvidenceBundle`) in a worker, which
 * reads an imported call from the library itself: a long transcript is never cloned on the page.
 * In-thread where workers do not exist.
 */
export function makeBundleFile(source: BundleSource, job: MakeBundleJob): Promise<Blob> {
  const { appOrigin, now, signal } = job
  const inThread = async () => {
    const [{ makeEvidenceBundle }, { database }] = await Promise.all([
      import('../db/evidence-bundle-repository'),
      import('../db/database'),
    ])
    return makeEvidenceBundle(database(), source, { appOrigin, now, signal })
  }
  return inWorker<Blob>(
    { type: 'make-bundle', source, appOrigin, now: now.toISOString() },
    job,
    inThread,
    madeFile,
  )
}

const madeFile = (message: ArchiveMessage): Blob | undefined =>
  message.type === 'made' ? message.file : undefined

function inWorker<Result>(
  request: ArchiveRequest,
  { onProgress, signal }: ArchiveJob,
  inThread: () => Promise<Result>,
  resultOf: (message: ArchiveMessage) => Result | undefined,
  computePeaks?: (audio: Blob) => Promise<BundlePeaks>,
): Promise<Result> {
  if (typeof Worker === 'undefined') return inThread()
  signal?.throwIfAborted()
  let worker: Worker
  try {
    worker = new Worker(new URL('./archive.worker.ts', import.meta.url), { type: 'module' })
  } catch {
    return inThread()
  }
  const answer = (reply: ArchiveRequest, transfer: Transferable[] = []) =>
    worker.postMessage(reply, transfer)
  return runWorker<ArchiveMessage, Result>(worker, request, {
    signal,
    onMessage: (message, settle) => {
      if (message.type === 'progress') {
        onProgress?.(message.fraction)
      } else if (message.type === 'peaks-wanted') {
        if (!computePeaks) return answer({ type: 'peaks-failed', message: 'no peaks here' })
        computePeaks(message.audio).then(
          ({ binsPerSecond, duration, peaks }) =>
            answer({ type: 'peaks', peaks: { binsPerSecond, duration, peaks } }, [peaks.buffer]),
          (error: unknown) =>
            answer({
              type: 'peaks-failed',
              message: error instanceof Error ? error.message : String(error),
            }),
        )
      } else if (message.type === 'error') {
        settle.reject(new ArchiveJobError(message.name, message.message))
      } else {
        const result = resultOf(message)
        if (result !== undefined) settle.resolve(result)
      }
    },
    // A worker that cannot start (blocked script, old browser) must not stop the work.
    onError: inThread,
  })
}

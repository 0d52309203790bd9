import { useState, type ChangeEvent } from 'react'
import { joinSentences } from '../../domain/sentences'
import type { Call } from '../../domain/types'
import { downloadBackup, importBundle, restoreFromBackup } from './archive-actions'

/** What the panel tells the app to show: a sentence, as a status or an alert. */
export type ArchiveNotice = { readonly kind: 'status' | 'alert'; readonly text: string }

const percent = (fraction: number): string => `${Math.round(fraction * 100)} %`

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/**
 * Backup and restore of the whole library, and import of one call's evidence bundle. A backup is
 * one zip file; restoring it, or importing a bundle, checks every file against its SHA-256 before
 * anything is written, and changes nothing when a check fails.
 */
export function ArchivePanel({
  sampleCalls,
  onNotice,
  onBundleImported,
}: {
  /** The shipped calls, which a bundle of one adds notes to rather than a copy. */
  sampleCalls: readonly Call[]
  onNotice: (notice: ArchiveNotice) => void
  onBundleImported: (callId: string) => void
}) {
  const [includeAudio, setIncludeAudio] = useState(true)
  const [busy, setBusy] = useState<string | null>(null)

  // One piece of work at a time, with its progress in the panel and its outcome as a notice.
  const run = async (what: string, work: (onProgress: (f: number) => void) => Promise<void>) => {
    setBusy(what)
    try {
      await work((fraction) => setBusy(`${what} ${percent(fraction)}`))
    } finally {
      setBusy(null)
    }
  }

  const backup = () =>
    void run('Making the backup…', async (onProgress) => {
      try {
        await downloadBackup(includeAudio, { onProgress })
        onNotice({
          kind: 'status',
          text: 'The backup was made; your browser saves it as a download.',
        })
      } catch (error) {
        onNotice({
          kind: 'alert',
          text: joinSentences(
            `The backup could not be made: ${reason(error)}`,
            'Nothing was downloaded; the library is unchanged.',
          ),
        })
      }
    })

  const restore = (file: File) =>
    void run('Checking and restoring the backup…', async (onProgress) => {
      try {
        const messages = await restoreFromBackup(file, { onProgress })
        onNotice({ kind: 'status', text: messages.join(' ') })
      } catch (error) {
        onNotice({ kind: 'alert', text: reason(error) })
      }
    })

  const importEvidence = (file: File) =>
    void run('Checking the evidence bundle…', async (onProgress) => {
      try {
        const { callId, messages } = await importBundle(file, sampleCalls, { onProgress })
        onNotice({ kind: 'status', text: messages.join(' ') })
        onBundleImported(callId)
      } catch (error) {
        onNotice({ kind: 'alert', text: reason(error) })
      }
    })

  return (
    <details className="archive-panel">
      <summary>Backup and evidence bundles</summary>
      <div className="archive-body">
        <p className="hint">
          A backup holds the whole library — calls, transcripts, waveforms, notes and settings — in
          one file. Keep it somewhere safe; restoring it never duplicates what is already here.
        </p>
        <label className="archive-check">
          <input
            type="checkbox"
            checked={includeAudio}
            onChange={(event) => setIncludeAudio(event.target.checked)}
          />
          Include the audio
        </label>
        <button type="button" className="text-button" disabled={busy !== null} onClick={backup}>
          Download backup
        </button>
        <ZipFileButton label="Restore from backup" disabled={busy !== null} onFile={restore} />
        <ZipFileButton
          label="Import evidence bundle"
          disabled={busy !== null}
          onFile={importEvidence}
        />
        <p role="status" className="archive-progress">
          {busy ?? ''}
        </p>
      </div>
    </details>
  )
}

/** A file input drawn as a button, for one zip file; the same file may be chosen again. */
function ZipFileButton({
  label,
  disabled,
  onFile,
}: {
  label: string
  disabled: boolean
  onFile: (file: File) => void
}) {
  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (file) onFile(file)
  }
  return (
    <label className="text-button file-button">
      {label}
      <input type="file" accept=".zip,application/zip" disabled={disabled} onChange={choose} />
    </label>
  )
}

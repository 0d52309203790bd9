import { useState } from 'react'
import type { Call } from '../../domain/types'
import { downloadEvidenceBundle } from './archive-actions'

/**
 * Exports the call as an evidence bundle: the original audio byte for byte, every track as
 * Verbatim JSON and WebVTT, the notes as Web Annotations, a citation sheet, and a manifest with
 * the SHA-256 of each file.
 */
export function BundleButton({
  call,
  onFailed,
}: {
  call: Call
  onFailed: (message: string) => void
}) {
  const [busy, setBusy] = useState(false)
  const exportBundle = async () => {
    setBusy(true)
    try {
      await downloadEvidenceBundle(call)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      onFailed(`The evidence bundle of “${call.title}” could not be made: ${reason}`)
    } finally {
      setBusy(false)
    }
  }
  return (
    <button
      type="button"
      className="text-button"
      disabled={busy}
      aria-busy={busy}
      onClick={() => void exportBundle()}
    >
      {busy ? 'Making the evidence bundle…' : 'Export evidence bundle'}
    </button>
  )
}

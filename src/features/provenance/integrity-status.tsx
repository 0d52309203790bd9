import { shortHash, type AudioIntegrity } from '../../domain/integrity'

/** A hash in its short form, the full one on hover and for assistive technology that reads titles. */
function Hash({ sha256 }: { sha256: string }) {
  return (
    <code className="hash-short" title={sha256}>
      {shortHash(sha256)}
    </code>
  )
}

/**
 * Whether the audio as stored still has the SHA-256 recorded at import, in a few quiet words for
 * the call's facts line. A mismatch is not quiet: `IntegrityAlert` says it.
 */
export function IntegrityStatus({ integrity }: { integrity: AudioIntegrity }) {
  switch (integrity.status) {
    case 'checking':
      return <span className="integrity">checking the SHA-256…</span>
    case 'verified':
      return (
        <span className="integrity integrity-verified" title={`SHA-256 ${integrity.sha256}`}>
          <span aria-hidden="true">✓ </span>Audio verified against the import
        </span>
      )
    case 'unavailable':
      return <span className="integrity">not checked against the import ({integrity.reason})</span>
    default:
      return null
  }
}

/** An alert when the stored audio no longer has its recorded SHA-256: every citation rests on it. */
export function IntegrityAlert({ integrity }: { integrity: AudioIntegrity }) {
  if (integrity.status !== 'mismatch') return null
  return (
    <p role="alert" className="error integrity-mismatch">
      <strong>The stored audio no longer matches the SHA-256 recorded at import</strong> (recorded{' '}
      <Hash sha256={integrity.expected} />, now <Hash sha256={integrity.actual} />
      ). Citations from this call should not be trusted until the original file is re-imported:
      delete the call and import the original again; its notes are kept and come back with it.
    </p>
  )
}

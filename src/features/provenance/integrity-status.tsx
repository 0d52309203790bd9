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
 * Whether the audio as stored still has the SHA-256 recorded at import. Quiet while checking and
 * when it matches; an alert when it does not, since every citation of the call rests on it.
 */
export function IntegrityStatus({ integrity }: { integrity: AudioIntegrity }) {
  switch (integrity.status) {
    case 'not-checked':
      return null
    case 'checking':
      return <p className="integrity">Checking the audio’s SHA-256…</p>
    case 'verified':
      return (
        <p className="integrity integrity-verified" title={`SHA-256 ${integrity.sha256}`}>
          <span aria-hidden="true">✓ </span>Audio verified: SHA-256 matches the import
        </p>
      )
    case 'unavailable':
      return (
        <p className="integrity">
          The audio’s SHA-256 could not be checked against the import ({integrity.reason}).
        </p>
      )
    case 'mismatch':
      return (
        <p role="alert" className="error integrity-mismatch">
          <strong>The stored audio no longer matches the SHA-256 recorded at import</strong>{' '}
          (recorded <Hash sha256={integrity.expected} />, now <Hash sha256={integrity.actual} />
          ). Citations from this call should not be trusted until the original file is re-imported:
          delete the call and import the original again; its notes are kept and come back with it.
        </p>
      )
  }
}

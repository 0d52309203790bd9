import { formatBytes } from '../../components/storage-meter'
import { shortHash, type AudioIntegrity } from '../../domain/integrity'
import { describeProvenanceChange, formatEditTime } from '../../domain/provenance-history'
import type { Call } from '../../domain/types'

/** The result of this load's check of the audio, in the panel's quiet voice. */
function integrityText(integrity: AudioIntegrity | undefined): string | undefined {
  switch (integrity?.status) {
    case 'checking':
      return 'Checking…'
    case 'verified':
      return 'Verified on this load: matches the import'
    case 'mismatch':
      return `Does not match the import: the stored audio now hashes to ${shortHash(integrity.actual)}…`
    case 'unavailable':
      return `Could not be checked (${integrity.reason})`
    default:
      return undefined
  }
}

/**
 * Where the recording and its transcripts come from, the audio's full SHA-256 with the result of
 * checking it (when given), and every change made to the provenance since import.
 */
export function ProvenancePanel({ call, integrity }: { call: Call; integrity?: AudioIntegrity }) {
  const { provenance } = call
  const check = integrityText(integrity)
  const edits = provenance.edits ?? []
  const rows: [string, string | undefined][] = [
    [
      'Audio',
      provenance.audioOrigin === 'synthetic'
        ? 'Synthetic (not the original recording)'
        : 'Original recording',
    ],
    ['Publisher', provenance.publisher],
    ['Source', provenance.sourceUrl],
    ['Recorded', provenance.recorded ?? call.recorded],
    ['Published', provenance.published],
    ['Transcribed by', provenance.transcribedBy],
    ['Translated by', provenance.translatedBy],
    ...call.tracks.map((t): [string, string | undefined] => [`Track “${t.label}”`, t.credit]),
    [
      'Original file',
      provenance.originalFile &&
        `${provenance.originalFile.name} (${provenance.originalFile.type || 'unknown type'}, ${formatBytes(provenance.originalFile.size)})`,
    ],
    ['Imported', provenance.originalFile?.importedAt],
  ]
  return (
    <section className="provenance" aria-label="Provenance">
      {provenance.note && <p className="provenance-note">{provenance.note}</p>}
      <dl>
        {rows
          .filter((row): row is [string, string] => Boolean(row[1]))
          .map(([term, value]) => (
            <div key={term} className="provenance-row">
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        <div className="provenance-row">
          <dt>Audio SHA-256</dt>
          <dd>
            <code className="hash">{call.audio.sha256}</code>
          </dd>
        </div>
        {check && (
          <div className="provenance-row">
            <dt>Audio check</dt>
            <dd>{check}</dd>
          </div>
        )}
        <div className="provenance-row">
          <dt>Audio file</dt>
          <dd>
            {call.audio.mimeType}, {formatBytes(call.audio.size)}
          </dd>
        </div>
      </dl>
      {edits.length > 0 && (
        <>
          <h3 id={`provenance-history-${call.id}`} className="provenance-history-title">
            Changes since import
          </h3>
          <ol className="provenance-history" aria-labelledby={`provenance-history-${call.id}`}>
            {edits.map((edit, i) => (
              <li key={i}>
                Edited: {describeProvenanceChange(edit)} on{' '}
                <time dateTime={edit.at} title={edit.at}>
                  {formatEditTime(edit.at)}
                </time>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}

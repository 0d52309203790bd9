import { formatBytes } from '../../components/storage-meter'
import type { Call } from '../../domain/types'

/** Where the recording and its transcripts come from, and the audio's full SHA-256. */
export function ProvenancePanel({ call }: { call: Call }) {
  const { provenance } = call
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
    <details className="provenance">
      <summary>Provenance and integrity</summary>
      <section aria-label="Provenance">
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
          <div className="provenance-row">
            <dt>Audio file</dt>
            <dd>
              {call.audio.mimeType}, {formatBytes(call.audio.size)}
            </dd>
          </div>
        </dl>
      </section>
    </details>
  )
}

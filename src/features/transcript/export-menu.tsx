import { useState } from 'react'
import { downloadText } from '../../components/download'
import { joinSentences } from '../../domain/sentences'
import type { Track } from '../../domain/types'
import { EXPORT_FORMATS, type ExportFormat } from '../../formats/export-formats'

/** "Export transcript": a track and a format, downloaded as a file. */
export function ExportMenu({ callTitle, tracks }: { callTitle: string; tracks: readonly Track[] }) {
  const [trackId, setTrackId] = useState(tracks[0]?.id ?? '')
  const [error, setError] = useState<string | null>(null)
  if (tracks.length === 0) return null
  const save = async (format: ExportFormat) => {
    const track = tracks.find((t) => t.id === trackId) ?? tracks[0]
    if (!track) return
    try {
      // The exporters load with the importers, on first use.
      const { exportTrack } = await import('../../formats/export-track')
      const file = exportTrack(callTitle, track, format)
      downloadText(file.fileName, file.mimeType, file.text)
      setError(null)
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e)
      setError(
        joinSentences(
          `The transcript could not be exported: ${reason}`,
          'Nothing was downloaded; the transcript is unchanged.',
        ),
      )
    }
  }
  return (
    <details className="export-menu">
      <summary>Export transcript</summary>
      <div className="export-body">
        {tracks.length > 1 && (
          <label>
            Track
            <select value={trackId} onChange={(e) => setTrackId(e.target.value)}>
              {tracks.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="export-buttons">
          {EXPORT_FORMATS.map((f) => (
            <button
              key={f.id}
              type="button"
              className="text-button"
              onClick={() => void save(f.id)}
            >
              {f.label}
            </button>
          ))}
        </div>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </div>
    </details>
  )
}

import { formatClock } from '../domain/time'
import type { Call } from '../domain/types'
import { PlayerPanel } from '../features/player/player-panel'
import { ProvenancePanel } from '../features/provenance/provenance-panel'
import { TranscriptPanel } from '../features/transcript/transcript-panel'
import { useCallMedia } from './use-call-media'

const NARROW = '(max-width: 760px)'

function isNarrow(): boolean {
  return window.matchMedia(NARROW).matches
}

/** One open call: what it is, where it comes from, the player and the transcript. */
export function CallView({
  call,
  onEdit,
  onDelete,
}: {
  call: Call
  /** Present for imported calls, which the user may change. */
  onEdit?: () => void
  onDelete?: () => void
}) {
  const { media, error } = useCallMedia(call)
  const synthetic = call.provenance.audioOrigin === 'synthetic'
  return (
    <article className="call" aria-labelledby="call-title">
      <header className="call-header">
        <a className="back-link" href="#/">
          ← Library
        </a>
        <h1 id="call-title">
          {call.title}
          {synthetic && (
            <span className="badge" title={call.provenance.note}>
              synthetic audio
            </span>
          )}
        </h1>
        <p className="call-facts">
          <span>
            Recorded <time dateTime={call.recorded}>{call.recorded}</time>
          </span>
          <span>{call.participants.map((p) => p.name).join(' and ')}</span>
          <span>{formatClock(call.duration)}</span>
          <span className="hash-short" title={`SHA-256 ${call.audio.sha256}`}>
            SHA-256 {call.audio.sha256.slice(0, 12)}
          </span>
        </p>
        {call.description && (
          // Open on wide screens; on a phone it would push the player and transcript off screen.
          <details className="about" open={!isNarrow()}>
            <summary>About this call</summary>
            <p className="call-description">{call.description}</p>
          </details>
        )}
        <ProvenancePanel call={call} />
        {(onEdit ?? onDelete) && (
          <div className="call-actions">
            {onEdit && (
              <button type="button" className="text-button" onClick={onEdit}>
                Edit details and tracks
              </button>
            )}
            {onDelete && (
              <button type="button" className="text-button danger" onClick={onDelete}>
                Delete call
              </button>
            )}
          </div>
        )}
      </header>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {media ? (
        <PlayerPanel media={media} title={call.title} />
      ) : (
        <section className="player" aria-label="Player" aria-busy="true">
          <p className="loading">Loading the waveform…</p>
        </section>
      )}
      <TranscriptPanel callTitle={call.title} />
    </article>
  )
}

import { useEffect, useMemo, useRef } from 'react'
import { createNotesRepository } from '../db/notes-repository'
import { useCallNotes } from '../db/use-notes'
import { trackRevision } from '../domain/citation'
import { formatClock } from '../domain/time'
import type { Note } from '../domain/notes'
import type { Call } from '../domain/types'
import { BundleButton } from '../features/archive/bundle-button'
import { CitationBar } from '../features/citations/citation-bar'
import { NotesPanel } from '../features/notes/notes-panel'
import { PlayerPanel } from '../features/player/player-panel'
import type { WaveMarks } from '../features/player/use-waveform-player'
import { IntegrityAlert, IntegrityStatus } from '../features/provenance/integrity-status'
import { ProvenancePanel } from '../features/provenance/provenance-panel'
import { ExportMenu } from '../features/transcript/export-menu'
import { TranscriptPanel, TranscriptToolbar } from '../features/transcript/transcript-panel'
import { useAppStoreApi } from '../store/store-context'
import { useCallMedia } from './use-call-media'

const notesRepository = createNotesRepository()
const NO_NOTES: readonly Note[] = []

/**
 * The waveform shows each note as a region element; past a few hundred they would only cover
 * each other and slow every redraw. So at most this many are drawn: the open note, then the
 * earliest. The notes list and the transcript markers still show them all.
 */
const MAX_MARKS = 300

function marksToDraw(notes: readonly Note[], openId: string | null): readonly Note[] {
  if (notes.length <= MAX_MARKS) return notes
  const open = notes.find((n) => n.id === openId)
  const rest = notes.filter((n) => n !== open).slice(0, MAX_MARKS - (open ? 1 : 0))
  return open ? [open, ...rest] : rest
}

/**
 * Keeps `--dock-height` on the page at the height of the sticky player, so that a line scrolled
 * into view in the page stops below it (the page's `scroll-padding-top`).
 */
function useDockHeight() {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const dock = ref.current
    if (!dock || typeof ResizeObserver === 'undefined') return
    const root = document.documentElement
    const observer = new ResizeObserver(() =>
      root.style.setProperty('--dock-height', `${dock.offsetHeight}px`),
    )
    observer.observe(dock)
    return () => {
      observer.disconnect()
      root.style.removeProperty('--dock-height')
    }
  }, [])
  return ref
}

/**
 * One open call: its title and, folded into one line that opens, what it is and where it comes
 * from; the player with the citation buttons, kept in view; the transcript and the notes.
 */
export function CallView({
  call,
  library,
  revision,
  onEdit,
  onDelete,
  onProblem,
}: {
  call: Call
  /** Every call, to name calls in notes exports. */
  library: readonly Call[]
  /** The transcript revision a citation link quoted, if the call was opened from one. */
  revision?: string | undefined
  /** Present for imported calls, which the user may change. */
  onEdit?: () => void
  onDelete?: () => void
  /** Shows a sentence about something that went wrong (an export that failed). */
  onProblem: (message: string) => void
}) {
  const { media, error, integrity } = useCallMedia(call)
  const notes = useCallNotes(call.id)
  const store = useAppStoreApi()
  const marks = useMemo<WaveMarks>(
    () => ({
      marks: marksToDraw(notes ?? [], store.getState().openNoteId).map((note) => ({
        id: note.id,
        start: note.start,
        ...(note.end !== undefined ? { end: note.end } : {}),
        label: note.text.split('\n')[0]?.slice(0, 40) ?? '',
      })),
      onMoved: ({ id, start, end }) =>
        void notesRepository.update(id, { start, ...(end !== undefined ? { end } : {}) }),
      onClicked: (id) => {
        const note = notes?.find((n) => n.id === id)
        if (!note) return
        const s = store.getState()
        s.openNote(id)
        s.seek(note.start)
        s.play()
      },
    }),
    [notes, store],
  )
  const staleRevision = useMemo(() => {
    if (!revision) return null
    const current = call.tracks.map((t) => trackRevision(t))
    return current.some((r) => r.startsWith(revision) || revision.startsWith(r)) ? null : revision
  }, [revision, call.tracks])
  const dockRef = useDockHeight()
  const synthetic = call.provenance.audioOrigin === 'synthetic'
  return (
    <article className="call" aria-labelledby="call-title">
      <header className="call-header">
        <a className="back-link" href="#/">
          ← Library
        </a>
        <div className="call-title-row">
          <h1 id="call-title" title={call.title}>
            <span className="title-text">{call.title}</span>
            {synthetic && (
              <span className="badge" title={call.provenance.note}>
                synthetic audio
              </span>
            )}
          </h1>
          <div className="call-actions">
            <ExportMenu callTitle={call.title} tracks={call.tracks} />
            <BundleButton call={call} onFailed={onProblem} />
          </div>
        </div>
        <details className="call-details">
          <summary>
            <span className="call-facts">
              <span>
                Recorded <time dateTime={call.recorded}>{call.recorded}</time>
              </span>
              <span>{call.participants.map((p) => p.name).join(' and ')}</span>
              <span>{formatClock(call.duration)}</span>
              <span className="hash-short" title={`SHA-256 ${call.audio.sha256}`}>
                SHA-256 {call.audio.sha256.slice(0, 12)}…
              </span>
              <IntegrityStatus integrity={integrity} />
            </span>
            <span className="details-cue">About and provenance</span>
          </summary>
          <div className="call-details-body">
            {call.description && <p className="call-description">{call.description}</p>}
            <ProvenancePanel call={call} integrity={integrity} />
            {(onEdit || onDelete) && (
              <div className="call-edit-actions">
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
          </div>
        </details>
        <IntegrityAlert integrity={integrity} />
      </header>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {staleRevision && (
        <p role="alert" className="error">
          This link cites revision {staleRevision} of the transcript, but the transcript here has
          changed since. Check the quoted words against the audio.
        </p>
      )}
      <div ref={dockRef} className="dock">
        {media ? (
          <PlayerPanel
            media={media}
            title={call.title}
            marks={marks}
            citing={<CitationBar call={call} />}
          />
        ) : (
          <section className="player" aria-label="Player" aria-busy="true">
            <p className="loading">Loading the waveform…</p>
          </section>
        )}
      </div>
      <TranscriptToolbar />
      <div className="call-body">
        <TranscriptPanel notes={notes ?? NO_NOTES} />
        <NotesPanel call={call} library={library} notes={notes} />
      </div>
    </article>
  )
}

import { useRef } from 'react'
import { Icon } from '../../components/icons'
import { formatPrecise } from '../../domain/time'
import { useAppStore } from '../../store/store-context'
import { MAX_SHOWN_TRACKS } from '../../store/transcript-slice'
import { ExportMenu } from './export-menu'
import { FindBar } from './find-bar'
import type { NoteSpan } from './noted-segments'
import { TrackColumn } from './track-column'
import { useTextSelection } from './use-text-selection'

const NO_NOTES: readonly NoteSpan[] = []

/** The transcript: a track chooser, the shown tracks side by side, and "Follow playback". */
export function TranscriptPanel({
  callTitle,
  notes = NO_NOTES,
}: {
  callTitle: string
  /** Notes of the call, marked on the segments they touch. */
  notes?: readonly NoteSpan[]
}) {
  const tracks = useAppStore((s) => s.tracks)
  const visible = useAppStore((s) => s.visibleTrackIds)
  const following = useAppStore((s) => s.following)
  const setVisibleTracks = useAppStore((s) => s.setVisibleTracks)
  const setFollowing = useAppStore((s) => s.setFollowing)
  const shown = visible.flatMap((id) => tracks.filter((t) => t.id === id))
  const rootRef = useRef<HTMLElement>(null)
  useTextSelection(rootRef)
  const selection = useAppStore((s) => s.textSelection)
  const setTextSelection = useAppStore((s) => s.setTextSelection)

  const toggle = (id: string) => {
    if (visible.includes(id)) {
      if (visible.length > 1) setVisibleTracks(visible.filter((v) => v !== id))
    } else {
      setVisibleTracks([...visible, id].slice(-MAX_SHOWN_TRACKS))
    }
  }

  return (
    <section ref={rootRef} className="transcript" aria-label="Transcript">
      <div className="transcript-toolbar">
        {tracks.length > 1 && (
          <fieldset className="track-chooser">
            <legend>Tracks shown</legend>
            {tracks.map((track) => (
              <label key={track.id} className="chip">
                <input
                  type="checkbox"
                  checked={visible.includes(track.id)}
                  disabled={visible.length === 1 && visible.includes(track.id)}
                  onChange={() => toggle(track.id)}
                />
                <span lang={track.language} title={track.label}>
                  {track.label}
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {selection && (
          <p className="selection-bar">
            Selected {formatPrecise(selection.start)}–{formatPrecise(selection.end)}
            <button type="button" className="text-button" onClick={() => setTextSelection(null)}>
              Clear selection
            </button>
          </p>
        )}
        <FindBar />
        <ExportMenu callTitle={callTitle} tracks={tracks} />
        {!following && (
          <button type="button" className="follow" onClick={() => setFollowing(true)}>
            <Icon name="follow" /> Follow playback
          </button>
        )}
      </div>
      {shown.length === 0 ? (
        <p className="empty">This call has no transcript.</p>
      ) : (
        <div className="track-columns" data-count={shown.length}>
          {shown.map((track) => (
            <TrackColumn key={track.id} track={track} notes={notes} />
          ))}
        </div>
      )}
    </section>
  )
}

import { useDeferredValue, useMemo, useRef, useSyncExternalStore } from 'react'
import { Icon } from '../../components/icons'
import type { Track } from '../../domain/types'
import { useAppStore } from '../../store/store-context'
import { MAX_SHOWN_TRACKS } from '../../store/transcript-slice'
import { FindBar } from './find-bar'
import type { NoteSpan } from './noted-segments'
import { InterleavedColumn, TrackColumn } from './track-column'
import { useTextSelection } from './use-text-selection'

const NO_NOTES: readonly NoteSpan[] = []
const NO_TRACKS: readonly Track[] = []

/** Screens too narrow for columns side by side: there, lines are interleaved unless chosen otherwise. */
const NARROW = '(max-width: 760px)'

function subscribeNarrow(onChange: () => void): () => void {
  const query = window.matchMedia(NARROW)
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}

/** Whether lines of several tracks are shown one under the other: as chosen, else on narrow screens. */
function useInterleaved(): boolean {
  const chosen = useAppStore((s) => s.lineLayout)
  const narrow = useSyncExternalStore(
    subscribeNarrow,
    () => window.matchMedia(NARROW).matches,
    () => false,
  )
  return chosen === null ? narrow : chosen === 'interleaved'
}

/** The tracks shown, in the order shown. */
function useShownTracks(): readonly Track[] {
  const tracks = useAppStore((s) => s.tracks)
  const visible = useAppStore((s) => s.visibleTrackIds)
  return useMemo(
    () => visible.flatMap((id) => tracks.filter((t) => t.id === id)),
    [tracks, visible],
  )
}

/**
 * Above the transcript: which tracks are shown, whether their lines are interleaved, and
 * find-in-call.
 */
export function TranscriptToolbar() {
  const tracks = useAppStore((s) => s.tracks)
  const visible = useAppStore((s) => s.visibleTrackIds)
  const setVisibleTracks = useAppStore((s) => s.setVisibleTracks)
  const setLineLayout = useAppStore((s) => s.setLineLayout)
  const interleaved = useInterleaved()

  const toggle = (id: string) => {
    if (visible.includes(id)) {
      if (visible.length > 1) setVisibleTracks(visible.filter((v) => v !== id))
    } else {
      setVisibleTracks([...visible, id].slice(-MAX_SHOWN_TRACKS))
    }
  }

  return (
    <div className="transcript-toolbar">
      {tracks.length > 1 && (
        <fieldset className="track-chooser">
          {/* The chips name the tracks and show which are on: the legend is for assistive technology. */}
          <legend className="visually-hidden">Tracks shown</legend>
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
      {visible.length > 1 && (
        <label className="chip" title="Each line of the first track, then its translation">
          <input
            type="checkbox"
            checked={interleaved}
            onChange={(e) => setLineLayout(e.target.checked ? 'interleaved' : 'side-by-side')}
          />
          <span>Line by line</span>
        </label>
      )}
      <FindBar />
    </div>
  )
}

/** The transcript: the shown tracks side by side or line by line, and "Follow playback". */
export function TranscriptPanel({
  notes = NO_NOTES,
}: {
  /** Notes of the call, marked on the segments they touch. */
  notes?: readonly NoteSpan[]
}) {
  const shown = useShownTracks()
  // Laying out the columns of a long transcript takes tens of milliseconds (100,000 lines: the
  // virtualiser places every row). Deferred, the columns are drawn in a render of their own, after
  // the rest of the call is on screen, which React can set aside for input; until then the
  // columns shown before stay (none when the call opens).
  const drawn = useDeferredValue(shown, NO_TRACKS)
  const following = useAppStore((s) => s.following)
  const setFollowing = useAppStore((s) => s.setFollowing)
  const interleaved = useInterleaved() && drawn.length > 1
  const rootRef = useRef<HTMLElement>(null)
  useTextSelection(rootRef)

  return (
    <section
      ref={rootRef}
      className="transcript"
      aria-label="Transcript"
      aria-busy={drawn !== shown}
    >
      {shown.length === 0 ? (
        <p className="empty">This call has no transcript.</p>
      ) : drawn.length === 0 ? null : interleaved ? (
        <div className="track-columns" data-count={1}>
          <InterleavedColumn tracks={drawn} notes={notes} />
        </div>
      ) : (
        <div className="track-columns" data-count={drawn.length}>
          {drawn.map((track) => (
            <TrackColumn key={track.id} track={track} notes={notes} />
          ))}
        </div>
      )}
      {!following && (
        <button type="button" className="follow" onClick={() => setFollowing(true)}>
          <Icon name="follow" /> Follow playback
        </button>
      )}
    </section>
  )
}

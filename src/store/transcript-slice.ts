import type { StateCreator } from 'zustand/vanilla'
import {
  createTimeIndex,
  nextStartAfter,
  previousStartBefore,
  type TimeIndex,
} from '../domain/active-segment'
import type { TimeRange } from '../domain/media-fragment'
import { seconds, type Seconds, type Track } from '../domain/types'
import type { AppState } from './store'

/** Per track: the segment under the playhead (-1 in a gap) and the word in it (-1 if none). */
export interface ActivePosition {
  readonly segment: number
  readonly word: number
}

const NONE: ActivePosition = { segment: -1, word: -1 }

const SEEK_SLACK = 0.001

/** Most tracks shown side by side; showing another hides the one shown longest. */
export const MAX_SHOWN_TRACKS = 2

interface TrackIndex {
  readonly segments: TimeIndex
  /** Word indexes, built on first use per segment. */
  readonly words: Map<number, TimeIndex>
}

/** Transcript text the reader selected: its time range and the exact text, in one track. */
export interface TextSelection {
  readonly trackId: string
  readonly start: Seconds
  readonly end: Seconds
  readonly quote: string
}

/** Several shown tracks side by side in columns, or one column with each line under its original. */
export type LineLayout = 'side-by-side' | 'interleaved'

export interface TranscriptSlice {
  callId: string | null
  tracks: readonly Track[]
  /** Ids of the tracks shown, in the order shown. */
  visibleTrackIds: readonly string[]
  /** Keyed by track id; an entry is replaced only when that track's position changes. */
  active: Readonly<Record<string, ActivePosition>>
  /** Whether the transcript scrolls to follow playback. */
  following: boolean
  textSelection: TextSelection | null
  /** How several shown tracks are laid out, as the reader chose; null: as suits the screen. */
  lineLayout: LineLayout | null

  /** Opens a call: its tracks, its duration if known, and where to start. */
  openCall(call: {
    id: string
    tracks: readonly Track[]
    duration: Seconds
    start: TimeRange | null
    visibleTrackIds?: readonly string[]
  }): void
  /** Replaces the open call's tracks (one added or removed) without moving the playhead. */
  replaceTracks(tracks: readonly Track[]): void
  setVisibleTracks(ids: readonly string[]): void
  setFollowing(following: boolean): void
  setLineLayout(layout: LineLayout): void
  setTextSelection(selection: TextSelection | null): void
  /** Moves to the next or previous segment of the first shown track. */
  stepSegment(direction: 1 | -1): void
  /** Loops the selected range, or with none selected the segment being heard; again to stop. */
  toggleLoop(): void
  /** Sets the current time and recomputes the active positions; no side effects on the engine. */
  updateTime(time: Seconds): void
  /**
   * The earliest reported time after `time` at which an active segment or word of any track may
   * change (Infinity when none will): until then, playback has nothing new to show.
   */
  nextTimeChange(time: number): number
}

/** Shows the original and the first translation, or the first two tracks, by default. */
export function defaultVisibleTracks(tracks: readonly Track[]): string[] {
  const original = tracks.find((t) => t.kind === 'original') ?? tracks[0]
  const other = tracks.find((t) => t !== original)
  return [original, other].flatMap((t) => (t ? [t.id] : []))
}

function indexTracks(tracks: readonly Track[]): Map<string, TrackIndex> {
  return new Map(
    tracks.map((t) => [t.id, { segments: createTimeIndex(t.segments), words: new Map() }]),
  )
}

export const createTranscriptSlice: StateCreator<AppState, [], [], TranscriptSlice> = (
  set,
  get,
) => {
  // Derived lookup structures live outside the reactive state: they never change after open.
  let indexes = new Map<string, TrackIndex>()

  function positionIn(track: Track, reported: number): ActivePosition {
    const index = indexes.get(track.id)
    if (!index) return NONE
    // A seek to a segment's start can come back a hair before it (the media clock is not exact
    // to the microsecond); a millisecond of slack keeps that segment the active one.
    const time = reported + SEEK_SLACK
    const segment = index.segments.find(time)
    const words = segment >= 0 ? track.segments[segment]?.words : undefined
    if (!words || words.length === 0) return segment < 0 ? NONE : { segment, word: -1 }
    let wordIndex = index.words.get(segment)
    if (!wordIndex) {
      wordIndex = createTimeIndex(words)
      index.words.set(segment, wordIndex)
    }
    return { segment, word: wordIndex.find(time) }
  }

  function positionsAt(time: number, previous: Readonly<Record<string, ActivePosition>>) {
    let changed = false
    const next: Record<string, ActivePosition> = {}
    for (const track of get().tracks) {
      const before = previous[track.id] ?? NONE
      const now = positionIn(track, time)
      const same = now.segment === before.segment && now.word === before.word
      next[track.id] = same ? before : now
      changed ||= !same
    }
    return changed ? next : previous
  }

  return {
    callId: null,
    tracks: [],
    visibleTrackIds: [],
    active: {},
    following: true,
    textSelection: null,
    lineLayout: null,

    openCall({ id, tracks, duration, start, visibleTrackIds }) {
      indexes = indexTracks(tracks)
      const known = new Set(tracks.map((t) => t.id))
      const shown = visibleTrackIds?.filter((t) => known.has(t)) ?? []
      const time = seconds(Math.min(start?.start ?? 0, duration > 0 ? duration : Infinity))
      set({
        callId: id,
        tracks,
        visibleTrackIds: shown.length > 0 ? shown : defaultVisibleTracks(tracks),
        active: {},
        following: true,
        textSelection: null,
        findHighlights: new Map(),
        findTarget: null,
        autoplay: false,
        zoomLevel: 0,
        duration,
        currentTime: time,
        isPlaying: false,
        isReady: false,
        playbackError: null,
        range: start?.end === undefined ? null : { start: start.start, end: start.end },
        looping: start?.end !== undefined,
      })
      // A link's time is a placement: the columns, drawn after this, bring its line into view.
      set({ active: positionsAt(time, {}), placed: get().placed + (start ? 1 : 0) })
    },
    replaceTracks(tracks) {
      indexes = indexTracks(tracks)
      const known = new Set(tracks.map((t) => t.id))
      const kept = get().visibleTrackIds.filter((id) => known.has(id))
      const added = tracks.filter((t) => !get().tracks.some((old) => old.id === t.id))
      // A newly added track is shown beside the first kept one, as the reader likely wants.
      const shown = [...kept, ...added.map((t) => t.id)].slice(0, MAX_SHOWN_TRACKS)
      set({
        tracks,
        visibleTrackIds: shown.length > 0 ? shown : defaultVisibleTracks(tracks),
      })
      set({ active: positionsAt(get().currentTime, {}) })
    },
    setVisibleTracks(ids) {
      set({ visibleTrackIds: ids })
    },
    setFollowing(following) {
      set({ following })
    },
    setLineLayout(lineLayout) {
      set({ lineLayout })
    },
    setTextSelection(textSelection) {
      set({ textSelection })
    },
    stepSegment(direction) {
      const { tracks, visibleTrackIds, currentTime } = get()
      const track = tracks.find((t) => t.id === visibleTrackIds[0]) ?? tracks[0]
      if (!track) return
      const i =
        direction > 0
          ? nextStartAfter(track.segments, currentTime)
          : previousStartBefore(track.segments, currentTime)
      const segment = i >= 0 ? track.segments[i] : undefined
      if (segment) {
        set({ following: true })
        get().seek(segment.start)
      }
    },
    toggleLoop() {
      const { range, looping, tracks, visibleTrackIds, active, selectRange, setLooping } = get()
      if (range) {
        setLooping(!looping)
        return
      }
      const track = tracks.find((t) => t.id === visibleTrackIds[0]) ?? tracks[0]
      const segment = track?.segments[active[track.id]?.segment ?? -1]
      if (segment) selectRange({ start: segment.start, end: segment.end }, true)
    },
    nextTimeChange(reported) {
      const time = reported + SEEK_SLACK
      let next = Infinity
      for (const track of get().tracks) {
        const index = indexes.get(track.id)
        if (!index) continue
        next = Math.min(next, index.segments.nextChange(time))
        // The active segment's words change within it; its word index exists once it is found.
        const segment = get().active[track.id]?.segment ?? -1
        const words = segment >= 0 ? index.words.get(segment) : undefined
        if (words) next = Math.min(next, words.nextChange(time))
      }
      return next - SEEK_SLACK
    },
    updateTime(time) {
      const active = positionsAt(time, get().active)
      set(active === get().active ? { currentTime: time } : { currentTime: time, active })
    },
  }
}

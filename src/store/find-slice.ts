import type { StateCreator } from 'zustand/vanilla'
import type { SegmentHighlight } from '../search/find-in-call'
import type { AppState } from './store'
import { MAX_SHOWN_TRACKS } from './transcript-slice'

/** The match find-in-call moved to: the transcript scrolls its row into view. */
export interface FindTarget {
  readonly trackId: string
  readonly segmentIndex: number
  /** Counts moves, so that moving to the same row again scrolls to it again. */
  readonly serial: number
}

const NO_HIGHLIGHTS: ReadonlyMap<string, readonly SegmentHighlight[]> = new Map()

export interface FindSlice {
  /** Find-in-call's matches by `segmentKey`, for each row to mark its own. */
  findHighlights: ReadonlyMap<string, readonly SegmentHighlight[]>
  findTarget: FindTarget | null

  /**
   * Shows find-in-call's matches and scrolls to the current one (if any), showing its track if it
   * was hidden; the transcript stops following playback, or it would scroll straight back.
   */
  showMatches(
    highlights: ReadonlyMap<string, readonly SegmentHighlight[]>,
    target: { readonly trackId: string; readonly segmentIndex: number } | null,
  ): void
  clearMatches(): void
}

export const createFindSlice: StateCreator<AppState, [], [], FindSlice> = (set, get) => ({
  findHighlights: NO_HIGHLIGHTS,
  findTarget: null,

  showMatches(highlights, target) {
    if (!target) {
      set({ findHighlights: highlights, findTarget: null })
      return
    }
    const { visibleTrackIds, findTarget } = get()
    set({
      findHighlights: highlights,
      findTarget: { ...target, serial: (findTarget?.serial ?? 0) + 1 },
      following: false,
      ...(visibleTrackIds.includes(target.trackId)
        ? {}
        : { visibleTrackIds: [...visibleTrackIds, target.trackId].slice(-MAX_SHOWN_TRACKS) }),
    })
  },
  clearMatches() {
    set({ findHighlights: NO_HIGHLIGHTS, findTarget: null })
  },
})

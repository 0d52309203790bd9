import { createStore, type StoreApi } from 'zustand/vanilla'
import type { TimeRange } from '../domain/media-fragment'
import type { Seconds } from '../domain/types'
import { createFindSlice, type FindSlice } from './find-slice'
import { createNotesSlice, type NotesSlice } from './notes-slice'
import { createPlaybackSlice, type PlaybackSlice } from './playback-slice'
import { createTranscriptSlice, type TranscriptSlice } from './transcript-slice'

/** The whole client state: playback, the open call's transcript, find-in-call, the open note. */
export type AppState = PlaybackSlice & TranscriptSlice & FindSlice & NotesSlice

export type AppStore = StoreApi<AppState>

/** A range with both ends, as selected for looping. */
export interface ClosedRange extends TimeRange {
  readonly end: Seconds
}

/** Makes a fresh store; the app makes one, tests make their own. */
export function createAppStore(): AppStore {
  return createStore<AppState>()((set, get, api) => ({
    ...createPlaybackSlice(set, get, api),
    ...createTranscriptSlice(set, get, api),
    ...createFindSlice(set, get, api),
    ...createNotesSlice(set, get, api),
  }))
}

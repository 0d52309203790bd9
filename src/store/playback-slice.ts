import type { StateCreator } from 'zustand/vanilla'
import { clampTime } from '../domain/time'
import { seconds, type Seconds } from '../domain/types'
import type { PlayerCommands } from './player-commands'
import { measured } from './measure'
import type { AppState, ClosedRange } from './store'

export const PLAYBACK_RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const
export const SKIP_SECONDS = 5

export interface PlaybackSlice {
  duration: Seconds
  currentTime: Seconds
  isPlaying: boolean
  isReady: boolean
  rate: number
  volume: number
  muted: boolean
  /** The selected range, shown on the waveform; looped while `looping` is on. */
  range: ClosedRange | null
  looping: boolean
  /** Seconds to step back when playback resumes after a pause (0: off), for hard audio. */
  rewindOnResume: number
  /** The last playback error, in words a user can act on. */
  playbackError: string | null
  /** Waveform zoom level (see domain/zoom.ts): 0 shows the whole call. */
  zoomLevel: number
  /** The deepest useful level for the waveform's width and the call's length. */
  maxZoomLevel: number
  /**
   * Counts placements of the playhead by the reader (a link, a key, a note, a click on a line): a
   * change asks each shown column to bring its active row into view, in the column and in the
   * window. Playback ticks do not count: following them moves the columns only.
   */
  placed: number
  /** Play as soon as the audio is ready (set by `playWhenReady` before it is). */
  autoplay: boolean
  player: PlayerCommands | null

  /** Registers the audio engine; returns the function that detaches it. */
  attachPlayer(player: PlayerCommands): () => void
  play(): void
  /** Plays now if the audio is ready, else as soon as it is: a search hit opening its call. */
  playWhenReady(): void
  pause(): void
  togglePlay(): void
  seek(time: number): void
  skip(delta: number): void
  setRate(rate: number): void
  stepRate(direction: 1 | -1): void
  setVolume(volume: number): void
  toggleMuted(): void
  selectRange(range: ClosedRange | null, loop?: boolean): void
  setLooping(looping: boolean): void
  /** Jumps back `seconds` and plays: "what did they just say?" */
  replay(seconds: number): void
  setRewindOnResume(seconds: number): void
  /** Zooms the waveform one level in (1) or out (-1), within 0..maxZoomLevel. */
  stepZoom(direction: 1 | -1): void
  setMaxZoomLevel(level: number): void

  /** Engine reports, not user intents. */
  reportReady(duration: Seconds): void
  reportTime(time: Seconds): void
  reportPlaying(isPlaying: boolean): void
  reportError(message: string | null): void
}

export const createPlaybackSlice: StateCreator<AppState, [], [], PlaybackSlice> = (set, get) => {
  // The next time at which something shown changes, worked out once per state it depends on.
  let known: { basis: readonly unknown[]; at: number } | null = null
  /** When, after the store's time, an active line or word, the clock's seconds or a loop changes. */
  const nextVisibleChange = (state: AppState): number => {
    const { currentTime, tracks, active, range, looping } = state
    const basis = [currentTime, tracks, active, range, looping]
    if (known && known.basis.every((value, i) => value === basis[i])) return known.at
    let at = Math.min(state.nextTimeChange(currentTime), Math.floor(currentTime) + 1)
    if (range && looping && currentTime < range.end) at = Math.min(at, range.end)
    known = { basis, at }
    return at
  }
  /** Playing, asks the engine to report the time when something shown next changes. */
  const scheduleReport = () => {
    const state = get()
    if (state.isPlaying) state.player?.reportAt(nextVisibleChange(state))
  }
  /** Moves the playhead in the store; the caller tells the engine (`seek` also counts a placement). */
  const moveTo = (time: number) => {
    const target = clampTime(time, get().duration)
    get().updateTime(target)
    return target
  }
  return {
    duration: seconds(0),
    currentTime: seconds(0),
    isPlaying: false,
    isReady: false,
    rate: 1,
    volume: 1,
    muted: false,
    range: null,
    looping: false,
    rewindOnResume: 0,
    playbackError: null,
    zoomLevel: 0,
    maxZoomLevel: 0,
    placed: 0,
    autoplay: false,
    player: null,

    attachPlayer(player) {
      set({ player })
      const { rate, volume, muted } = get()
      player.setRate(rate)
      player.setVolume(volume)
      player.setMuted(muted)
      return () => {
        if (get().player === player) set({ player: null, isPlaying: false, isReady: false })
      }
    },
    play() {
      const { player, range, looping, currentTime, rewindOnResume } = get()
      // Playing a looped range from outside it starts at the range. These moves come with Play, not
      // from the reader placing the playhead: they do not scroll the page to the transcript.
      let from: number | null = null
      if (range && looping && (currentTime < range.start || currentTime >= range.end)) {
        from = range.start
      } else if (rewindOnResume > 0 && currentTime > 0) {
        from = Math.max(range && looping ? range.start : 0, currentTime - rewindOnResume)
      }
      if (from !== null) player?.seek(moveTo(from))
      player?.play()
    },
    playWhenReady() {
      const { player, isReady } = get()
      if (player && isReady) get().play()
      else set({ autoplay: true })
    },
    pause() {
      get().player?.pause()
    },
    togglePlay() {
      if (get().isPlaying) get().pause()
      else get().play()
    },
    seek(time) {
      measured('verbatim:seek', () => {
        const target = moveTo(time)
        set({ placed: get().placed + 1 })
        get().player?.seek(target)
        scheduleReport()
      })
    },
    skip(delta) {
      get().seek(get().currentTime + delta)
    },
    setRate(rate) {
      const clamped = Math.min(2, Math.max(0.5, rate))
      set({ rate: clamped })
      get().player?.setRate(clamped)
    },
    stepRate(direction) {
      const { rate } = get()
      const next =
        direction > 0
          ? PLAYBACK_RATES.find((r) => r > rate + 1e-9)
          : [...PLAYBACK_RATES].reverse().find((r) => r < rate - 1e-9)
      if (next !== undefined) get().setRate(next)
    },
    setVolume(volume) {
      const clamped = Math.min(1, Math.max(0, volume))
      set({ volume: clamped, muted: clamped === 0 ? get().muted : false })
      get().player?.setVolume(clamped)
      get().player?.setMuted(get().muted)
    },
    toggleMuted() {
      const muted = !get().muted
      set({ muted })
      get().player?.setMuted(muted)
    },
    selectRange(range, loop = false) {
      set({ range, looping: range !== null && (loop || get().looping) })
    },
    setLooping(looping) {
      set({ looping: looping && get().range !== null })
    },

    replay(seconds) {
      const { range, looping, currentTime } = get()
      const floor = range && looping ? range.start : 0
      get().seek(Math.max(floor, currentTime - seconds))
      get().player?.play()
    },
    setRewindOnResume(seconds) {
      set({ rewindOnResume: Math.max(0, seconds) })
    },

    stepZoom(direction) {
      const { zoomLevel, maxZoomLevel } = get()
      set({ zoomLevel: Math.max(0, Math.min(maxZoomLevel, zoomLevel + direction)) })
    },
    setMaxZoomLevel(level) {
      const maxZoomLevel = Math.max(0, Math.floor(level))
      set({ maxZoomLevel, zoomLevel: Math.min(get().zoomLevel, maxZoomLevel) })
    },

    reportReady(duration) {
      set({ duration, isReady: true, playbackError: null })
      const { currentTime, player } = get()
      // A time chosen before the audio was ready (a deep link, an early click) is applied now.
      if (currentTime > 0) player?.seek(clampTime(currentTime, duration))
      if (get().autoplay) {
        set({ autoplay: false })
        get().play()
      }
    },
    reportTime(time) {
      // The engine reports time on every frame of playback; the store takes it only when
      // something shown changes: an active segment or word, the clock's seconds, the end of a
      // looped range. Between those, moving forward, a report changes nothing on screen.
      const state = get()
      const { currentTime, isPlaying } = state
      if (isPlaying && time >= currentTime && time < nextVisibleChange(state)) return
      measured('verbatim:tick', () => {
        const { range, looping, player } = get()
        if (range && looping && currentTime < range.end && time >= range.end) {
          get().updateTime(range.start)
          player?.seek(range.start)
          return
        }
        get().updateTime(time)
      })
      scheduleReport()
    },
    reportPlaying(isPlaying) {
      set({ isPlaying })
      scheduleReport()
    },
    reportError(message) {
      set({ playbackError: message, isPlaying: false })
    },
  }
}

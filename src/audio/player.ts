import WaveSurfer from 'wavesurfer.js'
import RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.esm.js'
import { seconds, type Seconds } from '../domain/types'
import type { PlayerCommands } from '../store/player-commands'

/** Colours of the waveform; read from the theme by the caller. */
export interface WaveColors {
  readonly wave: string
  readonly progress: string
  readonly cursor: string
  readonly range: string
}

export interface PlayerOptions {
  readonly container: HTMLElement
  /** A same-origin or `blob:` URL; the media element streams it. */
  readonly url: string
  /** Precomputed peaks, so the audio is never decoded whole. */
  readonly peaks: readonly (Float32Array | readonly number[])[]
  readonly duration: Seconds
  readonly colors: WaveColors
  readonly height: number
}

export interface PlayerEvents {
  ready: Seconds
  time: Seconds
  playing: boolean
  error: string
}

type Listener<T> = (value: T) => void

/** The small surface the app uses (the store's commands and drawing); wavesurfer.js stays behind it. */
export interface Player extends PlayerCommands {
  setColors(colors: WaveColors): void
  /** Shows a selected range on the waveform, or removes it. */
  showRange(range: { start: Seconds; end: Seconds } | null): void
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof PlayerEvents>(event: K, listener: Listener<PlayerEvents[K]>): () => void
  destroy(): void
}

/**
 * Creates a waveform player that streams through a media element and draws precomputed peaks:
 * no full decode, so a long call is ready as fast as a short one. Pitch is preserved at every
 * speed. Dragging on the waveform scrubs.
 */
export function createPlayer(options: PlayerOptions): Player {
  const regions = RegionsPlugin.create()
  const wavesurfer = WaveSurfer.create({
    container: options.container,
    backend: 'MediaElement',
    height: options.height,
    waveColor: options.colors.wave,
    progressColor: options.colors.progress,
    cursorColor: options.colors.cursor,
    cursorWidth: 2,
    barWidth: 2,
    barGap: 1,
    barRadius: 2,
    normalize: true,
    dragToSeek: true,
    autoScroll: true,
    plugins: [regions],
  })
  let rangeColor = options.colors.range
  let ready = false
  let range: { start: Seconds; end: Seconds } | null = null
  // Regions are laid out against the duration, so they are drawn once the player is ready.
  const drawRange = () => {
    regions.clearRegions()
    if (!range || !ready) return
    regions.addRegion({
      id: 'selected-range',
      start: range.start,
      end: range.end,
      color: rangeColor,
      drag: false,
      resize: false,
    })
  }
  const listeners: { [K in keyof PlayerEvents]: Set<Listener<PlayerEvents[K]>> } = {
    ready: new Set(),
    time: new Set(),
    playing: new Set(),
    error: new Set(),
  }
  function emit<K extends keyof PlayerEvents>(event: K, value: PlayerEvents[K]) {
    for (const listener of listeners[event]) listener(value)
  }

  const unsubscribers = [
    wavesurfer.on('ready', (duration) => {
      ready = true
      drawRange()
      emit('ready', seconds(duration))
    }),
    wavesurfer.on('timeupdate', (time) => emit('time', seconds(time))),
    wavesurfer.on('play', () => emit('playing', true)),
    wavesurfer.on('pause', () => emit('playing', false)),
    wavesurfer.on('finish', () => emit('playing', false)),
    wavesurfer.on('error', (error) => emit('error', describeMediaError(error))),
  ]

  wavesurfer
    .load(
      options.url,
      options.peaks.map((channel) => [...channel]),
      options.duration,
    )
    .catch((error: unknown) => {
      // A load superseded by a newer one (or by destroy) is not an error the user should see.
      if (error instanceof DOMException && error.name === 'AbortError') return
      emit('error', describeMediaError(error))
    })

  return {
    play() {
      wavesurfer.play().catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return
        emit('error', describeMediaError(error))
      })
    },
    pause: () => wavesurfer.pause(),
    seek: (time) => wavesurfer.setTime(time),
    setRate: (rate) => wavesurfer.setPlaybackRate(rate, true),
    setVolume: (volume) => wavesurfer.setVolume(volume),
    setMuted: (muted) => wavesurfer.setMuted(muted),
    setColors(colors) {
      rangeColor = colors.range
      wavesurfer.setOptions({
        waveColor: colors.wave,
        progressColor: colors.progress,
        cursorColor: colors.cursor,
      })
      drawRange()
    },
    showRange(next) {
      range = next
      drawRange()
    },
    on(event, listener) {
      listeners[event].add(listener)
      return () => listeners[event].delete(listener)
    },
    destroy() {
      for (const unsubscribe of unsubscribers) unsubscribe()
      for (const set of Object.values(listeners)) set.clear()
      wavesurfer.destroy()
    },
  }
}

function describeMediaError(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error)
  return `The audio could not be played (${detail || 'unknown media error'}).`
}

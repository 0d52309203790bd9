import { useEffect, useRef, type RefObject } from 'react'
import {
  createPlayer,
  type Player,
  type PlayerEvents,
  type WaveColors,
  type WaveMark,
} from '../../audio/player'
import type { Seconds } from '../../domain/types'
import { maxZoomLevel, zoomPixelsPerSecond } from '../../domain/zoom'
import { useAppStoreApi } from '../../store/store-context'

export interface PlayableMedia {
  readonly url: string
  /** One array per channel; a stored Float32Array is used as it is. */
  readonly peaks: readonly (Float32Array | readonly number[])[]
  readonly duration: Seconds
}

/**
 * Creates the waveform player in `containerRef`, connects it to the store both ways, and
 * destroys it when the media changes or the component unmounts.
 */
/** Notes drawn on the waveform, and what to do when one is moved or clicked. */
export interface WaveMarks {
  readonly marks: readonly WaveMark[]
  readonly onMoved: (moved: PlayerEvents['markMoved']) => void
  readonly onClicked: (id: string) => void
}

export function useWaveformPlayer(
  containerRef: RefObject<HTMLElement | null>,
  overviewRef: RefObject<HTMLElement | null>,
  media: PlayableMedia,
  colors: WaveColors,
  height: number,
  marks?: WaveMarks,
): void {
  const store = useAppStoreApi()
  const playerRef = useRef<Player | null>(null)
  const colorsRef = useRef(colors)
  const marksRef = useRef(marks)

  useEffect(() => {
    marksRef.current = marks
    playerRef.current?.showMarks(marks?.marks ?? [])
  }, [marks])

  // Declared first so that the player created below starts with the current colours.
  useEffect(() => {
    colorsRef.current = colors
    playerRef.current?.setColors(colors)
  }, [colors])

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const player = createPlayer({
      ...media,
      container,
      overview: overviewRef.current ?? undefined,
      colors: colorsRef.current,
      height,
    })
    playerRef.current = player
    const state = store.getState
    // Zoom levels depend on the waveform's width, so they are worked out again when it changes.
    const width = () => container.clientWidth
    const zoomTo = (level: number) =>
      player.setZoom(zoomPixelsPerSecond(level, width(), media.duration))
    const fit = () => state().setMaxZoomLevel(maxZoomLevel(width(), media.duration))
    const resized = new ResizeObserver(() => {
      fit()
      zoomTo(state().zoomLevel)
    })
    resized.observe(container)
    fit()
    zoomTo(state().zoomLevel)
    const cleanups = [
      player.on('ready', (duration) => state().reportReady(duration)),
      player.on('time', (time) => state().reportTime(time)),
      player.on('playing', (playing) => state().reportPlaying(playing)),
      player.on('error', (message) => state().reportError(message)),
      player.on('markMoved', (moved) => marksRef.current?.onMoved(moved)),
      player.on('markClicked', (id) => marksRef.current?.onClicked(id)),
      player.on('rangeSelected', (range) => state().selectRange(range)),
      state().attachPlayer(player),
      store.subscribe((now, before) => {
        if (now.range !== before.range) player.showRange(now.range)
        if (now.zoomLevel !== before.zoomLevel) zoomTo(now.zoomLevel)
      }),
      () => resized.disconnect(),
    ]
    player.showRange(state().range)
    player.showMarks(marksRef.current?.marks ?? [])
    return () => {
      for (const cleanup of cleanups) cleanup()
      player.destroy()
      playerRef.current = null
    }
  }, [containerRef, overviewRef, media, store, height])
}

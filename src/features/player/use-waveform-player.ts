import { useEffect, useRef, type RefObject } from 'react'
import { createPlayer, type Player, type WaveColors } from '../../audio/player'
import type { Seconds } from '../../domain/types'
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
export function useWaveformPlayer(
  containerRef: RefObject<HTMLElement | null>,
  media: PlayableMedia,
  colors: WaveColors,
  height: number,
): void {
  const store = useAppStoreApi()
  const playerRef = useRef<Player | null>(null)
  const colorsRef = useRef(colors)

  // Declared first so that the player created below starts with the current colours.
  useEffect(() => {
    colorsRef.current = colors
    playerRef.current?.setColors(colors)
  }, [colors])

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const player = createPlayer({ ...media, container, colors: colorsRef.current, height })
    playerRef.current = player
    const state = store.getState
    const cleanups = [
      player.on('ready', (duration) => state().reportReady(duration)),
      player.on('time', (time) => state().reportTime(time)),
      player.on('playing', (playing) => state().reportPlaying(playing)),
      player.on('error', (message) => state().reportError(message)),
      state().attachPlayer(player),
      store.subscribe((now, before) => {
        if (now.range !== before.range) player.showRange(now.range)
      }),
    ]
    player.showRange(state().range)
    return () => {
      for (const cleanup of cleanups) cleanup()
      player.destroy()
      playerRef.current = null
    }
  }, [containerRef, media, store, height])
}

import type { Seconds } from '../domain/types'

/**
 * What the store asks of the audio engine. The engine (in `audio/`) registers itself with
 * `attachPlayer`; the store forwards commands to it and the engine reports back through the
 * store's `report*` actions. Nothing here touches the DOM.
 */
export interface PlayerCommands {
  play(): void
  pause(): void
  seek(time: Seconds): void
  setRate(rate: number): void
  setVolume(volume: number): void
  setMuted(muted: boolean): void
}

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
  /**
   * Asks for a time report when playback reaches `time`: the next moment something shown changes
   * (a word, a line, the clock's seconds). Between reports the engine need not say anything.
   */
  reportAt(time: number): void
}

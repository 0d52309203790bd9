import { seconds, type Segment, type Track } from '../../src/domain/types'
import type { PlayerCommands } from '../../src/store/player-commands'

/** A track of `count` back-to-back segments of `length` seconds, each with two timed words unless `timedWords` is false. */
export function makeTrack(
  id: string,
  count: number,
  { length = 4, language = 'en', kind = 'original' as Track['kind'], timedWords = true } = {},
): Track {
  const segments: Segment[] = Array.from({ length: count }, (_, i) => {
    const start = i * length
    const half = start + length / 2
    return {
      id: `${id}-${i}`,
      start: seconds(start),
      end: seconds(start + length),
      speaker: i % 2 === 0 ? 'Investigator' : 'Official',
      text: `${id} segment ${i}`,
      ...(timedWords && {
        words: [
          { start: seconds(start), end: seconds(half), text: `${id}` },
          { start: seconds(half), end: seconds(start + length), text: `word${i}` },
        ],
      }),
    }
  })
  return { id, language, kind, label: `${id} track`, segments }
}

type Call = [name: keyof PlayerCommands, ...args: unknown[]]

/** A stand-in for the audio engine that records every command it is given. */
export function fakePlayer() {
  const calls: Call[] = []
  const record =
    (name: keyof PlayerCommands) =>
    (...args: unknown[]) => {
      calls.push([name, ...args])
    }
  const player: PlayerCommands = {
    play: record('play'),
    pause: record('pause'),
    seek: record('seek'),
    setRate: record('setRate'),
    setVolume: record('setVolume'),
    setMuted: record('setMuted'),
    reportAt: record('reportAt'),
  }
  return {
    player,
    calls,
    /** The arguments of every call to one command, in order. */
    argsOf: (name: keyof PlayerCommands) =>
      calls.filter(([n]) => n === name).map(([, ...args]) => args),
    clear: () => calls.splice(0),
  }
}

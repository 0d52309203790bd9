import { beforeEach, describe, expect, it } from 'vitest'
import type { TimeRange } from '../../../src/domain/media-fragment'
import { seconds, type Segment, type Track, type Word } from '../../../src/domain/types'
import { PLAYBACK_RATES } from '../../../src/store/playback-slice'
import { createAppStore, type AppStore } from '../../../src/store/store'
import { defaultVisibleTracks } from '../../../src/store/transcript-slice'
import { fakePlayer } from '../../helpers/fixtures'

const word = (start: number, end: number, text: string): Word => ({
  start: seconds(start),
  end: seconds(end),
  text,
})

function segment(id: string, start: number, end: number, words?: Word[]): Segment {
  const base = { id, start: seconds(start), end: seconds(end), text: id }
  return words ? { ...base, words } : base
}

// en: [1,3) with words, gap, [4,6) without words, [6,9) with words; nothing from 9 to 10.
const en: Track = {
  id: 'en',
  language: 'en',
  kind: 'original',
  label: 'English',
  segments: [
    segment('e0', 1, 3, [word(1, 1.5, 'a'), word(1.5, 2, 'b'), word(2.2, 3, 'c')]),
    segment('e1', 4, 6),
    segment('e2', 6, 9, [word(6, 7, 'd'), word(7, 9, 'e')]),
  ],
}
const zh: Track = {
  id: 'zh',
  language: 'zh-Hans',
  kind: 'translation',
  label: '中文',
  translatedFrom: 'en',
  segments: [segment('z0', 1, 6), segment('z1', 6, 9)],
}
const fr: Track = {
  id: 'fr',
  language: 'fr',
  kind: 'translation',
  label: 'Français',
  translatedFrom: 'en',
  segments: [segment('f0', 0, 10)],
}

const DURATION = seconds(10)

function open(store: AppStore, start: TimeRange | null = null, visibleTrackIds?: string[]) {
  store.getState().openCall({
    id: 'call-1',
    tracks: [en, zh, fr],
    duration: DURATION,
    start,
    ...(visibleTrackIds ? { visibleTrackIds } : {}),
  })
}

let store: AppStore
let fake: ReturnType<typeof fakePlayer>

beforeEach(() => {
  store = createAppStore()
  fake = fakePlayer()
})

describe('initial state', () => {
  it('starts empty, at normal speed and full volume, with no player', () => {
    const s = store.getState()
    expect(s).toMatchObject({
      callId: null,
      tracks: [],
      visibleTrackIds: [],
      active: {},
      following: true,
      duration: 0,
      currentTime: 0,
      isPlaying: false,
      isReady: false,
      rate: 1,
      volume: 1,
      muted: false,
      range: null,
      looping: false,
      playbackError: null,
      player: null,
    })
  })

  it('gives every store its own state', () => {
    const other = createAppStore()
    open(store)
    expect(other.getState().callId).toBeNull()
  })
})

describe('defaultVisibleTracks', () => {
  it('shows the original and the first other track', () => {
    expect(defaultVisibleTracks([en, zh, fr])).toEqual(['en', 'zh'])
  })

  it('puts the original first even when it is not listed first', () => {
    expect(defaultVisibleTracks([zh, fr, en])).toEqual(['en', 'zh'])
  })

  it('shows the first two tracks when there is no original', () => {
    expect(defaultVisibleTracks([fr, zh])).toEqual(['fr', 'zh'])
  })

  it('shows a single track alone, and nothing for no tracks', () => {
    expect(defaultVisibleTracks([zh])).toEqual(['zh'])
    expect(defaultVisibleTracks([])).toEqual([])
  })
})

describe('openCall', () => {
  it('sets the call, its tracks, duration and the default visible tracks', () => {
    open(store)
    const s = store.getState()
    expect(s.callId).toBe('call-1')
    expect(s.tracks).toEqual([en, zh, fr])
    expect(s.duration).toBe(10)
    expect(s.visibleTrackIds).toEqual(['en', 'zh'])
  })

  it('keeps requested visible tracks that exist, in the order requested', () => {
    open(store, null, ['fr', 'missing', 'en'])
    expect(store.getState().visibleTrackIds).toEqual(['fr', 'en'])
  })

  it('falls back to the default when no requested track exists', () => {
    open(store, null, ['missing'])
    expect(store.getState().visibleTrackIds).toEqual(['en', 'zh'])
    open(store, null, [])
    expect(store.getState().visibleTrackIds).toEqual(['en', 'zh'])
  })

  it('without a start, begins at zero with the positions there and no range', () => {
    open(store)
    const s = store.getState()
    expect(s.currentTime).toBe(0)
    expect(s.range).toBeNull()
    expect(s.looping).toBe(false)
    expect(s.active).toEqual({
      en: { segment: -1, word: -1 },
      zh: { segment: -1, word: -1 },
      fr: { segment: 0, word: -1 },
    })
  })

  it('with a point in time, starts there without a range', () => {
    open(store, { start: seconds(4.5) })
    const s = store.getState()
    expect(s.currentTime).toBe(4.5)
    expect(s.range).toBeNull()
    expect(s.looping).toBe(false)
    expect(s.active).toEqual({
      en: { segment: 1, word: -1 },
      zh: { segment: 0, word: -1 },
      fr: { segment: 0, word: -1 },
    })
  })

  it('with a deep-link range, starts at its start, selects it and loops it', () => {
    open(store, { start: seconds(1.6), end: seconds(2.5) })
    const s = store.getState()
    expect(s.currentTime).toBe(1.6)
    expect(s.range).toEqual({ start: 1.6, end: 2.5 })
    expect(s.looping).toBe(true)
    expect(s.active.en).toEqual({ segment: 0, word: 1 })
  })

  it('resets playback and view state left over from the previous call', () => {
    open(store, { start: seconds(2), end: seconds(5) })
    store.setState({ isPlaying: true, isReady: true, playbackError: 'broken', following: false })
    open(store)
    const s = store.getState()
    expect(s).toMatchObject({
      isPlaying: false,
      isReady: false,
      playbackError: null,
      following: true,
      range: null,
      looping: false,
      currentTime: 0,
    })
  })

  it('forgets the previous call’s tracks', () => {
    open(store, { start: seconds(4.5) })
    store.getState().openCall({
      id: 'call-2',
      tracks: [zh],
      duration: seconds(20),
      start: { start: seconds(7) },
    })
    const s = store.getState()
    expect(s.callId).toBe('call-2')
    expect(s.visibleTrackIds).toEqual(['zh'])
    expect(s.active).toEqual({ zh: { segment: 1, word: -1 } })
    expect(s.duration).toBe(20)
  })
})

describe('updateTime', () => {
  beforeEach(() => open(store, { start: seconds(4.5) }))

  it('sets the current time', () => {
    store.getState().updateTime(seconds(5))
    expect(store.getState().currentTime).toBe(5)
  })

  it('keeps the same active object when no position changes', () => {
    const before = store.getState().active
    store.getState().updateTime(seconds(5.5))
    expect(store.getState().active).toBe(before)
    expect(store.getState().currentTime).toBe(5.5)
  })

  it('replaces the active object when a position changes, keeping unchanged entries', () => {
    const before = store.getState().active
    store.getState().updateTime(seconds(6.5))
    const after = store.getState().active
    expect(after).not.toBe(before)
    expect(after.en).toEqual({ segment: 2, word: 0 })
    expect(after.zh).toEqual({ segment: 1, word: -1 })
    expect(after.fr).toBe(before.fr)
  })

  it('replaces only the entry whose word changed', () => {
    store.getState().updateTime(seconds(1.2))
    const before = store.getState().active
    expect(before.en).toEqual({ segment: 0, word: 0 })
    store.getState().updateTime(seconds(1.7))
    const after = store.getState().active
    expect(after).not.toBe(before)
    expect(after.en).toEqual({ segment: 0, word: 1 })
    expect(after.zh).toBe(before.zh)
    expect(after.fr).toBe(before.fr)
  })

  it('reports a segment with no word under the playhead as word -1', () => {
    store.getState().updateTime(seconds(2.1))
    expect(store.getState().active.en).toEqual({ segment: 0, word: -1 })
  })

  it('reports a gap as segment -1', () => {
    store.getState().updateTime(seconds(3.5))
    expect(store.getState().active.en).toEqual({ segment: -1, word: -1 })
    expect(store.getState().active.zh).toEqual({ segment: 0, word: -1 })
  })

  it('notifies subscribers of active only when it changes', () => {
    const seen: unknown[] = []
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.active !== prev.active) seen.push(s.active)
    })
    store.getState().updateTime(seconds(5))
    store.getState().updateTime(seconds(5.5))
    expect(seen).toHaveLength(0)
    store.getState().updateTime(seconds(6))
    expect(seen).toHaveLength(1)
    unsubscribe()
  })

  it('does not command the player', () => {
    store.getState().attachPlayer(fake.player)
    fake.clear()
    store.getState().updateTime(seconds(7))
    expect(fake.calls).toEqual([])
  })
})

describe('seek and skip', () => {
  beforeEach(() => {
    open(store)
    store.getState().attachPlayer(fake.player)
    fake.clear()
  })

  it('sets the time and the positions, and forwards the seek to the player', () => {
    store.getState().seek(6.5)
    expect(store.getState().currentTime).toBe(6.5)
    expect(store.getState().active.en).toEqual({ segment: 2, word: 0 })
    expect(fake.calls).toEqual([['seek', 6.5]])
  })

  it('clamps to the duration', () => {
    store.getState().seek(25)
    expect(store.getState().currentTime).toBe(10)
    expect(fake.argsOf('seek')).toEqual([[10]])
  })

  it('clamps below zero and NaN to zero', () => {
    store.getState().seek(5)
    store.getState().seek(-3)
    expect(store.getState().currentTime).toBe(0)
    store.getState().seek(Number.NaN)
    expect(store.getState().currentTime).toBe(0)
    expect(fake.argsOf('seek')).toEqual([[5], [0], [0]])
  })

  it('skips relative to the current time, clamped', () => {
    store.getState().seek(4)
    store.getState().skip(5)
    expect(store.getState().currentTime).toBe(9)
    store.getState().skip(5)
    expect(store.getState().currentTime).toBe(10)
    store.getState().skip(-15)
    expect(store.getState().currentTime).toBe(0)
    expect(fake.argsOf('seek')).toEqual([[4], [9], [10], [0]])
  })

  it('works without a player', () => {
    const lone = createAppStore()
    open(lone)
    lone.getState().seek(3)
    expect(lone.getState().currentTime).toBe(3)
  })
})

describe('reportReady', () => {
  it('records the duration and readiness and clears an error', () => {
    open(store)
    store.getState().reportError('could not decode')
    store.getState().reportReady(seconds(12))
    expect(store.getState()).toMatchObject({ duration: 12, isReady: true, playbackError: null })
  })

  it('applies a time chosen before the audio was ready', () => {
    open(store, { start: seconds(4.5) })
    store.getState().attachPlayer(fake.player)
    fake.clear()
    store.getState().reportReady(DURATION)
    expect(fake.calls).toEqual([['seek', 4.5]])
  })

  it('clamps the pending time to the real duration', () => {
    open(store, { start: seconds(8) })
    store.getState().attachPlayer(fake.player)
    fake.clear()
    store.getState().reportReady(seconds(6))
    expect(fake.argsOf('seek')).toEqual([[6]])
  })

  it('does not seek when the pending time is zero', () => {
    open(store)
    store.getState().attachPlayer(fake.player)
    fake.clear()
    store.getState().reportReady(DURATION)
    expect(fake.argsOf('seek')).toEqual([])
  })
})

describe('reportTime', () => {
  beforeEach(() => {
    open(store)
    store.getState().attachPlayer(fake.player)
    fake.clear()
  })

  it('moves the playhead without commanding the player', () => {
    store.getState().reportTime(seconds(6.5))
    expect(store.getState().currentTime).toBe(6.5)
    expect(store.getState().active.en).toEqual({ segment: 2, word: 0 })
    expect(fake.calls).toEqual([])
  })

  it('loops back to the range start when crossing its end while looping', () => {
    store.getState().selectRange({ start: seconds(2), end: seconds(5) }, true)
    store.getState().reportTime(seconds(4.9))
    store.getState().reportTime(seconds(5.05))
    expect(store.getState().currentTime).toBe(2)
    expect(store.getState().active.en).toEqual({ segment: 0, word: -1 })
    expect(fake.calls).toEqual([['seek', 2]])
  })

  it('loops when landing exactly on the range end', () => {
    store.getState().selectRange({ start: seconds(2), end: seconds(5) }, true)
    store.getState().reportTime(seconds(4.9))
    store.getState().reportTime(seconds(5))
    expect(store.getState().currentTime).toBe(2)
    expect(fake.argsOf('seek')).toEqual([[2]])
  })

  it('plays through the range end when not looping', () => {
    store.getState().selectRange({ start: seconds(2), end: seconds(5) })
    expect(store.getState().looping).toBe(false)
    store.getState().reportTime(seconds(4.9))
    store.getState().reportTime(seconds(5.05))
    expect(store.getState().currentTime).toBe(5.05)
    expect(fake.calls).toEqual([])
  })

  it('does not pull back a playhead the user moved past the end', () => {
    store.getState().selectRange({ start: seconds(2), end: seconds(5) }, true)
    store.getState().seek(7)
    fake.clear()
    store.getState().reportTime(seconds(7.2))
    expect(store.getState().currentTime).toBe(7.2)
    expect(store.getState().looping).toBe(true)
    expect(fake.calls).toEqual([])
  })

  it('keeps looping on every pass', () => {
    store.getState().selectRange({ start: seconds(2), end: seconds(5) }, true)
    for (let pass = 0; pass < 3; pass++) {
      store.getState().reportTime(seconds(4.5))
      store.getState().reportTime(seconds(5.1))
      expect(store.getState().currentTime).toBe(2)
    }
    expect(fake.argsOf('seek')).toEqual([[2], [2], [2]])
  })
})

describe('reportTime while playing', () => {
  /** What the screen shows of a time: the clock's whole seconds and every track's position. */
  const shown = (target: AppStore) =>
    JSON.stringify([Math.floor(target.getState().currentTime), target.getState().active])

  it('takes a frame only when a segment, a word or the clock changes, and shows what every frame would', () => {
    open(store)
    store.getState().reportPlaying(true)
    // The reference takes every report (paused, nothing is skipped).
    const reference = createAppStore()
    open(reference)
    let updates = 0
    store.subscribe((now, before) => {
      if (now.currentTime !== before.currentTime) updates++
    })
    let changes = 0
    let last = shown(reference)
    // 10 s of frames at 60 a second, 2× speed.
    for (let frame = 1; frame <= 300; frame++) {
      const time = seconds(frame / 30)
      store.getState().reportTime(time)
      reference.getState().reportTime(time)
      expect(shown(store), `at ${time} s`).toBe(shown(reference))
      if (shown(reference) !== last) changes++
      last = shown(reference)
    }
    expect(updates).toBe(changes)
    expect(updates).toBeLessThan(30)
  })

  it('takes a report that goes back (a seek) and the exact time once paused', () => {
    open(store)
    store.getState().reportPlaying(true)
    store.getState().reportTime(seconds(6.2))
    store.getState().reportTime(seconds(6.4))
    expect(store.getState().currentTime).toBe(6.2)
    store.getState().reportTime(seconds(1.7))
    expect(store.getState().currentTime).toBe(1.7)
    expect(store.getState().active.en).toEqual({ segment: 0, word: 1 })
    store.getState().reportPlaying(false)
    store.getState().reportTime(seconds(1.75))
    expect(store.getState().currentTime).toBe(1.75)
  })

  it('still loops at the end of a looped range', () => {
    open(store)
    store.getState().attachPlayer(fake.player)
    store.getState().selectRange({ start: seconds(2), end: seconds(5.5) }, true)
    store.getState().reportPlaying(true)
    let loopedAt = 0
    for (let frame = 1; frame <= 120 && loopedAt === 0; frame++) {
      const time = 2 + frame / 30
      store.getState().reportTime(seconds(time))
      if (fake.argsOf('seek').length > 0) loopedAt = time
    }
    expect(fake.argsOf('seek')).toEqual([[2]])
    expect(loopedAt).toBeCloseTo(5.5)
    expect(store.getState().currentTime).toBe(2)
  })
})

describe('rate', () => {
  it('walks up PLAYBACK_RATES and stops at the fastest', () => {
    store.getState().attachPlayer(fake.player)
    fake.clear()
    const seen: number[] = []
    for (let i = 0; i < PLAYBACK_RATES.length; i++) {
      store.getState().stepRate(1)
      seen.push(store.getState().rate)
    }
    expect(seen).toEqual([1.25, 1.5, 1.75, 2, 2, 2, 2])
    expect(fake.argsOf('setRate')).toEqual([[1.25], [1.5], [1.75], [2]])
  })

  it('walks down PLAYBACK_RATES and stops at the slowest', () => {
    store.getState().attachPlayer(fake.player)
    fake.clear()
    store.getState().stepRate(-1)
    expect(store.getState().rate).toBe(0.75)
    store.getState().stepRate(-1)
    expect(store.getState().rate).toBe(0.5)
    store.getState().stepRate(-1)
    expect(store.getState().rate).toBe(0.5)
    expect(fake.argsOf('setRate')).toEqual([[0.75], [0.5]])
  })

  it('steps from a rate between the listed ones to its neighbours', () => {
    store.getState().setRate(1.1)
    store.getState().stepRate(1)
    expect(store.getState().rate).toBe(1.25)
    store.getState().setRate(1.1)
    store.getState().stepRate(-1)
    expect(store.getState().rate).toBe(1)
  })

  it('lists the rates in increasing order from 0.5 to 2', () => {
    expect([...PLAYBACK_RATES]).toEqual([0.5, 0.75, 1, 1.25, 1.5, 1.75, 2])
  })

  it('clamps setRate to [0.5, 2] and forwards it', () => {
    store.getState().attachPlayer(fake.player)
    fake.clear()
    store.getState().setRate(3)
    expect(store.getState().rate).toBe(2)
    store.getState().setRate(0.1)
    expect(store.getState().rate).toBe(0.5)
    expect(fake.argsOf('setRate')).toEqual([[2], [0.5]])
  })
})

describe('stepSegment', () => {
  beforeEach(() => {
    open(store)
    store.getState().attachPlayer(fake.player)
    fake.clear()
  })

  it('goes to the next segment of the first shown track', () => {
    store.getState().stepSegment(1)
    expect(store.getState().currentTime).toBe(1)
    store.getState().stepSegment(1)
    expect(store.getState().currentTime).toBe(4)
    store.getState().stepSegment(1)
    expect(store.getState().currentTime).toBe(6)
    expect(fake.argsOf('seek')).toEqual([[1], [4], [6]])
  })

  it('stays put after the last segment', () => {
    store.getState().seek(7)
    fake.clear()
    store.getState().stepSegment(1)
    expect(store.getState().currentTime).toBe(7)
    expect(fake.calls).toEqual([])
  })

  it('goes back to the start of the current segment when more than a second into it', () => {
    store.getState().seek(5.5)
    store.getState().stepSegment(-1)
    expect(store.getState().currentTime).toBe(4)
    expect(fake.argsOf('seek')).toEqual([[5.5], [4]])
  })

  it('goes to the previous segment when within a second of the current one’s start', () => {
    store.getState().seek(4.5)
    store.getState().stepSegment(-1)
    expect(store.getState().currentTime).toBe(1)
  })

  it('stays put before the first segment', () => {
    store.getState().seek(0.5)
    fake.clear()
    store.getState().stepSegment(-1)
    expect(store.getState().currentTime).toBe(0.5)
    expect(fake.calls).toEqual([])
  })

  it('follows the first shown track, not the first track', () => {
    store.getState().setVisibleTracks(['zh', 'en'])
    store.getState().seek(1.5)
    store.getState().stepSegment(1)
    expect(store.getState().currentTime).toBe(6)
  })

  it('turns following back on', () => {
    store.getState().setFollowing(false)
    store.getState().stepSegment(1)
    expect(store.getState().following).toBe(true)
  })

  it('does nothing without tracks', () => {
    const empty = createAppStore()
    empty.getState().openCall({ id: 'x', tracks: [], duration: DURATION, start: null })
    empty.getState().stepSegment(1)
    expect(empty.getState().currentTime).toBe(0)
  })
})

describe('toggleLoop', () => {
  beforeEach(() => open(store, { start: seconds(4.5) }))

  it('with no range, selects and loops the segment being heard', () => {
    store.getState().toggleLoop()
    expect(store.getState().range).toEqual({ start: 4, end: 6 })
    expect(store.getState().looping).toBe(true)
  })

  it('toggles looping of the range on later presses, keeping the range', () => {
    store.getState().toggleLoop()
    store.getState().toggleLoop()
    expect(store.getState().range).toEqual({ start: 4, end: 6 })
    expect(store.getState().looping).toBe(false)
    store.getState().toggleLoop()
    expect(store.getState().looping).toBe(true)
  })

  it('loops a selected range that was not looping, without changing it', () => {
    store.getState().selectRange({ start: seconds(1), end: seconds(2) })
    store.getState().toggleLoop()
    expect(store.getState().range).toEqual({ start: 1, end: 2 })
    expect(store.getState().looping).toBe(true)
  })

  it('does nothing in a gap with no range', () => {
    store.getState().seek(3.5)
    store.getState().toggleLoop()
    expect(store.getState().range).toBeNull()
    expect(store.getState().looping).toBe(false)
  })

  it('uses the segment of the first shown track', () => {
    store.getState().setVisibleTracks(['zh', 'en'])
    store.getState().toggleLoop()
    expect(store.getState().range).toEqual({ start: 1, end: 6 })
  })
})

describe('selectRange and setLooping', () => {
  it('does not loop without a range', () => {
    store.getState().setLooping(true)
    expect(store.getState().looping).toBe(false)
    store.getState().selectRange(null, true)
    expect(store.getState().looping).toBe(false)
  })

  it('keeps looping on when another range is selected', () => {
    store.getState().selectRange({ start: seconds(1), end: seconds(2) }, true)
    store.getState().selectRange({ start: seconds(3), end: seconds(4) })
    expect(store.getState().looping).toBe(true)
    store.getState().selectRange(null)
    expect(store.getState().looping).toBe(false)
  })
})

describe('play, pause and togglePlay', () => {
  beforeEach(() => {
    open(store)
    store.getState().attachPlayer(fake.player)
    fake.clear()
  })

  it('forwards play and pause', () => {
    store.getState().play()
    store.getState().pause()
    expect(fake.calls).toEqual([['play'], ['pause']])
  })

  it('toggles by the reported playing state', () => {
    store.getState().togglePlay()
    store.getState().reportPlaying(true)
    store.getState().togglePlay()
    expect(fake.calls.filter(([name]) => name !== 'reportAt')).toEqual([['play'], ['pause']])
  })

  it('playing, asks the engine for the time when the next word, line or second comes', () => {
    store.getState().reportPlaying(true)
    // At 0: the first English line starts at 1 s (less the slack a seek to a start is given).
    expect(fake.argsOf('reportAt').at(-1)?.[0]).toBeCloseTo(0.999, 6)
    store.getState().reportTime(seconds(1.2))
    // In the first word (1–1.5 s): its end.
    expect(fake.argsOf('reportAt').at(-1)?.[0]).toBeCloseTo(1.499, 6)
    store.getState().reportTime(seconds(2.05))
    // In the gap between words (2–2.2 s): the next word's start.
    expect(fake.argsOf('reportAt').at(-1)?.[0]).toBeCloseTo(2.199, 6)
    store.getState().reportPlaying(false)
    const asked = fake.argsOf('reportAt').length
    store.getState().reportTime(seconds(2.3))
    expect(fake.argsOf('reportAt')).toHaveLength(asked)
  })

  it('starts a looped range at its start when playing from outside it', () => {
    store.getState().selectRange({ start: seconds(2), end: seconds(5) }, true)
    store.getState().seek(7)
    fake.clear()
    store.getState().play()
    expect(store.getState().currentTime).toBe(2)
    expect(fake.calls).toEqual([['seek', 2], ['play']])
  })

  it('plays a looped range from where the playhead is inside it', () => {
    store.getState().selectRange({ start: seconds(2), end: seconds(5) }, true)
    store.getState().seek(3)
    fake.clear()
    store.getState().play()
    expect(fake.calls).toEqual([['play']])
  })

  it('stops playing on an error', () => {
    store.getState().reportPlaying(true)
    store.getState().reportError('network')
    expect(store.getState()).toMatchObject({ isPlaying: false, playbackError: 'network' })
  })
})

describe('volume and mute', () => {
  beforeEach(() => {
    store.getState().attachPlayer(fake.player)
    fake.clear()
  })

  it('sets and forwards the volume and the mute state', () => {
    store.getState().setVolume(0.5)
    expect(store.getState().volume).toBe(0.5)
    expect(fake.calls).toEqual([
      ['setVolume', 0.5],
      ['setMuted', false],
    ])
  })

  it('clamps the volume to [0, 1]', () => {
    store.getState().setVolume(2)
    expect(store.getState().volume).toBe(1)
    store.getState().setVolume(-1)
    expect(store.getState().volume).toBe(0)
    expect(fake.argsOf('setVolume')).toEqual([[1], [0]])
  })

  it('toggles mute and forwards it', () => {
    store.getState().toggleMuted()
    expect(store.getState().muted).toBe(true)
    store.getState().toggleMuted()
    expect(store.getState().muted).toBe(false)
    expect(fake.calls).toEqual([
      ['setMuted', true],
      ['setMuted', false],
    ])
  })

  it('unmutes when a volume above zero is set', () => {
    store.getState().toggleMuted()
    fake.clear()
    store.getState().setVolume(0.3)
    expect(store.getState().muted).toBe(false)
    expect(fake.calls).toEqual([
      ['setVolume', 0.3],
      ['setMuted', false],
    ])
  })

  it('keeps the mute state when the volume is set to zero', () => {
    store.getState().toggleMuted()
    store.getState().setVolume(0)
    expect(store.getState().muted).toBe(true)
    store.getState().toggleMuted()
    store.getState().setVolume(0)
    expect(store.getState().muted).toBe(false)
  })
})

describe('attachPlayer', () => {
  it('registers the player and pushes the current rate, volume and mute state to it', () => {
    store.getState().setRate(1.5)
    store.getState().setVolume(0.4)
    store.getState().toggleMuted()
    store.getState().attachPlayer(fake.player)
    expect(store.getState().player).toBe(fake.player)
    expect(fake.calls).toEqual([
      ['setRate', 1.5],
      ['setVolume', 0.4],
      ['setMuted', true],
    ])
  })

  it('detaches: no player, not playing, not ready, and no more commands', () => {
    open(store)
    const detach = store.getState().attachPlayer(fake.player)
    store.getState().reportReady(DURATION)
    store.getState().reportPlaying(true)
    detach()
    expect(store.getState()).toMatchObject({ player: null, isPlaying: false, isReady: false })
    fake.clear()
    store.getState().seek(3)
    store.getState().play()
    expect(fake.calls).toEqual([])
  })

  it('leaves a newer player attached when an older one detaches late', () => {
    const older = fakePlayer()
    const detachOlder = store.getState().attachPlayer(older.player)
    store.getState().attachPlayer(fake.player)
    store.getState().reportReady(DURATION)
    detachOlder()
    expect(store.getState().player).toBe(fake.player)
    expect(store.getState().isReady).toBe(true)
  })
})

describe('placed: the reader placing the playhead', () => {
  it('counts an opening at a linked time, not an opening at the start', () => {
    open(store)
    const before = store.getState().placed
    open(store, { start: seconds(6.5) })
    expect(store.getState().placed).toBe(before + 1)
    open(store)
    expect(store.getState().placed).toBe(before + 1)
  })

  it('counts every seek, skip and step, even to the same time', () => {
    open(store)
    const { placed } = store.getState()
    store.getState().seek(4)
    store.getState().seek(4)
    store.getState().skip(1)
    store.getState().stepSegment(1)
    expect(store.getState().placed).toBe(placed + 4)
  })

  it('is set together with the new positions, so a column reads the row it must show', () => {
    open(store)
    const seen: number[] = []
    store.subscribe((now, before) => {
      if (now.placed !== before.placed) seen.push(now.active.en?.segment ?? -1)
    })
    store.getState().seek(6.5)
    expect(seen).toEqual([2])
  })

  it('does not count playback ticks, a looped range wrapping, or Play rewinding', () => {
    open(store)
    store.getState().attachPlayer(fake.player)
    store.getState().selectRange({ start: seconds(2), end: seconds(5) }, true)
    store.getState().seek(3)
    const { placed } = store.getState()
    store.getState().reportTime(seconds(4))
    store.getState().reportTime(seconds(5.1))
    expect(store.getState().currentTime).toBe(2)
    store.getState().setLooping(false)
    store.getState().reportTime(seconds(7))
    store.getState().setLooping(true)
    store.getState().play()
    expect(store.getState().currentTime).toBe(2)
    store.getState().setRewindOnResume(1.5)
    store.getState().reportTime(seconds(4))
    store.getState().play()
    expect(store.getState().currentTime).toBe(2.5)
    expect(store.getState().placed).toBe(placed)
  })
})

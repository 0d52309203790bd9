import { beforeEach, describe, expect, it } from 'vitest'
import { seconds } from '../../../src/domain/types'
import { segmentKey, type SegmentHighlight } from '../../../src/search/find-in-call'
import { createAppStore, type AppStore } from '../../../src/store/store'
import { MAX_SHOWN_TRACKS } from '../../../src/store/transcript-slice'
import { fakePlayer, makeTrack } from '../../helpers/fixtures'

const en = makeTrack('en', 5)
const zh = makeTrack('zh', 4, { language: 'zh-Hans', kind: 'translation' })
const fr = makeTrack('fr', 3, { language: 'fr', kind: 'translation' })
const de = makeTrack('de', 3, { language: 'de', kind: 'translation' })

function open(store: AppStore, id = 'call-1', visibleTrackIds?: string[]) {
  store.getState().openCall({
    id,
    tracks: [en, zh, fr, de],
    duration: seconds(20),
    start: null,
    ...(visibleTrackIds ? { visibleTrackIds } : {}),
  })
}

/** Highlights of find-in-call: one match in en#1 and two in fr#2, the second current. */
const highlights: ReadonlyMap<string, readonly SegmentHighlight[]> = new Map([
  [segmentKey('en', 1), [{ start: 0, end: 2, current: false }]],
  [
    segmentKey('fr', 2),
    [
      { start: 0, end: 2, current: false },
      { start: 3, end: 10, current: true },
    ],
  ],
])

let store: AppStore

beforeEach(() => {
  store = createAppStore()
  open(store)
})

describe('showMatches', () => {
  it('sets the highlights and the target, and stops following playback', () => {
    expect(store.getState().following).toBe(true)
    store.getState().showMatches(highlights, { trackId: 'en', segmentIndex: 1 })
    const s = store.getState()
    expect(s.findHighlights).toBe(highlights)
    expect(s.findTarget).toEqual({ trackId: 'en', segmentIndex: 1, serial: 1 })
    expect(s.following).toBe(false)
  })

  it('gives each move a new serial, even to the same row', () => {
    const target = { trackId: 'en', segmentIndex: 1 }
    store.getState().showMatches(highlights, target)
    const first = store.getState().findTarget
    store.getState().showMatches(highlights, target)
    const second = store.getState().findTarget
    expect(second).not.toBe(first)
    expect(second?.serial).toBeGreaterThan(first?.serial ?? Infinity)
    expect(second).toMatchObject(target)
  })

  it('leaves the shown tracks alone when the target is in one of them', () => {
    store.getState().showMatches(highlights, { trackId: 'zh', segmentIndex: 0 })
    expect(store.getState().visibleTrackIds).toEqual(['en', 'zh'])
  })

  it('shows a hidden track beside a single shown one', () => {
    open(store, 'call-1', ['en'])
    store.getState().showMatches(highlights, { trackId: 'fr', segmentIndex: 2 })
    expect(store.getState().visibleTrackIds).toEqual(['en', 'fr'])
  })

  it('shows a hidden track in place of the one shown longest, never more than the maximum', () => {
    expect(store.getState().visibleTrackIds).toEqual(['en', 'zh'])
    store.getState().showMatches(highlights, { trackId: 'fr', segmentIndex: 2 })
    expect(store.getState().visibleTrackIds).toEqual(['zh', 'fr'])
    store.getState().showMatches(highlights, { trackId: 'de', segmentIndex: 0 })
    expect(store.getState().visibleTrackIds).toEqual(['fr', 'de'])
    expect(store.getState().visibleTrackIds).toHaveLength(MAX_SHOWN_TRACKS)
  })

  it('without a target, sets the highlights and keeps following as it was', () => {
    store.getState().showMatches(highlights, null)
    expect(store.getState()).toMatchObject({
      findHighlights: highlights,
      findTarget: null,
      following: true,
    })
    store.getState().setFollowing(false)
    store.getState().showMatches(new Map(), null)
    expect(store.getState().following).toBe(false)
    expect(store.getState().visibleTrackIds).toEqual(['en', 'zh'])
  })

  it('without a target, drops the previous target', () => {
    store.getState().showMatches(highlights, { trackId: 'en', segmentIndex: 1 })
    store.getState().showMatches(highlights, null)
    expect(store.getState().findTarget).toBeNull()
  })
})

describe('clearMatches', () => {
  it('empties the highlights and the target', () => {
    store.getState().showMatches(highlights, { trackId: 'en', segmentIndex: 1 })
    store.getState().clearMatches()
    expect(store.getState().findHighlights.size).toBe(0)
    expect(store.getState().findTarget).toBeNull()
  })
})

describe('openCall and find-in-call', () => {
  it('drops the previous call’s highlights and target', () => {
    store.getState().showMatches(highlights, { trackId: 'en', segmentIndex: 1 })
    open(store, 'call-2')
    expect(store.getState().findHighlights.size).toBe(0)
    expect(store.getState().findTarget).toBeNull()
    expect(store.getState().following).toBe(true)
  })
})

describe('playWhenReady', () => {
  let fake: ReturnType<typeof fakePlayer>

  beforeEach(() => {
    fake = fakePlayer()
  })

  it('with no player yet, plays once the player is attached and reports ready', () => {
    store.getState().playWhenReady()
    expect(store.getState().autoplay).toBe(true)
    store.getState().attachPlayer(fake.player)
    expect(fake.argsOf('play')).toEqual([])
    store.getState().reportReady(seconds(20))
    expect(fake.argsOf('play')).toEqual([[]])
    expect(store.getState().autoplay).toBe(false)
  })

  it('plays only once: a later ready report does not play again', () => {
    store.getState().playWhenReady()
    store.getState().attachPlayer(fake.player)
    store.getState().reportReady(seconds(20))
    store.getState().reportReady(seconds(20))
    expect(fake.argsOf('play')).toHaveLength(1)
  })

  it('with a player attached but not ready, waits for it to be ready', () => {
    store.getState().attachPlayer(fake.player)
    store.getState().playWhenReady()
    expect(fake.argsOf('play')).toEqual([])
    expect(store.getState().autoplay).toBe(true)
    store.getState().reportReady(seconds(20))
    expect(fake.argsOf('play')).toEqual([[]])
  })

  it('with a ready player, plays at once', () => {
    store.getState().attachPlayer(fake.player)
    store.getState().reportReady(seconds(20))
    fake.clear()
    store.getState().playWhenReady()
    expect(fake.argsOf('play')).toEqual([[]])
    expect(store.getState().autoplay).toBe(false)
  })

  it('is forgotten when another call is opened before the audio is ready', () => {
    store.getState().playWhenReady()
    open(store, 'call-2')
    expect(store.getState().autoplay).toBe(false)
    store.getState().attachPlayer(fake.player)
    store.getState().reportReady(seconds(20))
    expect(fake.argsOf('play')).toEqual([])
  })
})

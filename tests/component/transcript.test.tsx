import { act, fireEvent, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { seconds } from '../../src/domain/types'
import { TranscriptPanel, TranscriptToolbar } from '../../src/features/transcript/transcript-panel'
import type * as SegmentState from '../../src/features/transcript/use-segment-state'
import { createAppStore, type AppStore } from '../../src/store/store'
import { StoreProvider } from '../../src/store/store-context'
import { fakePlayer, makeTrack } from '../helpers/fixtures'

/** Every call of a row's store hook is one render of that row: count them per track and index. */
const rowRenders: string[] = []
vi.mock('../../src/features/transcript/use-segment-state', async (importOriginal) => {
  const real = await importOriginal<typeof SegmentState>()
  return {
    ...real,
    useSegmentState: (trackId: string, index: number) => {
      rowRenders.push(`${trackId}#${index}`)
      return real.useSegmentState(trackId, index)
    },
  }
})

const english = makeTrack('en', 200)
const chinese = makeTrack('zh', 120, {
  length: 6,
  language: 'zh-Hans',
  kind: 'translation',
  timedWords: false,
})

function setup(): AppStore {
  // jsdom lays nothing out: give the lists a viewport and the rows a height, so the virtualiser
  // renders a window of rows as a browser would.
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400)
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(500)
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(50)
  const store = createAppStore()
  store.getState().openCall({
    id: 'call',
    tracks: [english, chinese],
    duration: seconds(800),
    start: null,
  })
  render(
    <StoreProvider store={store}>
      <TranscriptToolbar />
      <TranscriptPanel />
    </StoreProvider>,
  )
  return store
}

function column(name: RegExp) {
  return within(screen.getByRole('region', { name }))
}

function activeStarts(name: RegExp): string[] {
  return column(name)
    .queryAllByText((_, el) => el?.getAttribute('aria-current') === 'true')
    .map((el) => el.getAttribute('data-start') ?? '')
}

beforeEach(() => {
  rowRenders.length = 0
})

describe('TranscriptPanel', () => {
  it('renders both tracks side by side, virtualised', () => {
    setup()
    expect(screen.getByRole('region', { name: 'Transcript' })).toBeInTheDocument()
    const rendered = column(/en track/).getAllByRole('button', { name: /^Play from/ })
    expect(rendered.length).toBeGreaterThan(3)
    expect(rendered.length).toBeLessThan(40)
    expect(
      column(/zh track/).getAllByRole('button', { name: /^Play from/ }).length,
    ).toBeGreaterThan(3)
  })

  it('moves the highlight when the store time changes', () => {
    const store = setup()
    expect(activeStarts(/en track/)).toEqual(['0'])
    act(() => store.getState().updateTime(seconds(9)))
    expect(activeStarts(/en track/)).toEqual(['8'])
    expect(activeStarts(/zh track/)).toEqual(['6'])
  })

  it('re-renders only the rows whose state changes on a tick', () => {
    const store = setup()
    act(() => store.getState().updateTime(seconds(8.5)))
    rowRenders.length = 0

    // Same segment, same word: nothing re-renders.
    act(() => store.getState().updateTime(seconds(8.9)))
    expect(rowRenders).toEqual([])

    // Same segment, next word: only the active row of the track with word times.
    act(() => store.getState().updateTime(seconds(10.5)))
    expect(rowRenders).toEqual(['en#2'])
    rowRenders.length = 0

    // Into the next segment: the row leaving and the row arriving, in each track that changed.
    act(() => store.getState().updateTime(seconds(12.2)))
    expect([...rowRenders].sort()).toEqual(['en#2', 'en#3', 'zh#1', 'zh#2'])
  })

  it('asks the player to seek when a timestamp is clicked', async () => {
    const store = setup()
    const player = fakePlayer()
    store.getState().attachPlayer(player.player)
    await userEvent.click(column(/en track/).getByRole('button', { name: 'Play from 00:12' }))
    expect(player.argsOf('seek')).toEqual([[12]])
    expect(store.getState().currentTime).toBe(12)
    expect(activeStarts(/en track/)).toEqual(['12'])
  })

  it('stops following when the reader scrolls, and offers to follow again', async () => {
    const store = setup()
    expect(screen.queryByRole('button', { name: 'Follow playback' })).toBeNull()
    const list = screen.getByRole('region', { name: /en track/ }).querySelector('[tabindex="0"]')
    expect(list).not.toBeNull()
    fireEvent.wheel(list as Element, { deltaY: 120 })
    expect(store.getState().following).toBe(false)
    await userEvent.click(screen.getByRole('button', { name: 'Follow playback' }))
    expect(store.getState().following).toBe(true)
    expect(screen.queryByRole('button', { name: 'Follow playback' })).toBeNull()
  })

  it('lets the reader hide a track but not the last one', async () => {
    setup()
    await userEvent.click(screen.getByRole('checkbox', { name: 'zh track' }))
    expect(screen.queryByRole('region', { name: /zh track/ })).toBeNull()
    expect(screen.getByRole('checkbox', { name: 'en track' })).toBeDisabled()
  })

  it('interleaves the lines of the shown tracks when asked, and keeps the choice', async () => {
    const store = setup()
    await userEvent.click(screen.getByRole('checkbox', { name: 'Line by line' }))
    expect(store.getState().lineLayout).toBe('interleaved')
    expect(screen.queryByRole('region', { name: 'en track' })).toBeNull()
    const lines = screen.getByRole('region', { name: 'en track, then zh track, line by line' })
    // Each English line of 4 s, then the Chinese lines of 6 s that begin with it.
    const starts = [...lines.querySelectorAll('[data-track-id]')]
      .slice(0, 6)
      .map(
        (row) =>
          `${row.getAttribute('data-track-id')}@${row.querySelector('[data-start]')?.getAttribute('data-start')}`,
      )
    expect(starts).toEqual(['en@0', 'zh@0', 'en@4', 'zh@6', 'en@8', 'en@12'])
    act(() => store.getState().updateTime(seconds(9)))
    const active = [...lines.querySelectorAll('[aria-current="true"]')].map((el) =>
      el.getAttribute('data-start'),
    )
    expect(active).toEqual(['6', '8'])
    await userEvent.click(screen.getByRole('checkbox', { name: 'Line by line' }))
    expect(store.getState().lineLayout).toBe('side-by-side')
    expect(screen.getByRole('region', { name: 'zh track' })).toBeInTheDocument()
  })

  it('offers no line-by-line layout for a single shown track', async () => {
    setup()
    await userEvent.click(screen.getByRole('checkbox', { name: 'zh track' }))
    expect(screen.queryByRole('checkbox', { name: 'Line by line' })).toBeNull()
  })
})

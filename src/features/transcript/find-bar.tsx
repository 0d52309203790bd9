import { useEffect, useMemo, useState, type KeyboardEvent } from 'react'
import { Icon } from '../../components/icons'
import {
  createCallFinder,
  describeMatches,
  highlightsBySegment,
  matchAtOrAfter,
  stepMatch,
  type CallMatch,
} from '../../search/find-in-call'
import type { AppStore } from '../../store/store'
import { useAppStore, useAppStoreApi } from '../../store/store-context'

const NO_MATCHES: readonly CallMatch[] = []

/** Marks `matches` in the transcript and scrolls to the one at `index`. */
function publish(store: AppStore, matches: readonly CallMatch[], index: number): void {
  const s = store.getState()
  if (matches.length === 0) {
    s.clearMatches()
    return
  }
  const match = matches[index]
  s.showMatches(
    highlightsBySegment(matches, index),
    match ? { trackId: match.trackId, segmentIndex: match.segmentIndex } : null,
  )
}

/**
 * Find-in-call: the words typed are looked for in every track of the open call (not only the
 * rows a virtualised list has drawn), marked in the transcript, and stepped through with Enter and
 * Shift+Enter or the arrow buttons; the list scrolls each match into view.
 */
export function FindBar() {
  const store = useAppStoreApi()
  const tracks = useAppStore((s) => s.tracks)
  const [query, setQuery] = useState('')
  // Made when the reader first types, not when the call opens: for 100,000 lines it takes tens
  // of milliseconds, which opening a call has no time for.
  const searching = query.trim() !== ''
  const finder = useMemo(() => (searching ? createCallFinder(tracks) : null), [tracks, searching])
  const matches = useMemo(() => finder?.find(query) ?? NO_MATCHES, [finder, query])
  // The current match, with the matches it indexes; `serial` counts moves (to the same match too).
  const [position, setPosition] = useState({ matches, current: -1, serial: 0 })
  if (position.matches !== matches) {
    // As the words change, the first match from the playhead on becomes current, as a browser's
    // find moves to the first match as you type.
    const current = matchAtOrAfter(matches, store.getState().currentTime)
    setPosition({ matches, current, serial: position.serial + 1 })
  }
  const { current, serial } = position

  useEffect(() => {
    publish(store, position.matches, position.current)
  }, [store, position])
  useEffect(() => () => store.getState().clearMatches(), [store])

  const step = (direction: 1 | -1) =>
    setPosition({
      matches,
      current: stepMatch(current, matches.length, direction),
      serial: serial + 1,
    })
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      step(event.shiftKey ? -1 : 1)
    } else if (event.key === 'Escape' && query) {
      event.preventDefault()
      event.stopPropagation()
      setQuery('')
    }
  }

  return (
    <div className="find-bar" role="search" aria-label="Find in call">
      <input
        type="search"
        className="find-input"
        aria-label="Find in call"
        placeholder="Find in call"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <span role="status" className="find-count">
        {query.trim() ? describeMatches(current, matches.length) : ''}
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label="Previous match"
        title="Previous match (Shift+Enter)"
        disabled={matches.length === 0}
        onClick={() => step(-1)}
      >
        <Icon name="up" />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Next match"
        title="Next match (Enter)"
        disabled={matches.length === 0}
        onClick={() => step(1)}
      >
        <Icon name="down" />
      </button>
    </div>
  )
}

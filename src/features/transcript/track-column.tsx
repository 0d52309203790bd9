import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import type { Track } from '../../domain/types'
import type { FindTarget } from '../../store/find-slice'
import { useAppStoreApi } from '../../store/store-context'
import { interleavedLines, trackLines, type LineList } from './interleave'
import { notedSegments, type NoteSpan } from './noted-segments'
import { SegmentRow } from './segment-row'

/** Keys that scroll a focused list: pressing one means the reader has taken over. */
const SCROLL_KEYS = new Set(['PageUp', 'PageDown', 'Home', 'End', 'ArrowUp', 'ArrowDown', ' '])

/** Where the followed row sits: a third of the way down, so what comes next is in view. */
const FOLLOW_AT = 0.3

/** Whether `inner` lies within `outer` (a pixel of rounding allowed). */
function within(inner: DOMRect, outer: DOMRect): boolean {
  return inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1
}

/** One track as a column of its own. */
export function TrackColumn({ track, notes }: { track: Track; notes: readonly NoteSpan[] }) {
  const list = useMemo(() => trackLines(track), [track])
  return (
    <section
      className="track"
      aria-label={track.label}
      lang={track.language}
      data-track-id={track.id}
    >
      <h3 className="track-heading">
        <span className="heading-part" title={track.label}>
          {track.label}
        </span>
        <span className="track-kind">{track.kind === 'original' ? 'original' : 'translation'}</span>
      </h3>
      <LineColumn list={list} follow={track} notes={notes} label={`${track.label}, transcript`} />
    </section>
  )
}

/** Several tracks in one column: each line of the first, then the lines that belong with it. */
export function InterleavedColumn({
  tracks,
  notes,
}: {
  tracks: readonly Track[]
  notes: readonly NoteSpan[]
}) {
  const list = useMemo(() => interleavedLines(tracks), [tracks])
  const [first] = tracks
  if (!first) return null
  const names = tracks.map((t) => t.label).join(', then ')
  return (
    <section className="track interleaved" aria-label={`${names}, line by line`}>
      <h3 className="track-heading">
        {tracks.map((track) => (
          <span key={track.id} lang={track.language} className="heading-part" title={track.label}>
            {track.label}
          </span>
        ))}
      </h3>
      <LineColumn list={list} follow={first} notes={notes} label={`${names}, transcript`} />
    </section>
  )
}

/**
 * Whether a line's speaker is worth showing: for a line under another track's line, when it
 * differs from that line's speaker; otherwise when it changed from the line before in its track.
 */
function speakerShown(list: LineList, place: number): boolean {
  const line = list.lines[place]
  if (!line) return false
  const speaker = line.track.segments[line.index]?.speaker
  const head = list.lines[0]?.track
  if (line.track !== head) {
    for (let p = place - 1; p >= 0; p--) {
      const above = list.lines[p]
      if (above && above.track === head)
        return above.track.segments[above.index]?.speaker !== speaker
    }
  }
  return line.index === 0 || speaker !== line.track.segments[line.index - 1]?.speaker
}

/**
 * Lines as a virtualised column: only the rows near the viewport are in the DOM, however long the
 * call. While following, the active line of `follow` is kept in view; the reader's own scrolling
 * (wheel, touch, keys, scrollbar) stops following.
 */
function LineColumn({
  list,
  follow,
  notes,
  label,
}: {
  list: LineList
  /** The track whose active line is followed and placed. */
  follow: Track
  notes: readonly NoteSpan[]
  label: string
}) {
  const store = useAppStoreApi()
  const scrollRef = useRef<HTMLDivElement>(null)
  const { lines, placeOf } = list
  // The virtualiser lays out every row again whenever getItemKey changes, and from the first
  // measured row whenever a row is measured: with 100,000 lines, a new function at each render or
  // a key built per call made each scroll a long task. So the keys are made once per list.
  const getItemKey = useMemo(() => {
    const keys = lines.map(
      (line) => `${line.track.id}:${line.track.segments[line.index]?.id ?? line.index}`,
    )
    return (i: number) => keys[i] ?? i
  }, [lines])
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 64,
    overscan: 8,
    getItemKey,
  })

  const noted = useMemo(() => {
    const tracks = new Set(lines.map((line) => line.track))
    return new Map([...tracks].map((track) => [track.id, notedSegments(track.segments, notes)]))
  }, [lines, notes])

  const onSeek = useCallback(
    (time: number) => {
      const state = store.getState()
      state.setFollowing(true)
      state.seek(time)
    },
    [store],
  )

  useEffect(() => {
    const element = scrollRef.current
    if (!element) return
    // A jump centres the row with scrollToIndex, which corrects itself over a few frames as rows
    // far from those drawn are measured (their offsets are estimates until then). Once the row is
    // drawn and inside the column, it is brought into the window too ('nearest': no move if it is
    // already there), for where the page scrolls as well (a short window, tracks stacked on a
    // phone). Only jumps and placements touch the window; following playback moves the column.
    let frame = 0
    const bringIntoWindow = (index: number, framesLeft = 30) => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => {
        const row = element.querySelector(`[data-index="${index}"]`)
        const settled = row && within(row.getBoundingClientRect(), element.getBoundingClientRect())
        if (row && (settled || framesLeft === 0)) {
          // Lines interleaved, the other tracks' active lines are shown too where they fit: a
          // translation line may sit a few lines above the original line being heard.
          for (const active of element.querySelectorAll('[aria-current="true"]'))
            if (!row.contains(active)) active.scrollIntoView({ block: 'nearest' })
          row.scrollIntoView({ block: 'nearest' })
        } else if (framesLeft > 0) bringIntoWindow(index, framesLeft - 1)
      })
    }
    const jumpTo = (index: number) => {
      virtualizer.scrollToIndex(index, { align: 'center' })
      bringIntoWindow(index)
    }
    /** The reader placed the playhead: the active row is shown, moving the column only if needed. */
    const place = (index: number) => {
      placing = index
      if (index < 0) return
      const row = element.querySelector(`[data-index="${index}"]`)
      const shown = row && within(row.getBoundingClientRect(), element.getBoundingClientRect())
      if (!shown) virtualizer.scrollToIndex(index, { align: 'center' })
      bringIntoWindow(index)
    }
    const reveal = (index: number) => {
      if (index < 0) return
      const height = element.clientHeight
      const item = virtualizer.measurementsCache[index]
      const top = item?.start ?? virtualizer.getOffsetForIndex(index, 'start')?.[0] ?? 0
      const bottom = item?.end ?? top
      const visible =
        top >= element.scrollTop + height * 0.05 && bottom <= element.scrollTop + height * 0.85
      if (visible) return
      // Following playback, the next row is placed a third of the way down; far away, it is a jump.
      if (Math.abs(top - element.scrollTop) > height * 2) jumpTo(index)
      else virtualizer.scrollToOffset(Math.max(0, top - height * FOLLOW_AT))
    }
    // The page may still be settling when the playhead is placed (a call opened by a link: rows
    // measured, fonts and panels arriving), which moves the row again. Until the reader scrolls or
    // playback moves on, each change of the column's or its rows' size places the row anew.
    let placing = -1
    // (Without ResizeObserver, as in jsdom, a placement is made once.)
    const settle =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            if (placing >= 0) place(placing)
          })
    settle?.observe(element)
    if (element.firstElementChild) settle?.observe(element.firstElementChild)
    const stopFollowing = () => {
      placing = -1
      store.getState().setFollowing(false)
    }
    const onKey = (event: KeyboardEvent) => {
      if (SCROLL_KEYS.has(event.key) && event.target === element) stopFollowing()
    }
    const onPointer = (event: PointerEvent) => {
      // A press on the list itself, not on a row, is a press on its scrollbar.
      if (event.target === element) stopFollowing()
    }
    element.addEventListener('wheel', stopFollowing, { passive: true })
    element.addEventListener('touchmove', stopFollowing, { passive: true })
    element.addEventListener('keydown', onKey)
    element.addEventListener('pointerdown', onPointer)
    // Find-in-call's match is centred, wherever the list is: it need not be near playback.
    const showMatch = (target: FindTarget | null) => {
      if (target === null) return
      // A match shown ends the placement: the column now shows the match, not the playhead.
      placing = -1
      const at = placeOf(target.trackId, target.segmentIndex)
      if (at >= 0) jumpTo(at)
    }
    // A column drawn after the playhead was placed (a call opened by a link, a track shown) shows
    // the active row as a placement would.
    const initial = store.getState()
    const placeOfActive = (active: typeof initial.active) => {
      const segment = active[follow.id]?.segment ?? -1
      return segment < 0 ? -1 : placeOf(follow.id, segment)
    }
    if (initial.following) place(placeOfActive(initial.active))
    else showMatch(initial.findTarget)
    const unsubscribe = store.subscribe((now, before) => {
      if (now.findTarget !== before.findTarget) showMatch(now.findTarget)
      const segment = placeOfActive(now.active)
      if (now.placed !== before.placed) {
        place(segment)
        return
      }
      const moved = segment !== placeOfActive(before.active)
      if (moved) placing = -1
      const resumed = now.following && !before.following
      if (now.following && (moved || resumed)) reveal(segment)
    })
    return () => {
      cancelAnimationFrame(frame)
      settle?.disconnect()
      unsubscribe()
      element.removeEventListener('wheel', stopFollowing)
      element.removeEventListener('touchmove', stopFollowing)
      element.removeEventListener('keydown', onKey)
      element.removeEventListener('pointerdown', onPointer)
    }
  }, [store, follow.id, placeOf, virtualizer])

  const items = virtualizer.getVirtualItems()
  return (
    <div ref={scrollRef} className="track-scroll" tabIndex={0} aria-label={label}>
      <div className="track-rows" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const line = lines[item.index]
          const segment = line?.track.segments[line.index]
          if (!line || !segment) return null
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              data-track-id={line.track.id}
              data-segment={line.index}
              lang={line.track.language}
              className={line.track === follow ? 'row' : 'row under'}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <SegmentRow
                trackId={line.track.id}
                index={line.index}
                segment={segment}
                language={line.track.language}
                showSpeaker={speakerShown(list, item.index)}
                noted={noted.get(line.track.id)?.has(line.index) ?? false}
                onSeek={onSeek}
              />
            </div>
          )
        })}
      </div>
    </div>
  )
}

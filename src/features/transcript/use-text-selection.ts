import { useEffect, type RefObject } from 'react'
import { quoteBetween, type TextPoint } from '../../domain/citation'
import type { Track } from '../../domain/types'
import { useAppStoreApi } from '../../store/store-context'
import type { TextSelection } from '../../store/transcript-slice'

/** The ends of a selection, as a DOM range gives them (start before end). */
export type SelectionBounds = Pick<
  AbstractRange,
  'startContainer' | 'startOffset' | 'endContainer' | 'endOffset'
>

type Edge = 'start' | 'end'

/**
 * Where a boundary point falls among `elements` (in document order): in the first that ends after
 * it when it starts a selection, in the last that begins before it when it ends one. The offset
 * counts the characters of that element's text before the point, clamped to the element, so a
 * point in a timestamp or a speaker label moves to the nearest transcript text on its side.
 */
function place(
  node: Node,
  offset: number,
  elements: readonly Element[],
  edge: Edge,
): { index: number; offset: number } | null {
  const order = elements.map((_, i) => (edge === 'start' ? i : elements.length - 1 - i))
  for (const index of order) {
    const element = elements[index]
    if (!element) continue
    const range = element.ownerDocument.createRange()
    range.selectNodeContents(element)
    const side = range.comparePoint(node, offset)
    if (edge === 'start' ? side > 0 : side < 0) continue
    if (side !== 0) return { index, offset: side < 0 ? 0 : (element.textContent ?? '').length }
    range.setEnd(node, offset)
    return { index, offset: range.toString().length }
  }
  return null
}

/** A boundary point as a place in the track's text: its row's segment, and its word if timed. */
function textPoint(
  column: Element,
  trackId: string,
  node: Node,
  offset: number,
  edge: Edge,
): TextPoint | null {
  // A column may hold other tracks' lines between this track's (lines interleaved): only this
  // track's rows count.
  const rows = [...column.querySelectorAll('[data-segment]')].flatMap((row) => {
    const text = row.querySelector('.segment-text')
    return text && row.getAttribute('data-track-id') === trackId
      ? [{ segment: Number(row.getAttribute('data-segment')), text }]
      : []
  })
  const inRow = place(
    node,
    offset,
    rows.map((row) => row.text),
    edge,
  )
  const row = rows[inRow?.index ?? -1]
  if (!inRow || !row || !Number.isInteger(row.segment)) return null
  const words = [...row.text.querySelectorAll('[data-word-start]')]
  if (words.length === 0) return { segment: row.segment, offset: inRow.offset }
  const inWord = place(node, offset, words, edge)
  return inWord
    ? { segment: row.segment, word: inWord.index, offset: inWord.offset }
    : { segment: row.segment, offset: edge === 'start' ? 0 : Number.MAX_SAFE_INTEGER }
}

/** The column a node is in, and the track of the row (or single-track column) it is in. */
function whereIs(node: Node): { column: Element; trackId: string } | null {
  const element = node instanceof Element ? node : node.parentElement
  const column = element?.closest('.track')
  const trackId = element?.closest('[data-track-id]')?.getAttribute('data-track-id')
  return column && trackId ? { column, trackId } : null
}

/**
 * What a selection in the transcript cites: the quote built from the track's own text between the
 * selection's ends (never the page's text, which holds timestamps and speaker labels too), and the
 * range from the first selected word's (or, without word times, the segment's) start to the last
 * one's end. Null when the selection holds no transcript text or spans two tracks.
 */
export function rangeFromSelection(
  bounds: SelectionBounds,
  tracks: readonly Pick<Track, 'id' | 'segments' | 'language'>[],
): TextSelection | null {
  const start = whereIs(bounds.startContainer)
  const end = whereIs(bounds.endContainer)
  if (!start || !end || start.column !== end.column || start.trackId !== end.trackId) return null
  const { column, trackId } = start
  const track = tracks.find((t) => t.id === trackId)
  if (!track) return null
  const from = textPoint(column, trackId, bounds.startContainer, bounds.startOffset, 'start')
  const to = textPoint(column, trackId, bounds.endContainer, bounds.endOffset, 'end')
  // Ends that meet the wrong way round enclose no transcript text (only a timestamp, say).
  if (!from || !to || to.segment < from.segment) return null
  const quote = quoteBetween(track, from, to)
  if (!quote) return null
  return { trackId, start: quote.start, end: quote.end, quote: quote.text }
}

/**
 * Follows the reader's text selection in the transcript: a selection within one track becomes a
 * range from the first selected word's (or segment's) start to the last one's end, with the
 * transcript's words between its ends as the quote. A click in the transcript clears it; selecting
 * elsewhere keeps it.
 */
export function useTextSelection(rootRef: RefObject<HTMLElement | null>): void {
  const store = useAppStoreApi()
  useEffect(() => {
    let frame = 0
    const read = () => {
      frame = 0
      const root = rootRef.current
      const selection = document.getSelection()
      if (!root || !selection || selection.rangeCount === 0) return
      if (!root.contains(selection.anchorNode)) return
      const state = store.getState()
      if (selection.isCollapsed) {
        if (state.textSelection) state.setTextSelection(null)
        return
      }
      const range = rangeFromSelection(selection.getRangeAt(0), state.tracks)
      if (range) state.setTextSelection(range)
    }
    const onChange = () => {
      if (!frame) frame = requestAnimationFrame(read)
    }
    document.addEventListener('selectionchange', onChange)
    return () => {
      document.removeEventListener('selectionchange', onChange)
      if (frame) cancelAnimationFrame(frame)
    }
  }, [rootRef, store])
}

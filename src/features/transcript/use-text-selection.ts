import { useEffect, type RefObject } from 'react'
import { seconds } from '../../domain/types'
import { useAppStoreApi } from '../../store/store-context'
import type { TextSelection } from '../../store/transcript-slice'

/** The time span of the word (or, without word times, the segment) a DOM node is in. */
function spanOf(node: Node | null): { start: number; end: number; track: Element } | null {
  const element = node instanceof Element ? node : (node?.parentElement ?? null)
  const track = element?.closest('[data-track-id]')
  if (!element || !track) return null
  const word = element.closest('[data-word-start]')
  const timed = word ?? element.closest('[data-start]')
  if (!timed) return null
  const start = Number(timed.getAttribute(word ? 'data-word-start' : 'data-start'))
  const end = Number(timed.getAttribute(word ? 'data-word-end' : 'data-end'))
  return Number.isFinite(start) && Number.isFinite(end) ? { start, end, track } : null
}

/**
 * The range a selection covers: from the first selected word's (or, without word times, the
 * segment's) start to the last one's end, with the selected text as the quote. Null when the
 * selection is empty or spans two tracks.
 */
export function rangeFromSelection(
  selection: Pick<Selection, 'anchorNode' | 'focusNode' | 'toString'>,
): TextSelection | null {
  const a = spanOf(selection.anchorNode)
  const b = spanOf(selection.focusNode)
  const trackId = a?.track.getAttribute('data-track-id')
  if (!a || !b || a.track !== b.track || !trackId) return null
  const quote = selection.toString().replace(/\s+/g, ' ').trim()
  if (!quote) return null
  return {
    trackId,
    start: seconds(Math.min(a.start, b.start)),
    end: seconds(Math.max(a.end, b.end)),
    quote,
  }
}

/**
 * Follows the reader's text selection in the transcript: a selection within one track becomes a
 * range from the first selected word's (or segment's) start to the last one's end, with the
 * selected text as the quote. A click in the transcript clears it; selecting elsewhere keeps it.
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
      const range = rangeFromSelection(selection)
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

import type { TextRange } from './match'

/** A window of a text around its first match, with the matches inside it to highlight. */
export interface Snippet {
  /** The window's text, verbatim from the original. */
  readonly text: string
  /** Where the window starts in the original text. */
  readonly offset: number
  /** Matches inside the window, as offsets into `text` (not into the original). */
  readonly highlights: readonly TextRange[]
  /** Text was cut before or after the window (the UI shows an ellipsis there). */
  readonly clippedStart: boolean
  readonly clippedEnd: boolean
}

/** Default length of a snippet, in UTF-16 units: about two lines of a results list. */
export const SNIPPET_LENGTH = 160

/** How far to move a window's edge to land on a space rather than cut a word. */
const SNAP = 20

const isSpace = (text: string, index: number): boolean => /\s/.test(text.charAt(index))
const isLowSurrogate = (text: string, index: number): boolean => {
  const code = text.charCodeAt(index)
  return code >= 0xdc00 && code <= 0xdfff
}

/**
 * Cuts a window of about `length` units out of `text` so that the first match sits near its start
 * with some context before it; edges move to spaces when one is near, and never split a surrogate
 * pair.
 */
export function makeSnippet(
  text: string,
  ranges: readonly TextRange[],
  length: number = SNIPPET_LENGTH,
): Snippet {
  let start = 0
  let end = text.length
  if (text.length > length) {
    const first = ranges[0]
    const lead = Math.floor(length / 3)
    start = first ? Math.max(0, Math.min(first.start - lead, text.length - length)) : 0
    if (start > 0) {
      const limit = Math.min(start + SNAP, first?.start ?? start)
      for (let i = start; i < limit; i++) {
        if (isSpace(text, i)) {
          start = i + 1
          break
        }
      }
    }
    end = Math.min(text.length, start + length)
    if (end < text.length) {
      const floor = Math.max(end - SNAP, first?.end ?? 0)
      for (let i = end; i > floor; i--) {
        if (isSpace(text, i)) {
          end = i
          break
        }
      }
    }
    if (isLowSurrogate(text, start)) start++
    if (isLowSurrogate(text, end)) end--
  }
  const highlights = ranges
    .filter((range) => range.end > start && range.start < end)
    .map((range) => ({
      start: Math.max(range.start, start) - start,
      end: Math.min(range.end, end) - start,
    }))
  return {
    text: text.slice(start, end),
    offset: start,
    highlights,
    clippedStart: start > 0,
    clippedEnd: end < text.length,
  }
}

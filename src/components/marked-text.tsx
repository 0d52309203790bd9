import type { ReactNode } from 'react'

/** A stretch of text to mark, as UTF-16 offsets; `current` marks the match being looked at. */
export interface MarkRange {
  readonly start: number
  readonly end: number
  readonly current?: boolean
}

/**
 * `text` with the given ranges in `<mark>` elements, built as React nodes (never as HTML, so that
 * transcript text can never become markup). Ranges may come in any order and overlap; each is
 * clipped to the text.
 */
export function MarkedText({ text, ranges }: { text: string; ranges: readonly MarkRange[] }) {
  if (ranges.length === 0) return text
  const sorted = [...ranges].sort((a, b) => a.start - b.start)
  const parts: ReactNode[] = []
  let at = 0
  for (const range of sorted) {
    const start = Math.max(at, Math.min(range.start, text.length))
    const end = Math.min(range.end, text.length)
    if (end <= start) continue
    if (start > at) parts.push(text.slice(at, start))
    parts.push(
      <mark key={start} data-current={range.current ? '' : undefined}>
        {text.slice(start, end)}
      </mark>,
    )
    at = end
  }
  if (at < text.length) parts.push(text.slice(at))
  return parts
}

/**
 * Where each word starts in its segment's text (-1 where a word is not found in order), so that
 * ranges over the text can be shown on a transcript drawn word by word.
 */
export function wordOffsets(text: string, words: readonly { readonly text: string }[]): number[] {
  let from = 0
  return words.map((word) => {
    const at = text.indexOf(word.text, from)
    if (at < 0) return -1
    from = at + word.text.length
    return at
  })
}

/** The parts of `ranges` that fall inside `[offset, offset + length)`, relative to `offset`. */
export function rangesWithin(
  ranges: readonly MarkRange[],
  offset: number,
  length: number,
): MarkRange[] {
  if (offset < 0) return []
  return ranges
    .filter((range) => range.end > offset && range.start < offset + length)
    .map((range) => ({
      start: Math.max(0, range.start - offset),
      end: Math.min(length, range.end - offset),
      ...(range.current ? { current: true } : {}),
    }))
}

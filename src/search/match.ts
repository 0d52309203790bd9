import type { QueryClause } from './query'
import type { Token } from './tokenize'

/** A range of UTF-16 offsets in a text, end exclusive. */
export interface TextRange {
  readonly start: number
  readonly end: number
}

/**
 * Where `terms` occur as adjacent tokens in order (the last as a prefix when `prefix`), as
 * [first, last] token indexes. Occurrences do not overlap, so each one can be stepped to.
 */
export function findPhrase(
  tokens: readonly Token[],
  terms: readonly string[],
  prefix: boolean,
): (readonly [number, number])[] {
  const found: (readonly [number, number])[] = []
  const length = terms.length
  if (length === 0) return found
  const lastTerm = terms[length - 1] ?? ''
  for (let i = 0; i + length <= tokens.length; i++) {
    let j = 0
    for (; j < length; j++) {
      const term = tokens[i + j]?.term ?? ''
      const wanted = terms[j] ?? ''
      if (term === wanted) continue
      if (prefix && j === length - 1 && term.startsWith(lastTerm)) continue
      break
    }
    if (j === length) {
      found.push([i, i + length - 1])
      i += length - 1
    }
  }
  return found
}

/** Text ranges of `tokens` that a clause matches: whole phrases, single words, CJK substrings. */
export function clauseRanges(tokens: readonly Token[], clause: QueryClause): TextRange[] {
  return findPhrase(tokens, clause.terms, clause.prefix).map(([first, last]) => ({
    start: tokens[first]?.start ?? 0,
    end: tokens[last]?.end ?? 0,
  }))
}

/** Sorts ranges and merges those that overlap or touch, for highlighting. */
export function mergeRanges(ranges: readonly TextRange[]): TextRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end)
  const merged: TextRange[] = []
  for (const range of sorted) {
    const previous = merged[merged.length - 1]
    if (previous && range.start <= previous.end) {
      merged[merged.length - 1] = { start: previous.start, end: Math.max(previous.end, range.end) }
    } else {
      merged.push(range)
    }
  }
  return merged
}

/** Every range of `tokens` that any clause matches, merged: what a result highlights. */
export function matchRanges(
  tokens: readonly Token[],
  clauses: readonly QueryClause[],
): TextRange[] {
  return mergeRanges(clauses.flatMap((clause) => clauseRanges(tokens, clause)))
}

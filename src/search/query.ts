import { segmentCjk, tokenize, type Token } from './tokenize'

/**
 * What a search box's text means. Unquoted words must all occur, in any order; the word still
 * being typed (the last one, with nothing after it) also matches longer words. Text in quotes
 * must occur as written: the same words, adjacent, in order. Chinese has no spaces, so an unquoted
 * Chinese run is cut into `Intl.Segmenter` words, each of which must occur as a substring.
 */

/** One condition a document must meet. */
export interface QueryClause {
  /** Folded terms in order; more than one means they must be adjacent (a phrase, or CJK substring). */
  readonly terms: readonly string[]
  /** The last term also matches words that start with it: the word being typed. */
  readonly prefix: boolean
  /** Written in quotes. */
  readonly quoted: boolean
}

/** A parsed query; no clauses means there is nothing to search for (empty, or only punctuation). */
export interface ParsedQuery {
  readonly clauses: readonly QueryClause[]
}

/** More clauses than this add nothing a person would type, and the index counts them in a byte. */
export const MAX_CLAUSES = 32

// Straight, curly, low, guillemet, corner-bracket and full-width quotes all toggle a phrase.
const QUOTES = new Set(['"', '“', '”', '„', '«', '»', '「', '」', '『', '』', '＂'])

interface Part {
  readonly text: string
  readonly quoted: boolean
  /** This part runs to the end of the query (nothing typed after it). */
  readonly last: boolean
}

function splitQuotes(raw: string): Part[] {
  const parts: { text: string; quoted: boolean }[] = []
  let text = ''
  let quoted = false
  for (const char of raw) {
    if (QUOTES.has(char)) {
      parts.push({ text, quoted })
      text = ''
      quoted = !quoted
    } else {
      text += char
    }
  }
  parts.push({ text, quoted })
  return parts.map((part, index) => ({ ...part, last: index === parts.length - 1 }))
}

/** Runs of CJK tokens that touch in the text (a space or punctuation ends a run). */
function cjkRuns(tokens: readonly Token[]): Token[][] {
  const runs: Token[][] = []
  let run: Token[] = []
  for (const token of tokens) {
    const previous = run[run.length - 1]
    if (previous && previous.end !== token.start) {
      runs.push(run)
      run = []
    }
    run.push(token)
  }
  if (run.length > 0) runs.push(run)
  return runs
}

/**
 * Cuts an unquoted CJK run into the pieces that must each occur. Segmenters split unknown names
 * into single characters (周|永|康), so adjacent single characters are kept together as one
 * substring rather than becoming three conditions that could match anywhere.
 */
function cjkPieces(run: string): string[] {
  const pieces: string[] = []
  let singles = ''
  for (const word of segmentCjk(run)) {
    if ([...word].length === 1) {
      singles += word
      continue
    }
    if (singles !== '') pieces.push(singles)
    singles = ''
    pieces.push(word)
  }
  if (singles !== '') pieces.push(singles)
  return pieces
}

/** Parses what was typed into clauses: words, quoted phrases, CJK substrings; never throws. */
export function parseQuery(raw: string): ParsedQuery {
  const clauses: QueryClause[] = []
  const seen = new Set<string>()
  const add = (terms: readonly string[], prefix: boolean, quoted: boolean) => {
    const key = `${quoted ? '"' : ''}${terms.join(' ')}${prefix ? '*' : ''}`
    if (terms.length === 0 || seen.has(key) || clauses.length >= MAX_CLAUSES) return
    seen.add(key)
    clauses.push({ terms, prefix, quoted })
  }
  for (const part of splitQuotes(raw)) {
    const { tokens } = tokenize(part.text)
    const final = tokens[tokens.length - 1]
    // The word being typed is the last thing in the box: "comm" is a prefix, "comm " and
    // "comm." are finished words, and so is a quoted word once its quote is closed.
    const typing = part.last && final !== undefined && !final.cjk && final.end === part.text.length
    if (part.quoted) {
      add(
        tokens.map((token) => token.term),
        typing,
        true,
      )
      continue
    }
    let index = 0
    while (index < tokens.length) {
      const token = tokens[index]
      if (!token) break
      if (!token.cjk) {
        add([token.term], typing && index === tokens.length - 1, false)
        index++
        continue
      }
      let end = index
      while (tokens[end]?.cjk) end++
      for (const run of cjkRuns(tokens.slice(index, end))) {
        for (const piece of cjkPieces(run.map((t) => t.term).join('')))
          add([...piece], false, false)
      }
      index = end
    }
  }
  return { clauses }
}

/**
 * What was typed as one phrase, quotes ignored: the words adjacent and in order, the last one a
 * prefix while it is being typed. This is what find-in-call looks for, like a browser's find.
 */
export function parsePhrase(raw: string): QueryClause | null {
  const text = [...raw].map((char) => (QUOTES.has(char) ? ' ' : char)).join('')
  const { tokens } = tokenize(text)
  const final = tokens[tokens.length - 1]
  if (!final) return null
  return {
    terms: tokens.map((token) => token.term),
    prefix: !final.cjk && final.end === raw.length,
    quoted: true,
  }
}

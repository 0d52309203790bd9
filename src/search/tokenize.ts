/**
 * Search tokens: what a transcript segment, a note or a query is split into before it is indexed
 * or matched.
 *
 * Text is folded so that case, accents and width do not matter (`Égalité` ≡ `egalite`,
 * `ＡＢＣ１２` ≡ `abc12`). Latin, Cyrillic, Greek, Hangul… words and numbers are runs of letters and
 * digits; every Chinese or Japanese character is a token of its own, so that any Chinese substring is
 * a phrase of character tokens and is found however a word segmenter would have split it. The
 * `Intl.Segmenter` words of each Chinese run are returned beside them, for ranking.
 * Punctuation only separates. Offsets are UTF-16 indexes into the original text, so the UI can
 * highlight what matched without knowing how it was folded.
 */

/** Bumped whenever tokens change, so a persisted index made by an older tokenizer is rebuilt. */
export const TOKENIZER_VERSION = 1

/** One searchable unit of a text. */
export interface Token {
  /** The folded form: lower case, no accents, ASCII for full-width forms. */
  readonly term: string
  /** UTF-16 offset of the token's first character in the original text. */
  readonly start: number
  /** UTF-16 offset just past the token's last character. */
  readonly end: number
  /** A single Chinese or Japanese character (these have no spaces between words). */
  readonly cjk: boolean
}

/** A text split into tokens. */
export interface TokenizedText {
  /** Words, numbers and single CJK characters, in text order: the units phrases are made of. */
  readonly tokens: readonly Token[]
  /** The `Intl.Segmenter` words of each CJK run (empty when words were not asked for). */
  readonly words: readonly Token[]
}

/** Options of {@link tokenize}. */
export interface TokenizeOptions {
  /** Also segment CJK runs into words (costs an `Intl.Segmenter` pass; only the index needs it). */
  readonly words?: boolean
}

const SEPARATOR = 0
const WORD = 1
const CJK = 2
type CharClass = typeof SEPARATOR | typeof WORD | typeof CJK

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3005\u3007\u30fc]/u
const WORD_CHAR = /[\p{L}\p{N}]/u
const MARKS = /\p{M}/gu

/** Letters that Unicode does not decompose but a reader treats as accented Latin ones. */
const EXTRA_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ı: 'i',
  ł: 'l',
  ŀ: 'l',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
}

interface FoldedChar {
  readonly text: string
  /** Class of each UTF-16 unit of `text` (a fold may yield several characters, e.g. `½` → `1⁄2`). */
  readonly classes: readonly CharClass[]
}

// Only characters that were met are cached, a few thousand at most in practice: normalising each
// character on every occurrence would cost more than the rest of tokenizing.
const foldCache = new Map<number, FoldedChar>()

function classify(char: string): CharClass {
  if (CJK_CHAR.test(char)) return CJK
  return WORD_CHAR.test(char) ? WORD : SEPARATOR
}

function foldChar(code: number): FoldedChar {
  const cached = foldCache.get(code)
  if (cached) return cached
  let text = String.fromCodePoint(code).normalize('NFKD').replace(MARKS, '').toLowerCase()
  // Lower-casing can bring marks back (İ → i + U+0307), and a few letters need a table.
  text = text.normalize('NFKD').replace(MARKS, '')
  text = [...text].map((c) => EXTRA_FOLDS[c] ?? c).join('')
  const classes: CharClass[] = []
  for (const char of text) {
    const charClass = classify(char)
    for (let i = 0; i < char.length; i++) classes.push(charClass)
  }
  const folded = { text, classes }
  foldCache.set(code, folded)
  return folded
}

/** Folds text for matching: NFKD, no combining marks, lower case, full-width forms as ASCII. */
export function foldText(text: string): string {
  let out = ''
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i) ?? 0
    i += code > 0xffff ? 2 : 1
    out += code < 0x80 ? String.fromCharCode(code).toLowerCase() : foldChar(code).text
  }
  return out
}

/** True for a term of CJK characters (a CJK token is always a single character). */
export function isCjkTerm(term: string): boolean {
  return CJK_CHAR.test(term)
}

const isAsciiDigit = (code: number): boolean => code >= 0x30 && code <= 0x39
const isAsciiAlnum = (code: number): boolean =>
  isAsciiDigit(code) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)

let segmenter: Intl.Segmenter | null | undefined

function cjkSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    segmenter =
      typeof Intl.Segmenter === 'function'
        ? new Intl.Segmenter('zh', { granularity: 'word' })
        : null
  }
  return segmenter
}

/**
 * Splits text into folded tokens with their offsets in the original. A number keeps a `.` or `,`
 * between digits (`3.5`, `1,000`) so that it is found as written.
 */
export function tokenize(text: string, options: TokenizeOptions = {}): TokenizedText {
  const tokens: Token[] = []
  // The word being read: where it starts and ends in the original, and its folded text. Most
  // words need only lower-casing, so `folded` stays null and the term is a slice of the original.
  let wordStart = -1
  let wordEnd = -1
  let folded: string | null = null
  // A `.` or `,` right after a digit, kept until we know whether a digit follows it.
  let held = ''

  const closeWord = () => {
    if (wordStart >= 0) {
      const term = folded ?? text.slice(wordStart, wordEnd).toLowerCase()
      tokens.push({ term, start: wordStart, end: wordEnd, cjk: false })
    }
    wordStart = -1
    folded = null
    held = ''
  }
  const lastIsDigit = () =>
    isAsciiDigit(
      folded === null ? text.charCodeAt(wordEnd - 1) : folded.charCodeAt(folded.length - 1),
    )
  /** Adds one folded word character that spans [start, end) of the original. */
  const addWordChar = (char: string, code: number, start: number, end: number, plain: boolean) => {
    if (held !== '') {
      if (!isAsciiDigit(code)) {
        closeWord()
      } else {
        if (folded !== null) folded += held
        held = ''
      }
    }
    if (wordStart < 0) {
      wordStart = start
      folded = plain ? null : ''
    } else if (folded === null && !plain) {
      folded = text.slice(wordStart, start).toLowerCase()
    }
    if (folded !== null) folded += char
    wordEnd = end
  }

  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i) ?? 0
    const start = i
    i += code > 0xffff ? 2 : 1
    if (code < 0x80) {
      if (isAsciiAlnum(code)) {
        addWordChar(String.fromCharCode(code).toLowerCase(), code, start, i, true)
      } else if (
        (code === 0x2e || code === 0x2c) &&
        wordStart >= 0 &&
        held === '' &&
        lastIsDigit()
      ) {
        held = String.fromCharCode(code)
      } else {
        closeWord()
      }
      continue
    }
    const { text: foldedChar, classes } = foldChar(code)
    if (foldedChar === '') {
      // A combining mark belongs to the word it follows; the term must not contain it.
      if (wordStart >= 0 && held === '') {
        if (folded === null) folded = text.slice(wordStart, wordEnd).toLowerCase()
        wordEnd = i
      }
      continue
    }
    for (let k = 0; k < foldedChar.length;) {
      const charClass = classes[k] ?? SEPARATOR
      const charCode = foldedChar.codePointAt(k) ?? 0
      const width = charCode > 0xffff ? 2 : 1
      const char = foldedChar.slice(k, k + width)
      k += width
      if (charClass === WORD) {
        addWordChar(char, charCode, start, i, false)
      } else {
        closeWord()
        if (charClass === CJK) tokens.push({ term: char, start, end: i, cjk: true })
      }
    }
  }
  closeWord()
  const words = options.words === true ? segmentCjkRuns(tokens) : []
  return { tokens, words }
}

/**
 * The `Intl.Segmenter` words of each run of adjacent CJK tokens. Without `Intl.Segmenter` a run is
 * one word; search still works, since CJK matching is by substring.
 */
function segmentCjkRuns(tokens: readonly Token[]): Token[] {
  const words: Token[] = []
  const segment = cjkSegmenter()
  for (let first = 0; first < tokens.length;) {
    const head = tokens[first]
    if (!head?.cjk) {
      first++
      continue
    }
    let last = first
    for (;;) {
      const current = tokens[last]
      const next = tokens[last + 1]
      if (!current || !next?.cjk || next.start !== current.end) break
      last++
    }
    const run = tokens.slice(first, last + 1)
    first = last + 1
    const runText = run.map((token) => token.term).join('')
    if (run.length === 1 || segment === null) {
      const tail = run[run.length - 1] ?? head
      words.push({ term: runText, start: head.start, end: tail.end, cjk: true })
      continue
    }
    // Segment offsets count UTF-16 units of runText; map them back to run tokens.
    const tokenAt = new Map<number, number>()
    let offset = 0
    run.forEach((token, index) => {
      tokenAt.set(offset, index)
      offset += token.term.length
    })
    for (const piece of segment.segment(runText)) {
      if (piece.isWordLike === false) continue
      const from = run[tokenAt.get(piece.index) ?? 0]
      const to = run[(tokenAt.get(piece.index + piece.segment.length) ?? run.length) - 1]
      if (from && to) words.push({ term: piece.segment, start: from.start, end: to.end, cjk: true })
    }
  }
  return words
}

/** Splits a run of CJK characters into `Intl.Segmenter` words (the whole run without a segmenter). */
export function segmentCjk(run: string): string[] {
  const segment = cjkSegmenter()
  if (segment === null) return [run]
  return [...segment.segment(run)]
    .filter((piece) => piece.isWordLike !== false)
    .map((piece) => piece.segment)
}

import { finishSegments, type RawSegment } from './finish-segments'
import { TranscriptParseError, type ParsedTranscript, type ParseWarning } from './types'

/*
 * Praat TextGrid, long and short text forms. Both are the same sequence of values (numbers,
 * quoted strings, `<exists>` flags); the long form only adds labels (`xmin =`, `item [1]:`),
 * so one tokenizer that skips labels and bracketed indexes reads both.
 */

type Token =
  | { readonly kind: 'number'; readonly value: number; readonly line: number }
  | { readonly kind: 'string'; readonly value: string; readonly line: number }
  | { readonly kind: 'flag'; readonly value: string; readonly line: number }

interface Tier {
  readonly kind: 'interval' | 'point'
  readonly name: string
  readonly items: readonly { start: number; end?: number; text: string }[]
}

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y
const WORD = /[A-Za-z_][A-Za-z0-9_?]*/y
const LONG_FORM_LABEL = /[\r\n][ \t]*(?:xmin|xmax|text|number|mark) = /

/** Parses a Praat TextGrid (long or short text form) from its first interval tier with text; the tier name becomes the title. */
export function parsePraatTextGrid(text: string): ParsedTranscript {
  const source = text.replace(/^\uFEFF/, '')
  if (/^\s*ooBinaryFile/.test(source)) {
    throw new TranscriptParseError(
      'This is a binary TextGrid. Save it from Praat as a text file ("Save as text file…").',
      1,
    )
  }
  const tokens = tokenize(source)
  const tiers = readTextGrid(tokens)
  const warnings: ParseWarning[] = []
  const hasText = (tier: Tier) => tier.items.some((item) => item.text.trim() !== '')
  const intervalTiers = tiers.filter((tier) => tier.kind === 'interval' && hasText(tier))
  let tier = intervalTiers[0]
  if (tier !== undefined && intervalTiers.length > 1) {
    const others = intervalTiers.slice(1).map((t) => `"${t.name}"`)
    warnings.push({
      message: `The TextGrid has ${intervalTiers.length} interval tiers with text; imported "${tier.name}" and left out ${others.join(', ')}.`,
    })
  }
  if (tier === undefined) {
    tier = tiers.find((t) => t.kind === 'point' && hasText(t))
    if (tier === undefined) throw new TranscriptParseError('The TextGrid has no tier with text.')
    warnings.push({
      message: `The TextGrid has no interval tier with text; the points of "${tier.name}" were read as segment starts.`,
    })
  }
  const raw: RawSegment[] = tier.items.map((item) => ({ ...item, text: item.text.trim() }))
  const segments = finishSegments(raw, warnings)
  const title = tier.name.trim()
  return {
    format: 'praat-textgrid',
    segments,
    warnings,
    ...(title !== '' ? { title } : {}),
  }
}

/** How much `text` looks like a Praat TextGrid in a text form (0..1). */
export function looksLikePraatTextGrid(text: string, fileName?: string): number {
  const head = text.replace(/^\uFEFF/, '').slice(0, 300)
  let score = 0
  if (/^\s*File type\s*=\s*"ooTextFile/.test(head) && /"TextGrid"/.test(head)) score = 0.95
  else if (/^\s*ooBinaryFile/.test(head) && head.includes('TextGrid')) score = 0.9
  if (score > 0 && fileName !== undefined && /\.textgrid$/i.test(fileName)) score += 0.05
  return Math.min(1, score)
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let line = 1
  let i = 0
  while (i < text.length) {
    const c = text.charAt(i)
    if (c === '\n' || c === '\r') {
      if (c === '\r' && text.charAt(i + 1) === '\n') i++
      line++
      i++
    } else if (c === '"') {
      const startLine = line
      let value = ''
      i++
      for (;;) {
        const end = text.indexOf('"', i)
        if (end < 0) throw new TranscriptParseError('A text in quotes is never closed.', startLine)
        const chunk = text.slice(i, end)
        // Texts may span lines, but not over the labels of the long form: then a quote is missing.
        if (LONG_FORM_LABEL.test(chunk)) {
          throw new TranscriptParseError('A text in quotes is never closed.', startLine)
        }
        value += chunk
        line += countLineBreaks(chunk)
        // Inside a string Praat doubles a quote.
        if (text.charAt(end + 1) === '"') {
          value += '"'
          i = end + 2
        } else {
          i = end + 1
          break
        }
      }
      tokens.push({ kind: 'string', value, line: startLine })
    } else if (c === '!') {
      while (i < text.length && text.charAt(i) !== '\n' && text.charAt(i) !== '\r') i++
    } else if (c === '[') {
      // Indexes such as `item [1]:` are labels, not values.
      while (i < text.length && text.charAt(i) !== ']' && text.charAt(i) !== '\n') i++
      i++
    } else if (c === '<') {
      const end = text.indexOf('>', i)
      const value = end < 0 ? '' : text.slice(i + 1, end)
      if (end < 0 || /[\r\n]/.test(value))
        throw new TranscriptParseError('A "<" flag is never closed.', line)
      tokens.push({ kind: 'flag', value, line })
      i = end + 1
    } else if (/[-+.\d]/.test(c) && match(NUMBER, text, i)) {
      const length = NUMBER.lastIndex - i
      tokens.push({ kind: 'number', value: Number(text.slice(i, i + length)), line })
      i += length
    } else if (/[A-Za-z_]/.test(c) && match(WORD, text, i)) {
      i = WORD.lastIndex
    } else {
      i++
    }
  }
  return tokens
}

function match(pattern: RegExp, text: string, at: number): boolean {
  pattern.lastIndex = at
  return pattern.test(text)
}

function countLineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0
}

function readTextGrid(tokens: readonly Token[]): Tier[] {
  let k = 0
  const lastLine = tokens[tokens.length - 1]?.line
  const take = (what: string): Token => {
    const token = tokens[k++]
    if (token === undefined)
      throw new TranscriptParseError(`The TextGrid ends early: ${what} is missing.`, lastLine)
    return token
  }
  const string = (what: string): string => {
    const token = take(what)
    if (token.kind !== 'string')
      throw new TranscriptParseError(`Expected ${what} in quotes.`, token.line)
    return token.value
  }
  const number = (what: string): number => {
    const token = take(what)
    if (token.kind !== 'number' || !Number.isFinite(token.value)) {
      throw new TranscriptParseError(`Expected ${what} (a number).`, token.line)
    }
    return token.value
  }
  const count = (what: string): number => {
    const token = tokens[k]
    const value = number(what)
    if (!Number.isInteger(value) || value < 0) {
      throw new TranscriptParseError(`Expected ${what} (a whole number).`, token?.line)
    }
    return value
  }

  const fileType = string('the file type "ooTextFile"')
  if (!fileType.startsWith('ooTextFile')) {
    throw new TranscriptParseError(
      `Not a Praat text file (file type "${fileType.slice(0, 40)}").`,
      tokens[0]?.line,
    )
  }
  const objectClass = string('the object class "TextGrid"')
  if (!objectClass.startsWith('TextGrid')) {
    throw new TranscriptParseError(
      `This Praat file holds a ${objectClass.slice(0, 40)}, not a TextGrid.`,
      tokens[1]?.line,
    )
  }
  number('the start time (xmin)')
  number('the end time (xmax)')
  const flag = tokens[k]
  if (flag?.kind === 'flag') {
    k++
    if (flag.value !== 'exists')
      throw new TranscriptParseError('The TextGrid has no tiers.', flag.line)
  }
  const tierCount = count('the number of tiers')
  const tiers: Tier[] = []
  for (let t = 0; t < tierCount; t++) {
    const classToken = tokens[k]
    const tierClass = string('a tier class ("IntervalTier" or "TextTier")')
    const name = string('a tier name')
    number('the tier start (xmin)')
    number('the tier end (xmax)')
    const size = count('the number of intervals or points')
    if (tierClass === 'IntervalTier') {
      const items = []
      for (let j = 0; j < size; j++) {
        const start = number('an interval start (xmin)')
        const end = number('an interval end (xmax)')
        items.push({ start, end, text: string('an interval text') })
      }
      tiers.push({ kind: 'interval', name, items })
    } else if (tierClass === 'TextTier') {
      const items = []
      for (let j = 0; j < size; j++) {
        const start = number('a point time')
        items.push({ start, text: string('a point mark') })
      }
      tiers.push({ kind: 'point', name, items })
    } else {
      throw new TranscriptParseError(
        `Unknown tier class "${tierClass.slice(0, 40)}".`,
        classToken?.line,
      )
    }
  }
  return tiers
}

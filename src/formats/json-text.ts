import { TranscriptParseError } from './types'

/* Reading JSON with a line number on error, for the JSON-based importers (Whisper, oTranscribe, aeneas). */

/** Parses JSON text; a syntax error becomes a TranscriptParseError naming its 1-based line. `expected` names the format, with its article. */
export function parseJsonText(text: string, expected: string): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (source.trim() === '')
    throw new TranscriptParseError(`The file is empty, so it is not ${expected}.`)
  try {
    return JSON.parse(source) as unknown
  } catch {
    // Engines word JSON errors differently and some give no position, so find it ourselves.
    const offset = findJsonErrorOffset(source)
    if (offset < 0)
      throw new TranscriptParseError(
        `The file could not be read as JSON, so it is not ${expected}.`,
      )
    const problem =
      offset >= source.length
        ? 'the file ends too early'
        : `unexpected ${JSON.stringify(source.charAt(offset))}`
    throw new TranscriptParseError(
      `Not valid JSON, so not ${expected}: ${problem}.`,
      lineOf(source, offset),
    )
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++
  }
  return line
}

const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y

/** The offset of the first JSON syntax error, or -1 when the text is valid JSON. Iterative: deep nesting cannot overflow the stack. */
function findJsonErrorOffset(text: string): number {
  const stack: string[] = []
  let i = 0
  let state: 'value' | 'key' | 'after' = 'value'
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++
  }
  const match = (pattern: RegExp) => {
    pattern.lastIndex = i
    if (!pattern.test(text)) return false
    i = pattern.lastIndex
    return true
  }
  // Leaves `i` after the closing quote, or at the offending character.
  const scanString = () => {
    i++
    while (i < text.length) {
      const c = text.charCodeAt(i)
      if (c === 34) {
        i++
        return true
      }
      if (c < 32) return false
      if (c === 92) {
        const escape = text.charAt(i + 1)
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false
          i += 6
        } else if ('"\\/bfnrt'.includes(escape) && escape !== '') {
          i += 2
        } else {
          return false
        }
      } else {
        i++
      }
    }
    return false
  }
  for (;;) {
    skipSpace()
    const c = text.charAt(i)
    if (state === 'value') {
      if (c === '{' || c === '[') {
        stack.push(c)
        i++
        skipSpace()
        const close = c === '{' ? '}' : ']'
        if (text.charAt(i) === close) {
          stack.pop()
          i++
          state = 'after'
        } else {
          state = c === '{' ? 'key' : 'value'
        }
      } else if (c === '"') {
        if (!scanString()) return i
        state = 'after'
      } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
        i += 4
        state = 'after'
      } else if (text.startsWith('false', i)) {
        i += 5
        state = 'after'
      } else if (!match(JSON_NUMBER)) {
        return i
      } else {
        state = 'after'
      }
    } else if (state === 'key') {
      if (c !== '"' || !scanString()) return i
      skipSpace()
      if (text.charAt(i) !== ':') return i
      i++
      state = 'value'
    } else {
      const top = stack[stack.length - 1]
      if (top === undefined) return i < text.length ? i : -1
      if (c === ',') {
        i++
        state = top === '{' ? 'key' : 'value'
      } else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
        stack.pop()
        i++
      } else {
        return i
      }
    }
  }
}

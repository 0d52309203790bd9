import { finishSegments, type RawSegment } from './finish-segments'
import { parseJsonText } from './json-text'
import { readDeclaredLanguage } from './language-tag'
import { TranscriptParseError, type ParsedTranscript, type ParseWarning } from './types'

type JsonObject = Record<string, unknown>

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Parses an aeneas sync map (`{fragments: [{begin, end, lines, children}]}`, times as strings of seconds); nested maps are flattened to their leaves. */
export function parseAeneasJson(text: string): ParsedTranscript {
  const root = parseJsonText(text, 'an aeneas sync map')
  if (!isObject(root) || !Array.isArray(root.fragments)) {
    throw new TranscriptParseError(
      'Expected a JSON object with a "fragments" array, so this is not an aeneas sync map.',
    )
  }
  const warnings: ParseWarning[] = []
  const raw: RawSegment[] = []
  const languages: string[] = []
  let zeroLength = 0
  // Depth-first with an explicit stack, so that a deeply nested map cannot overflow the call stack.
  const pending: { value: unknown; path: string }[] = root.fragments
    .map((value, i) => ({ value, path: `fragments[${i}]` }))
    .reverse()
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path } = next
    if (!isObject(value)) throw new TranscriptParseError(`"${path}" should be an object.`)
    const children = value.children
    if (Array.isArray(children) && children.length > 0) {
      for (let i = children.length - 1; i >= 0; i--) {
        pending.push({ value: children[i], path: `${path}.children[${i}]` })
      }
      continue
    }
    const start = readTime(value.begin, `${path}.begin`)
    const end = readTime(value.end, `${path}.end`)
    const text = readLines(value.lines, `${path}.lines`)
    if (text !== '' && end <= start) zeroLength++
    if (typeof value.language === 'string' && text !== '') languages.push(value.language)
    raw.push({ start, end, text })
  }
  if (zeroLength > 0) {
    warnings.push({
      message: `${zeroLength} fragment(s) with text last no time at all (end equals start).`,
    })
  }
  const segments = finishSegments(raw, warnings)
  if (segments.length === 0) {
    throw new TranscriptParseError('The aeneas sync map has no fragment with text.')
  }
  const language = readDeclaredLanguage(languages[0], warnings, {
    field: 'The first fragment with text',
  })
  return {
    format: 'aeneas-json',
    segments,
    warnings,
    ...(language !== undefined ? { language } : {}),
  }
}

/** How much `text` looks like an aeneas JSON sync map (0..1); the file name is a weak hint. */
export function looksLikeAeneasJson(text: string, fileName?: string): number {
  if (!/^\uFEFF?\s*\{/.test(text) || !/"fragments"\s*:\s*\[/.test(text)) return 0
  let score = /"begin"\s*:/.test(text) && /"lines"\s*:/.test(text) ? 0.95 : 0.5
  if (fileName !== undefined && /\.json$/i.test(fileName)) score += 0.05
  return Math.min(1, score)
}

/** aeneas writes times as strings (`"2.680"`); hand-made maps use numbers. */
function readTime(value: unknown, where: string): number {
  const time =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+(?:\.\d*)?\s*$/.test(value)
        ? Number(value)
        : Number.NaN
  if (!Number.isFinite(time)) {
    throw new TranscriptParseError(
      `"${where}" should be a time in seconds such as "2.680", found ${(JSON.stringify(value) ?? 'nothing').slice(0, 40)}.`,
    )
  }
  return time
}

function readLines(value: unknown, where: string): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value.trim()
  if (!Array.isArray(value)) {
    throw new TranscriptParseError(`"${where}" should be an array of strings.`)
  }
  return value
    .filter((line): line is string => typeof line === 'string')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ')
}

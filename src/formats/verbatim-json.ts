import type { Segment, TrackKind } from '../domain/types'
import { finishSegments, type RawSegment } from './finish-segments'
import { readDeclaredLanguage } from './language-tag'
import { TranscriptParseError, type ParsedTranscript, type ParseWarning } from './types'

/*
 * Verbatim's own transcript file: lossless (speakers, word times, full-precision seconds) and
 * versioned. The schema is documented in docs/verbatim-json.md; a change to it is a new version.
 */
export const VERBATIM_JSON_FORMAT = 'verbatim-transcript'
export const VERBATIM_JSON_VERSION = 1

/** A Verbatim JSON file read back: the transcript plus the track's kind (its label is `title`). */
export interface ParsedVerbatimJson extends ParsedTranscript {
  readonly kind?: TrackKind
}

/** What `serializeVerbatimJson` needs of a track. */
export interface VerbatimJsonTrack {
  readonly language?: string
  readonly label?: string
  readonly kind?: TrackKind
  readonly segments: readonly Segment[]
}

/** Writes a track as Verbatim JSON, one segment a line so that files diff well. */
export function serializeVerbatimJson(track: VerbatimJsonTrack): string {
  const head: Record<string, unknown> = {
    format: VERBATIM_JSON_FORMAT,
    version: VERBATIM_JSON_VERSION,
    ...(track.language !== undefined ? { language: track.language } : {}),
    ...(track.label !== undefined ? { label: track.label } : {}),
    ...(track.kind !== undefined ? { kind: track.kind } : {}),
  }
  const segments = track.segments.map((segment) =>
    JSON.stringify({
      start: segment.start,
      end: segment.end,
      ...(segment.speaker !== undefined ? { speaker: segment.speaker } : {}),
      text: segment.text,
      ...(segment.words && segment.words.length > 0
        ? { words: segment.words.map(({ start, end, text }) => ({ start, end, text })) }
        : {}),
    }),
  )
  const fields = Object.entries(head).map(
    ([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  )
  const list =
    segments.length === 0 ? '[]' : `[\n${segments.map((s) => `    ${s}`).join(',\n')}\n  ]`
  return `{\n${[...fields, `  "segments": ${list}`].join(',\n')}\n}\n`
}

const JSON_LITERAL = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y

/**
 * Finds where JSON text stops being valid, for a message with a line number that does not
 * depend on the engine's wording (Safari's JSON.parse errors give no position). Iterative, so
 * deep nesting cannot overflow the stack.
 */
export function findJsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  let i = 0
  const open: ('{' | '[')[] = []
  let first = false
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++
  }
  const found = () =>
    i >= text.length ? 'the text ends too early' : `unexpected ${JSON.stringify(text.charAt(i))}`
  const fail = (expected: string) => ({ offset: i, message: `${found()} where ${expected}` })

  const readString = (): { offset: number; message: string } | undefined => {
    for (i++; i < text.length;) {
      const c = text.charCodeAt(i)
      if (c === 0x22) {
        i++
        return undefined
      }
      if (c < 0x20) return fail('a string goes on (strings cannot hold raw line breaks)')
      if (c !== 0x5c) i++
      else if ('"\\/bfnrt'.includes(text.charAt(i + 1)) && text.charAt(i + 1) !== '') i += 2
      else if (/^u[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 6))) i += 6
      else return { offset: i, message: 'an invalid escape in a string' }
    }
    return fail('a string should be closed')
  }
  /** Reads a scalar, or opens an object or array. */
  const readValue = (): { offset: number; message: string } | undefined => {
    skipSpace()
    const c = text.charAt(i)
    if (c === '{' || c === '[') {
      open.push(c)
      first = true
      i++
      return undefined
    }
    if (c === '"') return readString()
    JSON_LITERAL.lastIndex = i
    if (!JSON_LITERAL.test(text)) return fail('a value was expected')
    i = JSON_LITERAL.lastIndex
    return undefined
  }

  let error = readValue()
  while (!error) {
    skipSpace()
    const top = open[open.length - 1]
    if (top === undefined) return i < text.length ? fail('the text should have ended') : undefined
    const closing = top === '{' ? '}' : ']'
    if (text.charAt(i) === closing) {
      open.pop()
      first = false
      i++
      continue
    }
    if (!first) {
      if (text.charAt(i) !== ',') return fail(`"," or "${closing}" was expected`)
      i++
      skipSpace()
    }
    first = false
    if (top === '{') {
      if (text.charAt(i) !== '"') return fail('a property name (in double quotes) was expected')
      error = readString()
      if (error) break
      skipSpace()
      if (text.charAt(i) !== ':') return fail('":" was expected')
      i++
    }
    error = readValue()
  }
  return error
}

const lineAt = (text: string, offset: number): number => {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const show = (value: Json | undefined): string => {
  const shown = JSON.stringify(value) ?? 'nothing'
  return shown.length > 40 ? `${shown.slice(0, 40)}…` : shown
}

function fail(path: string, expected: string, value: Json | undefined): never {
  throw new TranscriptParseError(
    value === undefined
      ? `${path} is missing; it must be ${expected}.`
      : `${path} must be ${expected}, not ${show(value)}.`,
  )
}

function checkKeys(object: { [key: string]: Json }, path: string, allowed: readonly string[]) {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      throw new TranscriptParseError(
        `${path}.${key} is not part of Verbatim JSON version ${VERBATIM_JSON_VERSION} (allowed: ${allowed.join(', ')}).`,
      )
    }
  }
}

function readTime(value: Json | undefined, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(path, 'a number of seconds, 0 or more', value)
  }
  return value
}

function readString(value: Json | undefined, path: string): string {
  if (typeof value !== 'string') fail(path, 'a string', value)
  return value
}

function readSpan(object: { [key: string]: Json }, path: string): { start: number; end: number } {
  const start = readTime(object.start, `${path}.start`)
  const end = readTime(object.end, `${path}.end`)
  if (end < start) fail(`${path}.end`, `at least the start (${start})`, end)
  return { start, end }
}

/**
 * `$.language`: a string, else the file is refused like any other schema error. A string that is
 * not a language tag is never kept: it is ignored with a warning. An empty one (Verbatim wrote
 * that for a track whose language field was cleared) reads as `und`, undetermined.
 */
function readLanguage(value: Json | undefined, warnings: ParseWarning[]): string | undefined {
  if (value === undefined) return undefined
  const text = readString(value, '$.language')
  if (text.trim() === '') return 'und'
  return readDeclaredLanguage(text, warnings, { field: '$.language' })
}

const SEGMENT_KEYS = ['start', 'end', 'text', 'speaker', 'words'] as const
const WORD_KEYS = ['start', 'end', 'text'] as const
const ROOT_KEYS = ['format', 'version', 'language', 'label', 'kind', 'segments'] as const

/**
 * Reads a Verbatim JSON file, strictly: any deviation from the schema is a TranscriptParseError
 * naming the JSON path (`$.segments[3].end`); a syntax error names the line.
 */
export function parseVerbatimJson(input: string): ParsedVerbatimJson {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input
  let root: Json
  try {
    root = JSON.parse(text) as Json
  } catch {
    const error = findJsonSyntaxError(text)
    const where = error ? lineAt(text, error.offset) : undefined
    throw new TranscriptParseError(`Not valid JSON${error ? `: ${error.message}` : ''}.`, where)
  }

  if (!isObject(root)) fail('$', 'an object', root)
  if (root.format !== VERBATIM_JSON_FORMAT)
    fail('$.format', `"${VERBATIM_JSON_FORMAT}"`, root.format)
  if (root.version !== VERBATIM_JSON_VERSION) {
    if (typeof root.version === 'number' && root.version > VERBATIM_JSON_VERSION) {
      throw new TranscriptParseError(
        `$.version is ${root.version}: this file was written by a newer Verbatim, which this one cannot read (it reads version ${VERBATIM_JSON_VERSION}).`,
      )
    }
    fail('$.version', String(VERBATIM_JSON_VERSION), root.version)
  }
  checkKeys(root, '$', ROOT_KEYS)
  const warnings: ParseWarning[] = []
  const language = readLanguage(root.language, warnings)
  const label = root.label === undefined ? undefined : readString(root.label, '$.label')
  const kind = root.kind
  if (kind !== undefined && kind !== 'original' && kind !== 'translation') {
    fail('$.kind', '"original" or "translation"', kind)
  }
  if (!Array.isArray(root.segments)) fail('$.segments', 'an array', root.segments)

  const raw: RawSegment[] = root.segments.map((segment, i) => {
    const path = `$.segments[${i}]`
    if (!isObject(segment)) fail(path, 'an object', segment)
    checkKeys(segment, path, SEGMENT_KEYS)
    const { start, end } = readSpan(segment, path)
    const segmentText = readString(segment.text, `${path}.text`)
    if (segmentText.trim() === '')
      warnings.push({ message: `${path} has no text; it was left out.` })
    const speaker =
      segment.speaker === undefined ? undefined : readString(segment.speaker, `${path}.speaker`)
    let words: RawSegment['words']
    if (segment.words !== undefined) {
      if (!Array.isArray(segment.words)) fail(`${path}.words`, 'an array', segment.words)
      words = segment.words.map((word, j) => {
        const wordPath = `${path}.words[${j}]`
        if (!isObject(word)) fail(wordPath, 'an object', word)
        checkKeys(word, wordPath, WORD_KEYS)
        return { ...readSpan(word, wordPath), text: readString(word.text, `${wordPath}.text`) }
      })
    }
    return { start, end, text: segmentText, speaker, words }
  })

  return {
    format: 'verbatim-json',
    segments: finishSegments(raw, warnings),
    warnings,
    ...(language !== undefined ? { language } : {}),
    ...(label !== undefined ? { title: label } : {}),
    ...(kind !== undefined ? { kind } : {}),
  }
}

import { finishSegments, type RawSegment } from './finish-segments'
import { parseJsonText } from './json-text'
import { splitSpeakerPrefix } from './speaker-prefix'
import { TranscriptParseError, type ParsedTranscript, type ParseWarning } from './types'

/*
 * oTranscribe `.otr`: JSON whose `text` is the editor's innerHTML, with
 * `<span class="timestamp" data-timestamp="83.412">0:01:23</span>` marking points in time.
 * The HTML is read as text here (tags dropped, entities decoded), never handed to a DOM: it is
 * untrusted, and the parser must also run in a worker.
 */

type JsonObject = Record<string, unknown>

interface Draft {
  readonly start: number
  readonly parts: string[]
}

interface Tag {
  readonly name: string
  readonly closing: boolean
  readonly attributes: ReadonlyMap<string, string>
  /** Offset just after the tag's `>`. */
  readonly end: number
}

/** Tags that end a line of text in the editor. */
const BREAKS = new Set('p div br li h1 h2 h3 h4 h5 h6 tr blockquote'.split(' '))
/** Tags whose content is never text. */
const HIDDEN = new Set(['script', 'style', 'template', 'head', 'title'])

/** Parses an oTranscribe `.otr` file: each timestamp starts a segment that runs to the next one (or to `media-time` for the last). */
export function parseOtranscribe(text: string): ParsedTranscript {
  const root = parseJsonText(text, 'an oTranscribe file')
  if (!isObject(root) || typeof root.text !== 'string') {
    throw new TranscriptParseError(
      'Not an oTranscribe file: expected a JSON object whose "text" is the transcript.',
    )
  }
  const warnings: ParseWarning[] = []
  const { drafts, preamble, backwards } = readHtml(root.text)
  if (drafts.length === 0) {
    throw new TranscriptParseError(
      'No timestamps found in the oTranscribe text: it is a transcript without times.',
    )
  }
  const raw: RawSegment[] = drafts.map((draft) => {
    // Pieces are joined as written: tags that break a line added their own space.
    const text = draft.parts.join('').replace(/\s+/g, ' ').trim()
    const prefix = splitSpeakerPrefix(text)
    return prefix === undefined
      ? { start: draft.start, text }
      : { start: draft.start, text: prefix.rest, speaker: prefix.speaker }
  })
  const before = preamble.join('').replace(/\s+/g, ' ').trim()
  if (before !== '') {
    raw.unshift({ start: 0, text: before })
    warnings.push({ message: 'The text before the first timestamp was placed at 0:00.' })
  }
  if (backwards) {
    warnings.push({ message: 'The timestamps are not in order; the segments were sorted by time.' })
  }
  const mediaTime = typeof root['media-time'] === 'number' ? root['media-time'] : Number.NaN
  const lastStart = raw.reduce((latest, segment) => Math.max(latest, segment.start), 0)
  const segments = finishSegments(
    raw,
    warnings,
    Number.isFinite(mediaTime) && mediaTime > lastStart ? { lastEnd: mediaTime } : {},
  )
  if (segments.length === 0)
    throw new TranscriptParseError('The timestamps have no text after them.')
  return { format: 'otranscribe', segments, warnings }
}

/** How much `text` looks like an oTranscribe `.otr` file (0..1); the extension is a weak hint. */
export function looksLikeOtranscribe(text: string, fileName?: string): number {
  if (!/^\uFEFF?\s*\{/.test(text)) return 0
  let score = 0
  if (/"text"\s*:/.test(text) && /data-timestamp|class=\\"timestamp/.test(text)) score = 0.95
  else if (/"text"\s*:/.test(text) && /"media-time"\s*:/.test(text)) score = 0.7
  else if (fileName !== undefined && /\.otr$/i.test(fileName) && /"text"\s*:/.test(text))
    score = 0.5
  if (score > 0 && fileName !== undefined && /\.otr$/i.test(fileName)) score += 0.05
  return Math.min(1, score)
}

function readHtml(html: string) {
  const drafts: Draft[] = []
  const preamble: string[] = []
  let current: Draft | undefined
  let backwards = false
  const push = (value: string) => (current ? current.parts : preamble).push(value)
  let i = 0
  while (i < html.length) {
    const open = html.indexOf('<', i)
    const textEnd = open < 0 ? html.length : open
    if (textEnd > i) push(decodeEntities(html.slice(i, textEnd)))
    if (open < 0) break
    if (html.startsWith('<!--', open)) {
      const close = html.indexOf('-->', open + 4)
      i = close < 0 ? html.length : close + 3
      continue
    }
    const tag = readTag(html, open)
    if (tag === undefined) {
      // A lone `<` is text.
      push('<')
      i = open + 1
      continue
    }
    i = tag.end
    if (tag.closing) {
      if (BREAKS.has(tag.name)) push(' ')
      continue
    }
    if (BREAKS.has(tag.name)) push(' ')
    if (HIDDEN.has(tag.name)) {
      i = skipElement(html, tag.name, i)
      continue
    }
    const classes = (tag.attributes.get('class') ?? '').split(/\s+/)
    if (
      tag.name === 'span' &&
      (classes.includes('timestamp') || tag.attributes.has('data-timestamp'))
    ) {
      // The span's content is the stamp's display form (`0:01:23`), not transcript text.
      const contentEnd = findClose(html, 'span', i)
      const display = decodeEntities(html.slice(i, contentEnd.contentEnd))
      i = contentEnd.end
      const time = readTime(tag.attributes.get('data-timestamp')) ?? readTime(display)
      if (time === undefined) continue
      if (current !== undefined && time < current.start) backwards = true
      current = { start: time, parts: [] }
      drafts.push(current)
    }
  }
  return { drafts, preamble, backwards }
}

/** Reads the tag starting at `open`, honouring quotes (an attribute may hold `>`); undefined if it is not a tag. */
function readTag(html: string, open: number): Tag | undefined {
  const head = /^<(\/?)\s*([a-zA-Z][\w:-]*)/.exec(html.slice(open, open + 64))
  if (!head) return undefined
  let i = open + head[0].length
  let quote = ''
  while (i < html.length) {
    const c = html.charAt(i)
    if (quote !== '') {
      if (c === quote) quote = ''
    } else if (c === '"' || c === "'") {
      quote = c
    } else if (c === '>') {
      break
    }
    i++
  }
  const body = html.slice(open + head[0].length, i)
  const attributes = new Map<string, string>()
  for (const match of body.matchAll(
    /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g,
  )) {
    const name = match[1]?.toLowerCase()
    if (name !== undefined)
      attributes.set(name, decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''))
  }
  return {
    name: (head[2] ?? '').toLowerCase(),
    closing: head[1] === '/',
    attributes,
    end: Math.min(html.length, i + 1),
  }
}

/** Finds the `</name>` that closes an element opened just before `from`, counting nested ones. */
function findClose(html: string, name: string, from: number) {
  const pattern = new RegExp(`<(/?)${name}(?=[\\s>/])[^>]*>`, 'gi')
  pattern.lastIndex = from
  let depth = 1
  for (let match = pattern.exec(html); match !== null; match = pattern.exec(html)) {
    depth += match[1] === '/' ? -1 : 1
    if (depth === 0) return { contentEnd: match.index, end: match.index + match[0].length }
  }
  return { contentEnd: html.length, end: html.length }
}

function skipElement(html: string, name: string, from: number): number {
  return findClose(html, name, from).end
}

/** `83.412` (current files) or `01:23`, `1:02:03` (older files) to seconds. */
function readTime(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text)
  const match = /^(\d+):(\d{1,2})(?::(\d{1,2}))?(?:\.(\d+))?$/.exec(text)
  if (!match) return undefined
  const [, a, b, c, fraction] = match
  const decimals = fraction === undefined ? 0 : Number(`0.${fraction}`)
  return c === undefined
    ? Number(a) * 60 + Number(b) + decimals
    : Number(a) * 3600 + Number(b) * 60 + Number(c) + decimals
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  hellip: '…',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  szlig: 'ß',
}

function decodeEntities(text: string): string {
  return text.replace(
    /&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g,
    (entity, name: string) => {
      if (name.startsWith('#')) {
        const hex = name[1] === 'x' || name[1] === 'X'
        const code = hex ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity
      }
      return ENTITIES[name] ?? entity
    },
  )
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { formatRoute } from './route'
import { formatDecimal, formatPrecise } from './time'
import { seconds, type Segment, type Track, type TrackKind } from './types'

/**
 * Prefix of the string a track revision hashes. It names the serialisation, so that a future
 * change to it can never produce a revision that collides with one made by this version.
 */
const REVISION_SCHEME = 'verbatim-track-revision/1\n'

/** Hex digits kept of a revision: 48 bits tell one edit of a transcript from another. */
const REVISION_LENGTH = 12

const ms = (time: number): number => Math.round(time * 1000)

/**
 * The exact string whose SHA-256 is a track's revision: the scheme line, then JSON of
 * `[[startMs, endMs, speaker, text, [[startMs, endMs, text], …]], …]` in stored order.
 */
export function trackRevisionSource(track: Pick<Track, 'segments'>): string {
  // Word timings are included: moving a word is an edit a reviewer can see (the highlight moves).
  // Ids, label, language and kind are not: renaming or re-tagging a track leaves its words as
  // they were, and segment ids are renumbered on every import. An absent speaker and an empty one
  // are the same, as are absent words and none. Text is hashed as stored, without normalisation,
  // so the revision names exactly the characters a quote copies. JSON.stringify escapes strings
  // identically in every engine (ES2019 made lone surrogates well-formed), which keeps the
  // revision the same across browsers.
  const rows = track.segments.map((segment) => [
    ms(segment.start),
    ms(segment.end),
    segment.speaker ?? '',
    segment.text,
    (segment.words ?? []).map((word) => [ms(word.start), ms(word.end), word.text]),
  ])
  return REVISION_SCHEME + JSON.stringify(rows)
}

/** A track's revision: the first 12 hex digits of the SHA-256 of `trackRevisionSource`. */
export function trackRevision(track: Pick<Track, 'segments'>): string {
  return bytesToHex(sha256(utf8ToBytes(trackRevisionSource(track)))).slice(0, REVISION_LENGTH)
}

/**
 * The segments overlapping `[start, end)`, in track order. A point (`start === end`) selects the
 * segment that contains it, as the playhead does; a reversed range is read the right way round.
 */
export function segmentsInRange(
  track: Pick<Track, 'segments'>,
  start: number,
  end: number,
): Segment[] {
  const from = Math.min(start, end)
  const to = Math.max(start, end)
  return track.segments.filter((segment) => {
    // A segment of zero length is an instant: it is in a range that contains its time.
    if (segment.end <= segment.start)
      return from === to ? segment.start === from : segment.start >= from && segment.start < to
    return from === to
      ? segment.start <= from && from < segment.end
      : segment.start < to && segment.end > from
  })
}

/** Languages written without spaces between words or sentences. */
const UNSPACED_LANGUAGES = new Set(['zh', 'ja', 'yue', 'cmn', 'lzh', 'wuu', 'hak', 'nan', 'gan'])
const UNSPACED_SCRIPTS = new Set(['hans', 'hant', 'hani', 'jpan', 'hira', 'kana'])

/** Whether text in this language joins sentences without a space (Chinese and Japanese). */
export function joinsWithoutSpace(language: string): boolean {
  // Korean is left out on purpose: it writes spaces between words and after sentences.
  const [primary = '', ...rest] = language.toLowerCase().split(/[-_]/)
  return UNSPACED_LANGUAGES.has(primary) || rest.some((subtag) => UNSPACED_SCRIPTS.has(subtag))
}

/** What a range of one track says: its segments' text in order, and who says it. */
export interface Quote {
  readonly text: string
  /** Each speaker once, in order of first appearance. */
  readonly speakers: string[]
}

/** The text of the segments in `[start, end)`, joined as the track's language is written. */
export function quoteFor(
  track: Pick<Track, 'segments' | 'language'>,
  start: number,
  end: number,
): Quote {
  const joiner = joinsWithoutSpace(track.language) ? '' : ' '
  const segments = segmentsInRange(track, start, end)
  const text = segments
    // A line break inside a cue is subtitle wrapping, not part of what was said.
    .map((segment) => segment.text.trim().replace(/\s*[\r\n\u2028\u2029]+\s*/g, joiner))
    .filter((line) => line !== '')
    .join(joiner)
  const speakers = [
    ...new Set(segments.flatMap((segment) => (segment.speaker ? [segment.speaker] : []))),
  ]
  return { text, speakers }
}

/** One shown track's part of a citation. */
export interface CitationTrack {
  readonly label: string
  /** BCP 47 tag, e.g. `en` or `zh-Hans`. */
  readonly language: string
  readonly kind: TrackKind
  /** `trackRevision` of the track the quote was taken from. */
  readonly revision: string
  /** The quoted words: `quoteFor`'s text, or the exact text the user selected in this track. */
  readonly quote: string
  readonly speakers: readonly string[]
}

/** Everything a citation holds. The first track is the one cited; the others accompany it. */
export interface CitationInput {
  readonly callTitle: string
  /** Date recorded, possibly approximate (`2012-04`); empty when unknown. */
  readonly recorded: string
  /** SHA-256 of the audio, 64 hex digits. */
  readonly audioSha256: string
  /** Absolute URL that opens the call at the range (see `citationLink`). */
  readonly link: string
  readonly start: number
  readonly end: number
  readonly tracks: readonly CitationTrack[]
}

/** How a citation is written out. */
export type CitationStyle = 'plain' | 'markdown'

/** `short`: the audio hash's first 12 hex digits; `long`: all 64. */
export type HashForm = 'short' | 'long'

/** A citation of a moment or range, with its quote in every shown track, as text to paste. */
export function formatCitation(
  input: CitationInput,
  style: CitationStyle,
  hashForm: HashForm,
): string {
  const md = style === 'markdown'
  const inline = md ? escapeMarkdownInline : collapseWhitespace
  const first = input.tracks[0]
  // Labels tell the tracks apart; a lone original needs none, but a translation always says so.
  const labelled = input.tracks.length > 1 || first?.kind === 'translation'

  const quoteLines = input.tracks.map((track) => {
    const quote = collapseWhitespace(track.quote)
    const said = quote === '' ? '(no transcript text in this range)' : `“${inline(quote)}”`
    const sameSpeakers = track !== first && sameList(track.speakers, first?.speakers ?? [])
    const speakers =
      track.speakers.length > 0 && !sameSpeakers
        ? ` — ${track.speakers.map(inline).join(', ')}`
        : ''
    const label = labelled ? ` (${inline(track.label)}, ${track.kind})` : ''
    return `${said}${speakers}${label}`
  })

  const from = Math.min(input.start, input.end)
  const to = Math.max(input.start, input.end)
  const time = from === to ? formatPrecise(from) : `${formatPrecise(from)}–${formatPrecise(to)}`
  const recorded = input.recorded.trim() === '' ? 'date unknown' : `recorded ${input.recorded}`
  const title = md
    ? `[${escapeMarkdownInline(input.callTitle)}](${markdownDestination(input.link)})`
    : collapseWhitespace(input.callTitle)
  const context = `${title}, ${inline(recorded)}, ${time}`

  // Hashes are hex; anything else is dropped rather than allowed to end the code span.
  const code = (text: string) => (md ? `\`${text.replace(/[^0-9A-Za-z]/g, '')}\`` : text)
  const sha = input.audioSha256.toLowerCase()
  const audio = `Audio SHA-256 ${code(hashForm === 'short' ? sha.slice(0, 12) : sha)}`
  const names = revisionNames(input.tracks)
  const revisions = input.tracks.map(
    (track, i) => `${inline(names[i] ?? track.language)} rev ${code(track.revision)}`,
  )
  const hashes = revisions.length > 0 ? `${audio} · transcript ${revisions.join(', ')}` : audio

  if (!md) return [...quoteLines, context, hashes, input.link].join('\n')
  // Each quote is its own blockquote: a blank line between them keeps them apart in every
  // renderer, and the hashes sit in code spans so that no renderer links or reformats them.
  return [...quoteLines.map((line) => `> ${line}`), context, hashes].join('\n\n')
}

/** Tracks are named by language in the revision list, with the label where languages repeat. */
function revisionNames(tracks: readonly CitationTrack[]): string[] {
  return tracks.map((track) =>
    tracks.filter((other) => other.language === track.language).length > 1
      ? `${track.language} “${track.label}”`
      : track.language,
  )
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i])
}

/** Collapses every run of whitespace, line breaks included, to one space: a citation line stays one line. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/**
 * Text made safe for one line of Markdown: whitespace collapsed, and every character that
 * CommonMark or GFM could read as markup (emphasis, code, links, HTML, headings, tables,
 * strikethrough, entities) escaped with a backslash, so the words render exactly as said.
 */
export function escapeMarkdownInline(text: string): string {
  return escapeMarkdownCharacters(collapseWhitespace(text))
}

function escapeMarkdownCharacters(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, '\\$&').replace(/&(?=#?[0-9A-Za-z]+;)/g, '\\&')
}

/**
 * Multi-line text (a note) as Markdown paragraphs that show it as typed: characters escaped as
 * in `escapeMarkdownInline`, line breaks kept as hard breaks, blank lines as paragraph breaks, and
 * line starts that would open a list, quote, heading, rule or code block neutralised.
 */
export function escapeMarkdownBlock(text: string): string {
  const paragraphs = text
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map(escapeMarkdownLine)
        .filter((line) => line !== '')
        .join('\\\n'),
    )
    .filter((paragraph) => paragraph !== '')
  return paragraphs.join('\n\n')
}

function escapeMarkdownLine(line: string): string {
  const body = escapeMarkdownCharacters(line.trimEnd())
  // Leading spaces would make an indented code block; no-break spaces keep the indent visible.
  const indent = /^[ \t]*/.exec(body)?.[0] ?? ''
  const rest = body
    .slice(indent.length)
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2')
  return '\u00a0'.repeat(indent.replace(/\t/g, '    ').length) + rest
}

/** A URL as a Markdown link destination that cannot end the `(…)` early or break the line. */
export function markdownDestination(url: string): string {
  return url.replace(
    /[\s()<>]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  )
}

/**
 * An absolute link that opens the call at the range: `${origin}#/call/<id>?t=<start>,<end>`
 * (times in decimal seconds, at most three decimals), plus `&rev=<revision>` when given so the
 * app can tell whether the transcript changed since the citation was made.
 */
export function citationLink(
  origin: string,
  callId: string,
  start: number,
  end: number,
  revision?: string,
): string {
  const base = origin.replace(/#.*$/s, '')
  const from = Math.min(start, end)
  const to = Math.max(start, end)
  // A range that rounds to nothing in the URL is a point: `t=7.6,7.6` would be an empty range.
  const point = formatDecimal(from) === formatDecimal(to)
  // The router writes `rev=` too, and reads it back when the link is opened (route.ts).
  const route = formatRoute({
    kind: 'call',
    callId,
    time: point ? { start: seconds(from) } : { start: seconds(from), end: seconds(to) },
    ...(revision ? { revision } : {}),
  })
  return `${base}${route}`
}

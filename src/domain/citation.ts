import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { formatRoute } from './route'
import { formatDecimal, formatPrecise } from './time'
import { seconds, type Seconds, type Segment, type Track, type TrackKind } from './types'

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
  /** The lines quoted and the time they cover, first start to last end; null when none is. */
  readonly span: LineSpan | null
}

/** Some whole lines of a track: how many, and the time they cover. */
export interface LineSpan {
  readonly lines: number
  readonly start: number
  readonly end: number
}

/** One line of a quote: the segment's text with cue line breaks turned into the joiner, spaces collapsed. */
function lineWords(text: string, joiner: string): string {
  return text
    .replace(/\s*[\r\n\u2028\u2029]+\s*/g, joiner)
    .replace(/\s+/g, ' ')
    .trim()
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
    .map((segment) => lineWords(segment.text, joiner))
    .filter((line) => line !== '')
    .join(joiner)
  const span =
    segments.length > 0
      ? {
          lines: segments.length,
          start: Math.min(...segments.map((s) => s.start)),
          end: Math.max(...segments.map((s) => s.end)),
        }
      : null
  return { text, speakers: speakersOf(segments), span }
}

function speakersOf(segments: readonly Segment[]): string[] {
  return [...new Set(segments.flatMap((segment) => (segment.speaker ? [segment.speaker] : [])))]
}

/**
 * A place in a track's text: a segment, and a character offset (UTF-16 code units) into one of its
 * timed words when `word` is given, else into the segment's text.
 */
export interface TextPoint {
  readonly segment: number
  readonly word?: number
  readonly offset: number
}

/** What a selection of a track's text quotes, and the time from its first word to its last. */
export interface SelectedQuote {
  /**
   * The selected characters of each line, spaces collapsed, lines joined as the language is
   * written; "…" marks a start or an end inside a line.
   */
  readonly text: string
  readonly start: Seconds
  readonly end: Seconds
  readonly speakers: string[]
}

/** The ellipsis that marks a quote cut inside a line. */
export const CUT = '…'

/**
 * The quote of a selection from `from` to `to` (either order) in one track, built from the track's
 * text alone: whatever else the page shows between the two points (timestamps, speakers, labels)
 * is not transcript and never enters it. Null when nothing but whitespace is selected.
 */
export function quoteBetween(
  track: Pick<Track, 'segments' | 'language'>,
  from: TextPoint,
  to: TextPoint,
): SelectedQuote | null {
  let a = resolvePoint(track.segments, from, 'start')
  let b = resolvePoint(track.segments, to, 'end')
  if (!a || !b) return null
  if (a.segment > b.segment || (a.segment === b.segment && a.offset > b.offset)) {
    // A selection made backwards: the end point read as a start, and the other way round.
    ;[a, b] = [resolvePoint(track.segments, to, 'start'), resolvePoint(track.segments, from, 'end')]
    if (!a || !b) return null
  }
  const joiner = joinsWithoutSpace(track.language) ? '' : ' '
  const lines: { segment: Segment; words: string; from: number; to: number }[] = []
  for (let i = a.segment; i <= b.segment; i++) {
    const segment = track.segments[i]
    if (!segment) continue
    const lineFrom = i === a.segment ? a.offset : 0
    const lineTo = i === b.segment ? b.offset : segment.text.length
    const words = lineWords(segment.text.slice(lineFrom, lineTo), joiner)
    if (words !== '') lines.push({ segment, words, from: lineFrom, to: lineTo })
  }
  const first = lines[0]
  const last = lines.at(-1)
  if (!first || !last) return null
  const cutBefore = first.segment.text.slice(0, first.from).trim() !== ''
  const cutAfter = last.segment.text.slice(last.to).trim() !== ''
  const text =
    (cutBefore ? CUT : '') + lines.map((line) => line.words).join(joiner) + (cutAfter ? CUT : '')
  return {
    text,
    start: firstWordStart(first.segment, first.from),
    end: lastWordEnd(last.segment, last.to),
    speakers: speakersOf(lines.map((line) => line.segment)),
  }
}

/** Where each timed word sits in its segment's text, -1 for one the text does not hold. */
function wordPositions(segment: Segment): number[] {
  let from = 0
  return (segment.words ?? []).map((word) => {
    const at = segment.text.indexOf(word.text, from)
    if (at >= 0) from = at + word.text.length
    return at
  })
}

/** A point as an offset into its segment's text, clamped to it. */
function resolvePoint(
  segments: readonly Segment[],
  point: TextPoint,
  edge: 'start' | 'end',
): { segment: number; offset: number } | null {
  const segment = segments[point.segment]
  if (!segment) return null
  const length = segment.text.length
  const clamp = (offset: number) => Math.min(length, Math.max(0, offset))
  if (point.word === undefined) return { segment: point.segment, offset: clamp(point.offset) }
  const at = wordPositions(segment)[point.word] ?? -1
  const word = segment.words?.[point.word]
  // A word its text does not hold (an edited line) cannot be placed: the whole line is taken.
  if (at < 0 || !word) return { segment: point.segment, offset: edge === 'start' ? 0 : length }
  return {
    segment: point.segment,
    offset: clamp(at + Math.min(word.text.length, Math.max(0, point.offset))),
  }
}

/** The start of the first timed word that ends after `offset`, else the segment's start. */
function firstWordStart(segment: Segment, offset: number): Seconds {
  const positions = wordPositions(segment)
  const index = (segment.words ?? []).findIndex((word, i) => {
    const at = positions[i] ?? -1
    return at >= 0 && at + word.text.length > offset
  })
  return segment.words?.[index]?.start ?? segment.start
}

/** The end of the last timed word that starts before `offset`, else the segment's end. */
function lastWordEnd(segment: Segment, offset: number): Seconds {
  const positions = wordPositions(segment)
  const words = segment.words ?? []
  for (let i = words.length - 1; i >= 0; i--) {
    const at = positions[i] ?? -1
    if (at >= 0 && at < offset) return words[i]?.end ?? segment.end
  }
  return segment.end
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
  /**
   * For a quote of whole lines: the time they cover. Where it runs past the cited range (a
   * translation line longer than the original lines cited), the citation gives it and says so.
   */
  readonly span?: LineSpan
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

/**
 * A citation of a moment or range, with its quote in every shown track, as text to paste. It
 * carries the audio's full SHA-256 in every style: a citation that leaves the app must name the
 * recording on its own.
 */
export function formatCitation(input: CitationInput, style: CitationStyle): string {
  const md = style === 'markdown'
  const from = Math.min(input.start, input.end)
  const to = Math.max(input.start, input.end)
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
    return `${said}${speakers}${label}${runsPast(track.span, from, to)}`
  })

  const time = from === to ? formatPrecise(from) : `${formatPrecise(from)}–${formatPrecise(to)}`
  const recorded = input.recorded.trim() === '' ? 'date unknown' : `recorded ${input.recorded}`
  const title = md
    ? `[${escapeMarkdownInline(input.callTitle)}](${markdownDestination(input.link)})`
    : collapseWhitespace(input.callTitle)
  const context = `${title}, ${inline(recorded)}, ${time}`

  // Hashes are hex; anything else is dropped rather than allowed to end the code span.
  const code = (text: string) => (md ? `\`${text.replace(/[^0-9A-Za-z]/g, '')}\`` : text)
  const sha = input.audioSha256.toLowerCase()
  const audio = `Audio SHA-256 ${code(sha)}`
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

/** The note on whole lines that run past the cited range, giving their own times; else nothing. */
function runsPast(span: CitationTrack['span'], from: number, to: number): string {
  if (!span || (ms(span.start) >= ms(from) && ms(span.end) <= ms(to))) return ''
  const time =
    span.start === span.end
      ? formatPrecise(span.start)
      : `${formatPrecise(span.start)}–${formatPrecise(span.end)}`
  const whole = span.lines === 1 ? 'whole line' : `${span.lines} whole lines`
  return ` (${whole}, ${time}: runs past the cited range)`
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

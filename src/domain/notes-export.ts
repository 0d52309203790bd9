import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import {
  citationLink,
  collapseWhitespace,
  escapeMarkdownBlock,
  escapeMarkdownInline,
  markdownDestination,
  quoteFor,
} from './citation'
import { formatTemporalFragment } from './media-fragment'
import { REVIEW_STATES, type Note, type NoteQuote, type ReviewState } from './notes'
import { formatDecimal, formatPrecise } from './time'
import { seconds, type Call, type Seconds, type Track, type TrackKind } from './types'

/** What an export says about a call: enough to cite it, and to find it again by its audio. */
export interface CallSummary {
  readonly id: string
  readonly title: string
  /** Date recorded, possibly approximate (`2012-04`); empty when unknown. */
  readonly recorded: string
  /** SHA-256 of the audio, 64 lowercase hex digits. */
  readonly audioSha256: string
  readonly duration: Seconds
  /** The call's transcript tracks, so that each note can carry what is said under it. */
  readonly tracks?: readonly Pick<Track, 'id' | 'label' | 'language' | 'kind' | 'segments'>[]
}

/** Calls by id. A note whose call is missing from it is an orphan and is exported all the same. */
export type CallLookup = ReadonlyMap<string, CallSummary>

/** The summary of a call that exports carry. */
export function summarizeCall(call: Call): CallSummary {
  return {
    id: call.id,
    title: call.title,
    recorded: call.recorded,
    audioSha256: call.audio.sha256,
    duration: call.duration,
    tracks: call.tracks,
  }
}

/** What one track says under a note. */
export interface NoteTranscript {
  readonly trackId: string
  /** The track's label, or its id when the call (and so the track) is gone. */
  readonly label: string
  /** The track's language and kind; absent for a quoted track that the call no longer has. */
  readonly language?: string
  readonly kind?: TrackKind
  readonly text: string
}

/**
 * What is said under a note in each track of its call: the text the note was made on for the
 * track it quotes, and the text of the segments its range (or moment) touches for the others.
 * Tracks with nothing there are left out; an orphaned note keeps only its quote.
 */
export function noteTranscript(note: Note, call: CallSummary | undefined): NoteTranscript[] {
  const tracks = call?.tracks ?? []
  const lines: NoteTranscript[] = tracks.map((track) => ({
    trackId: track.id,
    label: track.label,
    language: track.language,
    kind: track.kind,
    text:
      note.quote?.trackId === track.id
        ? collapseWhitespace(note.quote.text)
        : quoteFor(track, note.start, note.end ?? note.start).text,
  }))
  if (note.quote && !tracks.some((track) => track.id === note.quote?.trackId))
    lines.unshift({
      trackId: note.quote.trackId,
      label: note.quote.trackId,
      text: collapseWhitespace(note.quote.text),
    })
  return lines.filter((line) => line.text !== '')
}

/** A lookup of the given calls by id. */
export function callLookup(calls: Iterable<Call>): CallLookup {
  return new Map([...calls].map((call) => [call.id, summarizeCall(call)]))
}

/** Notes in the order a reader expects: by time, then by creation. */
function byTime(a: Note, b: Note): number {
  return (
    a.start - b.start ||
    (a.end ?? a.start) - (b.end ?? b.start) ||
    compareText(a.createdAt, b.createdAt) ||
    compareText(a.id, b.id)
  )
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

const timeOf = (note: Note): string =>
  note.end === undefined
    ? formatPrecise(note.start)
    : `${formatPrecise(note.start)}–${formatPrecise(note.end)}`

const linkOf = (note: Note, origin: string): string =>
  citationLink(origin, note.callId, note.start, note.end ?? note.start)

/** The notes grouped by call: known calls by title, then orphans by call id. */
function groupByCall(
  notes: readonly Note[],
  calls: CallLookup,
): { callId: string; call: CallSummary | undefined; notes: Note[] }[] {
  const groups = new Map<string, Note[]>()
  for (const note of notes) {
    const group = groups.get(note.callId)
    if (group) group.push(note)
    else groups.set(note.callId, [note])
  }
  return [...groups]
    .map(([callId, group]) => ({ callId, call: calls.get(callId), notes: group.sort(byTime) }))
    .sort(
      (a, b) =>
        Number(a.call === undefined) - Number(b.call === undefined) ||
        compareText(a.call?.title ?? '', b.call?.title ?? '') ||
        compareText(a.callId, b.callId),
    )
}

/**
 * A citation sheet in Markdown: per call a heading with its title, date and full audio SHA-256,
 * then each note with its time, review state, tags, quote, text and a link that opens it.
 */
export function notesToMarkdown(notes: readonly Note[], calls: CallLookup, origin: string): string {
  const out: string[] = ['# Verbatim notes']
  for (const group of groupByCall(notes, calls)) {
    const first = group.notes[0]
    const sha = group.call?.audioSha256 ?? first?.audioSha256 ?? ''
    if (group.call) {
      const recorded = group.call.recorded === '' ? 'date unknown' : group.call.recorded
      out.push(`## ${escapeMarkdownInline(group.call.title)}`)
      out.push(
        `Recorded ${escapeMarkdownInline(recorded)} · call \`${group.callId.replace(/`/g, '')}\`` +
          ` · audio SHA-256 \`${sha}\``,
      )
    } else {
      out.push(`## Removed call ${escapeMarkdownInline(group.callId)}`)
      out.push(
        `The call is no longer in the library; importing audio with SHA-256 \`${sha}\` restores it.`,
      )
    }
    for (const note of group.notes) {
      out.push(`### ${timeOf(note)} · ${note.state}`)
      if (note.tags.length > 0)
        out.push(`Tags: ${note.tags.map((tag) => escapeMarkdownInline(tag)).join(', ')}`)
      const transcript = noteTranscript(note, group.call)
      for (const line of transcript) {
        const label = transcript.length > 1 ? `${escapeMarkdownInline(line.label)}: ` : ''
        out.push(`> ${label}“${escapeMarkdownInline(line.text)}”`)
      }
      const text = escapeMarkdownBlock(note.text)
      if (text !== '') out.push(text)
      out.push(`[Open at ${timeOf(note)}](${markdownDestination(linkOf(note, origin))})`)
    }
  }
  if (notes.length === 0) out.push('No notes.')
  return out.join('\n\n') + '\n'
}

/** Options for the CSV export. */
export interface CsvOptions {
  /**
   * Starts the file with a UTF-8 byte order mark. Excel reads a CSV without one in the system's
   * legacy code page and garbles Chinese; most other readers ignore the mark.
   */
  readonly byteOrderMark?: boolean
}

const CSV_HEADER = [
  'id',
  'call_id',
  'call_title',
  'audio_sha256',
  'start',
  'end',
  'state',
  'tags',
  'quote',
  'text',
  'created_at',
  'updated_at',
  // Last, so that readers of the columns before it by position are not thrown.
  'transcript',
] as const

/**
 * Spreadsheets run a cell that starts with one of these as a formula (OWASP's CSV injection
 * list): a note reading `=HYPERLINK(…)` must stay text. Such cells get a leading `'`, which
 * Excel, LibreOffice and Google Sheets show as a text marker; a note that really starts with
 * `-` or `=` carries the `'` in the file, a price paid for opening exports safely.
 */
const FORMULA_START = /^[=+\-@\t\r]/

/** One CSV field: guarded against formulas, then quoted if it holds `"`, `,` or a line break. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * Notes as RFC 4180 CSV (CRLF line ends, a header row). Times are decimal seconds; `end` is empty
 * for a moment; tags are joined with `;` (a tag that holds `;` cannot be told apart, so JSON is
 * the lossless export). `quote` is the text the note was made on, else what its first track says
 * under it; `transcript` is what every track says there, a line each (`Label: text`). Cells that
 * a spreadsheet would run as a formula get a leading `'`.
 */
export function notesToCsv(
  notes: readonly Note[],
  calls: CallLookup,
  options: CsvOptions = {},
): string {
  const rows = groupByCall(notes, calls).flatMap((group) =>
    group.notes.map((note) => {
      const transcript = noteTranscript(note, group.call)
      return [
        note.id,
        note.callId,
        group.call?.title ?? '',
        note.audioSha256,
        formatDecimal(note.start),
        note.end === undefined ? '' : formatDecimal(note.end),
        note.state,
        note.tags.join(';'),
        note.quote?.text ?? transcript[0]?.text ?? '',
        note.text,
        note.createdAt,
        note.updatedAt,
        transcript.map((line) => `${line.label}: ${line.text}`).join('\n'),
      ]
    }),
  )
  const lines = [CSV_HEADER, ...rows].map((row) => row.map(csvField).join(','))
  return (options.byteOrderMark ? '\uFEFF' : '') + lines.map((line) => `${line}\r\n`).join('')
}

/** The `format` value of a notes export (see `docs/notes-json.md`). */
export const NOTES_FORMAT = 'verbatim-notes'

/** The version of the notes export schema that this code writes. */
export const NOTES_VERSION = 2

/** The versions this code reads: version 1 is version 2 without `transcript`. */
const READ_VERSIONS = [1, NOTES_VERSION] as const
type NotesVersion = (typeof READ_VERSIONS)[number]

/** A notes export as it is read back. */
export interface NotesExport {
  readonly exportedAt: string
  readonly calls: CallSummary[]
  readonly notes: Note[]
}

/** Options for the JSON export. */
export interface JsonOptions {
  /** The export's time stamp; now, by default. Given in tests so output is reproducible. */
  readonly exportedAt?: string
}

/**
 * Notes as a `verbatim-notes` version 2 file (see `docs/notes-json.md`): the notes with every
 * field and what each track says under them, and a summary of each call they belong to, so that
 * notes can be matched to their audio on another machine.
 */
export function notesToJson(
  notes: readonly Note[],
  calls: CallLookup,
  options: JsonOptions = {},
): string {
  const groups = groupByCall(notes, calls)
  const referenced = groups.flatMap((group) => (group.call ? [group.call] : []))
  const file = {
    format: NOTES_FORMAT,
    version: NOTES_VERSION,
    exportedAt: options.exportedAt ?? new Date().toISOString(),
    calls: referenced.map((call) => ({
      id: call.id,
      title: call.title,
      recorded: call.recorded,
      audioSha256: call.audioSha256,
      duration: call.duration,
    })),
    notes: groups.flatMap((group) => group.notes.map((note) => noteToJson(note, group.call))),
  }
  return JSON.stringify(file, null, 2) + '\n'
}

function noteToJson(note: Note, call: CallSummary | undefined): Record<string, unknown> {
  // Keys are written in a fixed order, and optional ones only when present, so exports diff well.
  // The transcript is left out when the call's tracks are not known (an orphaned note), so that
  // an empty one always means that no track says anything there.
  return {
    id: note.id,
    callId: note.callId,
    audioSha256: note.audioSha256,
    start: note.start,
    ...(note.end !== undefined && { end: note.end }),
    ...(note.quote && { quote: { trackId: note.quote.trackId, text: note.quote.text } }),
    text: note.text,
    tags: [...note.tags],
    state: note.state,
    createdAt: note.createdAt,
    updatedAt: note.updatedAt,
    ...(call?.tracks && { transcript: transcriptToJson(note, call) }),
  }
}

/** What each of the call's tracks says under the note; a quote of a track it lacks is not one. */
function transcriptToJson(note: Note, call: CallSummary): Record<string, unknown>[] {
  return noteTranscript(note, call).flatMap(({ trackId, label, language, kind, text }) =>
    language === undefined || kind === undefined ? [] : [{ trackId, label, language, kind, text }],
  )
}

/** A notes file that cannot be read; `path` names the part that is wrong (`$.notes[2].start`). */
export class NotesImportError extends Error {
  readonly path: string

  constructor(path: string, problem: string) {
    super(path === '' ? problem : `${path} ${problem}`)
    this.name = 'NotesImportError'
    this.path = path
  }
}

type Json = Record<string, unknown>

const SHA256 = /^[0-9a-fA-F]{64}$/
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/

function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  const text = JSON.stringify(value)
  return text.length > 40 ? `${text.slice(0, 37)}…` : text
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new NotesImportError(path, `must be an object, not ${describe(value)}`)
  return value as Json
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value))
    throw new NotesImportError(path, `must be an array, not ${describe(value)}`)
  return value
}

function string(value: unknown, path: string, { nonEmpty = false } = {}): string {
  if (typeof value !== 'string')
    throw new NotesImportError(path, `must be a string, not ${describe(value)}`)
  if (nonEmpty && value.trim() === '') throw new NotesImportError(path, 'must not be empty')
  return value
}

function time(value: unknown, path: string): Seconds {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new NotesImportError(path, `must be a number of seconds ≥ 0, not ${describe(value)}`)
  return seconds(value)
}

function sha(value: unknown, path: string): string {
  const text = string(value, path)
  if (!SHA256.test(text))
    throw new NotesImportError(path, `must be a SHA-256 of 64 hex digits, not ${describe(value)}`)
  return text.toLowerCase()
}

function isoTime(value: unknown, path: string): string {
  const text = string(value, path)
  if (!ISO_TIME.test(text) || !Number.isFinite(Date.parse(text)))
    throw new NotesImportError(
      path,
      `must be an ISO 8601 date and time with a time zone, not ${describe(value)}`,
    )
  return text
}

/** Rejects keys the schema does not name, so that a misspelt field is not dropped in silence. */
function onlyKeys(value: Json, path: string, keys: readonly string[], version: NotesVersion): void {
  const unknown = Object.keys(value).find((key) => !keys.includes(key))
  if (unknown !== undefined)
    throw new NotesImportError(
      `${path}.${unknown}`,
      `is not part of Verbatim notes version ${version}`,
    )
}

const ROOT_KEYS = ['format', 'version', 'exportedAt', 'calls', 'notes'] as const
const CALL_KEYS = ['id', 'title', 'recorded', 'audioSha256', 'duration'] as const
const QUOTE_KEYS = ['trackId', 'text'] as const
const TRANSCRIPT_KEYS = ['trackId', 'label', 'language', 'kind', 'text'] as const
const TRACK_KINDS: readonly TrackKind[] = ['original', 'translation']
const NOTE_KEYS_V1 = [
  'id',
  'callId',
  'audioSha256',
  'start',
  'end',
  'quote',
  'text',
  'tags',
  'state',
  'createdAt',
  'updatedAt',
] as const
const NOTE_KEYS = { 1: NOTE_KEYS_V1, 2: [...NOTE_KEYS_V1, 'transcript'] } as const

function readCall(value: unknown, path: string, version: NotesVersion): CallSummary {
  const call = object(value, path)
  onlyKeys(call, path, CALL_KEYS, version)
  return {
    id: string(call.id, `${path}.id`, { nonEmpty: true }),
    title: string(call.title, `${path}.title`),
    recorded: string(call.recorded, `${path}.recorded`),
    audioSha256: sha(call.audioSha256, `${path}.audioSha256`),
    duration: time(call.duration, `${path}.duration`),
  }
}

function readQuote(value: unknown, path: string, version: NotesVersion): NoteQuote {
  const quote = object(value, path)
  onlyKeys(quote, path, QUOTE_KEYS, version)
  return {
    trackId: string(quote.trackId, `${path}.trackId`),
    text: string(quote.text, `${path}.text`),
  }
}

/** Checks a note's transcript, which is derived from the call's tracks and so not kept. */
function checkTranscript(value: unknown, path: string, version: NotesVersion): void {
  array(value, path).forEach((item, i) => {
    const line = object(item, `${path}[${i}]`)
    onlyKeys(line, `${path}[${i}]`, TRANSCRIPT_KEYS, version)
    for (const key of ['trackId', 'label', 'language'] as const)
      string(line[key], `${path}[${i}].${key}`)
    const kind = string(line.kind, `${path}[${i}].kind`)
    if (!TRACK_KINDS.includes(kind as TrackKind))
      throw new NotesImportError(
        `${path}[${i}].kind`,
        `must be one of ${TRACK_KINDS.join(', ')}, not ${describe(kind)}`,
      )
    string(line.text, `${path}[${i}].text`)
  })
}

function readNote(value: unknown, path: string, version: NotesVersion): Note {
  const note = object(value, path)
  onlyKeys(note, path, NOTE_KEYS[version], version)
  const start = time(note.start, `${path}.start`)
  let end: Seconds | undefined
  if ('end' in note) {
    end = time(note.end, `${path}.end`)
    if (end < start)
      throw new NotesImportError(`${path}.end`, `must not be before start (${start} s), not ${end}`)
  }
  const state = string(note.state, `${path}.state`)
  if (!REVIEW_STATES.includes(state as ReviewState))
    throw new NotesImportError(
      `${path}.state`,
      `must be one of ${REVIEW_STATES.join(', ')}, not ${describe(state)}`,
    )
  const tags = array(note.tags, `${path}.tags`).map((tag, i) => string(tag, `${path}.tags[${i}]`))
  if ('transcript' in note) checkTranscript(note.transcript, `${path}.transcript`, version)
  return {
    id: string(note.id, `${path}.id`, { nonEmpty: true }),
    callId: string(note.callId, `${path}.callId`, { nonEmpty: true }),
    audioSha256: sha(note.audioSha256, `${path}.audioSha256`),
    start,
    ...(end !== undefined && { end }),
    ...('quote' in note && { quote: readQuote(note.quote, `${path}.quote`, version) }),
    text: string(note.text, `${path}.text`),
    tags,
    state: state as ReviewState,
    createdAt: isoTime(note.createdAt, `${path}.createdAt`),
    updatedAt: isoTime(note.updatedAt, `${path}.updatedAt`),
  }
}

/**
 * Reads a `verbatim-notes` file of version 1 or 2. Strict, because it is written by programs: a
 * missing, mistyped or unknown field throws a `NotesImportError` naming its path, and nothing is
 * half-read. A note's transcript is checked but not returned: it is derived from the call.
 */
export function parseNotesJson(text: string): NotesExport {
  let data: unknown
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new NotesImportError(
      '',
      `The file is not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
    )
  }
  const root = object(data, '$')
  if (root.format !== NOTES_FORMAT)
    throw new NotesImportError(
      '$.format',
      `must be "${NOTES_FORMAT}", not ${describe(root.format)}: this is not a Verbatim notes file`,
    )
  const version = READ_VERSIONS.find((known) => known === root.version)
  if (version === undefined)
    throw new NotesImportError(
      '$.version',
      typeof root.version === 'number' && root.version > NOTES_VERSION
        ? `is ${root.version}, newer than this app reads (${NOTES_VERSION}); update Verbatim`
        : `must be ${READ_VERSIONS.join(' or ')}, not ${describe(root.version)}`,
    )
  onlyKeys(root, '$', ROOT_KEYS, version)
  const exportedAt = isoTime(root.exportedAt, '$.exportedAt')
  const calls = array(root.calls, '$.calls').map((call, i) =>
    readCall(call, `$.calls[${i}]`, version),
  )
  const notes = array(root.notes, '$.notes').map((note, i) =>
    readNote(note, `$.notes[${i}]`, version),
  )
  const seenCalls = new Set<string>()
  calls.forEach((call, i) => {
    if (seenCalls.has(call.id))
      throw new NotesImportError(`$.calls[${i}].id`, `repeats the id ${describe(call.id)}`)
    seenCalls.add(call.id)
  })
  const seenNotes = new Set<string>()
  notes.forEach((note, i) => {
    if (seenNotes.has(note.id))
      throw new NotesImportError(`$.notes[${i}].id`, `repeats the id ${describe(note.id)}`)
    seenNotes.add(note.id)
  })
  return { exportedAt, calls, notes }
}

/** The W3C Web Annotation JSON-LD context. */
export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld'

/** The specification a `FragmentSelector` for a time range conforms to. */
export const MEDIA_FRAGMENTS = 'http://www.w3.org/TR/media-frags/'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A UUID named by a string: the note's own id when it is a UUID, otherwise one derived from the
 * SHA-256 of the name (an RFC 9562 version 8 UUID), so that every export of the same thing gets
 * the same IRI.
 */
function uuidFor(name: string): string {
  if (UUID.test(name)) return name.toLowerCase()
  const hex = bytesToHex(sha256(utf8ToBytes(`verbatim:${name}`)))
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** RFC 6920 `ni` IRI of the audio: names the recording by its bytes, wherever it is stored. */
export function audioIri(audioSha256: string): string {
  const bytes = audioSha256.toLowerCase().match(/../g) ?? []
  const binary = bytes.map((pair) => String.fromCharCode(parseInt(pair, 16))).join('')
  const base64url = btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
  return `ni:///sha-256;${base64url}`
}

function dateTime(value: string): string | undefined {
  const parsed = Date.parse(value)
  return Number.isFinite(parsed) ? new Date(parsed).toISOString() : undefined
}

function noteToAnnotation(note: Note, calls: CallLookup, origin: string): Record<string, unknown> {
  const body: Record<string, unknown>[] = []
  if (note.text.trim() !== '')
    body.push({
      type: 'TextualBody',
      purpose: 'commenting',
      value: note.text,
      format: 'text/plain',
    })
  for (const tag of note.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag })
  // The review state is the annotator's assessment of the target, so it is a body with the
  // model's own `assessing` purpose; `bodyValue` cannot be used beside other bodies.
  body.push({ type: 'TextualBody', purpose: 'assessing', value: note.state, format: 'text/plain' })

  const selector: Record<string, unknown>[] = [
    {
      type: 'FragmentSelector',
      conformsTo: MEDIA_FRAGMENTS,
      value: `t=${formatTemporalFragment(
        note.end !== undefined && note.end > note.start
          ? { start: note.start, end: note.end }
          : { start: note.start },
      )}`,
    },
  ]
  const call = calls.get(note.callId)
  // Each track's words under the note select the same stretch of the recording: alternatives,
  // as the model reads several selectors of one resource.
  for (const line of noteTranscript(note, call))
    selector.push({ type: 'TextQuoteSelector', exact: line.text })

  const created = dateTime(note.createdAt)
  const modified = dateTime(note.updatedAt)
  return {
    '@context': ANNOTATION_CONTEXT,
    id: `urn:uuid:${uuidFor(note.id)}`,
    type: 'Annotation',
    // A note marked verified or disputed is first of all a judgement of the quote; any other
    // note is a comment on the moment.
    motivation: note.state === 'verified' || note.state === 'disputed' ? 'assessing' : 'commenting',
    ...(created !== undefined && { created }),
    ...(modified !== undefined && { modified }),
    body,
    target: {
      type: 'SpecificResource',
      source: {
        id: audioIri(call?.audioSha256 ?? note.audioSha256),
        type: 'Sound',
        ...(call && { label: call.title }),
      },
      // The page of the app where the sound was heard and annotated.
      scope: linkOf(note, origin),
      selector,
    },
  }
}

/**
 * Notes as a W3C Web Annotation `AnnotationCollection` (JSON-LD) with one embedded page. Each
 * note becomes an annotation on the audio, named by its SHA-256 (RFC 6920 `ni:` IRI), selected by
 * a Media Fragments `t=` selector and a `TextQuoteSelector` for what each track says under it (the
 * text the note was made on, for the track it quotes).
 */
export function notesToWebAnnotation(
  notes: readonly Note[],
  calls: CallLookup,
  origin: string,
): string {
  const sorted = groupByCall(notes, calls).flatMap((group) => group.notes)
  const items = sorted.map((note) => noteToAnnotation(note, calls, origin))
  // The collection is named by what it holds, so exporting the same notes twice gives the same id.
  const name = sorted.map((note) => `${note.id}@${note.updatedAt}`).join('\n')
  const collectionId = `urn:uuid:${uuidFor(`collection\n${name}`)}`
  return (
    JSON.stringify(
      {
        '@context': ANNOTATION_CONTEXT,
        id: collectionId,
        type: 'AnnotationCollection',
        label: 'Verbatim notes',
        total: items.length,
        first: {
          id: `urn:uuid:${uuidFor(`page\n${name}`)}`,
          type: 'AnnotationPage',
          partOf: collectionId,
          startIndex: 0,
          items,
        },
      },
      null,
      2,
    ) + '\n'
  )
}

/** What a merge would store, and how the incoming notes fared (the counts add up to them). */
export interface MergeResult {
  /** Notes to write: new ones, and newer versions of existing ones. */
  readonly toPut: Note[]
  readonly added: number
  readonly updated: number
  readonly unchanged: number
}

const ms = (time: number): number => Math.round(time * 1000)

/** What makes two notes the same note for the merge, whatever their ids. */
function contentKey(note: Note): string {
  return JSON.stringify([
    note.callId,
    ms(note.start),
    note.end === undefined ? null : ms(note.end),
    note.text,
    note.quote?.trackId ?? null,
    note.quote?.text ?? null,
  ])
}

function compareTime(a: string, b: string): number {
  const ta = Date.parse(a)
  const tb = Date.parse(b)
  return Number.isFinite(ta) && Number.isFinite(tb) ? Math.sign(ta - tb) : compareText(a, b)
}

function isNewer(a: string, b: string): boolean {
  return compareTime(a, b) > 0
}

/** Whether one incoming version of a note beats another: later, or on a tie the larger content. */
function supersedes(note: Note, other: Note): boolean {
  // The tie-break is arbitrary but fixed, so the merge does not depend on the file's order.
  const order = compareTime(note.updatedAt, other.updatedAt)
  return order > 0 || (order === 0 && JSON.stringify(note) > JSON.stringify(other))
}

/**
 * Merges imported notes into existing ones without duplicates.
 *
 * - Same id: the incoming note replaces the existing one only if its `updatedAt` is later (as a
 *   time, so time zones compare right); a tie keeps what is there. Within the incoming notes, the
 *   latest version of an id counts.
 * - New id, but the same call, start, end (to the millisecond), text and quote as a note already
 *   there: the same note exported and re-created elsewhere, so it is skipped (even if its tags or
 *   state differ: the note that is there is kept as it is). Of several such new copies, the one
 *   created first is added.
 * - Otherwise the note is added.
 *
 * Id matches are settled before content matches and ties are broken by content, so the result
 * does not depend on the order of the incoming notes, and merging the same notes again changes
 * nothing.
 */
export function mergeNotes(existing: readonly Note[], incoming: readonly Note[]): MergeResult {
  const current = new Map(existing.map((note) => [note.id, note]))
  const latest = new Map<string, Note>()
  for (const note of incoming) {
    const seen = latest.get(note.id)
    if (!seen || supersedes(note, seen)) latest.set(note.id, note)
  }

  const toPut: Note[] = []
  let updated = 0
  for (const note of latest.values()) {
    const there = current.get(note.id)
    if (there && isNewer(note.updatedAt, there.updatedAt)) {
      current.set(note.id, note)
      toPut.push(note)
      updated++
    }
  }

  const keys = new Set([...current.values()].map(contentKey))
  // Of several new copies of one note, the one created first (then the lowest id) is kept.
  const candidates = [...latest.values()]
    .filter((note) => !current.has(note.id))
    .sort((a, b) => compareTime(a.createdAt, b.createdAt) || compareText(a.id, b.id))
  let added = 0
  for (const note of candidates) {
    const key = contentKey(note)
    if (keys.has(key)) continue
    keys.add(key)
    current.set(note.id, note)
    toPut.push(note)
    added++
  }
  return { toPut, added, updated, unchanged: incoming.length - added - updated }
}

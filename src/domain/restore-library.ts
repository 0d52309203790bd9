import {
  seconds,
  type Call,
  type LibraryFile,
  type PeaksFile,
  type Segment,
  type Track,
  type TrackKind,
  type Provenance,
  type ProvenanceEdit,
  type ProvenanceField,
  type Word,
} from './types'
import { isLanguageTag } from './language'
import { PROVENANCE_FIELDS } from './provenance-history'

/** A library or peaks file that does not have the expected shape; the message says where. */
export class LibraryFormatError extends Error {
  override name = 'LibraryFormatError'
}

type Json = Record<string, unknown>

function object(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LibraryFormatError(`${where} should be an object`)
  }
  return value as Json
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new LibraryFormatError(`${where} should be a list`)
  return value
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new LibraryFormatError(`${where} should be text`)
  return value
}

function optionalText(value: unknown, where: string): string | undefined {
  return value === undefined ? undefined : text(value, where)
}

function time(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new LibraryFormatError(`${where} should be a time in seconds`)
  }
  return value
}

/** The same object type with every property that may be undefined made optional instead. */
type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>
}

/** Omits undefined values, as `exactOptionalPropertyTypes` wants. */
function defined<T extends object>(value: T): Defined<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Defined<T>
}

function restoreWord(value: unknown, where: string): Word {
  const w = object(value, where)
  const start = time(w.start, `${where}.start`)
  return {
    start: seconds(start),
    end: seconds(Math.max(start, time(w.end, `${where}.end`))),
    text: text(w.text, `${where}.text`),
  }
}

function restoreSegment(value: unknown, where: string): Segment {
  const s = object(value, where)
  const start = time(s.start, `${where}.start`)
  const words = s.words === undefined ? undefined : list(s.words, `${where}.words`)
  return defined({
    id: text(s.id, `${where}.id`),
    start: seconds(start),
    end: seconds(Math.max(start, time(s.end, `${where}.end`))),
    speaker: optionalText(s.speaker, `${where}.speaker`),
    text: text(s.text, `${where}.text`),
    words: words
      ?.map((w, i) => restoreWord(w, `${where}.words[${i}]`))
      .sort((a, b) => a.start - b.start),
  })
}

function languageTag(value: unknown, where: string): string {
  const tag = text(value, where)
  if (!isLanguageTag(tag))
    throw new LibraryFormatError(`${where} should be a language tag (BCP 47)`)
  return tag
}

function restoreTrack(value: unknown, where: string): Track {
  const t = object(value, where)
  const kind: TrackKind = t.kind === 'translation' ? 'translation' : 'original'
  const segments = list(t.segments, `${where}.segments`).map((s, i) =>
    restoreSegment(s, `${where}.segments[${i}]`),
  )
  return defined({
    id: text(t.id, `${where}.id`),
    language: languageTag(t.language, `${where}.language`),
    kind,
    label: text(t.label, `${where}.label`),
    translatedFrom: optionalText(t.translatedFrom, `${where}.translatedFrom`),
    credit: optionalText(t.credit, `${where}.credit`),
    // Lookups binary-search by start: order is part of the contract, not of the file.
    segments: [...segments].sort((a, b) => a.start - b.start || a.end - b.end),
  })
}

function restoreProvenanceEdit(value: unknown, where: string): ProvenanceEdit {
  const e = object(value, where)
  const field = text(e.field, `${where}.field`)
  if (!PROVENANCE_FIELDS.some((f) => f.field === field)) {
    throw new LibraryFormatError(`${where}.field should name a provenance field`)
  }
  return {
    at: text(e.at, `${where}.at`),
    field: field as ProvenanceField,
    from: text(e.from, `${where}.from`),
    to: text(e.to, `${where}.to`),
  }
}

/**
 * Checks a call's provenance: its texts, its audio origin (anything but `original` is taken as
 * synthetic, the cautious reading), the imported file's facts and the history of edits, kept in
 * order. Throws `LibraryFormatError` naming the first field that is wrong.
 */
export function restoreProvenance(value: unknown, where: string): Provenance {
  const p = object(value, where)
  const file =
    p.originalFile === undefined ? undefined : object(p.originalFile, `${where}.originalFile`)
  const edits = p.edits === undefined ? undefined : list(p.edits, `${where}.edits`)
  return defined({
    publisher: optionalText(p.publisher, `${where}.publisher`),
    sourceUrl: optionalText(p.sourceUrl, `${where}.sourceUrl`),
    recorded: optionalText(p.recorded, `${where}.recorded`),
    published: optionalText(p.published, `${where}.published`),
    transcribedBy: optionalText(p.transcribedBy, `${where}.transcribedBy`),
    translatedBy: optionalText(p.translatedBy, `${where}.translatedBy`),
    audioOrigin: (p.audioOrigin === 'original'
      ? 'original'
      : 'synthetic') as Provenance['audioOrigin'],
    note: optionalText(p.note, `${where}.note`),
    originalFile: file && {
      name: text(file.name, `${where}.originalFile.name`),
      size: time(file.size, `${where}.originalFile.size`),
      type: text(file.type, `${where}.originalFile.type`),
      importedAt: text(file.importedAt, `${where}.originalFile.importedAt`),
    },
    edits: edits?.map((e, i) => restoreProvenanceEdit(e, `${where}.edits[${i}]`)),
  })
}

function restoreCall(value: unknown, where: string): Call {
  const c = object(value, where)
  const audio = object(c.audio, `${where}.audio`)
  const sha256 = text(audio.sha256, `${where}.audio.sha256`).toLowerCase()
  if (!/^[0-9a-f]{64}$/.test(sha256)) {
    throw new LibraryFormatError(`${where}.audio.sha256 should be 64 hex digits`)
  }
  return {
    id: text(c.id, `${where}.id`),
    origin: 'sample',
    title: text(c.title, `${where}.title`),
    recorded: text(c.recorded, `${where}.recorded`),
    participants: list(c.participants, `${where}.participants`).map((p, i) => {
      const person = object(p, `${where}.participants[${i}]`)
      return defined({
        name: text(person.name, `${where}.participants[${i}].name`),
        role: optionalText(person.role, `${where}.participants[${i}].role`),
      })
    }),
    description: text(c.description ?? '', `${where}.description`),
    duration: seconds(time(c.duration, `${where}.duration`)),
    audio: {
      url: text(audio.url, `${where}.audio.url`),
      mimeType: text(audio.mimeType, `${where}.audio.mimeType`),
      size: time(audio.size, `${where}.audio.size`),
      sha256,
    },
    peaksUrl: text(c.peaksUrl, `${where}.peaksUrl`),
    provenance: restoreProvenance(c.provenance, `${where}.provenance`),
    tracks: list(c.tracks, `${where}.tracks`).map((t, i) =>
      restoreTrack(t, `${where}.tracks[${i}]`),
    ),
  }
}

/**
 * Checks and normalises a parsed library file: every field the app reads is present and of the
 * right type, segments are sorted, ends are never before starts. Throws `LibraryFormatError`
 * naming the first field that is wrong.
 */
export function restoreLibrary(value: unknown): LibraryFile {
  const root = object(value, 'library')
  if (root.version !== 1) throw new LibraryFormatError('library.version should be 1')
  return {
    version: 1,
    calls: list(root.calls, 'library.calls').map((c, i) => restoreCall(c, `calls[${i}]`)),
  }
}

/** Checks a parsed peaks file: channels of numbers. */
export function restorePeaks(value: unknown): PeaksFile {
  const root = object(value, 'peaks')
  const channels = list(root.peaks, 'peaks.peaks').map((channel, i) => {
    const values = list(channel, `peaks.peaks[${i}]`)
    if (!values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new LibraryFormatError(`peaks.peaks[${i}] should hold numbers`)
    }
    return values as number[]
  })
  if (channels.length === 0) throw new LibraryFormatError('peaks.peaks should have a channel')
  return {
    version: 1,
    duration: seconds(time(root.duration, 'peaks.duration')),
    binsPerSecond: time(root.binsPerSecond, 'peaks.binsPerSecond'),
    peaks: channels,
  }
}

import type { Note } from '../domain/notes'
import { seconds, type Call, type Seconds } from '../domain/types'

/** One transcript segment as the search index sees it. */
export interface SegmentDocument {
  readonly kind?: 'segment'
  readonly callId: string
  readonly trackId: string
  /** Index of the segment in its track, which is how the transcript addresses rows. */
  readonly segmentIndex: number
  readonly start: Seconds
  readonly end: Seconds
  readonly speaker?: string
  /** BCP 47 tag of the track, e.g. `en` or `zh-Hans`. */
  readonly language: string
  readonly text: string
}

/** One personal note as the search index sees it: its text and tags are searchable. */
export interface NoteDocument {
  readonly kind: 'note'
  readonly noteId: string
  readonly callId: string
  readonly start: Seconds
  readonly text: string
  readonly tags: readonly string[]
}

/** Anything the index holds. */
export type SearchDocument = SegmentDocument | NoteDocument

/** True for a note document. */
export const isNoteDocument = (doc: SearchDocument): doc is NoteDocument => doc.kind === 'note'

/** The key of a note's document. */
export const noteKey = (noteId: string): string => `note\u0000${noteId}`

/** The key under which a document is stored: adding a document with the same key replaces it. */
export function documentKey(doc: SearchDocument): string {
  return isNoteDocument(doc)
    ? noteKey(doc.noteId)
    : `segment\u0000${doc.callId}\u0000${doc.trackId}\u0000${doc.segmentIndex}`
}

/** Every segment of every track of a call, ready to index. */
export function callDocuments(call: Pick<Call, 'id' | 'tracks'>): SegmentDocument[] {
  return call.tracks.flatMap((track) =>
    track.segments.map((segment, segmentIndex) => ({
      callId: call.id,
      trackId: track.id,
      segmentIndex,
      start: segment.start,
      end: segment.end,
      ...(segment.speaker === undefined ? {} : { speaker: segment.speaker }),
      language: track.language,
      text: segment.text,
    })),
  )
}

/** A note, ready to index. */
export function noteDocument(
  note: Pick<Note, 'id' | 'callId' | 'start' | 'text' | 'tags'>,
): NoteDocument {
  return {
    kind: 'note',
    noteId: note.id,
    callId: note.callId,
    start: note.start,
    text: note.text,
    tags: note.tags,
  }
}

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0

/**
 * A document read back from storage, checked field by field; null when it does not have the shape
 * of one (the caller then rebuilds the index from the library instead of trusting it).
 */
export function restoreDocument(value: unknown): SearchDocument | null {
  if (!isObject(value) || typeof value.callId !== 'string' || typeof value.text !== 'string') {
    return null
  }
  if (!isTime(value.start)) return null
  if (value.kind === 'note') {
    const tags = value.tags
    if (typeof value.noteId !== 'string' || !Array.isArray(tags)) return null
    if (!tags.every((tag): tag is string => typeof tag === 'string')) return null
    return {
      kind: 'note',
      noteId: value.noteId,
      callId: value.callId,
      start: seconds(value.start),
      text: value.text,
      tags,
    }
  }
  const { trackId, segmentIndex, end, speaker, language } = value
  if (typeof trackId !== 'string' || typeof language !== 'string') return null
  if (!Number.isInteger(segmentIndex) || typeof segmentIndex !== 'number' || segmentIndex < 0) {
    return null
  }
  if (!isTime(end) || (speaker !== undefined && typeof speaker !== 'string')) return null
  return {
    callId: value.callId,
    trackId,
    segmentIndex,
    start: seconds(value.start),
    end: seconds(end),
    ...(speaker === undefined ? {} : { speaker }),
    language,
    text: value.text,
  }
}

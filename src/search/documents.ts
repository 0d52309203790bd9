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

/**
 * What a call is known by: its title, its participants and the speakers of its tracks, one
 * document per call, so that a name finds the calls in which that person takes part.
 */
export interface CallDocument {
  readonly kind: 'call'
  readonly callId: string
  /** Always 0: a call-level hit opens the call at its start. */
  readonly start: Seconds
  /** The title. */
  readonly text: string
  readonly participants: readonly string[]
  /** Distinct speaker labels of the call's tracks, in order of first appearance. */
  readonly speakers: readonly string[]
}

/** Anything the index holds. */
export type SearchDocument = SegmentDocument | NoteDocument | CallDocument

/** True for a note document. */
export const isNoteDocument = (doc: SearchDocument): doc is NoteDocument => doc.kind === 'note'

/** True for a call's own document (title, participants, speakers). */
export const isCallDocument = (doc: SearchDocument): doc is CallDocument => doc.kind === 'call'

/** True for a transcript segment's document. */
export const isSegmentDocument = (doc: SearchDocument): doc is SegmentDocument =>
  doc.kind === undefined || doc.kind === 'segment'

/** The key of a note's document. */
export const noteKey = (noteId: string): string => `note\u0000${noteId}`

/** The key of a call's own document. */
export const callKey = (callId: string): string => `call\u0000${callId}`

/** The key under which a document is stored: adding a document with the same key replaces it. */
export function documentKey(doc: SearchDocument): string {
  if (isNoteDocument(doc)) return noteKey(doc.noteId)
  if (isCallDocument(doc)) return callKey(doc.callId)
  return `segment\u0000${doc.callId}\u0000${doc.trackId}\u0000${doc.segmentIndex}`
}

/** The distinct speaker labels of a call's tracks, in order of first appearance. */
export function callSpeakers(call: Pick<Call, 'tracks'>): string[] {
  const speakers = new Set<string>()
  for (const track of call.tracks) {
    for (const segment of track.segments) {
      const speaker = segment.speaker?.trim()
      if (speaker) speakers.add(speaker)
    }
  }
  return [...speakers]
}

/** A call's own document: its title, participants and speakers, ready to index. */
export function callSummaryDocument(
  call: Pick<Call, 'id' | 'title' | 'participants' | 'tracks'>,
): CallDocument {
  return {
    kind: 'call',
    callId: call.id,
    start: seconds(0),
    text: call.title,
    participants: call.participants.map((participant) => participant.name),
    speakers: callSpeakers(call),
  }
}

/**
 * Every segment of every track of a call, ready to index, made as they are taken: the search client
 * takes them a message at a time, so a call of 100,000 segments is not turned into documents in
 * one main-thread task.
 */
export function* segmentDocuments(call: Pick<Call, 'id' | 'tracks'>): Generator<SegmentDocument> {
  for (const track of call.tracks) {
    for (const [segmentIndex, segment] of track.segments.entries()) {
      yield {
        callId: call.id,
        trackId: track.id,
        segmentIndex,
        start: segment.start,
        end: segment.end,
        ...(segment.speaker === undefined ? {} : { speaker: segment.speaker }),
        language: track.language,
        text: segment.text,
      }
    }
  }
}

/** Every segment of every track of a call, ready to index. */
export function callDocuments(call: Pick<Call, 'id' | 'tracks'>): SegmentDocument[] {
  return [...segmentDocuments(call)]
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
const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string')

/**
 * A document read back from storage, checked field by field; null when it does not have the shape
 * of one (the caller then rebuilds the index from the library instead of trusting it).
 */
export function restoreDocument(value: unknown): SearchDocument | null {
  if (!isObject(value) || typeof value.callId !== 'string' || typeof value.text !== 'string') {
    return null
  }
  if (!isTime(value.start)) return null
  if (value.kind === 'call') {
    const { participants, speakers } = value
    if (!isStrings(participants) || !isStrings(speakers)) return null
    return {
      kind: 'call',
      callId: value.callId,
      start: seconds(value.start),
      text: value.text,
      participants,
      speakers,
    }
  }
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

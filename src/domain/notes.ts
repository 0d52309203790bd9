import type { Seconds } from './types'

/** How far a note's claim has been checked. */
export type ReviewState = 'unreviewed' | 'listened' | 'verified' | 'disputed'

export const REVIEW_STATES: readonly ReviewState[] = [
  'unreviewed',
  'listened',
  'verified',
  'disputed',
]

/** A quote a note was made on: the text selected in one track. */
export interface NoteQuote {
  readonly trackId: string
  readonly text: string
}

/**
 * A personal note anchored to a moment (`end` absent) or a range of a call. It also carries the
 * audio's SHA-256, so a note whose call was deleted finds its way back when the same audio is
 * imported again.
 */
export interface Note {
  /** A random UUID; the same note keeps it across export and import. */
  readonly id: string
  readonly callId: string
  readonly audioSha256: string
  readonly start: Seconds
  readonly end?: Seconds
  readonly quote?: NoteQuote
  readonly text: string
  readonly tags: readonly string[]
  readonly state: ReviewState
  /** ISO 8601 times. */
  readonly createdAt: string
  readonly updatedAt: string
}

/**
 * Whether a note holds nothing the user made: no text (beyond spaces), no tags, no quote chosen
 * from the transcript and no review state set. A quote marked "verified" is kept, words or not.
 */
export function isEmptyNote(note: Pick<Note, 'text' | 'tags' | 'quote' | 'state'>): boolean {
  return (
    note.text.trim() === '' &&
    note.tags.length === 0 &&
    note.quote === undefined &&
    note.state === 'unreviewed'
  )
}

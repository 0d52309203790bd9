import type { Note } from '../domain/notes'
import type { Call, Track } from '../domain/types'
import {
  callSummaryDocument,
  noteDocument,
  segmentDocuments,
  type CallDocument,
  type SearchDocument,
} from './documents'

/**
 * Keeps the search index in step with the library: given the calls and notes as they are now, it
 * sends the index only what changed since the last time — a call or track added or removed, a call's
 * title or participants changed, a note added, edited or deleted. The app calls it whenever its live queries hand over a new library,
 * which they do on every change (new objects each time), so what changed is told by content, not by
 * identity.
 */

/** The part of the search client this needs. */
export interface IndexWriter {
  /** `docs` may be made as they are taken (see `segmentDocuments`). */
  add(docs: Iterable<SearchDocument>): Promise<void>
  removeCall(callId: string, options?: { readonly keepNotes?: boolean }): Promise<void>
  removeTrack(callId: string, trackId: string): Promise<void>
  removeNote(noteId: string): Promise<void>
}

/**
 * What identifies a track's indexed content. Tracks are added and removed but never edited in
 * place, so a replacement under the same id is told apart by its language, its segment count and
 * the total length of its text (one pass over the segments, without hashing the words).
 */
function trackSignature(track: Track): string {
  let characters = 0
  for (const segment of track.segments) characters += segment.text.length
  const last = track.segments[track.segments.length - 1]
  return [track.language, track.segments.length, characters, last?.end ?? 0].join('\u0000')
}

function* concat<T>(first: Iterable<T>, then: Iterable<T>): Generator<T> {
  yield* first
  yield* then
}

/** What identifies a call's own document. */
const summarySignature = (doc: CallDocument): string =>
  JSON.stringify([doc.text, doc.participants, doc.speakers])

/** The title and participants, to tell cheaply whether the call itself was edited. */
const headerSignature = (call: Pick<Call, 'title' | 'participants'>): string =>
  [call.title, ...call.participants.map((participant) => participant.name)].join('\u0000')

/** The part of a call this reads. */
export type SyncedCall = Pick<Call, 'id' | 'title' | 'participants' | 'tracks'>

/** Notes change in place; their `updatedAt` moves on every saved edit. */
const noteSignature = (note: Pick<Note, 'updatedAt' | 'callId'>): string =>
  `${note.callId}\u0000${note.updatedAt}`

/** See the module comment. */
export class LibrarySync {
  /** Per indexed call, its tracks' signatures by track id. */
  private readonly calls = new Map<string, Map<string, string>>()
  /** Per indexed call, the signatures of its title and participants, and of its own document. */
  private readonly summaries = new Map<string, { header: string; document: string }>()
  private readonly notes = new Map<string, string>()

  constructor(private readonly index: IndexWriter) {}

  /** Brings the index's segments in line with `calls`; resolves when the changes are searchable. */
  syncCalls(calls: readonly SyncedCall[]): Promise<void> {
    const work: Promise<void>[] = []
    const present = new Set<string>()
    for (const call of calls) {
      present.add(call.id)
      const indexed = this.calls.get(call.id)
      const now = new Map(call.tracks.map((track) => [track.id, trackSignature(track)]))
      const header = headerSignature(call)
      if (!indexed) {
        const summary = callSummaryDocument(call)
        this.calls.set(call.id, now)
        this.summaries.set(call.id, { header, document: summarySignature(summary) })
        work.push(this.index.add(concat<SearchDocument>([summary], segmentDocuments(call))))
        continue
      }
      for (const trackId of indexed.keys()) {
        if (!now.has(trackId)) work.push(this.index.removeTrack(call.id, trackId))
      }
      const changed = call.tracks.filter((track) => indexed.get(track.id) !== now.get(track.id))
      for (const track of changed) {
        // A replaced track's old segments go first; the index keys segments by position.
        if (indexed.has(track.id)) work.push(this.index.removeTrack(call.id, track.id))
      }
      const docs: SearchDocument[] = []
      const removed = [...indexed.keys()].some((trackId) => !now.has(trackId))
      const known = this.summaries.get(call.id)
      // The call's own document holds its speakers, so a track change may change it too; it is
      // sent again (replacing the old one) only when what it holds did change.
      if (changed.length > 0 || removed || known?.header !== header) {
        const summary = callSummaryDocument(call)
        const document = summarySignature(summary)
        if (known?.document !== document) docs.push(summary)
        this.summaries.set(call.id, { header, document })
      }
      if (changed.length > 0)
        work.push(this.index.add(concat(docs, segmentDocuments({ ...call, tracks: changed }))))
      else if (docs.length > 0) work.push(this.index.add(docs))
      this.calls.set(call.id, now)
    }
    for (const callId of [...this.calls.keys()]) {
      if (present.has(callId)) continue
      this.calls.delete(callId)
      this.summaries.delete(callId)
      // Notes outlive their call (they come back with the same audio); `syncNotes` owns them.
      work.push(this.index.removeCall(callId, { keepNotes: true }))
    }
    return Promise.all(work).then(() => undefined)
  }

  /** Brings the index's notes in line with `notes`. */
  syncNotes(notes: readonly Note[]): Promise<void> {
    const work: Promise<void>[] = []
    const present = new Set<string>()
    const changed: Note[] = []
    for (const note of notes) {
      present.add(note.id)
      const signature = noteSignature(note)
      if (this.notes.get(note.id) === signature) continue
      this.notes.set(note.id, signature)
      changed.push(note)
    }
    // Adding a note under a key the index holds replaces it.
    if (changed.length > 0) work.push(this.index.add(changed.map(noteDocument)))
    for (const noteId of [...this.notes.keys()]) {
      if (present.has(noteId)) continue
      this.notes.delete(noteId)
      work.push(this.index.removeNote(noteId))
    }
    return Promise.all(work).then(() => undefined)
  }
}

import { createEvidenceBundle, type EvidenceBundleContents } from '../archive/evidence-bundle'
import { callIdFor } from '../domain/call-id'
import type { Note } from '../domain/notes'
import { mergeNotes } from '../domain/notes-export'
import type { Call } from '../domain/types'
import type { CallRow, PeaksRow, VerbatimDatabase } from './database'
import { createLibraryRepository } from './library-repository'
import { createNotesRepository, moveNotesToCall, putNoteRows } from './notes-repository'
import { withStorageErrors } from './storage-errors'
import { deleteTracksOf, putTracks, trackTables } from './track-store'

// Kept exported from here, so that the UI imports what it must catch from one place.
export { EvidenceBundleError } from '../archive/evidence-bundle'
export { StorageFullError } from './storage-errors'

/**
 * Which call a bundle is made of: an imported one, read from the library by id (with its audio and
 * tracks), or one shipped with the app, given whole, whose audio is fetched from its (absolute) URL.
 */
export type BundleSource = { readonly callId: string } | { readonly shipped: Call }

/** Options of {@link makeEvidenceBundle}. */
export interface MakeBundleOptions {
  /** The app's address, for links in citations. */
  readonly appOrigin: string
  readonly now: Date
  readonly signal?: AbortSignal | undefined
}

/** The evidence bundle of one call with its notes (`createEvidenceBundle`), read from the library. */
export async function makeEvidenceBundle(
  db: VerbatimDatabase,
  source: BundleSource,
  options: MakeBundleOptions,
): Promise<Blob> {
  let call: Call
  let audio: Blob
  if ('shipped' in source) {
    call = source.shipped
    const response = await fetch(call.audio.url ?? '')
    if (!response.ok) throw new Error(`the audio could not be read (HTTP ${response.status})`)
    audio = await response.blob()
  } else {
    const library = createLibraryRepository(db)
    const found = await library.getCall(source.callId)
    if (!found) throw new Error('it is no longer in the library')
    const media = await library.loadMedia(found.id)
    if (!media) throw new Error('its audio is not in this browser')
    call = found
    audio = media.audio
  }
  const notes = await createNotesRepository(db).forCall(call.id)
  return createEvidenceBundle(call, {
    audio,
    notes,
    appOrigin: options.appOrigin,
    now: options.now,
    ...(options.signal ? { signal: options.signal } : {}),
  })
}

/** Waveform peaks, as `computePeaks` gives them. */
export type BundlePeaks = Omit<PeaksRow, 'callId'>

/** Options of {@link importEvidenceBundle}. */
export interface BundleImportOptions {
  /**
   * Computes the audio's peaks (`computePeaks` from workers/peaks-client). Called only when the
   * call is new; it also proves that the browser can play the audio, and its failure stops the
   * import with nothing written.
   */
  readonly computePeaks: (audio: Blob) => Promise<BundlePeaks>
  /** The calls shipped with the app (the sample library): a bundle of one of them only adds notes. */
  readonly shippedCalls?: readonly Pick<Call, 'id' | 'title' | 'audio'>[]
  /** The import's time stamp; now, by default. */
  readonly now?: Date
}

/** What an import of a bundle did. */
export interface BundleImportOutcome {
  /** The id the call has in this library (a shipped call's, or one made from the audio's hash). */
  readonly callId: string
  /** `already-there`: the library (or the app) already held the call; it was kept as it is. */
  readonly call: 'added' | 'already-there'
  readonly notesAdded: number
  readonly notesUpdated: number
  readonly notesUnchanged: number
  /** Sentences for the UI. */
  readonly messages: readonly string[]
}

const FULL =
  'The browser has no room left for this evidence bundle. Nothing was imported; the library is as it was. Free some space (delete calls you no longer need) or allow more storage, then try again.'

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

/** The call as this library stores an imported one: its id from the audio's hash, no URLs. */
function importedRow(call: Call, audioName: string, now: Date): CallRow {
  const { tracks: _tracks, peaksUrl: _peaksUrl, ...fields } = call
  const { url: _url, ...audio } = call.audio
  return {
    ...fields,
    id: callIdFor(call.audio.sha256),
    origin: 'imported',
    audio,
    provenance: {
      ...call.provenance,
      originalFile: call.provenance.originalFile ?? {
        name: audioName,
        size: call.audio.size,
        type: call.audio.mimeType,
        importedAt: now.toISOString(),
      },
    },
  }
}

/**
 * Adds the call of a checked evidence bundle (from `readEvidenceBundle`) to the library, with its
 * audio, tracks and notes, in one transaction. The call gets the id any import of the same audio
 * gets; if the library (or the app's sample library) already holds that audio, the call is kept
 * as it is and only the notes are merged (by id, the newer `updatedAt` winning). Notes kept from
 * an earlier import of the same audio come back to the call, as with a normal import. A full disk
 * is a StorageFullError with nothing written.
 */
export async function importEvidenceBundle(
  db: VerbatimDatabase,
  bundle: Pick<EvidenceBundleContents, 'call' | 'audio' | 'notes' | 'manifest'>,
  options: BundleImportOptions,
): Promise<BundleImportOutcome> {
  const now = options.now ?? new Date()
  const sha = bundle.call.audio.sha256.toLowerCase()
  const shipped = options.shippedCalls?.find((c) => c.audio.sha256.toLowerCase() === sha)
  const findLive = async (): Promise<CallRow | undefined> =>
    (await db.calls.where('audio.sha256').equals(sha).toArray()).find((row) => !row.deletedAt)

  const existing = shipped ?? (await findLive())
  const peaks = existing ? undefined : await options.computePeaks(bundle.audio)
  const audioName = bundle.manifest.audio.path.split('/').pop() ?? 'audio'

  const result = await withStorageErrors(
    () =>
      db.transaction(
        'rw',
        [db.calls, ...trackTables(db), db.audio, db.peaks, db.notes],
        async () => {
          const there = shipped ?? (await findLive())
          let callId: string
          let title: string
          if (there || !peaks) {
            callId = there?.id ?? callIdFor(sha)
            title = there?.title ?? bundle.call.title
          } else {
            const row = importedRow(bundle.call, audioName, now)
            callId = row.id
            title = row.title
            // A deleted call with the same audio is replaced, as an import does.
            await deleteTracksOf(db, [callId])
            await db.calls.put(row)
            await putTracks(db, callId, bundle.call.tracks)
            await db.audio.put({ callId, blob: bundle.audio })
            await db.peaks.put({ callId, ...peaks })
            await moveNotesToCall(db, sha, callId)
          }
          const incoming: Note[] = bundle.notes.map((note) => ({ ...note, callId }))
          const current = (await db.notes.toArray())
            .filter((row) => !row.deletedAt)
            .map(({ deletedAt: _deleted, ...note }) => note)
          const merged = mergeNotes(current, incoming)
          await putNoteRows(db, merged.toPut)
          return { callId, title, added: !there && peaks !== undefined, merged }
        },
      ),
    FULL,
  )

  const { added, updated, unchanged } = result.merged
  const notes =
    updated > 0
      ? `${plural(added, 'note')} added and ${plural(updated, 'note')} updated to a newer version`
      : `${plural(added, 'note')} added`
  return {
    callId: result.callId,
    call: result.added ? 'added' : 'already-there',
    notesAdded: added,
    notesUpdated: updated,
    notesUnchanged: unchanged,
    messages: [
      result.added
        ? `Added “${result.title}” to the library, with ${notes}.`
        : `“${result.title}” is already in the library and was kept as it is; ${notes}.`,
    ],
  }
}

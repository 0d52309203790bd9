import { reviseProvenance } from '../domain/provenance-history'
import type { Call, Track } from '../domain/types'
import { database, type CallRow, type PeaksRow, type VerbatimDatabase } from './database'
import { withStorageErrors } from './storage-errors'
import {
  countTracks,
  deleteTrack,
  deleteTracksOf,
  putTracks,
  readTracks,
  trackTables,
} from './track-store'

// Kept exported from here: callers have always caught it as the library's error.
export { StorageFullError } from './storage-errors'

/** The call is already in the library. */
export class DuplicateCallError extends Error {
  override name = 'DuplicateCallError'
  constructor(readonly existing: Call) {
    super(`This recording is already in the library as “${existing.title}”.`)
  }
}

/** Everything one import writes, in one transaction. */
export interface NewCall {
  readonly call: Call
  readonly audio: Blob
  readonly peaks: Omit<PeaksRow, 'callId'>
}

/** The details a user may edit after import. */
export type CallDetails = Pick<Call, 'title' | 'recorded' | 'participants' | 'description'> & {
  readonly provenance: Call['provenance']
}

/** Runs a write; a full disk becomes a StorageFullError with a message a user can act on. */
function write<T>(run: () => Promise<T>): Promise<T> {
  return withStorageErrors(
    run,
    'The browser has no room left for this recording. Nothing was saved; the library is as it was. Free some space (delete calls you no longer need) or allow more storage, then try again.',
  )
}

function withoutTracks(call: Call): CallRow {
  const { tracks: _tracks, ...row } = call
  return row
}

/** Reads and writes imported calls. Each method that touches several tables is one transaction. */
export function createLibraryRepository(db: VerbatimDatabase = database()) {
  async function assemble(row: CallRow): Promise<Call> {
    const { deletedAt: _deleted, ...call } = row
    return { ...call, tracks: await readTracks(db, row.id) }
  }

  return {
    /** Imported calls that are not deleted, newest import first, with their tracks. */
    async listCalls(): Promise<Call[]> {
      return db.transaction('r', [db.calls, ...trackTables(db)], async () => {
        const rows = (await db.calls.toArray()).filter((row) => !row.deletedAt)
        const calls: Call[] = []
        for (const row of rows) calls.push(await assemble(row))
        const importedAt = (c: Call) => c.provenance.originalFile?.importedAt ?? ''
        return calls.sort((a, b) => importedAt(b).localeCompare(importedAt(a)))
      })
    },

    /** The live call with this id, if any. */
    async getCall(callId: string): Promise<Call | undefined> {
      return db.transaction('r', [db.calls, ...trackTables(db)], async () => {
        const row = await db.calls.get(callId)
        return row && !row.deletedAt ? assemble(row) : undefined
      })
    },

    /** The live call with this audio hash, if any. */
    async findBySha256(sha256: string): Promise<Call | undefined> {
      return db.transaction('r', [db.calls, ...trackTables(db)], async () => {
        const rows = await db.calls.where('audio.sha256').equals(sha256).toArray()
        const live = rows.find((row) => !row.deletedAt)
        return live ? assemble(live) : undefined
      })
    },

    /** Adds a call with its audio, tracks and peaks, all or nothing. */
    async addCall({ call, audio, peaks }: NewCall): Promise<void> {
      await write(() =>
        db.transaction('rw', [db.calls, ...trackTables(db), db.audio, db.peaks], async () => {
          const existing = await db.calls.get(call.id)
          if (existing && !existing.deletedAt)
            throw new DuplicateCallError(await assemble(existing))
          // A deleted call with the same audio is replaced, not merged.
          await deleteTracksOf(db, [call.id])
          await db.calls.put(withoutTracks(call))
          await putTracks(db, call.id, call.tracks)
          await db.audio.put({ callId: call.id, blob: audio })
          await db.peaks.put({ callId: call.id, ...peaks })
        }),
      )
    },

    /** Appends tracks to a call. */
    async addTracks(callId: string, tracks: readonly Track[]): Promise<void> {
      await write(() =>
        db.transaction('rw', [db.calls, ...trackTables(db)], async () => {
          if (!(await db.calls.get(callId))) throw new Error(`No call ${callId} in the library.`)
          await putTracks(db, callId, tracks, await countTracks(db, callId))
        }),
      )
    },

    async removeTrack(callId: string, trackId: string): Promise<void> {
      await db.transaction('rw', trackTables(db), () => deleteTrack(db, callId, trackId))
    },

    /**
     * Saves edited details. Provenance is never changed silently: each changed provenance field is
     * appended to the stored `provenance.edits` with the time, and earlier edits are kept whatever
     * `details` holds.
     */
    async updateDetails(
      callId: string,
      details: CallDetails,
      now: Date = new Date(),
    ): Promise<void> {
      await write(() =>
        db.transaction('rw', db.calls, async () => {
          const stored = await db.calls.get(callId)
          if (!stored) throw new Error(`No call ${callId} in the library.`)
          const { title, recorded, participants, description } = details
          const provenance = reviseProvenance(stored.provenance, details.provenance, now)
          await db.calls.put({ ...stored, title, recorded, participants, description, provenance })
        }),
      )
    },

    /** Hides a call; `restoreCall` brings it back, `purgeDeleted` removes it for good. */
    async deleteCall(callId: string): Promise<void> {
      await db.calls.update(callId, { deletedAt: new Date().toISOString() })
    },

    async restoreCall(callId: string): Promise<void> {
      await db.transaction('rw', db.calls, async () => {
        const row = await db.calls.get(callId)
        if (row) {
          const { deletedAt: _deleted, ...live } = row
          await db.calls.put(live)
        }
      })
    },

    /** Removes deleted calls and everything stored with them. */
    async purgeDeleted(): Promise<void> {
      await db.transaction('rw', [db.calls, ...trackTables(db), db.audio, db.peaks], async () => {
        const ids = (await db.calls.toArray()).filter((r) => r.deletedAt).map((r) => r.id)
        await deleteTracksOf(db, ids)
        await db.audio.bulkDelete(ids)
        await db.peaks.bulkDelete(ids)
        await db.calls.bulkDelete(ids)
      })
    },

    /** The stored audio and peaks of a call. */
    async loadMedia(callId: string): Promise<{ audio: Blob; peaks: PeaksRow } | null> {
      return db.transaction('r', db.audio, db.peaks, async () => {
        const [audio, peaks] = await Promise.all([db.audio.get(callId), db.peaks.get(callId)])
        return audio && peaks ? { audio: audio.blob, peaks } : null
      })
    },
  }
}

export type LibraryRepository = ReturnType<typeof createLibraryRepository>

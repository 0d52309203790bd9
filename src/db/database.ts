import Dexie, { type EntityTable, type Table } from 'dexie'
import type { Note } from '../domain/notes'
import { segmentParts } from '../domain/segment-parts'
import type { Call, Segment, Track } from '../domain/types'

/** A user preference, stored by key (`playback`, `tracks:<callId>`). */
export interface SettingRow {
  readonly key: string
  readonly value: unknown
}

/** An imported call without its tracks; `deletedAt` marks a deletion that can still be undone. */
export interface CallRow extends Omit<Call, 'tracks'> {
  readonly deletedAt?: string
}

/**
 * One transcript track of an imported call without its segments, which are in `trackParts`;
 * `key` is `<callId>/<trackId>`. See track-store.ts.
 */
export interface TrackRow {
  readonly key: string
  readonly callId: string
  /** Position among the call's tracks. */
  readonly order: number
  readonly track: Omit<Track, 'segments'>
  /** How many parts the segments are in. */
  readonly parts: number
}

/** A run of a track's segments, in order: `part` counts from 0. */
export interface TrackPartRow {
  readonly trackKey: string
  readonly part: number
  readonly callId: string
  readonly segments: readonly Segment[]
}

/** The audio file exactly as imported. */
export interface AudioRow {
  readonly callId: string
  readonly blob: Blob
}

/** Waveform peaks, computed once at import: one channel, max |sample| per bin, 0..1. */
export interface PeaksRow {
  readonly callId: string
  readonly binsPerSecond: number
  readonly duration: number
  readonly peaks: Float32Array
}

/**
 * A personal note; `deletedAt` marks a deletion that can still be undone. `revision` counts the
 * writes to the row (1 when it is made, one more for every write after that), so that an editor
 * can tell whether the note changed since it last read it (see notes-repository.ts `saveEdit`).
 */
export type NoteRow = Note & { readonly deletedAt?: string; readonly revision: number }

/**
 * The app's IndexedDB database. Every released version stays declared here with its upgrade, so
 * a browser holding any earlier version is brought forward.
 */
export class VerbatimDatabase extends Dexie {
  settings!: EntityTable<SettingRow, 'key'>
  calls!: EntityTable<CallRow, 'id'>
  tracks!: EntityTable<TrackRow, 'key'>
  trackParts!: Table<TrackPartRow, [string, number]>
  audio!: EntityTable<AudioRow, 'callId'>
  peaks!: EntityTable<PeaksRow, 'callId'>
  notes!: EntityTable<NoteRow, 'id'>

  constructor(name = 'verbatim') {
    super(name)
    // Version 1 (0.1): preferences only.
    this.version(1).stores({ settings: 'key' })
    // Version 2: imported calls. New tables only, so no data needs upgrading.
    this.version(2).stores({
      calls: 'id, audio.sha256, deletedAt',
      tracks: 'key, callId',
      audio: 'callId',
      peaks: 'callId',
    })
    // Version 3: personal notes. A new table only, so no data needs upgrading. `callId` reads a
    // call's notes; `audioSha256` finds the notes to reattach when deleted audio is imported again;
    // `updatedAt` lets an import of exported notes compare versions; `*tags` (one index entry per
    // tag) and `state` serve the tag and review-state filters.
    this.version(3).stores({
      notes: 'id, callId, audioSha256, updatedAt, *tags, state',
    })
    // Version 4: every note carries a revision, so that a save from an editor that did not see the
    // latest one cannot overwrite it. The indexes are unchanged; notes stored before start at 1.
    this.version(4)
      .stores({ notes: 'id, callId, audioSha256, updatedAt, *tags, state' })
      .upgrade((tx) =>
        tx
          .table('notes')
          .toCollection()
          .modify((row: { revision?: unknown }) => {
            if (typeof row.revision !== 'number') row.revision = 1
          }),
      )
    // Version 5: a track's segments move out of its row into parts of bounded size, so that no
    // single clone of a long transcript freezes the page when it is written or read
    // (track-store.ts). `callId` reads a call's parts in order; `trackKey` a track's.
    this.version(5)
      .stores({ trackParts: '[trackKey+part], callId' })
      .upgrade(async (tx) => {
        const tracks = tx.table('tracks')
        const parts = tx.table('trackParts')
        const rows = (await tracks.toArray()) as (Omit<TrackRow, 'parts'> & { track: Track })[]
        for (const { track, ...row } of rows) {
          const { segments, ...head } = track
          const split = segmentParts(segments ?? [])
          await parts.bulkPut(
            split.map((part, i) => ({
              trackKey: row.key,
              part: i,
              callId: row.callId,
              segments: part,
            })),
          )
          await tracks.put({ ...row, track: head, parts: split.length })
        }
      })
  }
}

let shared: VerbatimDatabase | null = null
const upgradeListeners = new Set<() => void>()

/** The database the app uses, opened on first use. */
export function database(): VerbatimDatabase {
  if (!shared) {
    const db = new VerbatimDatabase()
    // Another tab is opening a newer version of the database (a newer Verbatim): this tab's copy
    // is closed so that the upgrade is not blocked, and the app is told, to reload into the new one.
    db.on('versionchange', () => {
      db.close()
      for (const listener of upgradeListeners) listener()
      return false
    })
    shared = db
  }
  return shared
}

/**
 * Calls `listener` when another tab upgrades the database; this tab's connection is closed by
 * then, so the app should reload (unsaved note text is journalled, see note-drafts.ts).
 */
export function onUpgradedElsewhere(listener: () => void): () => void {
  upgradeListeners.add(listener)
  return () => upgradeListeners.delete(listener)
}

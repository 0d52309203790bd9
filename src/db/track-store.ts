import { segmentParts } from '../domain/segment-parts'
import type { Segment, Track } from '../domain/types'
import type { TrackRow, VerbatimDatabase } from './database'

/*
 * A track is stored as a head row (`tracks`: everything but the segments) and its segments in
 * parts (`trackParts`, at most PART_WEIGHT segments and words each), written and read one part at
 * a time. IndexedDB clones a value on the page's main thread when it is put and when it is read,
 * each in one piece: a track of 100,000 cues held in one row took 150–180 ms to put and 90 ms to
 * read, frozen tasks on an import or a page load. One part is a millisecond or two, and each write
 * or read of one waits for the last, so each is a task of its own. Every function here runs in the
 * caller's transaction, which must include `tracks` and `trackParts`.
 */

/** The tables a transaction touching tracks must include. */
export function trackTables(db: VerbatimDatabase) {
  return [db.tracks, db.trackParts]
}

/** The key of a track's head row. */
export const trackKey = (callId: string, trackId: string): string => `${callId}/${trackId}`

/** Writes `tracks` of a call, in parts, ordered after `firstOrder`; a track with the same id is replaced. */
export async function putTracks(
  db: VerbatimDatabase,
  callId: string,
  tracks: readonly Track[],
  firstOrder = 0,
): Promise<void> {
  for (const [i, { segments, ...head }] of tracks.entries()) {
    const key = trackKey(callId, head.id)
    await db.trackParts.where('trackKey').equals(key).delete()
    const parts = segmentParts(segments)
    const row: TrackRow = { key, callId, order: firstOrder + i, track: head, parts: parts.length }
    await db.tracks.put(row)
    // One at a time: each put clones its part in the task that makes it (see above).
    for (const [part, partSegments] of parts.entries())
      await db.trackParts.put({ trackKey: key, part, callId, segments: partSegments })
  }
}

/** A call's tracks in their order, with their segments, read one part at a time. */
export async function readTracks(db: VerbatimDatabase, callId: string): Promise<Track[]> {
  const rows = await db.tracks.where('callId').equals(callId).sortBy('order')
  const segments = new Map<string, Segment[]>(rows.map((row) => [row.key, []]))
  // A cursor, not one getAll: each part arrives (and is cloned) in a task of its own. The parts of
  // one track come in their order, the primary key being [trackKey+part].
  await db.trackParts
    .where('callId')
    .equals(callId)
    .each((part) => {
      const into = segments.get(part.trackKey)
      if (into) for (const segment of part.segments) into.push(segment)
    })
  return rows.map((row) => ({ ...row.track, segments: segments.get(row.key) ?? [] }))
}

/** How many tracks a call has. */
export function countTracks(db: VerbatimDatabase, callId: string): Promise<number> {
  return db.tracks.where('callId').equals(callId).count()
}

/** Deletes one track of a call with its segments. */
export async function deleteTrack(
  db: VerbatimDatabase,
  callId: string,
  trackId: string,
): Promise<void> {
  const key = trackKey(callId, trackId)
  await db.trackParts.where('trackKey').equals(key).delete()
  await db.tracks.delete(key)
}

/** Deletes every track of these calls with their segments. */
export async function deleteTracksOf(
  db: VerbatimDatabase,
  callIds: readonly string[],
): Promise<void> {
  await db.trackParts.where('callId').anyOf(callIds).delete()
  await db.tracks.where('callId').anyOf(callIds).delete()
}

// @vitest-environment node
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { Blob } from 'node:buffer'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { VerbatimDatabase } from '../../../src/db/database'
import { createNotesRepository } from '../../../src/db/notes-repository'
import { readTracks } from '../../../src/db/track-store'
import { PART_WEIGHT } from '../../../src/domain/segment-parts'
import { seconds } from '../../../src/domain/types'
import { makeTrack } from '../../helpers/fixtures'

// Each fixture is written by a Dexie that declares only the versions a released app had, exactly
// as they were, so opening it with today's VerbatimDatabase runs the real upgrade path.

const LATEST = 5

const V1 = { settings: 'key' }
const V2 = {
  calls: 'id, audio.sha256, deletedAt',
  tracks: 'key, callId',
  audio: 'callId',
  peaks: 'callId',
}
const V3 = { notes: 'id, callId, audioSha256, updatedAt, *tags, state' }

let name: string
let n = 0

beforeEach(() => {
  name = `upgrade-${++n}`
})

afterEach(async () => {
  await Dexie.delete(name)
})

const SHA = 'c'.repeat(64)
const CALL_ID = SHA.slice(0, 16)
const PLAYBACK = { key: 'playback', value: { rate: 1.5, volume: 0.5, muted: false } }

/** Checks that the notes table of an upgraded database works, indexes included. */
async function expectUsableNotes(db: VerbatimDatabase): Promise<void> {
  expect(await db.notes.count()).toBe(0)
  const notes = createNotesRepository(db)
  const note = await notes.create({
    callId: CALL_ID,
    audioSha256: SHA,
    start: seconds(3),
    text: 'Checked against the audio.',
    tags: ['names'],
    state: 'listened',
  })
  expect(await notes.forCall(CALL_ID)).toEqual([note])
  expect(await db.notes.where('tags').equals('names').count()).toBe(1)
  expect(await db.notes.where('audioSha256').equals(SHA).count()).toBe(1)
}

describe('schema upgrades', () => {
  it('a new database opens at the latest version with every table', async () => {
    const db = new VerbatimDatabase(name)
    await db.open()
    expect(db.verno).toBe(LATEST)
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'audio',
      'calls',
      'notes',
      'peaks',
      'settings',
      'trackParts',
      'tracks',
    ])
    db.close()
  })

  it('version 1 → 5 keeps the settings and adds empty, usable tables', async () => {
    const old = new Dexie(name)
    old.version(1).stores(V1)
    await old.table('settings').put(PLAYBACK)
    old.close()

    const db = new VerbatimDatabase(name)
    await db.open()
    expect(db.verno).toBe(LATEST)
    expect(await db.settings.toArray()).toEqual([PLAYBACK])
    expect(await db.calls.count()).toBe(0)
    await expectUsableNotes(db)
    db.close()
  })

  it('version 2 → 5 keeps settings, calls, tracks, audio and peaks, and adds an empty notes table', async () => {
    const call = {
      id: CALL_ID,
      origin: 'imported',
      title: 'Kept call',
      recorded: '2012-04',
      participants: [{ name: 'Investigator' }],
      description: '',
      duration: 40,
      audio: { mimeType: 'audio/mpeg', size: 3, sha256: SHA },
      provenance: { audioOrigin: 'original' },
    }
    const track = { key: `${CALL_ID}/en`, callId: CALL_ID, order: 0, track: makeTrack('en', 3) }
    const peaks = {
      callId: CALL_ID,
      binsPerSecond: 10,
      duration: 40,
      peaks: new Float32Array([0.1, 0.5, 0.2]),
    }

    const old = new Dexie(name)
    old.version(1).stores(V1)
    old.version(2).stores(V2)
    await old.transaction('rw', old.tables, async () => {
      await old.table('settings').put(PLAYBACK)
      await old.table('calls').put(call)
      await old.table('tracks').put(track)
      // Node's Blob survives fake-indexeddb; the DOM one would come back as `{}`.
      await old.table('audio').put({
        callId: CALL_ID,
        blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'audio/mpeg' }),
      })
      await old.table('peaks').put(peaks)
    })
    old.close()

    const db = new VerbatimDatabase(name)
    await db.open()
    expect(db.verno).toBe(LATEST)
    expect(await db.settings.toArray()).toEqual([PLAYBACK])
    expect(await db.calls.toArray()).toEqual([call])
    expect(await db.calls.where('audio.sha256').equals(SHA).count()).toBe(1)
    expect(await readTracks(db, CALL_ID)).toEqual([track.track])
    expect(await db.peaks.get(CALL_ID)).toEqual(peaks)
    const audio = await db.audio.get(CALL_ID)
    expect(audio?.blob.type).toBe('audio/mpeg')
    expect(Buffer.from(await audio!.blob.arrayBuffer())).toEqual(Buffer.from([1, 2, 3]))
    await expectUsableNotes(db)
    db.close()
  })
  it('version 3 → 5 gives every note, deleted ones too, revision 1, and keeps them as they were', async () => {
    const note = {
      id: 'n1',
      callId: CALL_ID,
      audioSha256: SHA,
      start: 3,
      end: 5,
      quote: { trackId: 'en', text: 'from above' },
      text: 'Typed before revisions.',
      tags: ['names', 'money'],
      state: 'verified',
      createdAt: '2026-12-01T09:00:00.000Z',
      updatedAt: '2026-12-01T09:05:00.000Z',
    }
    const deleted = { ...note, id: 'n2', tags: [], deletedAt: '2026-12-01T10:00:00.000Z' }

    const old = new Dexie(name)
    old.version(1).stores(V1)
    old.version(2).stores(V2)
    old.version(3).stores(V3)
    await old.table('notes').bulkPut([note, deleted])
    old.close()

    const db = new VerbatimDatabase(name)
    await db.open()
    expect(db.verno).toBe(LATEST)
    expect(await db.notes.get('n1')).toEqual({ ...note, revision: 1 })
    expect(await db.notes.get('n2')).toEqual({ ...deleted, revision: 1 })
    expect(await db.notes.where('tags').equals('money').count()).toBe(1)
    const notes = createNotesRepository(db)
    expect(await notes.forCall(CALL_ID)).toEqual([note])
    // The first save after the upgrade is checked against the text as it was, and counts on.
    const saved = await notes.saveEdit('n1', note, { text: 'Typed after.' })
    expect(saved.written).toEqual(['text'])
    expect(saved.stored?.revision).toBe(2)
    expect((await notes.read('n2'))?.deleted).toBe(true)
    db.close()
  })

  it('version 4 → 5 moves the segments of each track into parts of bounded size, in order', async () => {
    const long = makeTrack('zh', PART_WEIGHT * 2, { language: 'zh' })
    const short = makeTrack('en', 2, { kind: 'translation' })
    const old = new Dexie(name)
    old.version(1).stores(V1)
    old.version(2).stores(V2)
    old.version(3).stores(V3)
    old.version(4).stores(V3)
    await old.table('tracks').bulkPut([
      { key: `${CALL_ID}/zh`, callId: CALL_ID, order: 0, track: long },
      { key: `${CALL_ID}/en`, callId: CALL_ID, order: 1, track: short },
    ])
    old.close()

    const db = new VerbatimDatabase(name)
    await db.open()
    expect(db.verno).toBe(LATEST)
    expect(await readTracks(db, CALL_ID)).toEqual([long, short])
    // Each segment of the long track has two timed words: three objects a segment.
    const parts = await db.trackParts.where('trackKey').equals(`${CALL_ID}/zh`).toArray()
    expect(parts.length).toBeGreaterThanOrEqual(6)
    for (const part of parts) expect(part.segments.length * 3).toBeLessThanOrEqual(PART_WEIGHT + 2)
    const head = await db.tracks.get(`${CALL_ID}/zh`)
    expect(head).toEqual({
      key: `${CALL_ID}/zh`,
      callId: CALL_ID,
      order: 0,
      track: { id: 'zh', language: 'zh', kind: 'original', label: long.label },
      parts: parts.length,
    })
    db.close()
  })
})

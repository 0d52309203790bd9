// @vitest-environment node
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { Blob } from 'node:buffer'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { VerbatimDatabase } from '../../../src/db/database'
import {
  createLibraryRepository,
  DuplicateCallError,
  StorageFullError,
  type NewCall,
} from '../../../src/db/library-repository'
import { PART_WEIGHT } from '../../../src/domain/segment-parts'
import { seconds, type Call } from '../../../src/domain/types'
import { makeTrack } from '../../helpers/fixtures'

let db: VerbatimDatabase
let name: string
let n = 0

beforeEach(() => {
  name = `test-${++n}`
  db = new VerbatimDatabase(name)
})

afterEach(async () => {
  db.close()
  await Dexie.delete(name)
})

function newCall(sha: string, title = 'A call', importedAt = '2026-11-30T10:00:00.000Z'): NewCall {
  const call: Call = {
    id: sha.slice(0, 16),
    origin: 'imported',
    title,
    recorded: '2012-04',
    participants: [{ name: 'Investigator' }],
    description: '',
    duration: seconds(40),
    audio: { mimeType: 'audio/mpeg', size: 3, sha256: sha },
    provenance: {
      audioOrigin: 'original',
      originalFile: { name: 'call.mp3', size: 3, type: 'audio/mpeg', importedAt },
    },
    tracks: [makeTrack('en', 5), makeTrack('zh', 3, { kind: 'translation', timedWords: false })],
  }
  return {
    call,
    // fake-indexeddb keeps Node's Blob intact (the DOM one would come back as `{}`).
    audio: new Blob([new Uint8Array([1, 2, 3])], {
      type: 'audio/mpeg',
    }) as unknown as globalThis.Blob,
    peaks: { binsPerSecond: 10, duration: 40, peaks: new Float32Array([0.1, 0.5, 0.2]) },
  }
}

const SHA_A = 'a'.repeat(64)
const SHA_B = 'b'.repeat(64)

describe('library repository', () => {
  it('stores a call with its tracks, audio and peaks, and reads them back', async () => {
    const repo = createLibraryRepository(db)
    await repo.addCall(newCall(SHA_A))
    const [call] = await repo.listCalls()
    expect(call?.title).toBe('A call')
    expect(call?.tracks.map((t) => t.id)).toEqual(['en', 'zh'])
    expect(call?.tracks[0]?.segments).toHaveLength(5)
    const media = await repo.loadMedia(SHA_A.slice(0, 16))
    expect(media?.peaks.peaks).toEqual(new Float32Array([0.1, 0.5, 0.2]))
    expect(Buffer.from(await media!.audio.arrayBuffer())).toEqual(Buffer.from([1, 2, 3]))
    expect((await repo.findBySha256(SHA_A))?.id).toBe(SHA_A.slice(0, 16))
    expect(await repo.findBySha256(SHA_B)).toBeUndefined()
  })

  it('keeps a long track whole and in order, stored in parts of bounded size', async () => {
    const repo = createLibraryRepository(db)
    const long = makeTrack('en', PART_WEIGHT * 3 + 7)
    const call = newCall(SHA_A)
    await repo.addCall({ ...call, call: { ...call.call, tracks: [long] } })
    expect((await repo.listCalls())[0]?.tracks).toEqual([long])
    // Three objects a segment (the segment and its two timed words).
    const parts = await db.trackParts.toArray()
    expect(parts.length).toBeGreaterThan(9)
    for (const part of parts) expect(part.segments.length * 3).toBeLessThanOrEqual(PART_WEIGHT + 2)
    expect((await db.tracks.get(`${call.call.id}/en`))?.parts).toBe(parts.length)
  })

  it('lists the newest import first', async () => {
    const repo = createLibraryRepository(db)
    await repo.addCall(newCall(SHA_A, 'older', '2026-01-01T00:00:00.000Z'))
    await repo.addCall(newCall(SHA_B, 'newer', '2026-06-01T00:00:00.000Z'))
    expect((await repo.listCalls()).map((c) => c.title)).toEqual(['newer', 'older'])
  })

  it('refuses the same audio twice, naming the call already there', async () => {
    const repo = createLibraryRepository(db)
    await repo.addCall(newCall(SHA_A, 'first'))
    const again = repo.addCall(newCall(SHA_A, 'second'))
    await expect(again).rejects.toBeInstanceOf(DuplicateCallError)
    await expect(again).rejects.toThrow('“first”')
    expect((await repo.listCalls()).map((c) => c.title)).toEqual(['first'])
  })

  it('leaves nothing behind when the disk is full, and says so plainly', async () => {
    const repo = createLibraryRepository(db)
    db.peaks.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    const attempt = repo.addCall(newCall(SHA_A))
    await expect(attempt).rejects.toBeInstanceOf(StorageFullError)
    await expect(attempt).rejects.toThrow(/Nothing was saved/)
    expect(await db.calls.count()).toBe(0)
    expect(await db.tracks.count()).toBe(0)
    expect(await db.trackParts.count()).toBe(0)
    expect(await db.audio.count()).toBe(0)
  })

  it('adds and removes tracks of a call', async () => {
    const repo = createLibraryRepository(db)
    const id = SHA_A.slice(0, 16)
    await repo.addCall(newCall(SHA_A))
    await repo.addTracks(id, [makeTrack('fr', 2, { kind: 'translation' })])
    expect((await repo.listCalls())[0]?.tracks.map((t) => t.id)).toEqual(['en', 'zh', 'fr'])
    await repo.removeTrack(id, 'zh')
    expect((await repo.listCalls())[0]?.tracks.map((t) => t.id)).toEqual(['en', 'fr'])
    expect(await db.trackParts.where('trackKey').equals(`${id}/zh`).count()).toBe(0)
    await expect(repo.addTracks('nope', [makeTrack('de', 1)])).rejects.toThrow('No call nope')
  })

  it('edits details', async () => {
    const repo = createLibraryRepository(db)
    const { call } = newCall(SHA_A)
    await repo.addCall({ ...newCall(SHA_A) })
    await repo.updateDetails(call.id, {
      title: 'Renamed',
      recorded: '2012',
      participants: [{ name: 'X' }],
      description: 'd',
      provenance: call.provenance,
    })
    const [edited] = await repo.listCalls()
    expect(edited?.title).toBe('Renamed')
    expect(edited?.recorded).toBe('2012')
    expect(edited?.tracks).toHaveLength(2)
  })

  it('keeps every change to provenance with its time, and never drops an earlier one', async () => {
    const repo = createLibraryRepository(db)
    const { call } = newCall(SHA_A)
    await repo.addCall(newCall(SHA_A))
    const details = {
      title: call.title,
      recorded: call.recorded,
      participants: call.participants,
      description: call.description,
    }
    const first = new Date('2026-11-30T14:02:00.000Z')
    const second = new Date('2026-12-01T09:00:00.000Z')
    await repo.updateDetails(
      call.id,
      { ...details, provenance: { ...call.provenance, publisher: 'Group' } },
      first,
    )
    // A save from a stale copy of the call (without the first edit), changing another field.
    await repo.updateDetails(
      call.id,
      {
        ...details,
        title: 'Renamed',
        provenance: { ...call.provenance, publisher: 'Group', sourceUrl: 'https://example.org/a' },
      },
      second,
    )
    // A save that tries to wipe the history and changes no provenance field.
    await repo.updateDetails(call.id, {
      ...details,
      provenance: {
        ...call.provenance,
        publisher: 'Group',
        sourceUrl: 'https://example.org/a',
        edits: [],
      },
    })
    const [edited] = await repo.listCalls()
    expect(edited?.title).toBe(call.title)
    expect(edited?.provenance.publisher).toBe('Group')
    expect(edited?.provenance.originalFile).toEqual(call.provenance.originalFile)
    expect(edited?.provenance.edits).toEqual([
      { at: first.toISOString(), field: 'publisher', from: '', to: 'Group' },
      { at: second.toISOString(), field: 'sourceUrl', from: '', to: 'https://example.org/a' },
    ])
  })

  it('adds no history when only the title or the description changes', async () => {
    const repo = createLibraryRepository(db)
    const { call } = newCall(SHA_A)
    await repo.addCall(newCall(SHA_A))
    await repo.updateDetails(call.id, {
      title: 'Renamed',
      recorded: call.recorded,
      participants: call.participants,
      description: 'New description',
      provenance: call.provenance,
    })
    const [edited] = await repo.listCalls()
    expect(edited?.description).toBe('New description')
    expect(edited?.provenance).toEqual(call.provenance)
  })

  it('refuses to edit a call that is not there', async () => {
    const repo = createLibraryRepository(db)
    const { call } = newCall(SHA_A)
    const { title, recorded, participants, description, provenance } = call
    const details = { title, recorded, participants, description, provenance }
    await expect(repo.updateDetails('nope', details)).rejects.toThrow('No call nope')
    expect(await db.calls.count()).toBe(0)
  })

  it('deletes with undo, and purges for good', async () => {
    const repo = createLibraryRepository(db)
    const id = SHA_A.slice(0, 16)
    await repo.addCall(newCall(SHA_A))
    await repo.deleteCall(id)
    expect(await repo.listCalls()).toEqual([])
    expect(await repo.findBySha256(SHA_A)).toBeUndefined()
    await repo.restoreCall(id)
    expect((await repo.listCalls()).map((c) => c.id)).toEqual([id])

    await repo.deleteCall(id)
    await repo.purgeDeleted()
    expect(await db.calls.count()).toBe(0)
    expect(await db.tracks.count()).toBe(0)
    expect(await db.trackParts.count()).toBe(0)
    expect(await db.audio.count()).toBe(0)
    expect(await db.peaks.count()).toBe(0)
  })

  it('replaces a deleted call when the same audio is imported again', async () => {
    const repo = createLibraryRepository(db)
    const id = SHA_A.slice(0, 16)
    await repo.addCall(newCall(SHA_A, 'old'))
    await repo.deleteCall(id)
    const again = newCall(SHA_A, 'new')
    await repo.addCall({ ...again, call: { ...again.call, tracks: [makeTrack('en', 1)] } })
    const [call] = await repo.listCalls()
    expect(call?.title).toBe('new')
    expect(call?.tracks.map((t) => t.segments.length)).toEqual([1])
  })
})

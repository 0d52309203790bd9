import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { readFileSync } from 'node:fs'
import { Blob as NodeBlob } from 'node:buffer'
import { resolve } from 'node:path'
import type { VerbatimDatabase } from '../../src/db/database'
import { createLibraryRepository } from '../../src/db/library-repository'
import { callIdFor } from '../../src/domain/call-id'
import type { Note } from '../../src/domain/notes'
import { restoreLibrary } from '../../src/domain/restore-library'
import { seconds, type Call, type Track } from '../../src/domain/types'

const SAMPLES = resolve(import.meta.dirname, '../../public/samples')

/** The sample library as the app reads it. */
export function sampleLibrary(): readonly Call[] {
  return restoreLibrary(JSON.parse(readFileSync(resolve(SAMPLES, 'library.json'), 'utf8'))).calls
}

/** The bytes of a sample call's audio file. */
export function sampleAudio(callId: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(SAMPLES, callId, 'audio.mp3')))
}

/** A Blob that survives fake-indexeddb (Node's own; the DOM one comes back as `{}`). */
export function blobOf(bytes: Uint8Array, type = ''): Blob {
  return new NodeBlob([bytes], { type }) as unknown as Blob
}

export const sha256Of = (bytes: Uint8Array): string => bytesToHex(sha256(bytes))

/** Bytes that differ from call to call (a cheap generator: the content does not matter). */
export function noise(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length)
  let x = seed * 2654435761 || 1
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    bytes[i] = x & 0xff
  }
  return bytes
}

/** What an imported call holds, ready for `addCall`. */
export interface StoredCall {
  readonly call: Call
  readonly audioBytes: Uint8Array
  readonly peaks: { binsPerSecond: number; duration: number; peaks: Float32Array }
}

/** An imported call made of these audio bytes and tracks, with the metadata an import writes. */
export function importedCall(
  audioBytes: Uint8Array,
  tracks: readonly Track[],
  overrides: Partial<Call> = {},
): StoredCall {
  const sha = sha256Of(audioBytes)
  const call: Call = {
    id: callIdFor(sha),
    origin: 'imported',
    title: `Call ${sha.slice(0, 6)}`,
    recorded: '2012-04',
    participants: [{ name: 'Investigator', role: 'caller' }, { name: 'Official' }],
    description: 'A recorded call.',
    duration: seconds(12),
    audio: { mimeType: 'audio/mpeg', size: audioBytes.byteLength, sha256: sha },
    provenance: {
      audioOrigin: 'original',
      publisher: 'Publisher',
      originalFile: {
        name: 'call.mp3',
        size: audioBytes.byteLength,
        type: 'audio/mpeg',
        importedAt: '2026-11-30T10:00:00.000Z',
      },
    },
    tracks,
    ...overrides,
  }
  const bins = 120
  const peaks = new Float32Array(bins).map((_, i) => ((i * 37) % 100) / 100)
  return { call, audioBytes, peaks: { binsPerSecond: 10, duration: 12, peaks } }
}

/** Each sample call re-made as an imported call (its real audio and tracks). */
export function importedSamples(): StoredCall[] {
  return sampleLibrary().map((sample) => {
    const bytes = sampleAudio(sample.id)
    const { tracks, title, recorded, participants, description, duration, provenance } = sample
    return importedCall(bytes, tracks, {
      title,
      recorded,
      participants,
      description,
      duration,
      provenance: {
        ...provenance,
        originalFile: {
          name: `${sample.id}.mp3`,
          size: bytes.byteLength,
          type: 'audio/mpeg',
          importedAt: '2026-11-30T10:00:00.000Z',
        },
      },
    })
  })
}

/** Stores calls as an import would. */
export async function addCalls(db: VerbatimDatabase, calls: readonly StoredCall[]): Promise<void> {
  const repository = createLibraryRepository(db)
  for (const { call, audioBytes, peaks } of calls)
    await repository.addCall({ call, audio: blobOf(audioBytes, call.audio.mimeType), peaks })
}

/** Every row of every table, Blobs and peaks as plain bytes, sorted: equal dumps, equal libraries. */
export async function dump(db: VerbatimDatabase) {
  const byKey = <T>(rows: T[], key: (row: T) => string) =>
    rows.sort((a, b) => key(a).localeCompare(key(b)))
  const audio = await Promise.all(
    (await db.audio.toArray()).map(async (row) => ({
      callId: row.callId,
      type: row.blob.type,
      bytes: [...new Uint8Array(await row.blob.arrayBuffer())],
    })),
  )
  return {
    calls: byKey(await db.calls.toArray(), (r) => r.id),
    tracks: byKey(await db.tracks.toArray(), (r) => r.key),
    trackParts: byKey(await db.trackParts.toArray(), (r) => `${r.trackKey}/${r.part}`),
    audio: byKey(audio, (r) => r.callId),
    peaks: byKey(await db.peaks.toArray(), (r) => r.callId).map((row) => ({
      ...row,
      peaks: [...row.peaks],
    })),
    notes: byKey(await db.notes.toArray(), (r) => r.id),
    settings: byKey(await db.settings.toArray(), (r) => r.key),
  }
}

let noteCounter = 0

/** A note on a call, with any field overridden (`undefined` removes an optional one). */
export function noteOn(
  call: Call,
  overrides: { [K in keyof Note]?: Note[K] | undefined } = {},
): Note {
  noteCounter++
  const note = {
    id: `10000000-0000-4000-8000-${String(noteCounter).padStart(12, '0')}`,
    callId: call.id,
    audioSha256: call.audio.sha256,
    start: seconds(1.25),
    end: seconds(3.5),
    quote: { trackId: call.tracks[0]?.id ?? 'en', text: 'a quote' },
    text: `Note ${noteCounter}`,
    tags: ['name'],
    state: 'listened',
    createdAt: '2026-11-30T10:00:00.000Z',
    updatedAt: '2026-11-30T10:00:00.000Z',
    ...overrides,
  }
  return Object.fromEntries(
    Object.entries(note).filter(([, v]) => v !== undefined),
  ) as unknown as Note
}

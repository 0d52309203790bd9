// @vitest-environment node
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import {
  readTrackFile,
  SchemaProblem,
  sha256Hex,
  trackFacts,
  trackFileBytes,
} from '../../../src/archive/archive-files'
import { citationSheetHtml } from '../../../src/archive/citation-sheet'
import {
  BUNDLE_MANIFEST,
  createEvidenceBundle,
  EvidenceBundleError,
  readEvidenceBundle,
  type BundleManifest,
} from '../../../src/archive/evidence-bundle'
import { openZip } from '../../../src/archive/zip'
import { VerbatimDatabase } from '../../../src/db/database'
import { importEvidenceBundle, StorageFullError } from '../../../src/db/evidence-bundle-repository'
import { createLibraryRepository } from '../../../src/db/library-repository'
import { createNotesRepository } from '../../../src/db/notes-repository'
import { callIdFor } from '../../../src/domain/call-id'
import type { Note } from '../../../src/domain/notes'
import { parseNotesJson } from '../../../src/domain/notes-export'
import type { Call } from '../../../src/domain/types'
import { parseWebVtt } from '../../../src/formats/webvtt'
import {
  addCalls,
  blobOf,
  importedSamples,
  noteOn,
  sampleAudio,
  sampleLibrary,
} from '../../helpers/library'
import {
  bytesOf,
  editZip,
  fileOf,
  flipByte,
  indexOf,
  textBytes,
  unzip,
  zipOf,
} from '../../helpers/zip-edit'

const NOW = new Date('2026-12-01T09:00:00.000Z')
const ORIGIN = 'https://verbatim.example/app/'
const PAYLOAD =
  '<img src=x onerror=alert(1)></style><script>alert(2)</script> "quoted" & \'single\''

const open: { db: VerbatimDatabase; name: string }[] = []
let n = 0
function newDatabase(): VerbatimDatabase {
  const name = `bundle-${++n}`
  const db = new VerbatimDatabase(name)
  open.push({ db, name })
  return db
}
afterEach(async () => {
  for (const { db, name } of open.splice(0)) {
    db.close()
    await Dexie.delete(name)
  }
})

/** The Li Changchun sample re-made as an imported call, with notes holding markup. */
function liChangchun(): { call: Call; audio: Uint8Array; notes: Note[] } {
  const stored = importedSamples().find((s) => s.call.title.includes('Li Changchun'))
  if (!stored) throw new Error('sample missing')
  const { call } = stored
  const notes = [
    noteOn(call, { start: 7.687 as Note['start'], end: 10.313 as Note['end'], text: PAYLOAD }),
    noteOn(call, {
      end: undefined,
      quote: { trackId: 'zh', text: PAYLOAD },
      tags: [PAYLOAD, 'name'],
      state: 'disputed',
    }),
    noteOn(call, { quote: undefined, text: 'Line one\nLine two', tags: [] }),
  ]
  return { call, audio: stored.audioBytes, notes }
}

async function bundleOf(call: Call, audio: Uint8Array, notes: readonly Note[]): Promise<Blob> {
  return createEvidenceBundle(call, {
    audio: blobOf(audio, call.audio.mimeType),
    notes,
    appOrigin: ORIGIN,
    now: NOW,
  })
}

const byId = (a: Note, b: Note) => a.id.localeCompare(b.id)

/** Expects the bundle to be refused with a message matching `message`. */
async function expectRefused(file: Blob, message: RegExp): Promise<void> {
  const attempt = readEvidenceBundle(file)
  await expect(attempt).rejects.toBeInstanceOf(EvidenceBundleError)
  await expect(attempt).rejects.toThrow(message)
}

describe('evidence bundle', () => {
  it('reads back the same call, tracks, notes and audio byte for byte', async () => {
    const { call, audio, notes } = liChangchun()
    const bundle = await bundleOf(call, audio, notes)

    const read = await readEvidenceBundle(fileOf(bundle, 'evidence.zip'))

    expect(read.call).toEqual(call)
    expect(new Uint8Array(await read.audio.arrayBuffer())).toEqual(audio)
    expect(read.audio.type).toBe('audio/mpeg')
    expect([...read.notes].sort(byId)).toEqual([...notes].sort(byId))
    expect(read.manifest.call).toMatchObject({
      id: call.id,
      title: call.title,
      recorded: call.recorded,
      audioSha256: call.audio.sha256,
    })
  })

  it('holds the audio, each track as Verbatim JSON and WebVTT, the notes, a sheet and a manifest of hashes', async () => {
    const { call, audio, notes } = liChangchun()
    const files = await unzip(await bundleOf(call, audio, notes))
    const audioName = `audio/${call.provenance.originalFile?.name}`
    expect([...files.keys()]).toEqual([
      BUNDLE_MANIFEST,
      audioName,
      'tracks/1-en.verbatim.json',
      'tracks/1-en.vtt',
      'tracks/2-zh.verbatim.json',
      'tracks/2-zh.vtt',
      'call.json',
      'notes.json',
      'notes.annotations.json',
      'citation-sheet.html',
    ])
    expect(files.get(audioName)).toEqual(audio)

    const manifest = JSON.parse(
      new TextDecoder().decode(files.get(BUNDLE_MANIFEST)),
    ) as BundleManifest
    expect(manifest).toMatchObject({
      format: 'verbatim-evidence-bundle',
      version: 1,
      createdAt: NOW.toISOString(),
      call: { audioSha256: call.audio.sha256, provenance: call.provenance },
      notes: 3,
    })
    // Every other file is listed, with its true size and SHA-256.
    expect(manifest.files.map((f) => f.path).sort()).toEqual(
      [...files.keys()].filter((name) => name !== BUNDLE_MANIFEST).sort(),
    )
    for (const record of manifest.files) {
      const bytes = files.get(record.path) ?? new Uint8Array()
      expect(record).toEqual({
        path: record.path,
        size: bytes.byteLength,
        sha256: sha256Hex(bytes),
      })
    }
    expect(manifest.files.find((f) => f.path === audioName)?.sha256).toBe(call.audio.sha256)

    // The WebVTT reads back as the same cues; the notes file is the lossless notes format.
    const vtt = parseWebVtt(new TextDecoder().decode(files.get('tracks/1-en.vtt')))
    expect(vtt.segments.map((s) => s.text)).toEqual(call.tracks[0]?.segments.map((s) => s.text))
    const notesFile = parseNotesJson(new TextDecoder().decode(files.get('notes.json')))
    expect(notesFile.notes).toHaveLength(3)
    const annotations = JSON.parse(
      new TextDecoder().decode(files.get('notes.annotations.json')),
    ) as {
      type: string
      total: number
    }
    expect(annotations).toMatchObject({ type: 'AnnotationCollection', total: 3 })
    expect(new TextDecoder().decode(files.get('citation-sheet.html'))).toContain(call.audio.sha256)
  })

  it('names the audio after its type when the original file name is unknown (a sample call)', async () => {
    const sample = sampleLibrary().find((c) => c.id === 'tang-junjie-2012-04')
    if (!sample) throw new Error('sample missing')
    const bundle = await bundleOf(sample, sampleAudio(sample.id), [])
    const zip = await openZip(bundle)
    expect(zip.entries.map((e) => e.name)).toContain('audio/audio.mp3')
    const read = await readEvidenceBundle(bundle)
    expect(read.call).toEqual(sample)
    expect(read.notes).toEqual([])
  })

  it('makes a sheet with every note, its times, quote, tags and citation, all as text', async () => {
    const { call, audio, notes } = liChangchun()
    const files = await unzip(await bundleOf(call, audio, notes))
    const html = new TextDecoder().decode(files.get('citation-sheet.html'))
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<script')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;/style&gt;')
    expect(html).toContain('00:00:07.6–00:00:10.3')
    expect(html).toContain(
      'Li Changchun on who is in charge, recorded 2012-04, 00:00:07.6–00:00:10.3',
    )
    expect(html).toContain(`${ORIGIN}#/call/${call.id}?t=7.687,10.313`)
  })

  it('reads a bundle zipped again by another tool that deflated the audio', async () => {
    const { call, audio, notes } = liChangchun()
    const rezipped = await editZip(await bundleOf(call, audio, notes), (_, b) => b, new Map(), {
      compressAll: true,
    })
    expect(indexOf(await bytesOf(rezipped), audio.subarray(5000, 5064))).toBe(-1)
    const read = await readEvidenceBundle(rezipped)
    expect(new Uint8Array(await read.audio.arrayBuffer())).toEqual(audio)
  })

  it('refuses a bundle whose audio was changed by one byte, naming the audio file', async () => {
    const { call, audio, notes } = liChangchun()
    const bytes = await bytesOf(await bundleOf(call, audio, notes))
    const at = indexOf(bytes, audio.subarray(5000, 5064))
    await expectRefused(
      fileOf(flipByte(bytes, at + 3), 'tampered.zip'),
      /^“tampered\.zip” cannot be used as an evidence bundle: audio\/li-changchun-2012-04\.mp3 does not match the SHA-256 in the manifest: it was damaged or changed after the archive was made\. Nothing was imported\.$/,
    )
  })

  it('refuses a bundle with a changed note, a missing file or an extra file', async () => {
    const { call, audio, notes } = liChangchun()
    const bundle = await bundleOf(call, audio, notes)
    const changed = await editZip(bundle, (name, bytes) =>
      name === 'notes.annotations.json'
        ? textBytes(new TextDecoder().decode(bytes).replace('disputed', 'verified'))
        : bytes,
    )
    await expectRefused(
      changed,
      /notes\.annotations\.json does not match the SHA-256 in the manifest/,
    )
    const missing = await editZip(bundle, (name, bytes) =>
      name === 'tracks/2-zh.vtt' ? null : bytes,
    )
    await expectRefused(
      missing,
      /tracks\/2-zh\.vtt is listed in the manifest but missing from the zip/,
    )
    const extra = await editZip(
      bundle,
      (_, b) => b,
      new Map([['tracks/3-fr.vtt', textBytes('WEBVTT\n')]]),
    )
    await expectRefused(
      extra,
      /tracks\/3-fr\.vtt is in the zip but not listed in its manifest, so files were added after it was made/,
    )
  })

  it('refuses a manifest that gives the audio another hash than the call', async () => {
    const { call, audio, notes } = liChangchun()
    const bundle = await bundleOf(call, audio, notes)
    const lying = await editZip(bundle, (name, bytes) => {
      if (name !== BUNDLE_MANIFEST) return bytes
      const manifest = JSON.parse(new TextDecoder().decode(bytes)) as BundleManifest
      return textBytes(
        JSON.stringify({ ...manifest, call: { ...manifest.call, audioSha256: 'f'.repeat(64) } }),
      )
    })
    await expectRefused(
      lying,
      /audio\/li-changchun-2012-04\.mp3 is not the call's audio: its SHA-256 is not the one the manifest gives the call/,
    )
  })

  it('refuses a manifest or a track file whose language is not a language tag', async () => {
    const { call, audio, notes } = liChangchun()
    const bundle = await bundleOf(call, audio, notes)
    const lying = await editZip(bundle, (name, bytes) => {
      if (name !== BUNDLE_MANIFEST) return bytes
      const manifest = JSON.parse(new TextDecoder().decode(bytes)) as BundleManifest
      const tracks = manifest.tracks.map((t, i) => (i === 0 ? { ...t, language: PAYLOAD } : t))
      return textBytes(JSON.stringify({ ...manifest, tracks }))
    })
    await expectRefused(lying, /\$\.tracks\[0\]\.language is not a language tag \(BCP 47\)/)

    const [track] = call.tracks
    if (!track) throw new Error('sample has no track')
    const facts = trackFacts(track)
    const file = (language: string) => trackFileBytes({ ...track, language }) // as a backup or bundle holds it
    expect(readTrackFile(file('zh-Hans'), facts).language).toBe('zh-Hans')
    expect(() => readTrackFile(file('en"><img src=x>'), facts)).toThrow(
      new SchemaProblem('$.language is not a language tag (BCP 47)'),
    )
  })

  it('refuses foreign, damaged and non-zip files clearly', async () => {
    const { call, audio, notes } = liChangchun()
    const bytes = await bytesOf(await bundleOf(call, audio, notes))
    await expectRefused(
      fileOf(textBytes('hello'), 'readme.txt'),
      /^“readme\.txt” cannot be used as an evidence bundle: it is not a zip file\. Nothing was imported\.$/,
    )
    await expectRefused(
      fileOf(bytes.subarray(0, bytes.length - 200), 'cut.zip'),
      /“cut\.zip” cannot be used as an evidence bundle: it starts like a zip file but its table of contents is missing or damaged/,
    )
    await expectRefused(
      await zipOf(new Map([['manifest.json', textBytes('{"format":"something-else"}')]])),
      /^The evidence bundle cannot be used as an evidence bundle: it is not a Verbatim evidence bundle \(its manifest\.json says the format is "something-else"\)\. Nothing was imported\.$/,
    )
    await expectRefused(
      await zipOf(new Map([['a.txt', textBytes('a')]])),
      /it is a zip file but not a Verbatim evidence bundle \(it holds no manifest\.json\)/,
    )
    // A path outside the archive is said as such, not taken for a file cut short.
    const traversing = await editZip(
      await bundleOf(call, audio, notes),
      (_, entry) => entry,
      new Map([['../../outside.txt', textBytes('x')]]),
    )
    await expectRefused(
      fileOf(traversing, 'traversing.zip'),
      /^“traversing\.zip” cannot be used as an evidence bundle: it holds a file whose path leads outside the archive \(“\.\.\/\.\.\/outside\.txt”\), which no Verbatim backup or evidence bundle does\. Nothing was imported\.$/,
    )
  })

  it('the sheet in the bundle is the sheet made from its contents', async () => {
    const { call, audio, notes } = liChangchun()
    const bundle = await bundleOf(call, audio, notes)
    const read = await readEvidenceBundle(bundle)
    const files = await unzip(bundle)
    const sheet = citationSheetHtml({
      call: read.call,
      notes: read.notes,
      files: read.manifest.files.filter((f) => f.path !== 'citation-sheet.html'),
      createdAt: read.manifest.createdAt,
      appOrigin: ORIGIN,
    })
    expect(new TextDecoder().decode(files.get('citation-sheet.html'))).toBe(sheet)
  })
})

describe('importing an evidence bundle', () => {
  const fakePeaks = async () => ({
    binsPerSecond: 10,
    duration: 11.88,
    peaks: new Float32Array([0.1, 0.4, 0.2]),
  })

  it('adds the call with its audio, tracks and notes', async () => {
    const { call, audio, notes } = liChangchun()
    const bundle = await readEvidenceBundle(await bundleOf(call, audio, notes))
    const db = newDatabase()

    const outcome = await importEvidenceBundle(db, bundle, { computePeaks: fakePeaks })

    expect(outcome).toMatchObject({
      callId: call.id,
      call: 'added',
      notesAdded: 3,
      notesUpdated: 0,
    })
    expect(outcome.messages).toEqual([
      'Added “Li Changchun on who is in charge” to the library, with 3 notes added.',
    ])
    const [stored] = await createLibraryRepository(db).listCalls()
    expect(stored).toEqual(call)
    const media = await createLibraryRepository(db).loadMedia(call.id)
    expect(new Uint8Array((await media?.audio.arrayBuffer()) ?? [])).toEqual(audio)
    expect((await createNotesRepository(db).forCall(call.id)).sort(byId)).toEqual(
      [...notes].sort(byId),
    )
  })

  it('keeps a call already in the library and merges the notes without duplicates', async () => {
    const { call, audio, notes } = liChangchun()
    const bundle = await readEvidenceBundle(await bundleOf(call, audio, notes))
    const db = newDatabase()
    const stored = importedSamples().find((s) => s.call.id === call.id)
    if (!stored) throw new Error('no call')
    await addCalls(db, [stored])
    const older = { ...(notes[0] as Note), text: 'older', updatedAt: '2026-01-01T00:00:00.000Z' }
    await createNotesRepository(db).putMany([older])
    let computed = 0

    const outcome = await importEvidenceBundle(db, bundle, {
      computePeaks: async () => {
        computed++
        return fakePeaks()
      },
    })
    const again = await importEvidenceBundle(db, bundle, { computePeaks: fakePeaks })

    expect(computed).toBe(0)
    expect(outcome).toMatchObject({ call: 'already-there', notesAdded: 2, notesUpdated: 1 })
    expect(outcome.messages[0]).toBe(
      '“Li Changchun on who is in charge” is already in the library and was kept as it is; 2 notes added and 1 note updated to a newer version.',
    )
    expect(again).toMatchObject({ call: 'already-there', notesAdded: 0, notesUnchanged: 3 })
    expect(await db.calls.count()).toBe(1)
    expect(await createNotesRepository(db).all()).toHaveLength(3)
  })

  it('a bundle of a sample call adds only its notes, to the sample call', async () => {
    const sample = sampleLibrary().find((c) => c.id === 'li-changchun-2012-04')
    if (!sample) throw new Error('sample missing')
    const note = noteOn(sample, { text: 'On the sample' })
    const bundle = await readEvidenceBundle(await bundleOf(sample, sampleAudio(sample.id), [note]))
    const db = newDatabase()

    const outcome = await importEvidenceBundle(db, bundle, {
      computePeaks: fakePeaks,
      shippedCalls: sampleLibrary(),
    })

    expect(outcome).toMatchObject({ callId: sample.id, call: 'already-there', notesAdded: 1 })
    expect(await db.calls.count()).toBe(0)
    expect((await createNotesRepository(db).forCall(sample.id)).map((n) => n.text)).toEqual([
      'On the sample',
    ])
  })

  it('a bundle of a sample call, imported where the app has no such sample, becomes an imported call', async () => {
    const sample = sampleLibrary().find((c) => c.id === 'zhou-yongkang-2008-05')
    if (!sample) throw new Error('sample missing')
    const note = noteOn(sample)
    const bundle = await readEvidenceBundle(await bundleOf(sample, sampleAudio(sample.id), [note]))
    const db = newDatabase()

    const outcome = await importEvidenceBundle(db, bundle, { computePeaks: fakePeaks, now: NOW })

    const id = callIdFor(sample.audio.sha256)
    expect(outcome.callId).toBe(id)
    const [stored] = await createLibraryRepository(db).listCalls()
    expect(stored).toMatchObject({ id, origin: 'imported', tracks: sample.tracks })
    expect(stored?.audio.url).toBeUndefined()
    expect(stored?.peaksUrl).toBeUndefined()
    expect(stored?.provenance.originalFile).toEqual({
      name: 'audio.mp3',
      size: sample.audio.size,
      type: 'audio/mpeg',
      importedAt: NOW.toISOString(),
    })
    expect((await createNotesRepository(db).forCall(id)).map((n) => n.id)).toEqual([note.id])
  })

  it('a full disk saves nothing of the bundle and says so', async () => {
    const { call, audio, notes } = liChangchun()
    const bundle = await readEvidenceBundle(await bundleOf(call, audio, notes))
    const db = newDatabase()
    db.notes.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    const attempt = importEvidenceBundle(db, bundle, { computePeaks: fakePeaks })
    await expect(attempt).rejects.toBeInstanceOf(StorageFullError)
    await expect(attempt).rejects.toThrow(/Nothing was imported/)
    expect(await db.calls.count()).toBe(0)
    expect(await db.audio.count()).toBe(0)
  })

  it('writes nothing when the peaks cannot be computed', async () => {
    const { call, audio, notes } = liChangchun()
    const bundle = await readEvidenceBundle(await bundleOf(call, audio, notes))
    const db = newDatabase()
    await expect(
      importEvidenceBundle(db, bundle, {
        computePeaks: () => Promise.reject(new Error('cannot decode')),
      }),
    ).rejects.toThrow('cannot decode')
    expect(await db.calls.count()).toBe(0)
    expect(await db.notes.count()).toBe(0)
  })
})

// @vitest-environment node
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { BACKUP_MANIFEST, type BackupManifest } from '../../../src/archive/backup'
import { openZip } from '../../../src/archive/zip'
import {
  BackupFormatError,
  createBackup,
  restoreBackup,
  StorageFullError,
} from '../../../src/db/backup-repository'
import { VerbatimDatabase } from '../../../src/db/database'
import { createLibraryRepository } from '../../../src/db/library-repository'
import { createNotesRepository } from '../../../src/db/notes-repository'
import { createSettingsRepository } from '../../../src/db/settings-repository'
import { makeTrack } from '../../helpers/fixtures'
import {
  addCalls,
  dump,
  importedCall,
  importedSamples,
  noise,
  noteOn,
  sha256Of,
  type StoredCall,
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

const open: { db: VerbatimDatabase; name: string }[] = []
let n = 0

function newDatabase(): VerbatimDatabase {
  const name = `backup-${++n}`
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

const NOW = new Date('2026-12-01T09:00:00.000Z')

/** The three sample calls as imported calls, plus one made of noise with generated tracks. */
function library(): StoredCall[] {
  return [
    ...importedSamples(),
    importedCall(noise(50_000, 7), [
      makeTrack('en', 6),
      makeTrack('fr', 3, { kind: 'translation', timedWords: false }),
    ]),
  ]
}

/** A library with calls, notes (one orphaned) and preferences. */
async function seededDatabase(calls = library()): Promise<VerbatimDatabase> {
  const db = newDatabase()
  await addCalls(db, calls)
  const [first, second] = calls
  if (!first || !second) throw new Error('two calls are needed')
  await createNotesRepository(db).putMany([
    noteOn(first.call),
    noteOn(first.call, { end: undefined, quote: undefined, tags: [], text: 'A moment' }),
    noteOn(second.call, { state: 'verified', tags: ['a', 'b'] }),
    noteOn(first.call, { callId: 'gone-call', audioSha256: 'c'.repeat(64), text: 'Orphan' }),
  ])
  const settings = createSettingsRepository(db)
  await settings.savePlayback({ rate: 1.5, volume: 0.8, muted: false })
  await settings.saveShownTracks(first.call.id, ['en', 'zh'])
  return db
}

async function backupOf(db: VerbatimDatabase, includeAudio = true): Promise<File> {
  return fileOf(await createBackup(db, { includeAudio, now: NOW }), 'library-backup.zip')
}

async function manifestOf(backup: Blob): Promise<BackupManifest> {
  const files = await unzip(backup)
  return JSON.parse(new TextDecoder().decode(files.get(BACKUP_MANIFEST))) as BackupManifest
}

/** Expects the restore to be refused with a message matching `message`, the library unchanged. */
async function expectRefused(file: Blob, message: RegExp): Promise<void> {
  const db = await seededDatabase([
    importedCall(noise(1000, 98), [makeTrack('en', 2)]),
    importedCall(noise(1000, 99), [makeTrack('en', 1)]),
  ])
  const before = await dump(db)
  const attempt = restoreBackup(db, file)
  await expect(attempt).rejects.toBeInstanceOf(BackupFormatError)
  await expect(attempt).rejects.toThrow(message)
  await expect(attempt).rejects.toThrow(/The library was not changed\.$/)
  expect(await dump(db)).toEqual(before)
}

describe('backup and restore', () => {
  it('restores a library into an empty browser exactly: calls, tracks, peaks, audio, notes, settings', async () => {
    const source = await seededDatabase()
    const backup = await backupOf(source)
    const target = newDatabase()

    const outcome = await restoreBackup(target, backup)

    expect(await dump(target)).toEqual(await dump(source))
    expect(outcome).toMatchObject({
      callsAdded: 4,
      callsAlreadyThere: 0,
      callsSkipped: 0,
      notesAdded: 4,
      notesUpdated: 0,
      settingsAdded: 2,
    })
    expect(outcome.messages[0]).toBe('Restored 4 calls and 4 notes.')
    // The restored library reads back through the app's own repository.
    const calls = await createLibraryRepository(target).listCalls()
    const samples = importedSamples()
    const li = samples.find((s) => s.call.title.includes('Li Changchun'))
    expect(calls.find((c) => c.id === li?.call.id)?.tracks).toEqual(li?.call.tracks)
  })

  it('restores a backup made before notes carried their transcript (notes version 1)', async () => {
    const source = await seededDatabase()
    const backup = await backupOf(source)
    const notesFile = (await unzip(backup)).get('notes.json') ?? new Uint8Array()
    const notes = JSON.parse(new TextDecoder().decode(notesFile)) as {
      version: number
      notes: Record<string, unknown>[]
    }
    expect(notes.version).toBe(2)
    expect(notes.notes.filter((note) => 'transcript' in note)).toHaveLength(3)
    // The notes file as Verbatim wrote it in version 1, listed in the manifest as it was.
    const version1 = textBytes(
      JSON.stringify(
        {
          ...notes,
          version: 1,
          notes: notes.notes.map(({ transcript: _, ...note }) => note),
        },
        null,
        2,
      ) + '\n',
    )
    const older = await editZip(backup, (name, bytes) => {
      if (name === 'notes.json') return version1
      if (name !== BACKUP_MANIFEST) return bytes
      const manifest = JSON.parse(new TextDecoder().decode(bytes)) as BackupManifest
      const files = manifest.files.map((file) =>
        file.path === 'notes.json'
          ? { ...file, size: version1.byteLength, sha256: sha256Of(version1) }
          : file,
      )
      return textBytes(JSON.stringify({ ...manifest, files }))
    })
    const target = newDatabase()

    const outcome = await restoreBackup(target, fileOf(older, 'older.zip'))

    expect(outcome).toMatchObject({ callsAdded: 4, notesAdded: 4 })
    expect(await dump(target)).toEqual(await dump(source))
  })

  it('writes the manifest first, then each call, with audio stored byte for byte', async () => {
    const calls = library()
    const backup = await backupOf(await seededDatabase(calls))
    const zip = await openZip(backup)
    expect(zip.entries[0]?.name).toBe(BACKUP_MANIFEST)
    const manifest = await manifestOf(backup)
    expect(manifest).toMatchObject({
      format: 'verbatim-backup',
      version: 1,
      createdAt: NOW.toISOString(),
      includesAudio: true,
      counts: { calls: 4, tracks: 8, audioFiles: 4, notes: 4, settings: 2 },
    })
    const first = calls[0]
    const entry = manifest.calls.find((c) => c.id === first?.call.id)
    expect(entry?.files.map((f) => f.path)).toEqual([
      `calls/${first?.call.id}/call.json`,
      `calls/${first?.call.id}/tracks/1-en.verbatim.json`,
      `calls/${first?.call.id}/tracks/2-zh.verbatim.json`,
      `calls/${first?.call.id}/peaks.f32`,
      `calls/${first?.call.id}/audio.mp3`,
    ])
    // Stored, not deflated: the audio's bytes appear as they are inside the zip.
    const zipBytes = await bytesOf(backup)
    for (const { audioBytes } of calls)
      expect(indexOf(zipBytes, audioBytes.subarray(1000, 1064))).toBeGreaterThan(0)
  })

  it('reports progress up to 1 while writing and restoring', async () => {
    const source = await seededDatabase()
    const written: number[] = []
    const blob = await createBackup(source, {
      includeAudio: true,
      onProgress: (f) => written.push(f),
    })
    expect(written.at(-1)).toBe(1)
    expect(written.every((f, i) => f >= (written[i - 1] ?? 0))).toBe(true)
    const restored: number[] = []
    await restoreBackup(newDatabase(), blob, { onProgress: (f) => restored.push(f) })
    expect(restored.at(-1)).toBe(1)
    expect(restored.length).toBeGreaterThan(2)
  })

  it('leaves out deleted calls and deleted notes', async () => {
    const calls = library()
    const source = await seededDatabase(calls)
    const gone = calls[3]?.call.id ?? ''
    await createLibraryRepository(source).deleteCall(gone)
    const notes = createNotesRepository(source)
    const [firstNote] = await notes.all()
    await notes.remove(firstNote?.id ?? '')

    const manifest = await manifestOf(await backupOf(source))
    expect(manifest.calls.map((c) => c.id)).not.toContain(gone)
    expect(manifest.counts).toMatchObject({ calls: 3, notes: 3 })
  })

  it('restoring the same backup twice adds nothing the second time', async () => {
    const backup = await backupOf(await seededDatabase())
    const target = newDatabase()
    await restoreBackup(target, backup)
    const once = await dump(target)

    const again = await restoreBackup(target, backup)

    expect(await dump(target)).toEqual(once)
    expect(again).toMatchObject({
      callsAdded: 0,
      callsAlreadyThere: 4,
      notesAdded: 0,
      notesUpdated: 0,
      notesUnchanged: 4,
      settingsAdded: 0,
    })
    expect(again.messages).toEqual([
      'Restored 0 calls and 0 notes.',
      '4 calls were already in the library and kept as they were.',
    ])
  })

  it('keeps calls the library already holds as they are and adds the others', async () => {
    const calls = library()
    const backup = await backupOf(await seededDatabase(calls))
    const target = newDatabase()
    const [kept, ...others] = calls
    if (!kept) throw new Error('no call')
    await addCalls(target, [kept])
    await createLibraryRepository(target).updateDetails(kept.call.id, {
      title: 'Renamed here',
      recorded: kept.call.recorded,
      participants: kept.call.participants,
      description: kept.call.description,
      provenance: kept.call.provenance,
    })
    // A note edited here after the backup was made keeps its newer text.
    const note = noteOn(kept.call, { text: 'Edited later', updatedAt: '2027-01-01T00:00:00.000Z' })
    const older = { ...note, text: 'Old text', updatedAt: '2026-11-30T10:00:00.000Z' }
    const withOlder = await seededDatabase(calls)
    await createNotesRepository(withOlder).putMany([older])
    await createNotesRepository(target).putMany([note])

    const outcome = await restoreBackup(target, await backupOf(withOlder))

    expect(outcome.callsAdded).toBe(others.length)
    expect(outcome.callsAlreadyThere).toBe(1)
    expect(outcome.calls.find((c) => c.id === kept.call.id)?.result).toBe('already-there')
    const titles = (await createLibraryRepository(target).listCalls()).map((c) => c.title)
    expect(titles).toContain('Renamed here')
    expect(titles).toHaveLength(calls.length)
    expect((await createNotesRepository(target).get(note.id))?.text).toBe('Edited later')
    void backup
  })

  it('updates a note to the newer version in the backup', async () => {
    const calls = library()
    const source = await seededDatabase(calls)
    const first = calls[0]?.call
    if (!first) throw new Error('no call')
    const note = noteOn(first, { text: 'Newer', updatedAt: '2027-02-01T00:00:00.000Z' })
    await createNotesRepository(source).putMany([note])
    const target = newDatabase()
    await createNotesRepository(target).putMany([
      { ...note, text: 'Older', updatedAt: '2026-12-01T00:00:00.000Z' },
    ])

    const outcome = await restoreBackup(target, await backupOf(source))

    expect(outcome.notesUpdated).toBe(1)
    expect(outcome.messages[0]).toMatch(/updated 1 note to a newer version/)
    expect((await createNotesRepository(target).get(note.id))?.text).toBe('Newer')
  })

  it('a backup without audio restores notes and settings, and skips calls whose audio is not here', async () => {
    const source = await seededDatabase()
    const backup = await backupOf(source, false)
    const manifest = await manifestOf(backup)
    expect(manifest.includesAudio).toBe(false)
    expect(manifest.calls.every((c) => c.audio === undefined)).toBe(true)
    expect(backup.size).toBeLessThan(50_000)

    const target = newDatabase()
    const outcome = await restoreBackup(target, backup)

    expect(outcome).toMatchObject({ callsAdded: 0, callsSkipped: 4, notesAdded: 4 })
    expect(outcome.calls.every((c) => c.result === 'skipped')).toBe(true)
    expect(outcome.messages).toContainEqual(
      expect.stringMatching(
        /^“Li Changchun on who is in charge” was not restored: the backup was made without audio and this library does not hold the recording \(SHA-256 ec464868c45f…\)\. Its notes were kept/,
      ),
    )
    expect(await target.calls.count()).toBe(0)
    // The notes wait as orphans, carrying their audio's hash.
    expect(await createNotesRepository(target).all()).toHaveLength(4)
  })

  it('a backup without audio brings back a deleted call whose audio is still stored', async () => {
    const calls = library()
    const source = await seededDatabase(calls)
    const backup = await backupOf(source, false)
    const deleted = calls[1]
    if (!deleted) throw new Error('no call')
    const target = newDatabase()
    await addCalls(target, [deleted])
    await createLibraryRepository(target).deleteCall(deleted.call.id)

    const outcome = await restoreBackup(target, backup)

    expect(outcome.calls.find((c) => c.id === deleted.call.id)?.result).toBe('added')
    expect(outcome.callsSkipped).toBe(3)
    const [restored] = await createLibraryRepository(target).listCalls()
    expect(restored?.id).toBe(deleted.call.id)
    expect(restored?.tracks).toEqual(deleted.call.tracks)
    const media = await createLibraryRepository(target).loadMedia(deleted.call.id)
    expect(new Uint8Array((await media?.audio.arrayBuffer()) ?? [])).toEqual(deleted.audioBytes)
  })

  it('gives orphaned notes back to their call when it is restored', async () => {
    const calls = library()
    const backup = await backupOf(await seededDatabase(calls))
    const call = calls[2]?.call
    if (!call) throw new Error('no call')
    const target = newDatabase()
    const orphan = noteOn(call, { callId: 'an-older-id', text: 'Made before' })
    await createNotesRepository(target).putMany([orphan])

    await restoreBackup(target, backup)

    expect((await createNotesRepository(target).get(orphan.id))?.callId).toBe(call.id)
  })

  it('a full disk while restoring saves nothing and says so', async () => {
    const backup = await backupOf(await seededDatabase())
    const target = await seededDatabase([
      importedCall(noise(1000, 5), [makeTrack('en', 1)]),
      importedCall(noise(1000, 6), [makeTrack('en', 1)]),
    ])
    const before = await dump(target)
    target.peaks.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    const attempt = restoreBackup(target, backup)
    await expect(attempt).rejects.toBeInstanceOf(StorageFullError)
    await expect(attempt).rejects.toThrow(/Nothing was restored/)
    expect(await dump(target)).toEqual(before)
  })

  it('stops with nothing changed when aborted', async () => {
    const backup = await backupOf(await seededDatabase())
    const target = newDatabase()
    const controller = new AbortController()
    controller.abort(new DOMException('Stopped', 'AbortError'))
    await expect(restoreBackup(target, backup, { signal: controller.signal })).rejects.toThrow(
      'Stopped',
    )
    await expect(
      createBackup(target, { includeAudio: true, signal: controller.signal }),
    ).rejects.toThrow('Stopped')
    expect(await target.calls.count()).toBe(0)
  })
})

describe('a restore refuses, changing nothing', () => {
  it('a file that is not a zip', async () => {
    await expectRefused(
      fileOf(textBytes('WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n'), 'notes.vtt'),
      /^“notes\.vtt” cannot be restored: it is not a zip file\./,
    )
  })

  it('a zip that is not a Verbatim backup', async () => {
    const foreign = await zipOf(new Map([['photo.jpg', textBytes('not really a photo')]]))
    await expectRefused(
      fileOf(foreign, 'holiday.zip'),
      /“holiday\.zip” cannot be restored: it is a zip file but not a Verbatim backup \(it holds no verbatim-backup\.json\)/,
    )
  })

  it('a backup cut short', async () => {
    const bytes = await bytesOf(await backupOf(await seededDatabase()))
    await expectRefused(
      fileOf(bytes.subarray(0, Math.floor(bytes.length / 2)), 'partial.zip'),
      /“partial\.zip” cannot be restored: it starts like a zip file but its table of contents is missing or damaged \(the file may have been cut short/,
    )
  })

  it('a backup of a newer version', async () => {
    const backup = await backupOf(await seededDatabase())
    const newer = await editZip(backup, (name, bytes) => {
      if (name !== BACKUP_MANIFEST) return bytes
      const manifest = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>
      return textBytes(JSON.stringify({ ...manifest, version: 2 }))
    })
    await expectRefused(
      fileOf(newer, 'future.zip'),
      /“future\.zip” cannot be restored: it is a backup of version 2, made by a newer Verbatim; this one reads version 1, so update Verbatim to restore it\./,
    )
  })

  it('a manifest that is not well formed', async () => {
    const backup = await backupOf(await seededDatabase())
    const broken = await editZip(backup, (name, bytes) => {
      if (name !== BACKUP_MANIFEST) return bytes
      const manifest = JSON.parse(new TextDecoder().decode(bytes)) as BackupManifest
      return textBytes(JSON.stringify({ ...manifest, calls: [{ ...manifest.calls[0], id: 7 }] }))
    })
    await expectRefused(
      fileOf(broken, 'b.zip'),
      /verbatim-backup\.json is not valid: \$\.calls\[0\]\.id must be text, not 7/,
    )
  })

  it('one flipped byte inside the audio, naming the file', async () => {
    const calls = library()
    const backup = await backupOf(await seededDatabase(calls))
    const bytes = await bytesOf(backup)
    const audio = calls[0]?.audioBytes ?? new Uint8Array()
    const at = indexOf(bytes, audio.subarray(2000, 2064))
    const entry = `calls/${calls[0]?.call.id}/audio.mp3`
    await expectRefused(
      fileOf(flipByte(bytes, at + 10), 'flipped.zip'),
      new RegExp(
        `“flipped\\.zip” cannot be restored: ${entry.replace(/\./g, '\\.')} does not match the SHA-256 in the manifest: it was damaged or changed after the archive was made\\.`,
      ),
    )
  })

  it('one flipped byte inside a compressed track file, naming the file', async () => {
    const calls = library()
    const backup = await backupOf(await seededDatabase(calls))
    const entry = `calls/${calls[0]?.call.id}/tracks/1-en.verbatim.json`
    // Changed and zipped again, so the zip itself is sound: only the manifest's hash can tell.
    const changed = await editZip(backup, (name, bytes) =>
      name === entry ? flipByte(bytes, 40) : bytes,
    )
    await expectRefused(
      fileOf(changed, 'changed.zip'),
      new RegExp(`${entry.replace(/\./g, '\\.')} does not match the SHA-256 in the manifest`),
    )
    // Flipped inside the compressed data: the zip's own check (or the hash) finds it.
    const raw = await bytesOf(backup)
    const damagedAt = indexOf(raw, textBytes(entry)) + entry.length + 20
    await expectRefused(
      fileOf(flipByte(raw, damagedAt), 'x.zip'),
      new RegExp(
        `“x\\.zip” cannot be restored: ${entry.replace(/\./g, '\\.')} (is damaged|does not match)`,
      ),
    )
  })

  it('a file missing from the zip', async () => {
    const calls = library()
    const entry = `calls/${calls[1]?.call.id}/peaks.f32`
    const backup = await backupOf(await seededDatabase(calls))
    const missing = await editZip(backup, (name, bytes) => (name === entry ? null : bytes))
    await expectRefused(
      fileOf(missing, 'm.zip'),
      new RegExp(
        `${entry.replace(/\./g, '\\.')} is listed in the manifest but missing from the zip`,
      ),
    )
  })

  it('a file whose path leads outside the archive, without saying the backup was cut short', async () => {
    const backup = await backupOf(await seededDatabase())
    for (const outside of ['../../evil.txt', '/etc/evil.txt']) {
      const traversing = await editZip(
        backup,
        (_, bytes) => bytes,
        new Map([[outside, textBytes('x')]]),
      )
      await expectRefused(
        fileOf(traversing, 'evil.zip'),
        new RegExp(
          `^“evil\\.zip” cannot be restored: it holds a file whose path leads outside the archive \\(“${outside.replace(/\./g, '\\.')}”\\), which no Verbatim backup or evidence bundle does\\. The library was not changed\\.$`,
        ),
      )
    }
  })

  it('a file the manifest does not list', async () => {
    const backup = await backupOf(await seededDatabase())
    const added = await editZip(
      backup,
      (_, bytes) => bytes,
      new Map([['calls/extra.txt', textBytes('hi')]]),
    )
    await expectRefused(
      fileOf(added, 'a.zip'),
      /calls\/extra\.txt is in the zip but not listed in its manifest, so files were added after it was made/,
    )
  })
})

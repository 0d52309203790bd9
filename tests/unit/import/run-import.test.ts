// @vitest-environment node
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { File as NodeFile } from 'node:buffer'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { VerbatimDatabase } from '../../../src/db/database'
import { createLibraryRepository } from '../../../src/db/library-repository'
import { ImportError, runImport, type CallForm } from '../../../src/features/import/run-import'

const FORM: CallForm = {
  title: '',
  recorded: '',
  participants: '',
  description: '',
  publisher: '',
  sourceUrl: '',
  audioOrigin: 'original',
  transcribedBy: '',
  translatedBy: '',
}

/** A 16-bit mono PCM WAV of `count` samples, with the sample rate given. */
function wav(name: string, rate: number, count: number, declaredData = count * 2): File {
  const bytes = Buffer.alloc(44 + count * 2)
  bytes.write('RIFF', 0, 'ascii')
  bytes.writeUInt32LE(bytes.length - 8, 4)
  bytes.write('WAVEfmt ', 8, 'ascii')
  bytes.writeUInt32LE(16, 16)
  bytes.writeUInt16LE(1, 20)
  bytes.writeUInt16LE(1, 22)
  bytes.writeUInt32LE(rate, 24)
  bytes.writeUInt32LE(rate === 0xffffffff ? 0 : rate * 2, 28)
  bytes.writeUInt16LE(2, 32)
  bytes.writeUInt16LE(16, 34)
  bytes.write('data', 36, 'ascii')
  bytes.writeUInt32LE(declaredData, 40)
  return new NodeFile([bytes], name, { type: 'audio/wav' }) as unknown as File
}

let db: VerbatimDatabase | null = null
afterEach(async () => {
  vi.unstubAllGlobals()
  db?.close()
  await Dexie.delete('run-import')
})

async function expectNothingWritten(audio: File, message: RegExp): Promise<void> {
  db = new VerbatimDatabase('run-import')
  const attempt = runImport(
    { audio, sha256: 'a'.repeat(64), transcripts: [], form: FORM, onProgress: () => {} },
    createLibraryRepository(db),
  )
  await expect(attempt).rejects.toBeInstanceOf(ImportError)
  await expect(attempt).rejects.toThrow(message)
  expect(await db.calls.count()).toBe(0)
  expect(await db.audio.count()).toBe(0)
  expect(await db.peaks.count()).toBe(0)
}

describe('runImport refuses audio before writing anything', () => {
  it('the WAV of issue 13 (sample rate 0xFFFFFFFF, data size 0xFFFFFFF0), even without a media element', async () => {
    await expectNothingWritten(
      wav('impossible.wav', 0xffffffff, 500, 0xfffffff0),
      /^impossible\.wav: the WAV file is damaged: its sample rate of 4294967295 Hz is more than any recording has\. Nothing was imported\.$/,
    )
  })

  it('a file the media element cannot open, though its samples could be read', async () => {
    class Unopenable extends EventTarget {
      error = { message: 'DEMUXER_ERROR_COULD_NOT_OPEN' }
      duration = NaN
      preload = ''
      set src(_url: string) {
        queueMicrotask(() => this.dispatchEvent(new Event('error')))
      }
      removeAttribute() {}
      load() {}
    }
    vi.stubGlobal('Audio', Unopenable)
    await expectNothingWritten(
      wav('tone.wav', 8000, 8000),
      /^tone\.wav cannot be imported: this browser cannot open it as audio \(DEMUXER_ERROR_COULD_NOT_OPEN\)\. Nothing was saved\.$/,
    )
  })

  it('a WAV without a single sample', async () => {
    await expectNothingWritten(
      wav('empty.wav', 8000, 0),
      /^empty\.wav cannot be imported: it holds no sound\. Nothing was saved\.$/,
    )
  })
})

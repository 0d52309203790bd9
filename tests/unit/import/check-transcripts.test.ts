import { describe, expect, it } from 'vitest'
import { seconds } from '../../../src/domain/types'
import { checkTranscripts, refusedTranscripts } from '../../../src/features/import/run-import'
import type { PickedTranscript } from '../../../src/features/import/picked-transcript'
import { makeTrack } from '../../helpers/fixtures'

function picked(
  fileName: string,
  segments = makeTrack('x', 3).segments,
  kind: 'original' | 'translation' = 'original',
): PickedTranscript {
  return {
    key: fileName,
    fileName,
    parsed: { format: 'webvtt', segments, warnings: [] },
    language: 'en',
    languageGuess: { tag: 'en', sure: true, reason: 'declared', candidates: [] },
    kind,
    label: 'English',
  }
}

describe('checkTranscripts', () => {
  it('keeps transcripts that fit the audio and refuses one far longer, naming it', () => {
    const long = makeTrack('x', 100).segments // runs to 400 s
    const result = checkTranscripts([picked('fits.vtt'), picked('long.vtt', long)], 20)
    expect(result.imported).toEqual(['fits.vtt'])
    expect(result.notImported).toHaveLength(1)
    expect(result.notImported[0]).toMatch(
      /^long\.vtt: the transcript runs to 06:40 but the audio lasts 00:20/,
    )
  })

  it('passes on a file that could not be read, with its own message', () => {
    const result = checkTranscripts(
      [{ key: 'b', fileName: 'b.srt', error: 'b.srt: line 3: bad' }],
      20,
    )
    expect(result).toEqual({ tracks: [], imported: [], notImported: ['b.srt: line 3: bad'] })
  })

  it("gives tracks unique ids and points translations at the call's original", () => {
    const result = checkTranscripts(
      [
        picked('a.vtt'),
        picked('b.vtt', undefined, 'translation'),
        picked('c.vtt', undefined, 'translation'),
      ],
      20,
      [{ ...makeTrack('en', 1), id: 'en' }],
    )
    expect(result.tracks.map((t) => t.id)).toEqual(['en-2', 'en-3', 'en-4'])
    // The call already has an original: new translations point at it.
    expect(result.tracks.map((t) => t.translatedFrom)).toEqual([undefined, 'en', 'en'])
    const fresh = checkTranscripts([picked('b.vtt', undefined, 'translation'), picked('a.vtt')], 20)
    expect(fresh.tracks.map((t) => [t.id, t.kind, t.translatedFrom])).toEqual([
      ['en', 'translation', 'en-2'],
      ['en-2', 'original', undefined],
    ])
  })

  it('runs a last segment that has no end to the end of the audio', () => {
    const segments = [
      { id: 's-1', start: seconds(0), end: seconds(5), text: 'a' },
      { id: 's-2', start: seconds(5), end: seconds(5), text: 'b' },
    ]
    const [track] = checkTranscripts([picked('p.txt', segments)], 12).tracks
    expect(track?.segments.at(-1)?.end).toBe(12)
    expect(track?.segments[0]?.end).toBe(5)
  })
})

describe('refusedTranscripts', () => {
  it('says before the import which transcripts checkTranscripts will refuse', () => {
    const long = makeTrack('x', 100).segments
    const picks = [
      picked('fits.vtt'),
      picked('long.vtt', long),
      { key: 'b', fileName: 'b.srt', error: 'b.srt: line 3: bad' },
    ]
    expect(refusedTranscripts(picks, 20)).toEqual(checkTranscripts(picks, 20).notImported)
    // Without the audio's length, only the files that could not be read.
    expect(refusedTranscripts(picks, null)).toEqual(['b.srt: line 3: bad'])
  })
})

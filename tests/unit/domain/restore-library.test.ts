import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  LibraryFormatError,
  restoreLibrary,
  restorePeaks,
} from '../../../src/domain/restore-library'

const SHA = 'ab'.repeat(32)
const SAMPLES = resolve(import.meta.dirname, '../../../public/samples')

/** A minimal valid library file, as parsed JSON; each call builds a fresh copy to mutate. */
function minimalLibrary() {
  return {
    version: 1,
    calls: [
      {
        id: 'call-1',
        title: 'A call',
        recorded: '2012-04',
        participants: [{ name: 'Caller', role: 'Investigator' }, { name: 'Official' }],
        description: 'What was said.',
        duration: 12.5,
        audio: { url: 'samples/call-1/audio.mp3', mimeType: 'audio/mpeg', size: 1000, sha256: SHA },
        peaksUrl: 'samples/call-1/peaks.json',
        provenance: { audioOrigin: 'original', publisher: 'Publisher' },
        tracks: [
          {
            id: 'en',
            language: 'en',
            kind: 'original',
            label: 'English',
            segments: [
              {
                id: 's1',
                start: 0.5,
                end: 3,
                speaker: 'Caller',
                text: 'Hello there',
                words: [
                  { start: 0.5, end: 1, text: 'Hello' },
                  { start: 1.2, end: 3, text: 'there' },
                ],
              },
              { id: 's2', start: 4, end: 6, text: 'Second' },
            ],
          },
          {
            id: 'zh',
            language: 'zh-Hans',
            kind: 'translation',
            label: '中文',
            translatedFrom: 'en',
            credit: 'Translator',
            segments: [{ id: 'z1', start: 0.5, end: 6, text: '你好' }],
          },
        ],
      },
    ],
  }
}

type Json = Record<string, unknown>

/** The object at a path inside parsed JSON, for tests that break one field on purpose. */
function at(root: unknown, ...path: (string | number)[]): Json {
  let value = root
  for (const key of path) value = (value as Json)[key]
  if (typeof value !== 'object' || value === null) throw new Error(`nothing at ${path.join('.')}`)
  return value as Json
}

/** A fresh minimal library, changed by the test. */
function libraryWith(change: (library: Json) => void): unknown {
  const library = minimalLibrary()
  change(library)
  return library
}

function errorOf(run: () => unknown): LibraryFormatError {
  try {
    run()
  } catch (error) {
    if (error instanceof LibraryFormatError) return error
    throw error
  }
  throw new Error('expected a LibraryFormatError, but nothing was thrown')
}

describe('restoreLibrary with a minimal valid library', () => {
  const library = restoreLibrary(minimalLibrary())
  const call = library.calls[0]

  it('keeps the calls and their fields', () => {
    expect(library.version).toBe(1)
    expect(library.calls).toHaveLength(1)
    expect(call).toMatchObject({
      id: 'call-1',
      title: 'A call',
      recorded: '2012-04',
      description: 'What was said.',
      duration: 12.5,
      peaksUrl: 'samples/call-1/peaks.json',
      audio: { url: 'samples/call-1/audio.mp3', mimeType: 'audio/mpeg', size: 1000, sha256: SHA },
    })
  })

  it('keeps participants, leaving out a missing role', () => {
    expect(call?.participants).toEqual([
      { name: 'Caller', role: 'Investigator' },
      { name: 'Official' },
    ])
    expect(call?.participants[1]).not.toHaveProperty('role')
  })

  it('keeps provenance without undefined properties', () => {
    expect(call?.provenance).toEqual({ audioOrigin: 'original', publisher: 'Publisher' })
    expect(Object.keys(call?.provenance ?? {}).sort()).toEqual(['audioOrigin', 'publisher'])
  })

  it('keeps tracks, segments and words', () => {
    const [en, zh] = call?.tracks ?? []
    expect(en).toMatchObject({ id: 'en', language: 'en', kind: 'original', label: 'English' })
    expect(en).not.toHaveProperty('translatedFrom')
    expect(en).not.toHaveProperty('credit')
    expect(zh).toMatchObject({
      id: 'zh',
      language: 'zh-Hans',
      kind: 'translation',
      translatedFrom: 'en',
      credit: 'Translator',
    })
    expect(en?.segments[0]).toEqual({
      id: 's1',
      start: 0.5,
      end: 3,
      speaker: 'Caller',
      text: 'Hello there',
      words: [
        { start: 0.5, end: 1, text: 'Hello' },
        { start: 1.2, end: 3, text: 'there' },
      ],
    })
    expect(en?.segments[1]).toEqual({ id: 's2', start: 4, end: 6, text: 'Second' })
    expect(en?.segments[1]).not.toHaveProperty('speaker')
    expect(en?.segments[1]).not.toHaveProperty('words')
  })

  it('accepts an empty list of calls', () => {
    expect(restoreLibrary({ version: 1, calls: [] })).toEqual({ version: 1, calls: [] })
  })

  it('drops fields it does not know', () => {
    const restored = restoreLibrary(libraryWith((l) => (l.extra = true)))
    expect(restored).not.toHaveProperty('extra')
  })
})

describe('restoreLibrary normalisation', () => {
  const segmentsOf = (library: ReturnType<typeof restoreLibrary>, track = 0) =>
    library.calls[0]?.tracks[track]?.segments ?? []

  it('sorts unsorted segments by start, then by end', () => {
    const restored = restoreLibrary(
      libraryWith((l) => {
        at(l, 'calls', 0, 'tracks', 0).segments = [
          { id: 'c', start: 9, end: 10, text: 'c' },
          { id: 'b2', start: 4, end: 8, text: 'b2' },
          { id: 'a', start: 1, end: 2, text: 'a' },
          { id: 'b1', start: 4, end: 5, text: 'b1' },
        ]
      }),
    )
    expect(segmentsOf(restored).map((s) => s.id)).toEqual(['a', 'b1', 'b2', 'c'])
  })

  it('keeps the file order of segments that share a start and an end', () => {
    const restored = restoreLibrary(
      libraryWith((l) => {
        at(l, 'calls', 0, 'tracks', 0).segments = [
          { id: 'y', start: 2, end: 3, text: 'y' },
          { id: 'x', start: 2, end: 3, text: 'x' },
          { id: 'a', start: 1, end: 2, text: 'a' },
        ]
      }),
    )
    expect(segmentsOf(restored).map((s) => s.id)).toEqual(['a', 'y', 'x'])
  })

  it('does not reorder the input array', () => {
    const input = minimalLibrary()
    const segments = at(input, 'calls', 0, 'tracks', 0, 'segments') as unknown as Json[]
    segments.reverse()
    restoreLibrary(input)
    expect(segments.map((s) => s.id)).toEqual(['s2', 's1'])
  })

  it('raises a segment end before its start to the start', () => {
    const restored = restoreLibrary(
      libraryWith((l) => (at(l, 'calls', 0, 'tracks', 0, 'segments', 1).end = 2)),
    )
    expect(segmentsOf(restored)[1]).toMatchObject({ id: 's2', start: 4, end: 4 })
  })

  it('sorts by the normalised end', () => {
    const restored = restoreLibrary(
      libraryWith((l) => {
        at(l, 'calls', 0, 'tracks', 0).segments = [
          { id: 'later', start: 4, end: 5, text: '' },
          { id: 'reversed', start: 4, end: 1, text: '' },
        ]
      }),
    )
    expect(segmentsOf(restored).map((s) => [s.id, s.end])).toEqual([
      ['reversed', 4],
      ['later', 5],
    ])
  })

  it('raises a word end before its start to the start', () => {
    const restored = restoreLibrary(
      libraryWith((l) => (at(l, 'calls', 0, 'tracks', 0, 'segments', 0, 'words', 1).end = 0)),
    )
    expect(segmentsOf(restored)[0]?.words?.[1]).toEqual({ start: 1.2, end: 1.2, text: 'there' })
  })

  it('lowercases the sha256', () => {
    const restored = restoreLibrary(
      libraryWith((l) => (at(l, 'calls', 0, 'audio').sha256 = SHA.toUpperCase())),
    )
    expect(restored.calls[0]?.audio.sha256).toBe(SHA)
  })

  it('defaults a missing description to empty text', () => {
    const restored = restoreLibrary(libraryWith((l) => delete at(l, 'calls', 0).description))
    expect(restored.calls[0]?.description).toBe('')
  })

  it('reads any kind other than translation as original', () => {
    const restored = restoreLibrary(
      libraryWith((l) => (at(l, 'calls', 0, 'tracks', 0).kind = 'transcript')),
    )
    expect(restored.calls[0]?.tracks.map((t) => t.kind)).toEqual(['original', 'translation'])
  })

  it.each([['synthetic'], ['unknown'], [undefined]])(
    'reads the audio origin %j as synthetic',
    (audioOrigin) => {
      const restored = restoreLibrary(
        libraryWith((l) => (at(l, 'calls', 0).provenance = { audioOrigin })),
      )
      expect(restored.calls[0]?.provenance).toEqual({ audioOrigin: 'synthetic' })
    },
  )
})

describe('restoreLibrary errors', () => {
  it.each<[string, unknown, string]>([
    ['not an object', null, 'library should be an object'],
    ['an array', [], 'library should be an object'],
    ['a string', 'library', 'library should be an object'],
    ['no version', { calls: [] }, 'library.version should be 1'],
    ['version 2', { version: 2, calls: [] }, 'library.version should be 1'],
    ['version "1"', { version: '1', calls: [] }, 'library.version should be 1'],
    ['calls not a list', { version: 1, calls: {} }, 'library.calls should be a list'],
    ['a call not an object', { version: 1, calls: [42] }, 'calls[0] should be an object'],
  ])('rejects %s', (_, value, message) => {
    const error = errorOf(() => restoreLibrary(value))
    expect(error).toBeInstanceOf(LibraryFormatError)
    expect(error.name).toBe('LibraryFormatError')
    expect(error.message).toBe(message)
  })

  const call = (l: Json, ...path: (string | number)[]) => at(l, 'calls', 0, ...path)

  it.each<[string, (l: Json) => void, string]>([
    ['a missing title', (l) => delete call(l).title, 'calls[0].title should be text'],
    ['a numeric title', (l) => (call(l).title = 5), 'calls[0].title should be text'],
    ['a missing id', (l) => delete call(l).id, 'calls[0].id should be text'],
    ['a missing recorded date', (l) => delete call(l).recorded, 'calls[0].recorded should be text'],
    ['a missing peaksUrl', (l) => delete call(l).peaksUrl, 'calls[0].peaksUrl should be text'],
    ['a missing audio', (l) => delete call(l).audio, 'calls[0].audio should be an object'],
    ['an audio list', (l) => (call(l).audio = []), 'calls[0].audio should be an object'],
    [
      'a missing provenance',
      (l) => delete call(l).provenance,
      'calls[0].provenance should be an object',
    ],
    [
      'a numeric provenance note',
      (l) => (call(l, 'provenance').note = 1),
      'calls[0].provenance.note should be text',
    ],
    [
      'a missing audio url',
      (l) => delete call(l, 'audio').url,
      'calls[0].audio.url should be text',
    ],
    [
      'a short sha256',
      (l) => (call(l, 'audio').sha256 = 'abc'),
      'calls[0].audio.sha256 should be 64 hex digits',
    ],
    [
      'a non-hex sha256',
      (l) => (call(l, 'audio').sha256 = 'g'.repeat(64)),
      'calls[0].audio.sha256 should be 64 hex digits',
    ],
    [
      'a 65-digit sha256',
      (l) => (call(l, 'audio').sha256 = `${SHA}a`),
      'calls[0].audio.sha256 should be 64 hex digits',
    ],
    [
      'a sha256 with whitespace',
      (l) => (call(l, 'audio').sha256 = ` ${SHA}`),
      'calls[0].audio.sha256 should be 64 hex digits',
    ],
    [
      'a numeric sha256',
      (l) => (call(l, 'audio').sha256 = 5),
      'calls[0].audio.sha256 should be text',
    ],
    [
      'a negative audio size',
      (l) => (call(l, 'audio').size = -1),
      'calls[0].audio.size should be a time in seconds',
    ],
    [
      'a negative duration',
      (l) => (call(l).duration = -1),
      'calls[0].duration should be a time in seconds',
    ],
    [
      'an infinite duration',
      (l) => (call(l).duration = Infinity),
      'calls[0].duration should be a time in seconds',
    ],
    [
      'a text duration',
      (l) => (call(l).duration = '10'),
      'calls[0].duration should be a time in seconds',
    ],
    [
      'participants not a list',
      (l) => (call(l).participants = 'x'),
      'calls[0].participants should be a list',
    ],
    [
      'a participant without a name',
      (l) => delete call(l, 'participants', 1).name,
      'calls[0].participants[1].name should be text',
    ],
    [
      'a numeric participant role',
      (l) => (call(l, 'participants', 1).role = 1),
      'calls[0].participants[1].role should be text',
    ],
    ['missing tracks', (l) => delete call(l).tracks, 'calls[0].tracks should be a list'],
    [
      'a track without a language',
      (l) => delete call(l, 'tracks', 1).language,
      'calls[0].tracks[1].language should be text',
    ],
    [
      'a track without segments',
      (l) => delete call(l, 'tracks', 1).segments,
      'calls[0].tracks[1].segments should be a list',
    ],
    [
      'a numeric translatedFrom',
      (l) => (call(l, 'tracks', 1).translatedFrom = 1),
      'calls[0].tracks[1].translatedFrom should be text',
    ],
    [
      'a negative segment start',
      (l) => (call(l, 'tracks', 0, 'segments', 1).start = -0.5),
      'calls[0].tracks[0].segments[1].start should be a time in seconds',
    ],
    [
      'a NaN segment end',
      (l) => (call(l, 'tracks', 0, 'segments', 1).end = NaN),
      'calls[0].tracks[0].segments[1].end should be a time in seconds',
    ],
    [
      'a missing segment id',
      (l) => delete call(l, 'tracks', 0, 'segments', 1).id,
      'calls[0].tracks[0].segments[1].id should be text',
    ],
    [
      'a segment without text',
      (l) => delete call(l, 'tracks', 1, 'segments', 0).text,
      'calls[0].tracks[1].segments[0].text should be text',
    ],
    [
      'a numeric speaker',
      (l) => (call(l, 'tracks', 0, 'segments', 0).speaker = 2),
      'calls[0].tracks[0].segments[0].speaker should be text',
    ],
    [
      'words not a list',
      (l) => (call(l, 'tracks', 0, 'segments', 0).words = {}),
      'calls[0].tracks[0].segments[0].words should be a list',
    ],
    [
      'a negative word start',
      (l) => (call(l, 'tracks', 0, 'segments', 0, 'words', 1).start = -1),
      'calls[0].tracks[0].segments[0].words[1].start should be a time in seconds',
    ],
    [
      'a word without text',
      (l) => delete call(l, 'tracks', 0, 'segments', 0, 'words', 0).text,
      'calls[0].tracks[0].segments[0].words[0].text should be text',
    ],
    [
      'a track language that is markup, not a language tag',
      (l) => (call(l, 'tracks', 0).language = 'en"><img src=x>'),
      'calls[0].tracks[0].language should be a language tag (BCP 47)',
    ],
    [
      'a track language that is a name, not a tag',
      (l) => (call(l, 'tracks', 0).language = 'English'),
      'calls[0].tracks[0].language should be a language tag (BCP 47)',
    ],
  ])('names the field for %s', (_, change, message) => {
    const error = errorOf(() => restoreLibrary(libraryWith(change)))
    expect(error).toBeInstanceOf(LibraryFormatError)
    expect(error.message).toBe(message)
  })

  it('names the index of the failing call', () => {
    const error = errorOf(() =>
      restoreLibrary(
        libraryWith((l) => {
          const second: Json = { ...call(l), id: 'call-2' }
          delete second.title
          ;(l.calls as unknown[]).push(second)
        }),
      ),
    )
    expect(error.message).toBe('calls[1].title should be text')
  })
})

describe('restoreLibrary with the shipped sample library', () => {
  const path = resolve(SAMPLES, 'library.json')
  const library = restoreLibrary(JSON.parse(readFileSync(path, 'utf8')))

  it('has the three sample calls', () => {
    expect(library.calls).toHaveLength(3)
    expect(new Set(library.calls.map((c) => c.id)).size).toBe(3)
    expect(library.calls.map((c) => c.id)).toContain('li-changchun-2012-04')
  })

  it.each([0, 1, 2])('call %d has an English original and a zh-Hans translation of it', (i) => {
    const call = library.calls[i]
    const original = call?.tracks.find((t) => t.kind === 'original')
    const translation = call?.tracks.find((t) => t.kind === 'translation')
    expect(original?.language).toBe('en')
    expect(translation?.language).toBe('zh-Hans')
    expect(translation?.translatedFrom).toBe(original?.id)
    expect(original?.segments.length).toBeGreaterThan(0)
    expect(translation?.segments.length).toBeGreaterThan(0)
  })

  it.each([0, 1, 2])('call %d has sorted segments within its duration and a sha256', (i) => {
    const call = library.calls[i]
    if (!call) throw new Error(`no call ${i}`)
    expect(call.audio.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(call.duration).toBeGreaterThan(0)
    for (const track of call.tracks) {
      track.segments.forEach((segment, j) => {
        expect(segment.end).toBeGreaterThanOrEqual(segment.start)
        expect(segment.end).toBeLessThanOrEqual(call.duration)
        const previous = track.segments[j - 1]
        if (previous) expect(segment.start).toBeGreaterThanOrEqual(previous.start)
      })
    }
  })
})

describe('restorePeaks', () => {
  it('restores a valid peaks file', () => {
    expect(
      restorePeaks({ version: 1, duration: 2, binsPerSecond: 2, peaks: [[0, 0.5, 1, 0.25]] }),
    ).toEqual({ version: 1, duration: 2, binsPerSecond: 2, peaks: [[0, 0.5, 1, 0.25]] })
  })

  it('keeps several channels', () => {
    const peaks = restorePeaks({ duration: 1, binsPerSecond: 1, peaks: [[0.1], [0.2]] })
    expect(peaks.peaks).toEqual([[0.1], [0.2]])
    expect(peaks.version).toBe(1)
  })

  it.each<[string, unknown, string]>([
    ['not an object', 'peaks', 'peaks should be an object'],
    ['no peaks', { duration: 1, binsPerSecond: 1 }, 'peaks.peaks should be a list'],
    [
      'no channels',
      { duration: 1, binsPerSecond: 1, peaks: [] },
      'peaks.peaks should have a channel',
    ],
    [
      'a channel not a list',
      { duration: 1, binsPerSecond: 1, peaks: [[0], 3] },
      'peaks.peaks[1] should be a list',
    ],
    [
      'a non-number peak',
      { duration: 1, binsPerSecond: 1, peaks: [[0, '1']] },
      'peaks.peaks[0] should hold numbers',
    ],
    [
      'a NaN peak',
      { duration: 1, binsPerSecond: 1, peaks: [[0, NaN]] },
      'peaks.peaks[0] should hold numbers',
    ],
    [
      'a missing duration',
      { binsPerSecond: 1, peaks: [[0]] },
      'peaks.duration should be a time in seconds',
    ],
    [
      'a negative binsPerSecond',
      { duration: 1, binsPerSecond: -1, peaks: [[0]] },
      'peaks.binsPerSecond should be a time in seconds',
    ],
  ])('rejects %s', (_, value, message) => {
    const error = errorOf(() => restorePeaks(value))
    expect(error).toBeInstanceOf(LibraryFormatError)
    expect(error.message).toBe(message)
  })

  it('accepts the shipped peaks files', () => {
    for (const id of ['li-changchun-2012-04', 'tang-junjie-2012-04', 'zhou-yongkang-2008-05']) {
      const path = resolve(SAMPLES, id, 'peaks.json')
      const peaks = restorePeaks(JSON.parse(readFileSync(path, 'utf8')))
      expect(peaks.peaks.length).toBeGreaterThan(0)
      expect(peaks.duration).toBeGreaterThan(0)
    }
  })
})

describe('restoreLibrary: provenance history', () => {
  const edit = {
    at: '2026-11-30T14:02:00.000Z',
    field: 'publisher',
    from: 'Publisher',
    to: 'Other',
  }

  function withProvenance(provenance: Record<string, unknown>) {
    const file = minimalLibrary()
    Object.assign(file.calls[0]!.provenance, provenance)
    return file
  }

  it('keeps the edits and the imported file’s facts, in order', () => {
    const originalFile = { name: 'a.mp3', size: 10, type: 'audio/mpeg', importedAt: 'then' }
    const later = { ...edit, at: '2026-12-01T00:00:00.000Z', from: 'Other', to: 'Third' }
    const [call] = restoreLibrary(withProvenance({ edits: [edit, later], originalFile })).calls
    expect(call?.provenance.edits).toEqual([edit, later])
    expect(call?.provenance.originalFile).toEqual(originalFile)
  })

  it('leaves the history out when there is none', () => {
    expect(restoreLibrary(minimalLibrary()).calls[0]?.provenance).not.toHaveProperty('edits')
  })

  it('names an edit of an unknown field, or one without its values', () => {
    expect(() => restoreLibrary(withProvenance({ edits: [{ ...edit, field: 'title' }] }))).toThrow(
      'calls[0].provenance.edits[0].field should name a provenance field',
    )
    expect(() => restoreLibrary(withProvenance({ edits: [{ ...edit, to: 3 }] }))).toThrow(
      LibraryFormatError,
    )
    expect(() => restoreLibrary(withProvenance({ edits: 'none' }))).toThrow(
      'calls[0].provenance.edits should be a list',
    )
  })
})

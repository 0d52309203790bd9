import { describe, expect, it } from 'vitest'
import { parseJsonText } from '../../../src/formats/json-text'
import { toLanguageTag } from '../../../src/formats/language-tag'
import { looksLikeWhisperJson, parseWhisperJson } from '../../../src/formats/whisper-json'
import { expectGolden, expectWellFormed, parseError, readFixture } from './format-files'

/** A whisper-timestamped result, as its `--output_format json` writes it, built here. */
function whisperTimestamped(
  segments: { start: number; end: number; text: string }[],
  language = 'en',
) {
  return JSON.stringify({
    text: segments.map((s) => ` ${s.text}`).join(''),
    segments: segments.map((s, id) => ({
      id,
      seek: 0,
      start: s.start,
      end: s.end,
      text: ` ${s.text}`,
      tokens: [50364, 50414],
      temperature: 0,
      avg_logprob: -0.4,
      compression_ratio: 0.9,
      no_speech_prob: 0.6,
      confidence: 0.5,
      words: s.text.split(' ').map((text, i, all) => ({
        text,
        start: s.start + ((s.end - s.start) * i) / all.length,
        end: s.start + ((s.end - s.start) * (i + 1)) / all.length,
        confidence: 0.5,
      })),
    })),
    language,
  })
}

describe('parseWhisperJson on whisper-timestamped output', () => {
  it('reads segments with timed words and confidences, and the language', () => {
    const parsed = parseWhisperJson(
      whisperTimestamped([
        { start: 0.36, end: 2.5, text: 'Desk sergeant, go ahead.' },
        { start: 3, end: 4.2, text: 'Unit nine, over.' },
      ]),
    )
    expectWellFormed(parsed)
    expect(parsed.language).toBe('en')
    expect(parsed.warnings).toEqual([])
    expect(parsed.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [0.36, 2.5, 'Desk sergeant, go ahead.'],
      [3, 4.2, 'Unit nine, over.'],
    ])
    expect(parsed.segments.flatMap((s) => s.words ?? [])).toHaveLength(7)
    expect(parsed.segments[1]?.words?.[0]).toEqual({ start: 3, end: 3.4, text: 'Unit' })
  })

  it('keeps French punctuation attached to its word', async () => {
    const parsed = parseWhisperJson(readFixture('whisper-fr.words.json'))
    expectWellFormed(parsed)
    expect(parsed.language).toBe('fr')
    expect(parsed.segments[0]?.text).toBe('Pouvez-vous répéter le numéro ?')
    expect(parsed.segments[0]?.words?.map((w) => w.text)).toEqual([
      'Pouvez-vous',
      'répéter',
      'le',
      'numéro ?',
    ])
    await expectGolden(parsed, 'whisper-timestamped-fr')
  })

  it('imports a repeated line (a hallucination on silence) and warns about the repeats', () => {
    const sorry = Array.from({ length: 29 }, (_, i) => ({
      start: i * 2,
      end: i * 2 + 1.5,
      text: "I'm sorry.",
    }))
    const parsed = parseWhisperJson(whisperTimestamped(sorry))
    expectWellFormed(parsed)
    expect(parsed.segments).toHaveLength(29)
    expect(new Set(parsed.segments.map((s) => s.text))).toEqual(new Set(["I'm sorry."]))
    expect(parsed.warnings.map((w) => w.message).join(' ')).toMatch(
      /29 segments repeat.*hallucination/,
    )
  })

  it('does not call two repeats a hallucination, nor one stock line on an empty recording', () => {
    const twice = whisperTimestamped([
      { start: 0, end: 1, text: 'Hello?' },
      { start: 2, end: 3, text: 'Hello?' },
    ])
    expect(parseWhisperJson(twice).warnings).toEqual([])
    const parsed = parseWhisperJson(
      whisperTimestamped([{ start: 0, end: 2.52, text: 'Thanks for watching!' }]),
    )
    expect(parsed.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [0, 2.52, 'Thanks for watching!'],
    ])
    expect(parsed.warnings).toEqual([])
  })
})

describe('parseWhisperJson on each producer', () => {
  it('reads vanilla openai-whisper: leading spaces trimmed, empty segments dropped', async () => {
    const parsed = parseWhisperJson(readFixture('whisper-openai.json'))
    expectWellFormed(parsed)
    expect(parsed.segments.map((s) => s.text)).toEqual([
      'And so my fellow Americans, ask not what your country can do for you,',
      'ask what you can do for your country.',
    ])
    const americans = parsed.segments[0]?.words?.find((w) => w.text === 'Americans,')
    // openai-whisper's own test: "Americans" spans t = 1.8 s.
    expect(americans!.start).toBeLessThanOrEqual(1.8)
    expect(americans!.end).toBeGreaterThanOrEqual(1.8)
    expect(
      parsed.segments.flatMap((s) => s.words ?? []).every((w) => w.text === w.text.trim()),
    ).toBe(true)
    await expectGolden(parsed, 'whisper-openai')
  })

  it('reads a faster-whisper dump that is a bare list of segments', () => {
    const parsed = parseWhisperJson(readFixture('faster-whisper-list.json'))
    expect(parsed.segments).toHaveLength(2)
    expect(parsed.segments[1]?.words).toHaveLength(8)
  })

  it('reads the OpenAI API verbose_json: language name to code, top-level words into their segments', async () => {
    const parsed = parseWhisperJson(readFixture('whisper-api-verbose.json'))
    expect(parsed.language).toBe('en')
    expect(parsed.segments.map((s) => s.words?.length)).toEqual([14, 8])
    expect(parsed.segments[1]?.words?.[0]).toEqual({ start: 8.2, end: 8.56, text: 'ask' })
    await expectGolden(parsed, 'whisper-api-verbose')
  })

  it('reads whisper.cpp -oj: offsets in milliseconds', () => {
    const parsed = parseWhisperJson(readFixture('whisper-cpp.json'))
    expect(parsed.segments.map((s) => [s.start, s.end])).toEqual([[0, 11]])
    expect(parsed.segments[0]?.text).toMatch(/^And so my fellow Americans,.*your country\.$/)
    expect(parsed.segments[0]?.words).toBeUndefined()
    expect(parsed.language).toBe('en')
  })

  it('reads whisper.cpp -ojf: sub-word tokens joined into words, special tokens skipped, split characters refused', async () => {
    const parsed = parseWhisperJson(readFixture('whisper-cpp-full.json'))
    expectWellFormed(parsed)
    const words = parsed.segments[0]?.words ?? []
    expect(words.map((w) => w.text).slice(0, 6)).toEqual([
      'And',
      'so',
      'my',
      'fellow',
      'Americans,',
      'ask',
    ])
    expect(words[4]).toEqual({ start: 1.34, end: 2.2, text: 'Americans,' })
    expect(parsed.segments[1]?.words?.at(-1)?.text).toBe('country.')
    expect(parsed.segments[2]?.text).toBe('ありがとうございます')
    expect(parsed.segments[2]?.words).toBeUndefined()
    expect(parsed.warnings.map((w) => w.message).join(' ')).toMatch(/split inside a character/)
    expect(parsed.language).toBe('en')
    await expectGolden(parsed, 'whisper-cpp-full')
  })

  it('reads WhisperX: speakers kept, unaligned words left out of the words but not the text', async () => {
    const parsed = parseWhisperJson(readFixture('whisperx.json'))
    expectWellFormed(parsed)
    expect(parsed.segments.map((s) => s.speaker)).toEqual(['SPEAKER_00', 'SPEAKER_01', undefined])
    const second = parsed.segments[1]!
    expect(second.text).toBe('Hi, I was charged $49.99 twice on March 3rd, 2024.')
    expect(second.words?.map((w) => w.text)).toEqual([
      'Hi,',
      'I',
      'was',
      'charged',
      'twice',
      'on',
      'March',
    ])
    expect(parsed.warnings.map((w) => w.message)).toContain(
      '3 word(s) have no timing (the aligner could not place them); their text is kept in the segment.',
    )
    await expectGolden(parsed, 'whisperx')
  })

  it('reads transformers chunks, with a null end on the last one', () => {
    const parsed = parseWhisperJson(readFixture('transformers-chunks.json'))
    expect(parsed.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [0, 7.6, 'And so my fellow Americans, ask not what your country can do for you,'],
      [7.6, 7.6, 'ask what you can do for your country.'],
    ])
    expect(parsed.warnings.map((w) => w.message)).toContain(
      'The last chunk has no end time (the audio was cut off).',
    )
  })

  it('groups word-level transformers chunks into sentences, breaking at pauses', () => {
    const parsed = parseWhisperJson(readFixture('transformers-word-chunks.json'))
    expect(parsed.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [0, 2.2, 'And so my fellow Americans,'],
      [
        3.22,
        10.6,
        'ask not what your country can do for you, ask what you can do for your country.',
      ],
    ])
    expect(parsed.segments[1]?.words).toHaveLength(17)
  })

  it('moves chunks whose clock restarts at a window boundary to follow the earlier ones', () => {
    const text = JSON.stringify({
      text: 'one two three',
      chunks: [
        { timestamp: [0, 14.5], text: ' one' },
        { timestamp: [14.5, 29.8], text: ' two' },
        { timestamp: [0.2, 12], text: ' three' },
      ],
    })
    const parsed = parseWhisperJson(text)
    expect(parsed.segments.map((s) => [s.start, s.text])).toEqual([
      [0, 'one'],
      [14.5, 'two'],
      [29.8, 'three'],
    ])
    expect(parsed.warnings[0]?.message).toMatch(/restart/)
  })

  it('uses insanely-fast-whisper speaker turns when present', () => {
    const text = JSON.stringify({
      text: 'Hello there. Hi.',
      chunks: [
        { timestamp: [0, 0.5], text: ' Hello' },
        { timestamp: [0.5, 1], text: ' there.' },
        { timestamp: [1.4, 1.8], text: ' Hi.' },
      ],
      speakers: [
        { speaker: 'SPEAKER_00', timestamp: [0, 1], text: ' Hello there.' },
        { speaker: 'SPEAKER_01', timestamp: [1.4, 1.8], text: ' Hi.' },
      ],
    })
    const parsed = parseWhisperJson(text)
    expect(parsed.segments.map((s) => [s.speaker, s.text, s.words?.length])).toEqual([
      ['SPEAKER_00', 'Hello there.', 2],
      ['SPEAKER_01', 'Hi.', 1],
    ])
  })

  it('sorts segments that come out of order and says so', () => {
    const text = JSON.stringify({
      segments: [
        { start: 5, end: 6, text: 'later' },
        { start: 1, end: 2, text: 'earlier' },
      ],
    })
    const parsed = parseWhisperJson(text)
    expect(parsed.segments.map((s) => s.text)).toEqual(['earlier', 'later'])
    expect(parsed.warnings[0]?.message).toMatch(/sorted/)
  })
})

describe('parseWhisperJson errors', () => {
  it('names the line of a JSON syntax error', () => {
    const text = '{\n  "segments": [\n    {"start": 0, "end": 1, "text": "a"},\n  ]\n}\n'
    const error = parseError(() => parseWhisperJson(text))
    expect(error.line).toBe(4)
    expect(error.message).toBe(
      'line 4: Not valid JSON, so not a Whisper JSON transcript: unexpected "]".',
    )
  })

  it('names the last line of a truncated file', () => {
    const whole = readFixture('whisperx.json')
    const cut = whole.slice(0, whole.indexOf('"Let"'))
    const error = parseError(() => parseWhisperJson(cut))
    expect(error.line).toBe(cut.split('\n').length)
    expect(error.message).toMatch(/ends too early/)
  })

  it('counts CRLF and CR line breaks', () => {
    expect(parseError(() => parseWhisperJson('{\r\n"a":\r\n}')).line).toBe(3)
    expect(parseError(() => parseWhisperJson('{\r"a":\r}')).line).toBe(3)
  })

  it.each([
    [
      '{"segments": [{"start": "0.0", "end": 1, "text": "a"}]}',
      '"segments[0].start" should be a number of seconds, found "0.0".',
    ],
    ['{"segments": {}}', '"segments" should be an array, found an object.'],
    ['{"segments": [3]}', '"segments[0]" should be an object, found 3.'],
    [
      '{"segments": [{"start": 0, "end": "x", "text": "a"}]}',
      '"segments[0].end" should be a number of seconds or null, found "x".',
    ],
    [
      '{"segments": [{"start": 0, "text": ["a"]}]}',
      '"segments[0].text" should be a string, found an array.',
    ],
    [
      '{"transcription": [{"text": " hi"}]}',
      'transcription[0]: expected "offsets" {from, to} in milliseconds or "timestamps" {from, to}.',
    ],
    [
      '{"chunks": [{"text": "hi", "timestamp": 3}]}',
      '"chunks[0].timestamp" should be an array [start, end], found 3.',
    ],
    [
      '{"foo": 1}',
      'This JSON has no "segments", "transcription" or "chunks", so it is not a Whisper transcript.',
    ],
    ['42', 'Expected a JSON object with "segments", "transcription" or "chunks", found 42.'],
    [
      '{"segments": [{"start": 0, "end": 1, "text": " "}]}',
      'The Whisper JSON has no segment with text.',
    ],
    ['  \n', 'The file is empty, so it is not a Whisper JSON transcript.'],
  ])('rejects %s', (text, message) => {
    expect(parseError(() => parseWhisperJson(text)).message).toBe(message)
  })
})

describe('looksLikeWhisperJson', () => {
  it('is confident about every producer', () => {
    expect(looksLikeWhisperJson(readFixture('whisper-fr.words.json'))).toBeGreaterThanOrEqual(0.9)
    expect(
      looksLikeWhisperJson(whisperTimestamped([{ start: 0, end: 1, text: 'Hi.' }])),
    ).toBeGreaterThanOrEqual(0.9)
    for (const name of [
      'whisper-openai.json',
      'whisper-api-verbose.json',
      'whisper-cpp.json',
      'whisper-cpp-full.json',
      'whisperx.json',
      'transformers-chunks.json',
      'transformers-word-chunks.json',
    ]) {
      expect(looksLikeWhisperJson(readFixture(name), name)).toBeGreaterThanOrEqual(0.9)
    }
  })

  it('is unsure about a generic list of segments and rejects other formats', () => {
    expect(looksLikeWhisperJson('{"segments": [{"start": 0, "end": 1, "text": "a"}]}')).toBe(0.6)
    expect(looksLikeWhisperJson(readFixture('alignment.json'))).toBe(0)
    expect(looksLikeWhisperJson(readFixture('interview.otr'))).toBe(0)
    expect(looksLikeWhisperJson('WEBVTT\n\n00:00.000 --> 00:01.000\n"segments": [')).toBe(0)
  })
})

describe('shared JSON helpers', () => {
  it('skips a byte order mark', () => {
    expect(parseJsonText('\uFEFF{"a": 1}', 'test')).toEqual({ a: 1 })
  })

  it.each([
    ['english', 'en'],
    ['English', 'en'],
    ['en', 'en'],
    ['eng', 'en'],
    ['jw', 'jv'],
    ['haitian creole', 'ht'],
    ['pt_BR', 'pt-BR'],
    ['klingon', undefined],
    ['', undefined],
    [3, undefined],
  ])('reads the language %s as %s', (value, tag) => {
    expect(toLanguageTag(value)).toBe(tag)
  })
})

#!/usr/bin/env node
/**
 * Generates the recordings and transcripts under `tests/fixtures/calls/` that the browser tests
 * import: synthetic speech of sentences the project wrote, so that `npm test` needs nothing but
 * the repository (the real recordings of the shared corpus are for `npm run test:corpus`).
 *
 * Usage: node scripts/make-test-calls.mjs
 *
 * Needs Node 20 and the Debian tools espeak-ng, sox and lame, and ffmpeg for FLAC
 * (`apt-get install -y espeak-ng sox libsox-fmt-all ffmpeg lame`). The tests do not: the outputs
 * are committed. The output is deterministic for a given set of tool versions.
 *
 * Timing model: each sentence is synthesised on its own and its leading and trailing digital
 * silence cut, so its length is a sample count; sentences are laid out on one timeline with fixed
 * pauses. A segment runs from the start of its sentence's speech to the start of the next one (the
 * last to the end of the file), so segments meet and the playhead is always in one. A word ends
 * where the speech of the sentence's words up to it ends (each prefix synthesised and measured).
 * The MP3 is encoded without a LAME/Xing tag and with the codec delay cut from the lead-in silence,
 * so it decodes in line with the timeline (as scripts/make-sample-library.mjs does).
 */

import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readWav16, speechBounds, writeWav16 } from './wav-files.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const OUT_DIR = path.join(ROOT, 'tests', 'fixtures', 'calls')

const SPEECH_RATE = 22050
const OUT_RATE = 16000
const LEAD_IN = 0.5
const PAUSE = 0.6
const TAIL = 0.6
/** LAME's encoder delay plus the MP3 decoder's synthesis filterbank delay, in samples. */
const MP3_CODEC_DELAY = 576 + 529

const VOICES = {
  Investigator: { voice: 'en-us+m3', speed: 165, pitch: 50 },
  Official: { voice: 'en+f3', speed: 150, pitch: 40 },
  Narrator: { voice: 'en-us+m1', speed: 160, pitch: 45 },
}

/** A two-voice call of six turns, streamed as MP3, with one transcript in each format the tests import. */
const TWO_VOICES = [
  ['Investigator', 'Good morning. I am calling about the meeting on the fourth of May.'],
  ['Official', 'Yes, I was there. The committee met in the afternoon.'],
  ['Investigator', 'Who was in charge of the arrangements that day?'],
  ['Official', 'The secretary took care of everything, as she always does.'],
  ['Investigator', 'Thank you. I will write that down in my notes.'],
  ['Official', 'You are welcome. Goodbye.'],
]

/** A short statement by one voice, as FLAC (decoded whole by the browser). */
const STATEMENT = [
  ['Narrator', 'This recording was made for the Verbatim tests.'],
  ['Narrator', 'Every word in it was written by the project.'],
  ['Narrator', 'It is played back exactly, word for word.'],
]

function run(cmd, args) {
  return execFileSync(cmd, args, { maxBuffer: 1 << 28 })
}

let scratch = ''

/** A sentence spoken by `speaker`, with its silence cut. */
function speak(speaker, text) {
  const { voice, speed, pitch } = VOICES[speaker]
  const file = path.join(scratch, 'say.wav')
  run('espeak-ng', ['-v', voice, '-s', String(speed), '-p', String(pitch), '-w', file, text])
  const { samples } = readWav16(file)
  const { start, end } = speechBounds(samples)
  return samples.slice(start, end)
}

/** A sentence's speech and where each of its words ends, in samples from the sentence's start. */
function sentence(speaker, text) {
  const speech = speak(speaker, text)
  const words = text.split(' ')
  const ends = []
  for (let k = 1; k <= words.length; k++) {
    const measured =
      k === words.length ? speech.length : speak(speaker, words.slice(0, k).join(' ')).length
    ends.push(Math.min(speech.length, Math.max(ends.at(-1) ?? 0, measured)))
  }
  return { speaker, text, speech, words, ends }
}

const at = (samples) => Number((samples / SPEECH_RATE).toFixed(3))

/** Lays sentences out on one timeline; returns the samples and the segments with their words. */
function timeline(lines) {
  const spoken = lines.map(([speaker, text]) => sentence(speaker, text))
  const lead = Math.round(LEAD_IN * SPEECH_RATE)
  const pause = Math.round(PAUSE * SPEECH_RATE)
  const tail = Math.round(TAIL * SPEECH_RATE)
  const total =
    lead + spoken.reduce((sum, s) => sum + s.speech.length, 0) + pause * (spoken.length - 1) + tail
  const samples = new Int16Array(total)
  let cursor = lead
  const starts = spoken.map((s) => {
    const start = cursor
    samples.set(s.speech, start)
    cursor += s.speech.length + pause
    return start
  })
  const segments = spoken.map((s, i) => {
    const start = starts[i]
    const end = starts[i + 1] ?? total
    return {
      speaker: s.speaker,
      text: s.text,
      start: at(start),
      end: at(end),
      words: s.words.map((word, k) => ({
        text: word,
        start: at(start + (k === 0 ? 0 : s.ends[k - 1])),
        end: at(start + s.ends[k]),
      })),
    }
  })
  return { samples, duration: at(total), segments }
}

function clock(seconds, separator) {
  const ms = Math.round(seconds * 1000)
  const pad = (n, width = 2) => String(n).padStart(width, '0')
  const h = Math.floor(ms / 3_600_000)
  const m = Math.floor(ms / 60_000) % 60
  const s = Math.floor(ms / 1000) % 60
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms % 1000, 3)}`
}

function webvtt(segments) {
  const cues = segments.map(
    (s) => `${clock(s.start, '.')} --> ${clock(s.end, '.')}\n<v ${s.speaker}>${s.text}`,
  )
  return `WEBVTT\n\n${cues.join('\n\n')}\n`
}

function srt(segments) {
  const cues = segments.map(
    (s, i) => `${i + 1}\n${clock(s.start, ',')} --> ${clock(s.end, ',')}\n${s.speaker}: ${s.text}`,
  )
  return `${cues.join('\n\n')}\n`
}

/** An aeneas sync map (`--output-format json`): one fragment a line, times as strings. */
function aeneasJson(segments) {
  const fragments = segments.map((s, i) => ({
    begin: s.start.toFixed(3),
    children: [],
    end: s.end.toFixed(3),
    id: `f${String(i + 1).padStart(6, '0')}`,
    language: 'en',
    lines: [s.text],
  }))
  return `${JSON.stringify({ fragments }, null, 2)}\n`
}

/** A Praat TextGrid (long text form) with one interval tier; the lead-in is an empty interval. */
function textGrid(segments, duration) {
  const intervals = [{ start: 0, end: segments[0].start, text: '' }, ...segments]
  const quote = (text) => `"${text.replaceAll('"', '""')}"`
  const lines = [
    'File type = "ooTextFile"',
    'Object class = "TextGrid"',
    '',
    'xmin = 0',
    `xmax = ${duration}`,
    'tiers? <exists>',
    'size = 1',
    'item []:',
    '    item [1]:',
    '        class = "IntervalTier"',
    '        name = "Call"',
    '        xmin = 0',
    `        xmax = ${duration}`,
    `        intervals: size = ${intervals.length}`,
    ...intervals.flatMap((s, i) => [
      `        intervals [${i + 1}]:`,
      `            xmin = ${s.start}`,
      `            xmax = ${s.end}`,
      `            text = ${quote(s.text)}`,
    ]),
  ]
  return `${lines.join('\n')}\n`
}

/** whisper-timestamped's JSON: segments with word times and confidences (here all 1). */
function whisperWords(segments) {
  const result = {
    text: segments.map((s) => ` ${s.text}`).join(''),
    segments: segments.map((s, id) => ({
      id,
      seek: 0,
      start: s.start,
      end: s.end,
      text: ` ${s.text}`,
      confidence: 1,
      words: s.words.map((w) => ({ text: w.text, start: w.start, end: w.end, confidence: 1 })),
    })),
    language: 'en',
  }
  return `${JSON.stringify(result, null, 2)}\n`
}

function write(name, content) {
  fs.writeFileSync(path.join(OUT_DIR, name), content)
  return name
}

function main() {
  for (const [tool, flag] of [
    ['espeak-ng', '--version'],
    ['sox', '--version'],
    ['lame', '--version'],
    ['ffmpeg', '-version'],
  ]) {
    try {
      run(tool, [flag])
    } catch {
      throw new Error(
        `${tool} not found; apt-get install -y espeak-ng sox libsox-fmt-all ffmpeg lame`,
      )
    }
  }
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-calls-'))
  fs.mkdirSync(OUT_DIR, { recursive: true })
  try {
    const call = timeline(TWO_VOICES)
    const callWav = path.join(scratch, 'two-voices.wav')
    writeWav16(callWav, SPEECH_RATE, call.samples)
    const resampled = path.join(scratch, 'two-voices-16k.wav')
    run('sox', ['-R', '-D', callWav, '-b', '16', resampled, 'rate', '-v', String(OUT_RATE)])
    const encoderInput = path.join(scratch, 'two-voices-input.wav')
    run('sox', ['-R', '-D', resampled, encoderInput, 'trim', `${MP3_CODEC_DELAY}s`])
    // -t: no LAME/Xing tag, so no decoder trims the encoder delay (it was cut above instead).
    run('lame', [
      '--quiet',
      '-t',
      '-m',
      'm',
      '-b',
      '32',
      '--cbr',
      '--resample',
      '16',
      encoderInput,
      path.join(OUT_DIR, 'two-voices.mp3'),
    ])
    write('two-voices.vtt', webvtt(call.segments))
    write('two-voices.srt', srt(call.segments))
    write('two-voices.aeneas.json', aeneasJson(call.segments))
    write('two-voices.TextGrid', textGrid(call.segments, call.duration))
    write('two-voices.words.json', whisperWords(call.segments))

    const statement = timeline(STATEMENT)
    const statementWav = path.join(scratch, 'statement.wav')
    writeWav16(statementWav, SPEECH_RATE, statement.samples)
    const statement16k = path.join(scratch, 'statement-16k.wav')
    run('sox', ['-R', '-D', statementWav, '-b', '16', statement16k, 'rate', '-v', String(OUT_RATE)])
    run('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      statement16k,
      '-map_metadata',
      '-1',
      '-fflags',
      '+bitexact',
      '-flags:a',
      '+bitexact',
      '-c:a',
      'flac',
      '-compression_level',
      '8',
      path.join(OUT_DIR, 'statement.flac'),
    ])
    write('statement.vtt', webvtt(statement.segments))
    // The JSON files as the repository's format check wants them.
    run(path.join(ROOT, 'node_modules', '.bin', 'prettier'), [
      '--log-level',
      'warn',
      '--write',
      path.join(OUT_DIR, '*.json'),
    ])

    console.log(`two-voices: ${call.duration} s`)
    for (const s of call.segments) console.log(`  ${s.start}–${s.end} ${s.speaker}: ${s.text}`)
    console.log(`statement: ${statement.duration} s`)
    for (const s of statement.segments) console.log(`  ${s.start}–${s.end} ${s.speaker}: ${s.text}`)
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true })
  }
}

main()

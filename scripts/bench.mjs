#!/usr/bin/env node
// Measures Verbatim against the performance budgets of shared/product.md on a 3-hour call with
// 6,000 segments and 90,000 words, through the real UI of a production build in headless
// Chromium, and prints one table (also written to docs/benchmarks.md, with the machine).
//
//   npm run bench              (not part of `npm test`; --no-write leaves docs/benchmarks.md alone)
//
// The inputs are made once (espeak-ng, sox or ffmpeg, lame, opusenc) and cached outside the
// repository in ${XDG_CACHE_HOME:-~/.cache}/verbatim-bench/. The app is built into a temporary
// folder (dist/ is left alone) and served there by `vite preview` on port 4192. CHROMIUM_PATH
// overrides the browser. What each row measures is written out in docs/benchmarks.md.
/* global window, document, location, requestAnimationFrame, getComputedStyle,
   addEventListener, Audio -- functions run in the page via Playwright */
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { basename, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { gzipSync } from 'node:zlib'
import * as prettier from 'prettier'
import {
  cacheDir,
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
  median,
  ms,
  progress,
  quantile,
  readLongTasks,
  removeTemporaryDir,
  requireChromium,
  root,
  run,
  runAsync,
  sleep,
  SPEECH_TOOLS,
  startPreview,
  stopPreview,
  WORDS,
} from './bench-lib.mjs'
import { requireTools } from './require-tools.mjs'

// Not on the Fetch standard's "bad ports" list, which Chromium refuses to load.
const PORT = 4192
const SEGMENTS = 6000
const WORDS_PER_SEGMENT = 15
const SEGMENT_SECONDS = 1.8
const CALL_SECONDS = SEGMENTS * SEGMENT_SECONDS // 10,800 s: 3 hours
const RATE = 22050
const MP3_KBPS = 40
const OPUS_KBPS = 24
const WARM_RELOADS = 5
const OPEN_RUNS = 7
const SEEKS = 50
const AUDIO_SEEKS = 20
const PLAYBACK_MS = 60_000
const HASH_TIMEOUT_MS = 300_000
const IMPORT_TIMEOUT_MS = 600_000

const input = {
  mp3: join(cacheDir, 'call-3h.mp3'),
  opus: join(cacheDir, 'call-3h.opus'),
  english: join(cacheDir, 'call-3h.en.json'),
  chinese: join(cacheDir, 'call-3h.zh-Hans.vtt'),
}
const MP3_IN_BUILD = 'bench-3h.mp3'
const TITLE_MP3 = 'Bench: 3-hour call (MP3)'
const TITLE_OPUS = 'Bench: 3-hour call (Opus)'
const DOCS = join(root, 'docs', 'benchmarks.md')

// ---------------------------------------------------------------------------------------------
// The inputs

const round = (s) => Math.round(s * 1000) / 1000

/** Two speakers taking turns of 1 to 4 segments. */
function speakerOf() {
  const turns = [3, 2, 4, 1, 2, 3]
  const speakers = []
  let turn = 0
  let left = turns[0]
  let speaker = 0
  for (let i = 0; i < SEGMENTS; i++) {
    if (left === 0) {
      turn++
      left = turns[turn % turns.length]
      speaker = 1 - speaker
    }
    left--
    speakers.push(speaker)
  }
  return speakers
}

/** Verbatim JSON: 6,000 segments of 1.8 s, 15 timed words each (90,000 words), one per line. */
function englishTrack(speakers) {
  const names = ['Investigator', 'Official']
  const wordSeconds = SEGMENT_SECONDS / WORDS_PER_SEGMENT
  const segments = speakers.map((speaker, i) => {
    const start = i * SEGMENT_SECONDS
    const words = Array.from({ length: WORDS_PER_SEGMENT }, (_, j) => ({
      start: round(start + j * wordSeconds),
      end: round(start + (j + 1) * wordSeconds),
      text: WORDS[(i * WORDS_PER_SEGMENT + j) % WORDS.length],
    }))
    return {
      start: round(start),
      end: round(start + SEGMENT_SECONDS),
      speaker: names[speaker],
      text: words.map((w) => w.text).join(' '),
      words,
    }
  })
  const head = {
    format: 'verbatim-transcript',
    version: 1,
    language: 'en',
    label: 'English (generated)',
    kind: 'original',
  }
  const lines = segments.map((s) => JSON.stringify(s)).join(',\n')
  return `${JSON.stringify(head).slice(0, -1)},"segments":[\n${lines}\n]}\n`
}

/** Chinese sentences, roughly what the speech says. */
const CHINESE = [
  '电话是晚上九点一刻打来的。',
  '打电话的人说，货物星期二已经离开了仓库。',
  '仓库那边没有任何人签收。',
  '请您再说一遍地址，慢一点，一个数字一个数字地说。',
  '我想确定我们把警察派到正确的大楼，而不是街对面那栋。',
  '她回答说，从春天起就没有见过他。',
  '他以前星期天常来，可是为了钱吵过一架以后，他就再也不打电话了。',
  '好的。请不要挂电话。',
  '现在房子里还有别人和您在一起吗？',
  '好。把门锁好，如果听到外面有什么动静就告诉我。',
]

/** WebVTT: the same 6,000 cue times, Chinese text, the speaker as a voice. */
function chineseTrack(speakers) {
  const names = ['调查员', '官员']
  const stamp = (s) => {
    const total = Math.round(s * 1000)
    const h = Math.floor(total / 3_600_000)
    const m = Math.floor((total % 3_600_000) / 60_000)
    const sec = Math.floor((total % 60_000) / 1000)
    const milli = total % 1000
    const two = (n) => String(n).padStart(2, '0')
    return `${two(h)}:${two(m)}:${two(sec)}.${String(milli).padStart(3, '0')}`
  }
  const cues = ['WEBVTT', '']
  speakers.forEach((speaker, i) => {
    const text = CHINESE[i % CHINESE.length] + CHINESE[(i * 3 + 1) % CHINESE.length]
    cues.push(`${stamp(i * SEGMENT_SECONDS)} --> ${stamp((i + 1) * SEGMENT_SECONDS)}`)
    cues.push(`<v ${names[speaker]}>${text}`, '')
  })
  return cues.join('\n')
}

/** Makes the four inputs once; the MP3, moved in last, means all are there. */
async function ensureInputs() {
  requireTools({
    commands: [...SPEECH_TOOLS.commands, 'opusenc'],
    packages: [...SPEECH_TOOLS.packages, 'opus-tools'],
  })
  await generateOnce({
    what: 'the 3-hour call (MP3, Opus, two transcripts; a few minutes)',
    outputs: [input.english, input.chinese, input.opus, input.mp3],
    async make(work) {
      const speakers = speakerOf()
      const english = join(work, 'english.json')
      const chinese = join(work, 'chinese.vtt')
      writeFileSync(english, englishTrack(speakers))
      writeFileSync(chinese, chineseTrack(speakers))
      progress('  speech (espeak-ng, looped to 3 hours)…')
      const raw = makeSpeechPcm(work, { seconds: CALL_SECONDS, rate: RATE })
      const mp3 = join(work, 'call.mp3')
      const opus = join(work, 'call.opus')
      progress(`  encoding: lame ${MP3_KBPS} kbit/s CBR and opusenc ${OPUS_KBPS} kbit/s…`)
      await Promise.all([
        runAsync('lame', [
          '--quiet',
          ...lameRawInput(RATE),
          '-m',
          'm',
          '--cbr',
          '-b',
          String(MP3_KBPS),
          raw,
          mp3,
        ]),
        runAsync('opusenc', [
          '--quiet',
          '--raw',
          '--raw-bits',
          '16',
          '--raw-rate',
          String(RATE),
          '--raw-chan',
          '1',
          '--bitrate',
          String(OPUS_KBPS),
          raw,
          opus,
        ]),
      ])
      return {
        [input.english]: english,
        [input.chinese]: chinese,
        [input.opus]: opus,
        [input.mp3]: mp3,
      }
    },
  })
}

// ---------------------------------------------------------------------------------------------
// In the page

/**
 * An init script: turns on the app's User Timing measures, remembers when the last click
 * happened, and gives `__painted(test)`, which resolves with the time just after the first frame
 * painted in which `test()` holds (checked once a frame; the time is taken in a task queued from
 * that frame's animation callback, which runs after the frame is handed to the compositor).
 * `__libraryShown` is when the library's call links were first painted.
 */
function pageHelpers() {
  if (location.protocol !== 'http:') return
  try {
    localStorage.setItem('verbatim:measure', '1')
  } catch {
    // storage refused: the measures stay off, and the figures that need them say so
  }
  window.__lastClick = 0
  addEventListener('click', (event) => (window.__lastClick = event.timeStamp), true)
  window.__painted = (test, timeoutMs = 15_000) =>
    new Promise((resolve, reject) => {
      const deadline = performance.now() + timeoutMs
      const frame = () => {
        let holds = false
        try {
          holds = Boolean(test())
        } catch {
          holds = false
        }
        if (holds) setTimeout(() => resolve(performance.now()), 0)
        else if (performance.now() > deadline) reject(new Error(`not seen in ${timeoutMs} ms`))
        else requestAnimationFrame(frame)
      }
      requestAnimationFrame(frame)
    })
  window.__libraryShown = window
    .__painted(() => document.querySelector('nav[aria-label="Library"] a[href^="#/call/"]'), 60_000)
    .catch(() => -1)
}

/** Elements in region "Transcript", itself included. */
function transcriptElements(page) {
  return page.evaluate(() => {
    const region = document.querySelector('section[aria-label="Transcript"]')
    return region ? region.querySelectorAll('*').length + 1 : -1
  })
}

/**
 * Follows a deep link to `t` in the open call and resolves with the milliseconds until a frame
 * was painted with, in every shown track, the row holding `t` current and inside its scroller.
 */
function followDeepLink(page, callId, t) {
  return page.evaluate(
    ({ callId, t }) => {
      const scrollerOf = (element) => {
        for (let e = element.parentElement; e; e = e.parentElement) {
          if (/(auto|scroll)/.test(getComputedStyle(e).overflowY)) return e
        }
        return document.documentElement
      }
      const highlighted = () => {
        const region = document.querySelector('section[aria-label="Transcript"]')
        // Every row names its track too: the tracks shown are the distinct names.
        const named = region?.querySelectorAll('[data-track-id]') ?? []
        const tracks = new Set([...named].map((e) => e.getAttribute('data-track-id'))).size
        const rows = [...(region?.querySelectorAll('[aria-current="true"][data-start]') ?? [])]
        if (tracks === 0 || rows.length < tracks) return false
        return rows.every((row) => {
          const start = Number(row.getAttribute('data-start'))
          const end = Number(row.getAttribute('data-end'))
          if (!(start <= t && t < end)) return false
          const box = row.getBoundingClientRect()
          const view = scrollerOf(row).getBoundingClientRect()
          return box.top >= view.top - 1 && box.bottom <= view.bottom + 1
        })
      }
      const t0 = performance.now()
      location.hash = `#/call/${encodeURIComponent(callId)}?t=${t}`
      return window.__painted(highlighted).then((t1) => t1 - t0)
    },
    { callId, t },
  )
}

/**
 * The renderer main thread's time so far (CDP Performance.getMetrics), in ms: `task`, the wall
 * time spent in tasks (a task preempted by another process still counts); `cpu`, the thread's
 * CPU time; and the script, layout and style parts of `task`.
 */
async function mainThreadTimes(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics')
  const value = (name) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000
  return {
    task: value('TaskDuration'),
    cpu: value('ThreadTime'),
    script: value('ScriptDuration'),
    layout: value('LayoutDuration'),
    style: value('RecalcStyleDuration'),
  }
}

/** after − before, field by field. */
const minus = (after, before) =>
  Object.fromEntries(Object.keys(after).map((key) => [key, after[key] - before[key]]))

/** A deterministic stream of numbers in [0, 1) (mulberry32). */
function randomStream(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The middle of a random segment: a time well inside one row of each track. */
function randomSegmentTime(random) {
  return round((Math.floor(random() * SEGMENTS) + 0.5) * SEGMENT_SECONDS)
}

// ---------------------------------------------------------------------------------------------
// The measurements

/** JavaScript the page and its workers requested on a cold load, and the warm-reload times. */
async function measureFirstLoad(page, baseURL, outDir) {
  await page.goto(baseURL)
  const coldMs = await page.evaluate(() => window.__libraryShown)
  await sleep(3000) // scripts fetched after the first paint: workers, lazily loaded modules
  const names = new Set(
    await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)),
  )
  for (const worker of page.workers()) {
    names.add(worker.url())
    const inWorker = await worker
      .evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))
      .catch(() => [])
    for (const name of inWorker) names.add(name)
  }
  const scripts = [...names]
    .map((name) => new URL(name))
    .filter((url) => url.origin === new URL(baseURL).origin && url.pathname.endsWith('.js'))
    .map((url) => decodeURIComponent(url.pathname).replace(/^\//, ''))
  const files = [...new Set(scripts)].map((path) => {
    const content = readFileSync(join(outDir, path))
    return { path, raw: content.length, gzip: gzipSync(content, { level: 9 }).length }
  })
  // Reloads once the service worker has precached the app, as on a second visit.
  await page.evaluate(() => navigator.serviceWorker?.ready.then(() => true))
  const warm = []
  for (let i = 0; i < WARM_RELOADS; i++) {
    await page.reload()
    warm.push(await page.evaluate(() => window.__libraryShown))
  }
  return { coldMs, files, warm }
}

/** Opens the call from the library's link on fresh page loads of the library. */
async function measureOpen(page, baseURL) {
  const runs = []
  for (let i = 0; i < OPEN_RUNS; i++) {
    await page.goto('about:blank')
    await page.goto(baseURL)
    await page.evaluate(() => window.__libraryShown)
    const link = page.getByRole('navigation', { name: 'Library' }).getByRole('link', {
      name: TITLE_MP3,
    })
    await link.waitFor()
    await sleep(2000) // start-up work (search index, storage estimate) done before the click
    await page.evaluate(() => {
      const rows = () => document.querySelector('section[aria-label="Transcript"] [data-start]')
      const ready = () =>
        document.querySelector(
          'section[aria-label="Player"] [role="slider"][aria-label="Playback position"][aria-busy="false"]',
        )
      window.__openWatch = Promise.all([window.__painted(rows), window.__painted(ready)])
    })
    await link.click()
    const [rowsAt, readyAt] = await page.evaluate(() => window.__openWatch)
    const clickAt = await page.evaluate(() => window.__lastClick)
    runs.push({ transcriptMs: rowsAt - clickAt, waveformMs: readyAt - clickAt })
  }
  return runs
}

/** 50 deep links to random points: the app's seek measures, and all main-thread work. */
async function measureSeeks(page, cdp, callId) {
  const random = randomStream(0x5eed)
  await page.evaluate(() => performance.clearMeasures('verbatim:seek'))
  const seeks = []
  for (let i = 0; i < SEEKS; i++) {
    const t = randomSegmentTime(random)
    const before = await mainThreadTimes(cdp)
    const paintedMs = await followDeepLink(page, callId, t)
    seeks.push({ t, paintedMs, main: minus(await mainThreadTimes(cdp), before) })
  }
  const measures = await page.evaluate(() =>
    performance
      .getEntriesByName('verbatim:seek')
      .map((e) => ({ duration: e.duration, rows: e.detail?.rows ?? NaN })),
  )
  return { seeks, measures }
}

/** Element counts in region "Transcript" at the start, middle and end of the call. */
async function measureDom(page, callId) {
  const counts = []
  for (const t of [0.9, CALL_SECONDS / 2 + 0.9, CALL_SECONDS - 0.9]) {
    await followDeepLink(page, callId, t)
    await sleep(500) // the virtualiser measures the rows it drew and may draw again
    counts.push({ t, elements: await transcriptElements(page) })
  }
  return counts
}

/** 60 s of 2× playback from the first hour, following: ticks, busy time, long tasks. */
async function measurePlayback(page, cdp, callId) {
  await followDeepLink(page, callId, 3600.9)
  const follow = page.getByRole('button', { name: 'Follow playback' })
  if (await follow.isVisible()) await follow.click()
  const player = page.getByRole('region', { name: 'Player' })
  await player.getByRole('combobox', { name: 'Playback speed' }).selectOption('2')
  const slider = player.getByRole('slider', { name: 'Playback position' })
  const from = Number(await slider.getAttribute('aria-valuenow'))
  await sleep(500)
  await page.evaluate(() => performance.clearMeasures('verbatim:tick'))
  await readLongTasks(page)
  const before = await mainThreadTimes(cdp)
  const t0 = performance.now()
  await player.getByRole('button', { name: 'Play', exact: true }).click()
  await sleep(PLAYBACK_MS)
  const main = minus(await mainThreadTimes(cdp), before)
  const wallMs = performance.now() - t0
  const longTasks = await readLongTasks(page)
  const to = Number(await slider.getAttribute('aria-valuenow'))
  await player.getByRole('button', { name: 'Pause', exact: true }).click()
  const ticks = await page.evaluate(() =>
    performance
      .getEntriesByName('verbatim:tick')
      .map((e) => ({ duration: e.duration, rows: e.detail?.rows ?? NaN })),
  )
  const isolated = await page.evaluate(() => window.crossOriginIsolated)
  return { main, wallMs, longTasks, played: to - from, ticks, isolated }
}

/** Time from setting currentTime on an <audio> to 'seeked', for the served URL and a blob: URL. */
async function measureAudioSeeks(page, baseURL) {
  const random = randomStream(0xa0d10)
  const points = Array.from({ length: AUDIO_SEEKS }, () => round(random() * (CALL_SECONDS - 5)))
  const url = new URL(MP3_IN_BUILD, baseURL).href
  return page.evaluate(
    async ({ url, points }) => {
      const event = (audio, name) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no '${name}' in 60 s`)), 60_000)
          audio.addEventListener(
            name,
            () => {
              clearTimeout(timer)
              resolve()
            },
            { once: true },
          )
          audio.addEventListener(
            'error',
            () => reject(new Error(`media error ${audio.error?.code}`)),
            {
              once: true,
            },
          )
        })
      const seekAll = async (src) => {
        const audio = new Audio()
        audio.preload = 'auto'
        audio.muted = true
        const loaded = event(audio, 'loadedmetadata')
        audio.src = src
        await loaded
        const times = []
        for (const point of points) {
          const seeked = event(audio, 'seeked')
          const t0 = performance.now()
          audio.currentTime = point
          await seeked
          times.push(performance.now() - t0)
        }
        const duration = audio.duration
        audio.removeAttribute('src')
        audio.load()
        return { times, duration }
      }
      const served = await seekAll(url)
      const blob = await (await fetch(url)).blob()
      const objectUrl = URL.createObjectURL(blob)
      try {
        return { served, blob: await seekAll(objectUrl) }
      } finally {
        URL.revokeObjectURL(objectUrl)
      }
    },
    { url, points },
  )
}

// ---------------------------------------------------------------------------------------------
// The report

const KB = 1000
const mb = (n) => `${(n / 1e6).toFixed(0)} MB`

/** A row of the table: what, the figure, the budget, and whether it is met (null: no budget). */
function row(what, figure, budget, ok) {
  const verdict = ok === null ? '—' : ok ? 'within budget' : '**OVER budget**'
  return { what, figure, budget, verdict }
}

function failedRow(what, budget, error) {
  return { what, figure: `not measured: ${error}`, budget, verdict: 'not measured' }
}

const spread = (values) =>
  `median ${ms(median(values))} (${ms(Math.min(...values))}–${ms(Math.max(...values))}, n = ${values.length})`

function importRows(label, r) {
  const longest = Math.max(r.hashTasks.longest, r.importTasks.longest)
  const taskCount = r.hashTasks.count + r.importTasks.count
  const memoryDelta = (r.peak.all - r.baseline.all) * 1024
  return [
    row(
      `import ${label} + both transcripts: "Add to library" → call page, waveform ready`,
      `${ms(r.importMs)} (hash before it: ${ms(r.hashMs)})`,
      'computed once (no time budget)',
      null,
    ),
    row(
      `import ${label}: peak memory, all Chromium processes, Δ over baseline`,
      `${mb(memoryDelta)} (peak ${mb(r.peak.all * 1024)}; renderers Δ ${mb((r.peak.renderers - r.baseline.renderers) * 1024)})`,
      '< 500 MB',
      memoryDelta < 500e6,
    ),
    row(
      `import ${label}: longest main-thread task (file chosen → ready)`,
      longest < 0
        ? 'n/a (Long Tasks API missing)'
        : taskCount === 0
          ? 'none ≥ 50 ms'
          : `${ms(longest)} (${taskCount} tasks ≥ 50 ms)`,
      'UI responsive (read as no task over 100 ms, the budget of a 200 MB import)',
      longest < 0 ? null : longest <= 100,
    ),
  ]
}

function buildRows(results) {
  const rows = []
  const failed = (name) => results.errors.get(name)
  const notImported = 'the MP3 import failed'

  if (results.firstLoad) {
    const { coldMs, files, warm } = results.firstLoad
    const gzip = files.reduce((sum, f) => sum + f.gzip, 0)
    const raw = files.reduce((sum, f) => sum + f.raw, 0)
    rows.push(
      row(
        'first load: JavaScript transferred (gzip -9 of the .js the page and its workers requested)',
        `${(gzip / KB).toFixed(1)} kB in ${files.length} files (${(raw / KB).toFixed(0)} kB uncompressed)`,
        '< 250 KB gzipped',
        gzip < 250 * KB,
      ),
      row(
        'first load: library interactive on a warm reload (navigation → call links painted)',
        `${spread(warm)}; cold first visit ${ms(coldMs)}`,
        '< 1 s',
        median(warm) < 1000,
      ),
    )
  } else {
    rows.push(failedRow('first load', '< 250 KB gzipped; < 1 s warm', failed('first load')))
  }

  const mp3 = results.importMp3
  if (mp3) rows.push(...importRows('3-hour MP3', mp3))
  else rows.push(failedRow('import 3-hour MP3', '< 500 MB', failed('import MP3')))
  const opus = results.importOpus
  if (opus) rows.push(...importRows('3-hour Opus', opus))
  else rows.push(failedRow('import 3-hour Opus', '< 500 MB', failed('import Opus')))

  if (results.open) {
    const transcript = results.open.map((r) => r.transcriptMs)
    const waveform = results.open.map((r) => r.waveformMs)
    rows.push(
      row(
        'open the call: click in Library → transcript rows painted',
        spread(transcript),
        '< 170 ms',
        median(transcript) < 170,
      ),
      row(
        'open the call: click in Library → waveform ready from cached peaks (aria-busy false)',
        spread(waveform),
        '< 300 ms',
        median(waveform) < 300,
      ),
    )
  } else {
    rows.push(failedRow('open the call', '< 170 ms; < 300 ms', failed('open') ?? notImported))
  }

  if (results.playback) {
    const { ticks, isolated } = results.playback
    const durations = ticks.map((t) => t.duration)
    const rowCounts = ticks.map((t) => t.rows)
    const tracks = results.tracksShown || 1
    const resolution = isolated ? '5 µs' : '0.1 ms'
    const mean = durations.reduce((a, b) => a + b, 0) / (durations.length || 1)
    rows.push(
      row(
        'playback tick (`verbatim:tick`, 2× playback): store update + render',
        ticks.length === 0
          ? 'no ticks recorded'
          : `median ${ms(median(durations))}, mean ${ms(mean)}, p95 ${ms(quantile(durations, 0.95))}, max ${ms(Math.max(...durations))} (n = ${ticks.length}; timer resolution ${resolution})`,
        '< 0.25 ms median',
        ticks.length === 0 ? false : median(durations) < 0.25,
      ),
      row(
        'playback tick: transcript rows re-rendered',
        ticks.length === 0
          ? 'no ticks recorded'
          : `max ${Math.max(...rowCounts)}, median ${median(rowCounts)} (${tracks} tracks shown: max ${Math.max(...rowCounts) / tracks} per track)`,
        '≤ 2 rows (per track shown)',
        ticks.length === 0 ? false : Math.max(...rowCounts) <= 2 * tracks,
      ),
    )
  } else {
    rows.push(failedRow('playback tick', '< 0.25 ms', failed('playback') ?? notImported))
  }

  if (results.seeks) {
    const { seeks, measures } = results.seeks
    const durations = measures.map((m) => m.duration)
    const task = seeks.map((s) => s.main.task)
    const cpu = seeks.map((s) => s.main.cpu)
    const painted = seeks.map((s) => s.paintedMs)
    const rendered = Math.max(...measures.map((m) => m.rows))
    rows.push(
      row(
        `seek to a random point (\`verbatim:seek\`, ${seeks.length} deep links): store update + render`,
        `median ${ms(median(durations))}, p95 ${ms(quantile(durations, 0.95))}, ` +
          `max ${ms(Math.max(...durations))} (n = ${measures.length}; rows rendered max ${rendered})`,
        '< 6 ms main thread (judged on p95)',
        quantile(durations, 0.95) < 6,
      ),
      row(
        'seek, all main-thread work per deep link (route, seek, scroll, rows drawn, layout, paint)',
        `median ${ms(median(task))} in tasks (CPU ${ms(median(cpu))}), p95 ${ms(quantile(task, 0.95))}; ` +
          `highlighted row painted after median ${ms(median(painted))}, max ${ms(Math.max(...painted))}`,
        '(context for the row above)',
        null,
      ),
    )
  } else {
    rows.push(failedRow('seek', '< 6 ms', failed('seeks') ?? notImported))
  }

  if (results.dom) {
    const counts = results.dom.map((d) => d.elements)
    rows.push(
      row(
        'transcript DOM size: elements in region "Transcript" at start / middle / end',
        counts.join(' / '),
        '< 1,500 elements',
        Math.max(...counts) < 1500,
      ),
    )
  } else {
    rows.push(failedRow('transcript DOM size', '< 1,500', failed('dom') ?? notImported))
  }

  if (results.playback) {
    const { main, wallMs, longTasks, played } = results.playback
    const percent = (n) => `${((100 * n) / wallMs).toFixed(1)} %`
    const other = main.task - main.script - main.layout - main.style
    rows.push(
      row(
        `60 s of 2× playback, following: main thread busy (played ${played.toFixed(0)} s of audio)`,
        `${percent(main.task)} in tasks (${ms(main.task)} of ${ms(wallMs)}): ` +
          `script ${percent(main.script)}, layout ${percent(main.layout)}, ` +
          `style ${percent(main.style)}, other (paint, commit, GC, preempted) ${percent(other)}; ` +
          `main-thread CPU time ${percent(main.cpu)}`,
        '< 10 %',
        main.task / wallMs < 0.1,
      ),
      row(
        '60 s of 2× playback: longest main-thread task (Long Tasks API)',
        longTasks.longest < 0
          ? 'n/a'
          : longTasks.count === 0
            ? 'none ≥ 50 ms'
            : `${ms(longTasks.longest)} (${longTasks.count} tasks ≥ 50 ms)`,
        'no task over 50 ms',
        longTasks.longest < 0 ? null : longTasks.count === 0 || longTasks.longest <= 50,
      ),
    )
  } else {
    rows.push(failedRow('2× playback', '< 10 %; ≤ 50 ms', failed('playback') ?? notImported))
  }

  if (results.audioSeeks) {
    const { served, blob } = results.audioSeeks
    const figure = ({ times }) =>
      `median ${ms(median(times))}, max ${ms(Math.max(...times))} (n = ${times.length})`
    rows.push(
      row(
        'seek in the 3-hour MP3 (`<audio>`: `currentTime` set → `seeked`): served URL (HTTP ranges)',
        figure(served),
        '"immediate" (no figure)',
        null,
      ),
      row(
        'seek in the 3-hour MP3: `blob:` URL of the same file (as imported calls play)',
        figure(blob),
        '"immediate" (no figure)',
        null,
      ),
    )
  } else {
    rows.push(failedRow('seek in the 3-hour MP3', '"immediate"', failed('audio seeks')))
  }
  return rows
}

function markdownTable(rows) {
  const escape = (text) => String(text).replaceAll('|', '\\|')
  return [
    '| what | figure | budget | verdict |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${[r.what, r.figure, r.budget, r.verdict].map(escape).join(' | ')} |`),
  ].join('\n')
}

function machineLine(m, started, load) {
  const loads = load.map((l) => l.toFixed(1)).join(' and ')
  return (
    `${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${m.cpu}, ${m.nproc} cores ` +
    `(nproc), ${m.memory} RAM, ${m.os}; ${m.chromium} (headless), Node ${m.node}. ` +
    `Load average (1 min) at the start and at the end of the run: ${loads}.`
  )
}

/** The commit built, and whether the working tree's app sources differed from it. */
function sourceLine() {
  const git = (...args) => {
    try {
      return execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim()
    } catch {
      return null
    }
  }
  const commit = git('rev-parse', '--short', 'HEAD')
  if (!commit) return 'Built from a tree that is not a git checkout.'
  const changed = git(
    'status',
    '--porcelain',
    '--',
    'src',
    'public',
    'index.html',
    'vite.config.ts',
  )
  return changed
    ? `Built from commit ${commit} plus uncommitted changes to ${changed.split('\n').length} app file(s).`
    : `Built from commit ${commit}.`
}

/** The files by name without Vite's content hash, which changes with every build of new code. */
function firstLoadFiles(results) {
  const files = results.firstLoad?.files ?? []
  const name = (path) => path.replace(/-[\w-]{8}\.js$/, '-[hash].js')
  return files.map((f) => `\`${name(f.path)}\` ${(f.gzip / KB).toFixed(1)} kB`).join(', ')
}

function documentText({ table, machineText, results, took }) {
  return `# Benchmarks

<!-- Written by \`npm run bench\` (scripts/bench.mjs); edit the script, not this file. -->

The performance budgets of the product brief, measured on a 3-hour call (6,000 segments, 90,000
words, two speakers) with an English track and a Chinese translation track shown side by side,
through the real UI of the production build in headless Chromium.

## Latest run

${machineText} The run took ${took}.

${table}

JavaScript on first load (gzip -9): ${firstLoadFiles(results) || 'not measured'}.

## How to run it

\`\`\`sh
npm run bench               # prints the table and rewrites this file
npm run bench -- --no-write # prints only
\`\`\`

It needs Debian's \`chromium\` (\`CHROMIUM_PATH\` overrides the path) and, the first time, the tools
that make the inputs: \`sudo apt-get install espeak-ng sox libsox-fmt-all ffmpeg lame opus-tools\`.
It is not part of \`npm test\`: the figures vary with the machine and its load (±10–25 % here).

The inputs are made once and cached in \`\${XDG_CACHE_HOME:-~/.cache}/verbatim-bench/\`: espeak-ng
speech looped to 3 hours, as a mono 22.05 kHz ${MP3_KBPS} kbit/s CBR MP3 (lame) and as Opus
(\`opusenc --bitrate ${OPUS_KBPS}\`, from the same PCM); an English track as Verbatim JSON (6,000
segments of 1.8 s, 15 timed words each) and a Chinese track as WebVTT with the same cue times. The
words do not match the audio; only the sizes matter. Making them takes a few minutes; later runs
take a few minutes in all (build, server, three browser profiles, 60 s of playback).

The script builds the app into a temporary folder (\`dist/\` is left alone), copies the MP3 into it,
serves it with \`vite preview\` on port ${PORT}, and sets \`localStorage['verbatim:measure'] = '1'\`
before the app starts, so that the app records User Timing measures of playback ticks and seeks
(\`src/store/measure.ts\`).

## What each row measures

- **First load.** A fresh profile opens the library. JavaScript is the sum of the gzip -9 sizes of
  the \`.js\` files that the page and its workers requested (Resource Timing, 3 s after the first
  paint), read from the build; the service worker's own precache downloads are not counted. Library
  interactive: from navigation start to the first frame painted with the library's call links, on
  ${WARM_RELOADS} reloads once the service worker has precached the app.
- **Import.** In a fresh profile, through the Import dialog: the two transcripts are chosen first,
  then the audio; the time runs from the click on "Add to library" to the call's page with the
  "Playback position" slider \`aria-busy="false"\` (the hash, before it, is reported beside). Memory
  is the summed VmRSS of every Chromium process, sampled every 100 ms, peak minus the sample just
  before the audio was chosen (shared pages count once per process, so this overstates a little).
  Longest task: the Long Tasks API, from the audio chosen to ready. The Opus file is imported in
  another fresh profile.
- **Open the call.** ${OPEN_RUNS} times: a fresh load of the library, 2 s to settle, a click on the call's
  link; from the click event to the first frame painted with transcript rows, and with the waveform
  ready (its peaks come from IndexedDB). Median, with the range.
- **Playback tick.** The app's \`verbatim:tick\` measures (store update and the React render it causes)
  over the 60 s of 2× playback below, and their \`detail.rows\`. A tick that changes the active segment
  re-renders the row leaving and the row becoming active in each shown track, so the row budget is
  read per track shown. The page is not cross-origin isolated, so \`performance.now()\` is coarsened
  to 0.1 ms: the median of many ticks is meaningful, single values are not.
- **Seek.** ${SEEKS} deep links (\`#/call/<id>?t=…\`) to the middle of random segments: the app's
  \`verbatim:seek\` measures (store update and render), judged on their 95th percentile (a single
  garbage collection or preemption should not decide it; the maximum is shown); for context, the
  renderer's whole main-thread time per seek (CDP \`Performance.getMetrics\` TaskDuration and
  ThreadTime, including the route change and the virtualised list drawing the rows it scrolled to)
  and the time until a frame was painted with the row holding the time current and in view in
  every shown track.
- **Transcript DOM size.** Elements inside region "Transcript" (itself included) after deep links
  to the start, the middle and the end of the call.
- **2× playback.** From 1:00:00, speed 2, following on, 60 s: renderer main-thread busy time (CDP
  TaskDuration delta over wall time, split into script, layout, style and the rest) and the longest
  task (Long Tasks API). Both count wall time: a task whose thread is preempted by another process
  counts in full, which on a small, busy machine inflates them; the main thread's CPU time
  (ThreadTime) is shown beside for that reason. Check the load average in the machine line.
- **Seek in the 3-hour MP3.** In a profile with service workers blocked (the app's service worker
  would answer the audio requests itself), a bare \`<audio>\` element:
  time from setting \`currentTime\` to \`seeked\` for ${AUDIO_SEEKS} random points, first for the file
  served over HTTP (range requests), then for a \`blob:\` URL of the same bytes (fetched whole first).
`
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = new Date()
  const load = [loadavg()[0]]
  const write = !process.argv.includes('--no-write')
  requireChromium()
  installCleanup()
  progress('Inputs…')
  const cachedBefore = existsSync(input.mp3)
  await ensureInputs()
  const inputSeconds = Math.round(performance.now() / 1000)
  progress(cachedBefore ? `Inputs cached in ${cacheDir}` : 'Inputs made')

  const outDir = makeTemporaryDir('verbatim-bench-build-')
  progress(`Building the app into ${outDir}…`)
  run(join(root, 'node_modules/.bin/vite'), ['build', '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: root,
  })
  const source = sourceLine() // read when built: others may be editing the tree meanwhile
  copyFileSync(input.mp3, join(outDir, MP3_IN_BUILD))
  const baseURL = await startPreview({ port: PORT, outDir })
  progress(`Serving it at ${baseURL}`)

  const results = { errors: new Map() }
  const attempt = async (name, step) => {
    if (isInterrupted()) return undefined
    try {
      return await step()
    } catch (error) {
      if (isInterrupted()) return undefined
      const message = String(error?.message ?? error).split('\n')[0]
      console.error(`  ${name} failed:`, error)
      results.errors.set(name, message)
      return undefined
    }
  }

  try {
    // Profile A: first load, the MP3 import, then everything on the imported call.
    progress('Profile A: first load (cold, then warm reloads)…')
    const a = await launchProfile()
    try {
      await a.context.addInitScript(longTaskObserver)
      await a.context.addInitScript(pageHelpers)
      const page = a.page
      results.firstLoad = await attempt('first load', () => measureFirstLoad(page, baseURL, outDir))
      progress('Importing the 3-hour MP3 with both transcripts through the UI…')
      await page.goto('about:blank')
      await page.goto(baseURL)
      results.importMp3 = await attempt('import MP3', () =>
        importThroughUi(page, {
          audio: input.mp3,
          transcripts: [input.english, input.chinese],
          title: TITLE_MP3,
          languages: { [basename(input.chinese)]: 'zh-Hans' },
          sampler: a.sampler,
          hashTimeoutMs: HASH_TIMEOUT_MS,
          importTimeoutMs: IMPORT_TIMEOUT_MS,
        }),
      )
      a.sampler.stop() // memory matters during the imports only, and sampling costs CPU too
      const callId = results.importMp3?.callId
      if (results.importMp3) {
        progress(`  imported as ${callId} in ${ms(results.importMp3.importMs)}`)
      }
      if (callId) {
        progress(`Opening the call from the library, ${OPEN_RUNS} times…`)
        results.open = await attempt('open', () => measureOpen(page, baseURL))
        results.tracksShown = await page.evaluate(
          () =>
            new Set(
              [
                ...document.querySelectorAll('section[aria-label="Transcript"] [data-track-id]'),
              ].map((e) => e.getAttribute('data-track-id')),
            ).size,
        )
        const cdp = await page.context().newCDPSession(page)
        await cdp.send('Performance.enable')
        progress(`${SEEKS} seeks to random points…`)
        results.seeks = await attempt('seeks', () => measureSeeks(page, cdp, callId))
        progress('Transcript DOM size at start, middle and end…')
        results.dom = await attempt('dom', () => measureDom(page, callId))
        progress(`${PLAYBACK_MS / 1000} s of 2× playback, following…`)
        results.playback = await attempt('playback', () => measurePlayback(page, cdp, callId))
        await cdp.detach().catch(() => {})
      }
    } finally {
      await a.close()
    }

    // Profile B: the Opus import, fresh.
    progress('Profile B: importing the 3-hour Opus with both transcripts…')
    results.importOpus = await attempt('import Opus', async () => {
      const b = await launchProfile()
      try {
        await b.context.addInitScript(longTaskObserver)
        await b.context.addInitScript(pageHelpers)
        await b.page.goto(baseURL)
        return await importThroughUi(b.page, {
          audio: input.opus,
          transcripts: [input.english, input.chinese],
          title: TITLE_OPUS,
          languages: { [basename(input.chinese)]: 'zh-Hans' },
          sampler: b.sampler,
          hashTimeoutMs: HASH_TIMEOUT_MS,
          importTimeoutMs: IMPORT_TIMEOUT_MS,
        })
      } finally {
        await b.close()
      }
    })
    if (results.importOpus) progress(`  imported in ${ms(results.importOpus.importMs)}`)

    // Profile C: seeking a bare <audio>, with no service worker in the way.
    progress(`Profile C: ${AUDIO_SEEKS} seeks in the 3-hour MP3, served URL then blob: URL…`)
    results.audioSeeks = await attempt('audio seeks', async () => {
      const c = await launchProfile({ serviceWorkers: 'block' })
      try {
        await c.page.goto(baseURL)
        return await measureAudioSeeks(c.page, baseURL)
      } finally {
        await c.close()
      }
    })
  } finally {
    stopPreview()
    removeTemporaryDir(outDir)
  }
  if (isInterrupted()) return

  const runSeconds = Math.round(performance.now() / 1000)
  const took = cachedBefore
    ? `${runSeconds} s (inputs cached)`
    : `${runSeconds} s, of which ${inputSeconds} s making the inputs`
  load.push(loadavg()[0])
  const rows = buildRows(results)
  const table = markdownTable(rows)
  const machineText = `${machineLine(machine(), started, load)} ${source}`
  console.log(`\n### Verbatim benchmark — 3-hour call, 6,000 segments, 90,000 words\n`)
  console.log(machineText)
  console.log('')
  console.log(table)
  console.log(`\nThe run took ${took}.`)
  if (results.firstLoad)
    console.log(`JavaScript on first load (gzip -9): ${firstLoadFiles(results)}.`)
  if (write) {
    // Formatted as `npm test`'s format check expects (prettier aligns the table's columns).
    const options = (await prettier.resolveConfig(DOCS)) ?? {}
    const text = documentText({ table, machineText, results, took })
    writeFileSync(DOCS, await prettier.format(text, { ...options, filepath: DOCS }))
    console.log(`Written to ${DOCS}`)
  }
  if (results.errors.size > 0) {
    console.error(
      `\n${results.errors.size} step(s) failed: ${[...results.errors.keys()].join(', ')}`,
    )
    process.exitCode = 1
  }
}

main().catch((error) => {
  console.error(error)
  stopPreview()
  process.exit(1)
})

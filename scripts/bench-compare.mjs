#!/usr/bin/env node
// Verbatim beside Hyperaudio Lite (the best-known open interactive-transcript viewer, a
// devDependency) and a naive floor, on the same 3-hour MP3 and the same generated transcript of
// 90,000 words (6,000 paragraphs of 15 words, word i from i × 0.12 s for 0.12 s), in one Chromium,
// the apps interleaved, each measure repeated. Prints a Markdown table with the medians, the ratio
// of Verbatim to Hyperaudio Lite and the load average, and writes it into docs/benchmarks.md.
//
//   npm run bench:compare            (builds first; $VERBATIM_PORT, default 4196; REPEAT=3)
//
// One server (`vite preview` of dist/) serves all three: Verbatim at /, the two others from
// dist/compare/, written here with the MP3, so the same bytes come the same way. Verbatim plays the
// call from the library (imported once, through its Import dialog, into its own profile); the
// others are static pages with an <audio> element. The measures (see MEASURES below):
//   - deep-link load → the line at 1:30:00 painted: navigation to a link at that time, until a
//     frame in which its first word is in the window (Hyperaudio Lite: its share link);
//   - seek → word painted and in view: the time of the media set (Verbatim: a link to the time,
//     as a reader's click on a search hit or a citation does) until a frame in which the word is
//     marked and in the window;
//   - 30 s of 2× playback, from a trace: main-thread busy (top-level tasks over wall time), DOM
//     updates of the transcript per second (MutationObserver batches), style + layout and paint
//     CPU ms per second, the longest task.
/* global document, window, requestAnimationFrame, MutationObserver, location */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import {
  cacheDir,
  chromiumArgs,
  chromiumPath,
  generateOnce,
  importThroughUi,
  installCleanup,
  longTaskObserver,
  launchProfile,
  machine,
  makeTemporaryDir,
  median,
  progress,
  requireChromium,
  root,
  run,
  startPreview,
  stopPreview,
  WORDS,
} from './bench-lib.mjs'

const PORT = Number(process.env.VERBATIM_PORT ?? 4196)
const REPEAT = Math.max(3, Number(process.env.REPEAT ?? 3))
const SECONDS = 3 * 3600
const PARAGRAPHS = 6000
const PER_PARAGRAPH = 15
const WORD = 0.12
/** Where the deep link and the seeks go. */
const AT = 5400
const SEEKS = [5400, 1200.12, 9000.24, 3600.36, 7200.48]
const PLAY_SECONDS = 30
const MP3 = join(cacheDir, 'silence-3h.mp3')

// ---------------------------------------------------------------------------------------------
// Inputs

/** Makes (once) a 3-hour mono MP3 of silence: the players stream and decode it as any MP3. */
async function ensureMp3() {
  await generateOnce({
    what: 'the 3-hour MP3 for bench:compare',
    outputs: [MP3],
    make(work) {
      const out = join(work, 'silence-3h.mp3')
      run('sh', [
        '-c',
        `head -c ${SECONDS * 16000 * 2} /dev/zero | lame --quiet -r -s 16 --bitwidth 16 --signed --little-endian -m m --cbr -b 32 - ${out}`,
      ])
      return { [MP3]: out }
    },
  })
}

const wordAt = (i) => WORDS[i % WORDS.length].replace(/[^\p{L}\p{N}'-]/gu, '') || 'word'

/** The transcript's words, by paragraph: word i from i × 0.12 s. */
function paragraphs() {
  return Array.from({ length: PARAGRAPHS }, (_, p) =>
    Array.from({ length: PER_PARAGRAPH }, (_, w) => {
      const i = p * PER_PARAGRAPH + w
      return { text: wordAt(i), start: Number((i * WORD).toFixed(2)) }
    }),
  )
}

/** The transcript as WhisperX JSON (one segment a paragraph, timed words), for Verbatim. */
function whisperX() {
  const segments = paragraphs().map((paragraph) => {
    const words = paragraph.map(({ text, start }) => ({
      word: text,
      start,
      end: Number((start + WORD).toFixed(2)),
    }))
    return {
      start: words[0].start,
      end: words.at(-1).end,
      text: words.map((w) => w.word).join(' '),
      words,
    }
  })
  return JSON.stringify({ language: 'en', segments })
}

/** The transcript as Hyperaudio Lite reads it: paragraphs of spans with data-m and data-d (ms). */
function hypertranscript() {
  const html = paragraphs().map(
    (paragraph) =>
      `<p>${paragraph
        .map(
          ({ text, start }) =>
            `<span data-m="${Math.round(start * 1000)}" data-d="120">${text} </span>`,
        )
        .join('')}</p>`,
  )
  return `<article><section>${html.join('\n')}</section></article>`
}

const PAGE_STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0}
audio{display:block;width:100%;height:54px}
#hypertranscript{padding:0 1rem;height:calc(100vh - 70px);overflow-y:auto}
.active{background:#fde68a}`

/** Writes the two static pages, their scripts and the MP3 into dist/compare/. */
function writeComparePages() {
  const dir = join(root, 'dist', 'compare')
  mkdirSync(dir, { recursive: true })
  copyFileSync(MP3, join(dir, 'call.mp3'))
  copyFileSync(
    join(root, 'node_modules', 'hyperaudio-lite', 'js', 'hyperaudio-lite.mjs'),
    join(dir, 'hyperaudio-lite.mjs'),
  )
  writeFileSync(join(dir, 'style.css'), PAGE_STYLE)
  const page = (title, script) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${title}</title><link rel="stylesheet" href="style.css"></head><body>
<audio id="hyperplayer" src="call.mp3" preload="auto" controls></audio>
<div id="hypertranscript">${hypertranscript()}</div>
<script type="module" src="${script}"></script></body></html>`
  writeFileSync(join(dir, 'hyperaudio.html'), page('Hyperaudio Lite', 'hyperaudio.js'))
  writeFileSync(
    join(dir, 'hyperaudio.js'),
    `import { HyperaudioLite } from './hyperaudio-lite.mjs'
new HyperaudioLite({ transcript: 'hypertranscript', player: 'hyperplayer', autoScroll: true })`,
  )
  writeFileSync(join(dir, 'floor.html'), page('Naive floor', 'floor.js'))
  // The floor: on each media timeupdate, a binary search over word starts, one class moved.
  writeFileSync(
    join(dir, 'floor.js'),
    `const audio = document.getElementById('hyperplayer')
const words = [...document.querySelectorAll('[data-m]')]
const starts = words.map((w) => Number(w.dataset.m) / 1000)
let lit = null
function update() {
  const t = audio.currentTime
  let lo = 0, hi = starts.length - 1, found = -1
  while (lo <= hi) { const mid = (lo + hi) >> 1; if (starts[mid] <= t) { found = mid; lo = mid + 1 } else hi = mid - 1 }
  const word = words[found] ?? null
  if (word === lit) return
  lit?.classList.remove('active')
  word?.classList.add('active')
  lit = word
  if (word) {
    const r = word.getBoundingClientRect()
    if (r.top < 60 || r.bottom > innerHeight) word.scrollIntoView({ block: 'center' })
  }
}
audio.addEventListener('timeupdate', update)
audio.addEventListener('seeked', update)
const t = Number(new URLSearchParams(location.hash.slice(1)).get('t'))
if (t > 0) { audio.currentTime = t; update() }`,
  )
}

// ---------------------------------------------------------------------------------------------
// The apps, as the measures see them

/** How each app is opened at a time, seeked, and how its word at a time is found. */
function apps(baseURL, callId) {
  return [
    {
      name: 'Hyperaudio Lite',
      url: (t) => `${baseURL}compare/hyperaudio.html#hypertranscript=${t},${t + WORD}`,
      // Its share link plays only the words shared and stops: playback starts from the page.
      playFrom: `${baseURL}compare/hyperaudio.html`,
      word: (t) => `[data-m="${Math.round(t * 1000)}"]`,
      lit: '.active',
      seek: (page, t) =>
        page.evaluate((time) => (document.querySelector('audio').currentTime = time), t),
    },
    {
      name: 'Verbatim',
      url: (t) => `${baseURL}#/call/${callId}?t=${t}`,
      word: (t) => `[data-word-start="${t}"]`,
      lit: '[data-current]',
      seek: (page, t) =>
        page.evaluate(
          (time) => (location.hash = location.hash.replace(/\?t=[\d.]+/, `?t=${time}`)),
          t,
        ),
    },
    {
      name: 'naive floor',
      url: (t) => `${baseURL}compare/floor.html#t=${t}`,
      word: (t) => `[data-m="${Math.round(t * 1000)}"]`,
      lit: '.active',
      seek: (page, t) =>
        page.evaluate((time) => (document.querySelector('audio').currentTime = time), t),
    },
  ]
}

/**
 * An init script for every page measured: `__paintedWhen(selector)` resolves with
 * performance.now() at the frame after the first in which `selector` matches an element in the
 * window (the frame in which it is painted), checked once a frame; it rejects after 20 s.
 */
function paintPoll() {
  window.__paintedWhen = (wanted) =>
    new Promise((resolve, reject) => {
      const deadline = performance.now() + 20_000
      const check = () => {
        const box = document.querySelector(wanted)?.getBoundingClientRect()
        if (box && box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight)
          requestAnimationFrame((now) => resolve(now))
        else if (performance.now() > deadline) reject(new Error(`${wanted} not seen in 20 s`))
        else requestAnimationFrame(check)
      }
      requestAnimationFrame(check)
    })
}

const paintedWhen = (page, selector) =>
  page.evaluate((wanted) => window.__paintedWhen(wanted), selector)

// ---------------------------------------------------------------------------------------------
// Measures

async function deepLink(context, app) {
  const page = await context.newPage()
  try {
    // Polled from the document's start, so the time counts from navigation.
    await page.addInitScript((selector) => {
      window.__painted = window.__paintedWhen(selector)
    }, app.word(AT))
    await page.goto(app.url(AT))
    return await page.evaluate(() => window.__painted)
  } finally {
    await page.close()
  }
}

async function seeks(context, app) {
  const page = await context.newPage()
  try {
    await page.goto(app.url(SEEKS[0]))
    await paintedWhen(page, app.word(SEEKS[0]))
    const times = []
    for (const t of SEEKS.slice(1)) {
      const t0 = await page.evaluate(() => performance.now())
      await app.seek(page, t)
      const t1 = await paintedWhen(page, `${app.word(t)}${app.lit}`)
      times.push(t1 - t0)
    }
    return median(times)
  } finally {
    await page.close()
  }
}

/** 30 s of 2× playback from 1:00:00, traced. */
async function playback(context, app) {
  const page = await context.newPage()
  try {
    if (app.playFrom) {
      await page.goto(app.playFrom)
      await app.seek(page, 3600)
    } else await page.goto(app.url(3600))
    await paintedWhen(page, app.word(3600))
    await page.evaluate(() => {
      window.__batches = 0
      new MutationObserver(() => window.__batches++).observe(document.body, {
        subtree: true,
        attributes: true,
        childList: true,
        characterData: true,
      })
    })
    const cdp = await context.newCDPSession(page)
    const events = []
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value))
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
    await cdp.send('Tracing.start', {
      traceConfig: {
        includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
      },
      transferMode: 'ReportEvents',
    })
    const wall0 = Date.now()
    await page.evaluate(async () => {
      const media = document.querySelector('audio')
      if (media) {
        media.playbackRate = 2
        await media.play()
      }
    })
    if (app.name === 'Verbatim') {
      // 1× → 2× in four steps (the speed is kept between rounds, and 2× is the top).
      for (let step = 0; step < 4; step++) await page.keyboard.press('>')
      await page.keyboard.press('k')
    }
    await new Promise((resolve) => setTimeout(resolve, PLAY_SECONDS * 1000))
    const wall = (Date.now() - wall0) / 1000
    const batches = await page.evaluate(() => window.__batches)
    // Played, not stalled: the media (Verbatim: its position slider) is about a minute on.
    const reached = await page.evaluate(() =>
      Number(
        document.querySelector('audio')?.currentTime ??
          document.querySelector('[role="slider"][aria-label="Playback position"]')?.ariaValueNow,
      ),
    )
    if (!(reached > 3600 + PLAY_SECONDS * 1.5))
      throw new Error(`${app.name} played to ${reached} s, not a minute past 1:00:00`)
    await cdp.send('Tracing.end')
    await done
    return { ...summarise(events, wall), updates: batches / wall }
  } finally {
    await page.close()
  }
}

/** Busy %, style + layout and paint ms a second, and the longest task, of the page's main thread. */
function summarise(events, wall) {
  const main = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  )
  const tasks = events.filter(
    (e) => main.has(`${e.pid}:${e.tid}`) && e.name === 'RunTask' && typeof e.dur === 'number',
  )
  // Only the busiest renderer counts: the page's (other renderers idle).
  const byThread = new Map()
  for (const task of tasks) {
    const key = `${task.pid}:${task.tid}`
    byThread.set(key, (byThread.get(key) ?? 0) + task.dur)
  }
  const [page] = [...byThread].sort((a, b) => b[1] - a[1])
  const on = (e) =>
    page !== undefined && `${e.pid}:${e.tid}` === page[0] && typeof e.dur === 'number'
  const sum = (names) =>
    events.filter((e) => on(e) && names.includes(e.name)).reduce((total, e) => total + e.dur, 0) /
    1000
  const busy = page ? page[1] / 1000 : 0
  const longest = Math.max(0, ...tasks.filter(on).map((t) => t.dur / 1000))
  return {
    busy: (busy / (wall * 1000)) * 100,
    layout: sum(['UpdateLayoutTree', 'Layout']) / wall,
    paint: sum(['Paint', 'PrePaint', 'Layerize', 'UpdateLayer']) / wall,
    longest,
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const MEASURES = [
  ['deep-link load → line at 1:30:00 painted (ms)', (r) => r.deepLink],
  ['seek → word painted and in view (ms)', (r) => r.seek],
  ['30 s of 2× playback: main thread busy (%)', (r) => r.playback.busy],
  ['2× playback: DOM updates per second', (r) => r.playback.updates],
  ['2× playback: style + layout, CPU ms per second', (r) => r.playback.layout],
  ['2× playback: paint, CPU ms per second', (r) => r.playback.paint],
  ['2× playback: longest task (ms)', (r) => r.playback.longest],
]

function table(results, names, loads) {
  const fmt = (n) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2))
  const lines = [
    `| (medians of ${REPEAT}) | ${names.join(' | ')} | Verbatim ÷ Hyperaudio Lite |`,
    `| --- | ${names.map(() => '---:').join(' | ')} | ---: |`,
  ]
  for (const [label, pick] of MEASURES) {
    const medians = names.map((name) => median(results[name].map(pick)))
    const ratio = medians[names.indexOf('Verbatim')] / medians[names.indexOf('Hyperaudio Lite')]
    lines.push(`| ${label} | ${medians.map(fmt).join(' | ')} | ${ratio.toFixed(2)} |`)
  }
  const m = machine()
  lines.push(
    '',
    `${m.cpu}, ${m.nproc} CPUs, ${m.chromium}; load average ${loads[0]} at the start, ${loads[1]} at the end.`,
  )
  return lines.join('\n')
}

function writeIntoBenchmarks(text) {
  const path = join(root, 'docs', 'benchmarks.md')
  const start = '<!-- bench:compare -->'
  const end = '<!-- /bench:compare -->'
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n'
  const block = `${start}\n## Verbatim beside Hyperaudio Lite (\`npm run bench:compare\`, ${new Date().toISOString().slice(0, 10)})\n\n${text}\n${end}`
  const next = old.includes(start)
    ? old.slice(0, old.indexOf(start)) + block + old.slice(old.indexOf(end) + end.length)
    : `${old.trimEnd()}\n\n${block}\n`
  writeFileSync(path, next)
}

// ---------------------------------------------------------------------------------------------

async function main() {
  requireChromium()
  installCleanup()
  await ensureMp3()
  writeComparePages()
  const transcriptDir = makeTemporaryDir('verbatim-compare-')
  const transcript = join(transcriptDir, 'words-90000.json')
  writeFileSync(transcript, whisperX())
  const loads = [loadavg()[0].toFixed(2)]
  const baseURL = await startPreview({ port: PORT })
  try {
    // Verbatim's profile, with the call imported once.
    const verbatim = await launchProfile()
    // importThroughUi reads the long tasks of the import.
    await verbatim.context.addInitScript(longTaskObserver)
    await verbatim.context.addInitScript(paintPoll)
    await verbatim.page.goto(baseURL)
    progress('Importing the 3-hour call into Verbatim…')
    await importThroughUi(verbatim.page, {
      audio: join(root, 'dist', 'compare', 'call.mp3'),
      transcripts: [transcript],
      languages: { 'words-90000.json': 'en' },
      sampler: verbatim.sampler,
      hashTimeoutMs: 120_000,
      importTimeoutMs: 240_000,
    })
    const callId = verbatim.page.url().match(/#\/call\/([0-9a-f]{16})/)?.[1]
    const others = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
    const plain = await others.newContext({
      viewport: { width: 1280, height: 800 },
      serviceWorkers: 'block',
    })
    await plain.addInitScript(paintPoll)
    const results = {}
    const list = apps(baseURL, callId)
    for (let round = 0; round < REPEAT; round++) {
      for (const app of list) {
        const context = app.name === 'Verbatim' ? verbatim.context : plain
        progress(`Round ${round + 1} of ${REPEAT}: ${app.name}…`)
        const result = {
          deepLink: await deepLink(context, app),
          seek: await seeks(context, app),
          playback: await playback(context, app),
        }
        ;(results[app.name] ??= []).push(result)
      }
    }
    loads.push(loadavg()[0].toFixed(2))
    await others.close()
    await verbatim.close()
    const text = table(
      results,
      list.map((a) => a.name),
      loads,
    )
    console.log(`\n${text}\n`)
    writeIntoBenchmarks(text)
    console.log('Written into docs/benchmarks.md.')
  } finally {
    stopPreview()
  }
}

main().catch((error) => {
  console.error(error)
  stopPreview()
  process.exit(1)
})

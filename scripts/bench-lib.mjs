// Shared pieces of the browser benchmarks (bench.mjs, bench-import.mjs): synthetic speech made
// once and cached outside the repository, the `vite preview` server, Chromium profiles that are
// closed and removed even when the run is interrupted, a sampler of the memory of every Chromium
// process, importing a call through the real UI, and the formatting of the reports.
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
  writeFileSync,
} from 'node:fs'
import { get } from 'node:http'
import { cpus, homedir, tmpdir, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { chromiumArgs, chromiumPath } from './chromium.mjs'
import { onPath, requireTools } from './require-tools.mjs'

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const cacheDir = join(
  process.env.XDG_CACHE_HOME || join(homedir(), '.cache'),
  'verbatim-bench',
)
export { chromiumArgs, chromiumPath }

const SAMPLE_MS = 100

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** Prints a progress line, with the seconds since the script started (none once interrupted). */
export function progress(text) {
  if (interrupted) return
  console.log(`[${(performance.now() / 1000).toFixed(0).padStart(4)} s] ${text}`)
}

/** Exits with one line saying how to install the browser when it is not there. */
export function requireChromium() {
  requireTools({ chromium: true })
}

export const have = onPath

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options })
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr?.toString().trim()}`)
  }
}

/** `run`, without blocking: for encoders that can work side by side. */
export function runAsync(command, args) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0
        ? resolveRun()
        : reject(new Error(`${command} ${args.join(' ')} failed (${code}): ${stderr.trim()}`)),
    )
  })
}

// ---------------------------------------------------------------------------------------------
// Cleanup: the server, the browser in use, and temporary folders, also on Ctrl-C

let server = null
let contextInUse = null
const temporary = new Set()
let interrupted = false

export const isInterrupted = () => interrupted

/** Removes a folder, retrying while a closing Chromium may still be writing into it. */
function removeQuietly(path) {
  try {
    rmSync(path, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 })
  } catch (error) {
    console.warn(`Could not remove ${path}: ${error}`)
  }
}

/** A temporary folder (under the system's), removed when the script ends however it ends. */
export function makeTemporaryDir(prefix) {
  const path = mkdtempSync(join(tmpdir(), prefix))
  temporary.add(path)
  return path
}

export function removeTemporaryDir(path) {
  removeQuietly(path)
  temporary.delete(path)
}

/** Stops the server and removes temporary folders on exit; closes the browser first on a signal. */
export function installCleanup() {
  process.on('exit', () => {
    stopPreview()
    for (const path of temporary) removeQuietly(path)
  })
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (interrupted) return
      interrupted = true
      console.error(`\n${signal}: stopping the server and the browser…`)
      stopPreview()
      // Chromium must be gone before its profile is removed (by the exit handler), or it writes
      // into it again. contextInUse is a promise, so that a browser still starting is waited for.
      void Promise.race([contextInUse?.then((c) => c.close()), sleep(10_000)])
        .catch(() => {})
        .then(endStragglers)
        .finally(() => process.exit(130))
    })
  }
}

// ---------------------------------------------------------------------------------------------
// Synthetic speech, made once

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
/** The sentences spoken, in order. */
export const SENTENCES = PARAGRAPHS.flatMap((p) => p.split(/(?<=[.?!])\s+/))
/** The words spoken, in order. */
export const WORDS = PARAGRAPHS.join(' ').split(/\s+/)

/** What making speech needs: commands for requireTools, and the Debian packages with them. */
export const SPEECH_TOOLS = {
  commands: ['espeak-ng', 'lame', ['sox', 'ffmpeg']],
  packages: ['espeak-ng', 'sox', 'libsox-fmt-all', 'ffmpeg', 'lame'],
}

/** The tools that making speech needs and this machine lacks, as an install hint. */
export function missingSpeechTools(extra = []) {
  const missing = ['espeak-ng', 'lame', ...extra].filter((c) => !have(c))
  if (!have('sox') && !have('ffmpeg')) missing.push('sox (or ffmpeg)')
  return missing
}

/**
 * Writes `seconds` of synthetic speech as raw signed 16-bit little-endian mono PCM at `rate` Hz
 * into `work` and returns its path: the four paragraphs in different voices and speeds, each
 * followed by 1.2 s of silence, looped. Uses sox, or ffmpeg when sox is missing.
 */
export function makeSpeechPcm(work, { seconds, rate }) {
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
  const raw = join(work, 'speech.raw')
  if (have('sox')) {
    const padded = parts.map((wav, i) => {
      const out = join(work, `q${i}.wav`)
      run('sox', [wav, '-r', String(rate), '-c', '1', '-b', '16', out, 'pad', '0', '1.2'])
      return out
    })
    run('sox', [...padded, unit])
    const unitSeconds = Number(execFileSync('soxi', ['-D', unit]).toString().trim())
    const repeats = Math.ceil(seconds / unitSeconds)
    const toRaw = '-t raw -e signed -b 16 -c 1'.split(' ')
    run('sox', [unit, ...toRaw, raw, 'repeat', String(repeats - 1), 'trim', '0', `${seconds}`])
  } else {
    const list = join(work, 'list.txt')
    const mono = ['-ar', String(rate), '-ac', '1']
    const padded = parts.map((wav, i) => {
      const out = join(work, `q${i}.wav`)
      run('ffmpeg', ['-v', 'error', '-i', wav, '-af', 'apad=pad_dur=1.2', ...mono, out])
      return out
    })
    writeFileSync(list, padded.map((p) => `file '${p}'`).join('\n'))
    run('ffmpeg', ['-v', 'error', '-f', 'concat', '-safe', '0', '-i', list, ...mono, unit])
    const loop = ['-v', 'error', '-stream_loop', '-1', '-i', unit, '-t', `${seconds}`]
    run('ffmpeg', [...loop, ...mono, '-f', 's16le', raw])
  }
  return raw
}

/** lame's arguments for reading what makeSpeechPcm wrote. */
export function lameRawInput(rate) {
  return ['-r', '-s', String(rate / 1000), '--bitwidth', '16', '--signed', '--little-endian']
}

/**
 * Makes files into the cache once. `make(work)` builds them in a folder beside the cache (the
 * same file system, so that the renames are atomic) and returns { [final path]: path in work };
 * they are moved in the order of `outputs`, whose last one therefore means all are complete. An
 * interrupted run leaves nothing half-written behind.
 */
export async function generateOnce({ what, outputs, make }) {
  if (outputs.every((path) => existsSync(path))) return
  progress(`Generating ${what} once, into ${cacheDir}…`)
  mkdirSync(cacheDir, { recursive: true })
  const work = mkdtempSync(join(cacheDir, '.generating-'))
  temporary.add(work)
  try {
    const made = await make(work)
    for (const path of outputs) renameSync(made[path], path)
  } finally {
    removeTemporaryDir(work)
  }
}

// ---------------------------------------------------------------------------------------------
// The preview server

export function stopPreview() {
  if (server && server.exitCode === null && server.signalCode === null) {
    try {
      process.kill(-server.pid, 'SIGTERM') // the whole process group: node and its children
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

/**
 * Serves a production build (dist/, or `outDir`) with `vite preview` on `port`, in its own
 * process group so that it and its children can be stopped together. Returns its address.
 */
export async function startPreview({ port, outDir }) {
  const baseURL = `http://localhost:${port}/`
  const args = ['preview', '--port', String(port), '--strictPort']
  if (outDir) args.push('--outDir', outDir)
  server = spawn(join(root, 'node_modules/.bin/vite'), args, {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  server.stdout.on('data', (d) => (output += d))
  server.stderr.on('data', (d) => (output += d))
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`vite preview exited (${server.exitCode}):\n${output}`)
    }
    if ((await httpStatus(baseURL)) === 200) return baseURL
    await sleep(200)
  }
  throw new Error(`vite preview did not answer on ${baseURL} within 30 s:\n${output}`)
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
 * sum overstates the true total somewhat; the Δ over a baseline taken just before the work is
 * the meaningful number.
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

/** Samples every 100 ms; `mark()` starts a new window whose peaks `peak()` reports (in KiB). */
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
// A browser with a fresh profile

/**
 * Launches Chromium with a fresh on-disk profile (IndexedDB quota and storage behave as for a
 * real user; an incognito-like context keeps IndexedDB in memory, which would inflate memory
 * figures) and starts sampling its memory. `close()` closes it and removes the profile.
 */
export async function launchProfile({ serviceWorkers = 'allow' } = {}) {
  const profile = makeTemporaryDir('verbatim-bench-profile-')
  contextInUse = chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: chromiumArgs,
    viewport: { width: 1280, height: 800 },
    serviceWorkers,
    handleSIGINT: false, // closed by installCleanup's handler, then the profile removed
    handleSIGTERM: false,
  })
  const context = await contextInUse
  let sampler = null
  const close = async () => {
    sampler?.stop()
    // When interrupted, the signal handler closes the browser and the exit handler removes the
    // profile: a second close() returns while Chromium is still writing into it.
    if (interrupted) return
    await context.close().catch(() => {})
    contextInUse = null
    removeTemporaryDir(profile)
  }
  try {
    const cdp = await context.browser().newBrowserCDPSession()
    const { processInfo } = await cdp.send('SystemInfo.getProcessInfo')
    const browserPid = processInfo.find((p) => p.type === 'browser')?.id
    if (!browserPid) throw new Error('CDP did not name the browser process')
    await cdp.detach()
    sampler = memorySampler(browserPid)
    const page = context.pages()[0] ?? (await context.newPage())
    return { context, page, sampler, close }
  } catch (error) {
    await close()
    throw error
  }
}

// ---------------------------------------------------------------------------------------------
// Long tasks

/** An init script: counts main-thread tasks of 50 ms or more and keeps the longest. */
export function longTaskObserver() {
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

/** The longest task (-1: not observable) and the count of long tasks since the last call. */
export function readLongTasks(page) {
  return page.evaluate(() => {
    const seen = { longest: window.__longest, count: window.__longTasks }
    if (window.__longest >= 0) window.__longest = 0
    window.__longTasks = 0
    return seen
  })
}

// ---------------------------------------------------------------------------------------------
// Importing through the UI

/**
 * Imports `audio` with `transcripts` through the Import dialog, from the library page the
 * `page` is on, and times the hash (file chosen → "SHA-256 <64 hex>" shown) and the import
 * (click "Add to library" → the call's page with the waveform ready), with the memory peak over
 * both against a baseline taken just before the file is chosen and the long tasks of each phase.
 * Needs `longTaskObserver` as an init script. `languages` sets a transcript's language by file
 * name.
 */
export async function importThroughUi(
  page,
  { audio, transcripts = [], title, languages = {}, sampler, hashTimeoutMs, importTimeoutMs },
) {
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Import' })
  await dialog.waitFor({ state: 'visible' })
  if (transcripts.length > 0) {
    // Chosen first and awaited, so that parsing them is neither in the hash time nor racing the
    // click on "Add to library".
    await dialog.getByLabel('Transcript files').setInputFiles(transcripts)
    const read = dialog.getByText(/\w+ · \d+ segments/)
    await read.nth(transcripts.length - 1).waitFor({ timeout: 60_000 })
    for (const [file, language] of Object.entries(languages)) {
      await dialog.getByLabel(`Language of ${file}`).fill(language)
    }
  }
  if (title) await dialog.getByRole('textbox', { name: 'Title' }).fill(title)
  // The app opens on the library, so any Player found once the URL names the new call is that
  // call's; were a player already mounted, its aria-busy="false" could be mistaken for ready.
  if ((await page.getByRole('region', { name: 'Player' }).count()) > 0) {
    console.warn('  (a Player was already on the page before the import; "ready" may be early)')
  }
  await sleep(1000) // let the page and the lazily loaded dialog settle before the baseline
  const baseline = sampler.mark()
  await readLongTasks(page)

  const t0 = performance.now()
  await dialog.getByLabel('Audio file').setInputFiles(audio)
  await page.waitForFunction(
    () => /SHA-256 [0-9a-f]{64}/.test(document.querySelector('dialog[open]')?.textContent ?? ''),
    null,
    { polling: 'raf', timeout: hashTimeoutMs },
  )
  const t1 = performance.now()
  const hashTasks = await readLongTasks(page)
  const button = dialog.getByRole('button', { name: 'Add to library' })
  await button.waitFor({ state: 'visible' })
  const t2 = performance.now()
  await button.click()
  // Fails fast on an import error (role="alert" in the dialog) rather than at the timeout.
  await page.waitForFunction(
    () => {
      const error = document.querySelector('dialog[open] [role="alert"]')
      if (error) throw new Error(`the import failed: ${error.textContent}`)
      if (!/#\/call\/[0-9a-f]{16}/.test(location.href)) return false
      const player = [...document.querySelectorAll('section[aria-label="Player"]')]
      return player.some((p) =>
        p.querySelector('[role="slider"][aria-label="Playback position"][aria-busy="false"]'),
      )
    },
    null,
    { polling: 'raf', timeout: importTimeoutMs },
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
  const importTasks = await readLongTasks(page)
  const callId = decodeURIComponent(/#\/call\/([^?]+)/.exec(page.url())?.[1] ?? '')
  return {
    callId,
    duration,
    hashMs: t1 - t0,
    importMs: t3 - t2,
    totalMs: t3 - t0,
    baseline,
    peak,
    hashTasks,
    importTasks,
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics and formatting

/** The q-quantile (0..1) of numbers, by the nearest rank. */
export function quantile(values, q) {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}
export const median = (values) => quantile(values, 0.5)

/** File sizes in decimal units, as file managers show them. */
export function bytes(n) {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} MB`
  return `${(n / 1e3).toFixed(0)} kB`
}
/** Memory in binary units (VmRSS is in KiB). */
export const mib = (kb) => `${(kb / 1024).toFixed(0)} MiB`
export const delta = (kb) => `${kb >= 0 ? '+' : '−'}${(Math.abs(kb) / 1024).toFixed(0)} MiB`
export function ms(n) {
  if (!Number.isFinite(n)) return '?'
  if (n >= 10_000) return `${(n / 1000).toFixed(1)} s`
  if (n < 1) return `${n.toFixed(3)} ms`
  if (n < 10) return `${n.toFixed(1)} ms`
  return `${Math.round(n)} ms`
}
export function clock(s) {
  if (!Number.isFinite(s)) return '?'
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = s - h * 3600 - m * 60
  if (h > 0) return `${h}:${String(m).padStart(2, '0')}:${sec.toFixed(1).padStart(4, '0')}`
  return m > 0 ? `${m}:${sec.toFixed(1).padStart(4, '0')}` : `${sec.toFixed(1)} s`
}

/** What the figures were measured on. */
export function machine() {
  const text = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim()
    } catch {
      return '?'
    }
  }
  let os = '?'
  try {
    os = /^PRETTY_NAME="?([^"\n]*)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '?'
  } catch {
    // not Linux, or no os-release
  }
  return {
    cpu: cpus()[0]?.model?.trim() ?? '?',
    nproc: text('nproc', []),
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    chromium: text(chromiumPath, ['--version']),
    node: process.version,
    os,
  }
}

#!/usr/bin/env node
// Writes the README's pictures from the production build: `vite preview` on a free port, Debian's
// Chromium, the Tang Junjie sample call with a range selected. docs/screenshot.png is 1280×800 with
// a note on the range and both tracks side by side; docs/screenshot-phone.png is 390×844 with the
// lines interleaved under the player. Usage: npm run screenshot (builds first). Not part of `npm test`.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { chromiumArgs, chromiumPath } from './chromium.mjs'
import { requireTools } from './require-tools.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const DESKTOP = join(root, 'docs', 'screenshot.png')
const PHONE = join(root, 'docs', 'screenshot-phone.png')
const CALL = 'tang-junjie-2012-04'
const RANGE = '6.3,10.2'
const NOTE = 'Says the task came from Party Central: check against the Chinese original.'

requireTools({ chromium: true, commands: ['fc-list'], packages: ['fontconfig'] })
// Without a Chinese font the translation track would be drawn as empty boxes.
if (!spawnSync('fc-list', [':lang=zh', 'family']).stdout?.toString().trim()) {
  console.error('npm run screenshot needs a Chinese font: sudo apt-get install -y fonts-noto-cjk')
  process.exit(1)
}
if (!existsSync(join(root, 'dist', 'index.html'))) {
  console.error('No production build in dist/: run `npm run screenshot` (it builds first).')
  process.exit(1)
}

/** A port nothing listens on now (the kernel's pick). */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolvePort(port))
    })
  })
}

const port = await freePort()
const baseURL = `http://localhost:${port}/`
// Its own process group, so that stopping it stops vite's children too.
const server = spawn(
  join(root, 'node_modules/.bin/vite'),
  ['preview', '--port', String(port), '--strictPort'],
  { cwd: root, detached: true, stdio: 'ignore' },
)
const stopServer = () => {
  try {
    process.kill(-server.pid, 'SIGTERM')
  } catch {
    // already gone
  }
}
process.on('exit', stopServer)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130))

/** Resolves when the server answers, or fails after 30 s. */
async function waitForServer() {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`vite preview exited (${server.exitCode})`)
    try {
      if ((await fetch(baseURL)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`vite preview did not answer on ${baseURL} within 30 s`)
}

/** Whether a canvas under the waveform (inside its shadow roots) has any pixel drawn. */
function waveformInked(root) {
  const canvases = []
  const walk = (node) => {
    for (const child of node.children) {
      if (child.tagName === 'CANVAS') canvases.push(child)
      if (child.shadowRoot) walk(child.shadowRoot)
      walk(child)
    }
  }
  walk(root)
  return canvases.some((canvas) => {
    if (canvas.width === 0 || canvas.height === 0) return false
    const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data
    return pixels?.some((value, i) => i % 4 === 3 && value > 0) ?? false
  })
}

/** Opens the call at the range, paused, with its waveform drawn. */
async function openCall(context) {
  const page = await context.newPage()
  await page.goto(`${baseURL}#/call/${CALL}?t=${RANGE}`)
  const player = page.getByRole('region', { name: 'Player' })
  const slider = player.getByRole('slider', { name: 'Playback position' })
  await slider.and(page.locator('[aria-busy="false"]')).waitFor({ timeout: 30_000 })
  // A range link starts looping the range: stop it, so that the picture is of one moment.
  const pause = player.getByRole('button', { name: 'Pause' })
  if (await pause.isVisible()) await pause.click()
  await player.getByRole('button', { name: 'Play' }).waitFor()
  await page.waitForFunction(waveformInked, await slider.elementHandle(), { timeout: 30_000 })
  return page
}

async function snap(page, path) {
  await page.evaluate(() => globalThis.document.fonts.ready)
  await page.screenshot({ path })
  console.log(`wrote ${path}`)
}

await waitForServer()
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
try {
  const desktop = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
    locale: 'en-GB',
  })
  const page = await openCall(desktop)
  const notes = page.getByRole('region', { name: 'Notes' })
  await notes.getByRole('button', { name: 'Add note' }).click()
  await page.getByRole('textbox', { name: 'Note' }).fill(NOTE)
  await page.getByRole('textbox', { name: 'Note' }).blur()
  await snap(page, DESKTOP)

  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    colorScheme: 'light',
    locale: 'en-GB',
  })
  await snap(await openCall(phone), PHONE)
} finally {
  await browser.close()
  stopServer()
}

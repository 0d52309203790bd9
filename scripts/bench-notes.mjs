#!/usr/bin/env node
// Measures the notes list with 10,000 notes on one call: imports a generated notes export through
// the UI, then times opening the call until the list shows, filtering it, and the DOM size.
// Usage: npm run bench:notes (builds first). Needs Debian's chromium. Not part of `npm test`.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { chromiumArgs, chromiumPath } from './chromium.mjs'
import { requireTools } from './require-tools.mjs'

requireTools({ chromium: true })

const PORT = 4191
const COUNT = 10_000
const CALL = {
  id: 'tang-junjie-2012-04',
  title: 'Tang Junjie on Party Central and the Standing Committee',
  recorded: '2012-04',
  audioSha256: '',
  duration: 17.82,
}

const library = JSON.parse(
  await (await import('node:fs/promises')).readFile('public/samples/library.json', 'utf8'),
)
CALL.audioSha256 = library.calls.find((c) => c.id === CALL.id).audio.sha256

const now = new Date().toISOString()
const words = ['directions', 'organs', 'Party', 'Central', 'meeting', 'committee', 'task', 'Bo']
const notes = Array.from({ length: COUNT }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  callId: CALL.id,
  audioSha256: CALL.audioSha256,
  start: Math.round(((i * 17.8) / COUNT) * 1000) / 1000,
  text: `Note ${i} about ${words[i % words.length]} and ${words[(i * 7) % words.length]}`,
  tags: [words[i % 3]],
  state: ['unreviewed', 'listened', 'verified', 'disputed'][i % 4],
  createdAt: now,
  updatedAt: now,
}))
const dir = mkdtempSync(join(tmpdir(), 'verbatim-notes-bench-'))
const file = join(dir, 'notes.json')
writeFileSync(
  file,
  JSON.stringify({ format: 'verbatim-notes', version: 1, exportedAt: now, calls: [CALL], notes }),
)

const server = spawn(
  'node_modules/.bin/vite',
  ['preview', '--port', String(PORT), '--strictPort'],
  {
    detached: true,
    stdio: 'ignore',
  },
)
const stop = () => {
  try {
    process.kill(-server.pid)
  } catch {
    // already gone
  }
}
process.on('exit', stop)
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(`http://localhost:${PORT}/`)).ok) break
  } catch {
    await new Promise((r) => setTimeout(r, 100))
  }
}

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: chromiumArgs,
})
const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
const url = `http://localhost:${PORT}/#/call/${CALL.id}`
await page.goto(url)
const region = page.getByRole('region', { name: 'Notes' })
await region.getByText('Export or import notes').click()
let started = Date.now()
await region.getByLabel('Notes file').setInputFiles(file)
await region.getByText(`${COUNT} added`).waitFor({ timeout: 120_000 })
const importMs = Date.now() - started

const rows = []
for (let run = 0; run < 5; run++) {
  await page.goto('about:blank')
  started = Date.now()
  await page.goto(url)
  await region.getByText(`${COUNT} notes`).waitFor({ timeout: 60_000 })
  await region.getByRole('listitem').first().waitFor()
  const openMs = Date.now() - started
  const listItems = await region.getByRole('listitem').count()
  started = Date.now()
  await region.getByRole('searchbox', { name: 'Filter notes' }).fill('committee')
  await region.getByText(/of 10000 notes/).waitFor()
  const filterMs = Date.now() - started
  rows.push({ openMs, filterMs, listItems })
}
await browser.close()
stop()
rmSync(dir, { recursive: true, force: true })

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
console.log(`\n### Notes list with ${COUNT.toLocaleString('en')} notes on one call\n`)
console.log('| what | figure |')
console.log('|---|---|')
console.log(
  `| import of a ${COUNT}-note JSON export (parse, merge, one transaction) | ${importMs} ms |`,
)
console.log(
  `| open the call until the notes list shows (median of 5) | ${median(rows.map((r) => r.openMs))} ms |`,
)
console.log(
  `| filter 10,000 notes by text, until the list updates (median) | ${median(rows.map((r) => r.filterMs))} ms |`,
)
console.log(`| note rows in the DOM (virtualised) | ${rows[0].listItems} |`)

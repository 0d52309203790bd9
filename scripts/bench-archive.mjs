#!/usr/bin/env node
/* global document -- functions run in the page via Playwright */
// Measures backup and restore of a library of 20 imported calls holding about 200 MB of audio,
// through the real UI of the production build in headless Chromium: the calls are imported into a
// fresh profile and "Download backup" (with the audio) is timed; then the backup is restored into
// a second fresh profile, timing it and sampling the memory of every Chromium process, and
// restored again (nothing to add). Prints a Markdown table. Not part of `npm test`.
//
//   npm run bench:archive
//
// The 20 WAV files (about 10 MB each: 312 s of 16 kHz mono tone, one pitch per call so that each
// has its own SHA-256) and their transcripts are made once with sox and cached in
// ${XDG_CACHE_HOME:-~/.cache}/verbatim-bench/archive/.
import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import {
  bytes,
  cacheDir,
  delta,
  generateOnce,
  importThroughUi,
  installCleanup,
  launchProfile,
  machine,
  makeTemporaryDir,
  mib,
  ms,
  progress,
  requireChromium,
  root,
  run,
  startPreview,
  stopPreview,
} from './bench-lib.mjs'
import { requireTools } from './require-tools.mjs'

const CALLS = 20
const SECONDS = 312 // 16 kHz × 2 bytes × 312 s ≈ 10 MB a call
const PORT = 4196
const RESTORE_TIMEOUT_MS = 300_000
const inputs = join(cacheDir, 'archive')
const name = (i, extension) => `tone-${String(i).padStart(2, '0')}.${extension}`

requireChromium()
installCleanup()

requireTools({ commands: ['sox'], packages: ['sox'] })
mkdirSync(inputs, { recursive: true })
const outputs = Array.from({ length: CALLS }, (_, i) => [
  join(inputs, name(i, 'vtt')),
  join(inputs, name(i, 'wav')),
]).flat()
await generateOnce({
  what: `${CALLS} WAV files of ${SECONDS} s`,
  outputs,
  make(work) {
    const made = {}
    const stamp = (s) =>
      `00:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.000`
    for (let i = 0; i < CALLS; i++) {
      const wav = join(work, name(i, 'wav'))
      const vtt = join(work, name(i, 'vtt'))
      const synth = ['synth', String(SECONDS), 'sine', String(220 + i * 37), 'tremolo', '3', '60']
      run('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', wav, ...synth])
      const cues = Array.from({ length: SECONDS / 6 }, (_, k) => {
        return `${stamp(k * 6)} --> ${stamp(k * 6 + 6)}\nTone ${i}, line ${k}.\n`
      })
      writeFileSync(vtt, `WEBVTT\n\n${cues.join('\n')}`)
      made[join(inputs, name(i, 'wav'))] = wav
      made[join(inputs, name(i, 'vtt'))] = vtt
    }
    return made
  },
})
const audioBytes = outputs
  .filter((p) => p.endsWith('.wav'))
  .reduce((sum, p) => sum + statSync(p).size, 0)

progress('Building the app…')
const outDir = makeTemporaryDir('verbatim-bench-archive-build-')
run(join(root, 'node_modules/.bin/vite'), ['build', '--outDir', outDir, '--logLevel', 'warn'], {
  cwd: root,
})
const baseURL = await startPreview({ port: PORT, outDir })

/** Opens the sidebar's archive panel. */
async function openPanel(page) {
  const open = await page.locator('details.archive-panel').evaluate((d) => d.open)
  if (!open) await page.getByText('Backup and evidence bundles').click()
}

// ---- Profile A: the library, and its backup --------------------------------------------------

const source = await launchProfile()
const rows = []
let backupPath
try {
  await source.page.goto(baseURL)
  for (let i = 0; i < CALLS; i++) {
    progress(`Importing call ${i + 1} of ${CALLS}…`)
    await source.page.goto(baseURL)
    await importThroughUi(source.page, {
      audio: join(inputs, name(i, 'wav')),
      transcripts: [join(inputs, name(i, 'vtt'))],
      title: `Tone ${i}`,
      sampler: source.sampler,
      hashTimeoutMs: 60_000,
      importTimeoutMs: 120_000,
    })
  }
  progress('Making the backup (with the audio)…')
  await source.page.goto(baseURL)
  await openPanel(source.page)
  const baseline = source.sampler.mark()
  const t0 = performance.now()
  const download = source.page.waitForEvent('download', { timeout: RESTORE_TIMEOUT_MS })
  await source.page.getByRole('button', { name: 'Download backup' }).click()
  const file = await download
  const t1 = performance.now()
  const peak = source.sampler.peak()
  backupPath = join(makeTemporaryDir('verbatim-bench-archive-'), file.suggestedFilename())
  await file.saveAs(backupPath)
  rows.push([
    `backup of ${CALLS} calls with audio (${bytes(statSync(backupPath).size)} file)`,
    ms(t1 - t0),
    `${delta(peak.all - baseline.all)} (peak ${mib(peak.all)})`,
  ])
} finally {
  await source.close()
}

// ---- Profile B: restore, twice ---------------------------------------------------------------

const target = await launchProfile()
try {
  const { page, sampler } = target
  await page.goto(baseURL)
  await page.getByRole('navigation', { name: 'Library' }).getByRole('link').first().waitFor()
  await openPanel(page)
  for (const round of ['restore into a fresh profile', 'restore again (all already there)']) {
    progress(`${round}…`)
    const notice = page.getByRole('status').filter({ hasText: /Restored|already/ })
    const before = await notice.count()
    const baseline = sampler.mark()
    const t0 = performance.now()
    await page.getByLabel('Restore from backup').setInputFiles(backupPath)
    await page.waitForFunction(
      (count) => {
        const alert = document.querySelector('.notices [role="alert"], main [role="alert"]')
        if (alert) throw new Error(`the restore failed: ${alert.textContent}`)
        const notices = [...document.querySelectorAll('[role="status"]')].filter((el) =>
          /Restored|already/.test(el.textContent ?? ''),
        )
        return notices.length > count
      },
      before,
      { polling: 100, timeout: RESTORE_TIMEOUT_MS },
    )
    const t1 = performance.now()
    const peak = sampler.peak()
    rows.push([round, ms(t1 - t0), `${delta(peak.all - baseline.all)} (peak ${mib(peak.all)})`])
  }
  const links = await page.getByRole('navigation', { name: 'Library' }).getByRole('link').count()
  rows.push(['calls in the library after both restores', `${links - 3} imported + 3 samples`, ''])
} finally {
  await target.close()
}

console.log(`\n### Backup and restore — ${CALLS} calls, ${bytes(audioBytes)} of audio\n`)
const m = machine()
console.log(
  `${new Date().toISOString().slice(0, 16)} UTC on ${m.cpu}, ${m.nproc} cores, ${m.memory}, ${m.os}; ${m.chromium}, Node ${m.node}\n`,
)
console.log('| what | time | memory, all Chromium processes, Δ over baseline |')
console.log('| --- | --- | --- |')
for (const row of rows) console.log(`| ${row.join(' | ')} |`)

// The server's pipes would keep Node running after the table: stop it, as the other benches do.
stopPreview()

import { expect, test, type Page } from '@playwright/test'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { editZip, unzip } from '../helpers/zip-edit'
import { importCall, ui } from './app'
import { launchProfile } from './browser'
import { STATEMENT } from './calls'

const TRANSCRIPT = `WEBVTT\n\n00:00.000 --> 00:04.000\n${STATEMENT.firstLine}\n`
const NOTE = 'Check the date of this speech'
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** Opens the panel in the sidebar (a disclosure) and returns it. */
async function openArchivePanel(page: Page) {
  const panel = page.locator('details.archive-panel')
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await page.getByText('Backup and evidence bundles').click()
  }
  return panel
}

/** Imports the statement (FLAC) with a transcript and adds a note; resolves on its page. */
async function importWithNote(page: Page) {
  await page.goto('./')
  await importCall(page, {
    audio: STATEMENT.audio,
    transcripts: [{ name: 'statement.vtt', text: TRANSCRIPT }],
    title: 'Statement for the archive',
  })
  const notes = page.getByRole('region', { name: 'Notes' })
  await notes.getByRole('button', { name: 'Add note' }).click()
  await notes.getByRole('textbox', { name: 'Note' }).fill(NOTE)
  await notes.getByRole('textbox', { name: 'Note' }).blur()
  await expect(notes.getByRole('listitem')).toHaveCount(1)
}

async function expectCallWithNoteThatPlays(page: Page) {
  await page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('link', { name: /Statement for the archive/ })
    .click()
  const app = ui(page)
  await app.ready()
  await expect(app.segments.first()).toContainText(STATEMENT.firstLine)
  await expect(page.getByRole('region', { name: 'Notes' }).getByRole('listitem')).toContainText(
    NOTE,
  )
  await app.playButton.click()
  await expect.poll(() => app.time(), { timeout: 10_000 }).toBeGreaterThan(0.5)
  await app.player.getByRole('button', { name: 'Pause' }).click()
}

test('a backup restores into a fresh profile, and restoring it again duplicates nothing', async ({
  baseURL,
}) => {
  const work = mkdtempSync(join(tmpdir(), 'verbatim-backup-'))
  const first = launchProfile(baseURL)
  const second = launchProfile(baseURL)
  try {
    const source = await first.launch()
    const page = await source.newPage()
    await importWithNote(page)
    await openArchivePanel(page)
    const downloaded = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Download backup' }).click()
    const backupPath = join(work, (await downloaded).suggestedFilename())
    await (await downloaded).saveAs(backupPath)
    await source.close()

    const target = await second.launch()
    const fresh = await target.newPage()
    await fresh.goto('./')
    const library = fresh.getByRole('navigation', { name: 'Library' })
    await expect(library.getByRole('link')).toHaveCount(3)
    await openArchivePanel(fresh)
    await fresh.getByLabel('Restore from backup').setInputFiles(backupPath)
    await expect(fresh.getByRole('status').filter({ hasText: /Restored 1 call/ })).toBeVisible({
      timeout: 20_000,
    })
    await expect(library.getByRole('link')).toHaveCount(4)
    await expectCallWithNoteThatPlays(fresh)

    await openArchivePanel(fresh)
    await fresh.getByLabel('Restore from backup').setInputFiles(backupPath)
    await expect(fresh.getByRole('status').filter({ hasText: /already/ })).toBeVisible({
      timeout: 20_000,
    })
    await expect(library.getByRole('link')).toHaveCount(4)
    await target.close()
  } finally {
    first.cleanup()
    second.cleanup()
    rmSync(work, { recursive: true, force: true })
  }
})

test('an evidence bundle lists every file with its hash, imports into a fresh profile, and is refused when tampered with', async ({
  page,
  browser,
}) => {
  const work = mkdtempSync(join(tmpdir(), 'verbatim-bundle-'))
  try {
    await importWithNote(page)
    const downloaded = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export evidence bundle' }).click()
    const bundlePath = join(work, (await downloaded).suggestedFilename())
    await (await downloaded).saveAs(bundlePath)

    // Every file is in the manifest with its SHA-256, and the audio is the original, byte for byte.
    const bundle = new Blob([readFileSync(bundlePath)])
    const files = await unzip(bundle)
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as {
      call: { audioSha256: string }
      audio: { path: string }
      files: { path: string; size: number; sha256: string }[]
    }
    expect([...files.keys()].filter((name) => name !== 'manifest.json').sort()).toEqual(
      manifest.files.map((f) => f.path).sort(),
    )
    for (const listed of manifest.files) {
      const bytes = files.get(listed.path)
      expect(bytes, listed.path).toBeDefined()
      expect(sha256(bytes!), listed.path).toBe(listed.sha256)
      expect(bytes!.length, listed.path).toBe(listed.size)
    }
    const original = readFileSync(STATEMENT.audio)
    expect(Buffer.from(files.get(manifest.audio.path)!).equals(original)).toBe(true)
    expect(manifest.call.audioSha256).toBe(sha256(original))
    expect(new TextDecoder().decode(files.get('citation-sheet.html'))).toContain(NOTE)

    // One byte of the audio changed: refused, naming the file, and nothing is added.
    const tampered = await editZip(bundle, (name, bytes) => {
      if (name !== manifest.audio.path) return bytes
      const copy = bytes.slice()
      copy[1000] = (copy[1000] ?? 0) ^ 0xff
      return copy
    })
    const tamperedPath = join(work, 'tampered.zip')
    writeFileSync(tamperedPath, Buffer.from(await tampered.arrayBuffer()))

    const context = await browser.newContext()
    const fresh = await context.newPage()
    await fresh.goto('./')
    const library = fresh.getByRole('navigation', { name: 'Library' })
    await expect(library.getByRole('link')).toHaveCount(3)
    await openArchivePanel(fresh)
    await fresh.getByLabel('Import evidence bundle').setInputFiles(tamperedPath)
    const refusal = fresh.getByRole('alert').filter({ hasText: manifest.audio.path })
    await expect(refusal).toBeVisible({ timeout: 20_000 })
    await expect(refusal).toContainText('SHA-256')
    await expect(library.getByRole('link')).toHaveCount(3)

    await fresh.getByLabel('Import evidence bundle').setInputFiles(bundlePath)
    await expect(fresh).toHaveURL(/#\/call\//, { timeout: 20_000 })
    await expect(library.getByRole('link')).toHaveCount(4)
    await expectCallWithNoteThatPlays(fresh)
    await context.close()
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
})

test('the evidence bundle of a sample call holds its audio byte for byte and its transcript', async ({
  page,
}) => {
  await page.goto('./#/call/tang-junjie-2012-04')
  await ui(page).ready()
  const downloaded = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export evidence bundle' }).click()
  const files = await unzip(new Blob([readFileSync(await (await downloaded).path())]))
  const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as {
    call: { audioSha256: string; title: string }
    audio: { path: string }
    tracks: { verbatimJson: string; segmentIds: string[] }[]
  }
  const original = readFileSync('public/samples/tang-junjie-2012-04/audio.mp3')
  expect(Buffer.from(files.get(manifest.audio.path)!).equals(original)).toBe(true)
  expect(manifest.call.audioSha256).toBe(sha256(original))
  expect(manifest.tracks.length).toBeGreaterThan(1)
  for (const track of manifest.tracks) {
    const json = JSON.parse(new TextDecoder().decode(files.get(track.verbatimJson))) as {
      segments: unknown[]
    }
    expect(json.segments.length).toBe(track.segmentIds.length)
    expect(track.segmentIds.length).toBeGreaterThan(0)
  }
})

import { expect, test } from '@playwright/test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { manyCuesVtt } from '../../scripts/big-transcripts.mjs'
import { openImportDialog } from './app'

let work = ''
test.beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'verbatim-cancel-'))
})
test.afterAll(() => rmSync(work, { recursive: true, force: true }))

function write(name: string, data: string): string {
  const path = join(work, name)
  writeFileSync(path, data)
  return path
}

test('a transcript being read shows its progress, and Cancel stops its worker and leaves it out with a sentence', async ({
  page,
}) => {
  test.setTimeout(90_000)
  const path = write('to-cancel.vtt', manyCuesVtt(100_000))
  await page.goto('./')
  const dialog = await openImportDialog(page)
  const started = page.waitForEvent('worker', (worker) => worker.url().includes('transcript'))
  await dialog.getByLabel('Transcript files').setInputFiles(path)
  const worker = await started
  const stopped = new Promise<void>((resolve) => worker.once('close', () => resolve()))
  await expect(dialog.getByRole('progressbar', { name: 'Reading to-cancel.vtt' })).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Reading transcripts…' })).toBeDisabled()

  await dialog.getByRole('button', { name: 'Cancel reading to-cancel.vtt' }).click()
  await stopped
  await expect(dialog.getByRole('alert')).toHaveText(
    'to-cancel.vtt: reading it was cancelled before it finished. This file will not be imported.',
  )
  await expect(dialog.getByRole('progressbar', { name: 'Reading to-cancel.vtt' })).toBeHidden()
  await expect(dialog.getByText(/webvtt · \d+ segments/)).toHaveCount(0)
  await expect(dialog.getByRole('button', { name: 'Add to library' })).toBeEnabled()
})

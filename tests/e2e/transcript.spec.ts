import { expect, test } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { openCallDetails, ui } from './app'

test('scrolling the transcript stops following; "Follow playback" resumes', async ({ page }) => {
  await page.goto('./#/call/tang-junjie-2012-04')
  const app = ui(page)
  await app.ready()
  const follow = app.transcript.getByRole('button', { name: 'Follow playback' })
  await expect(follow).toBeHidden()
  await app.transcript.getByRole('region', { name: /English/ }).hover()
  await page.mouse.wheel(0, 200)
  await expect(follow).toBeVisible()
  await follow.click()
  await expect(follow).toBeHidden()
})

test('the reader chooses which tracks show, and the choice is kept', async ({ page }) => {
  await page.goto('./#/call/zhou-yongkang-2008-05')
  const app = ui(page)
  const tracks = page.getByRole('group', { name: 'Tracks shown' })
  await app.ready()
  await expect(app.transcript.getByRole('region')).toHaveCount(2)
  await expect(app.transcript.getByRole('region', { name: /中文/ })).toContainText('四川')

  await tracks.getByRole('checkbox', { name: /中文/ }).uncheck()
  await expect(app.transcript.getByRole('region')).toHaveCount(1)
  // The last shown track cannot be hidden; one track has no line-by-line layout.
  await expect(tracks.getByRole('checkbox', { name: /English/ })).toBeDisabled()
  await expect(page.getByRole('checkbox', { name: 'Line by line' })).toHaveCount(0)

  await page.reload()
  await ui(page).ready()
  await expect(app.transcript.getByRole('region')).toHaveCount(1)
  await expect(app.transcript.getByRole('region', { name: /English/ })).toBeVisible()
  await tracks.getByRole('checkbox', { name: /中文/ }).check()
  await expect(app.transcript.getByRole('region')).toHaveCount(2)
})

test('the languages can be read line by line, each original line then its translation', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto('./#/call/zhou-yongkang-2008-05')
  const app = ui(page)
  await app.ready()
  const lineByLine = page.getByRole('checkbox', { name: 'Line by line' })
  await expect(lineByLine).not.toBeChecked()
  await lineByLine.check()
  const column = app.transcript.getByRole('region', { name: /line by line/ })
  await expect(app.transcript.getByRole('region')).toHaveCount(1)
  // English, Chinese, English, Chinese: each line with its translation under it.
  await expect(column.locator('[data-start]')).toHaveText([
    /What about the group of Falun Gong practitioners/,
    /2008年地震后从四川省部队营区逃出来的那批法轮功学员/,
    /How many people \[escaped\]\?/,
    /有多少人\[逃出来\]？/,
  ])
  await expect(column.locator('[lang^="zh"] > [data-start]')).toHaveText([/2008年/, /有多少人/])
  // The line being heard is marked in both languages.
  await column.getByRole('button', { name: 'Play from 00:08' }).first().click()
  await expect(column.locator('[data-start][aria-current="true"]')).toHaveText([
    /How many people/,
    /有多少人/,
  ])
  // The choice is kept.
  await page.reload()
  await ui(page).ready()
  await expect(page.getByRole('checkbox', { name: 'Line by line' })).toBeChecked()
  await expect(app.transcript.getByRole('region', { name: /line by line/ })).toBeVisible()
  await page.getByRole('checkbox', { name: 'Line by line' }).uncheck()
  await expect(app.transcript.getByRole('region')).toHaveCount(2)
})

test('the library filter narrows the list, accent- and case-insensitively', async ({ page }) => {
  await page.goto('./')
  const app = ui(page)
  const filter = app.library.getByRole('searchbox', { name: 'Filter calls' })
  await filter.fill('TANG')
  await expect(app.library.getByRole('link')).toHaveCount(1)
  await expect(app.library.getByRole('link')).toContainText('Tang Junjie')
  await filter.fill('2012')
  await expect(app.library.getByRole('link')).toHaveCount(2)
  await filter.fill('nothing like this')
  await expect(app.library.getByRole('link')).toHaveCount(0)
  await expect(app.library).toContainText('No call matches')
})

test('the provenance panel says the audio is synthetic and shows the full SHA-256', async ({
  page,
}) => {
  await page.goto('./#/call/li-changchun-2012-04')
  await openCallDetails(page)
  const provenance = page.getByRole('region', { name: 'Provenance' })
  await expect(provenance).toContainText('Synthetic')
  await expect(provenance).toContainText('not the original recording')
  await expect(provenance.locator('code')).toHaveText(/^[0-9a-f]{64}$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('synthetic audio')
})

test('a track exports as WebVTT, SRT, plain text and Verbatim JSON', async ({ page }) => {
  await page.goto('./#/call/li-changchun-2012-04')
  await ui(page).ready()
  // The call's exports sit beside its title.
  const exports = page.locator('details', { hasText: 'Export transcript' })
  await exports.getByText('Export transcript').click()
  await exports
    .getByRole('combobox', { name: 'Track' })
    .selectOption({ label: '中文（据英文译出，非原话）' })
  const read = async (format: string) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      exports.getByRole('button', { name: format, exact: true }).click(),
    ])
    const path = await download.path()
    return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') }
  }
  const vtt = await read('WebVTT')
  expect(vtt.name).toMatch(/^Li Changchun on who is in charge - 中文.*\.vtt$/)
  expect(vtt.text).toMatch(/^WEBVTT\n/)
  expect(vtt.text).toContain('<v Li Changchun>这件事具体是周永康负责的')
  const srt = await read('SRT')
  expect(srt.text).toMatch(/^1\n00:00:0\d,\d{3} --> /)
  const txt = await read('Plain text')
  expect(txt.text).toMatch(/\[00:00:0\d\] Investigator: /)
  const json = JSON.parse((await read('Verbatim JSON')).text) as {
    format: string
    version: number
    segments: { start: number; text: string }[]
  }
  expect(json.format).toBe('verbatim-transcript')
  expect(json.version).toBe(1)
  expect(json.segments).toHaveLength(2)
})

import { expect, test } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { ui } from './app'

test('a journey through every screen and feature makes no request to another origin', async ({
  page,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? '').origin
  const foreign: string[] = []
  page.context().on('request', (request) => {
    const url = new URL(request.url())
    if (!['blob:', 'data:'].includes(url.protocol) && url.origin !== origin) foreign.push(url.href)
  })
  await page.goto('./')
  const app = ui(page)
  for (const title of ['Zhou Yongkang', 'Li Changchun', 'Tang Junjie']) {
    await app.library.getByRole('link', { name: title }).click()
    await app.ready()
    await app.player.getByRole('button', { name: 'Play' }).click()
    await expect.poll(() => app.time()).toBeGreaterThan(0.3)
    await app.player.getByRole('button', { name: 'Pause' }).click()
  }
  await page.keyboard.press('?')
  await page.keyboard.press('Escape')
  // Search, find in call, zoom, the import dialog, an evidence bundle and a backup.
  await page.getByRole('searchbox', { name: 'Search transcripts' }).fill('organs')
  await page.getByRole('region', { name: 'Search results' }).getByRole('link').first().click()
  await app.ready()
  await page.getByRole('searchbox', { name: 'Find in call' }).fill('Falun')
  await app.player.getByRole('button', { name: 'Zoom in' }).click()
  const bundle = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export evidence bundle' }).click()
  await bundle
  await page.getByRole('button', { name: 'Import' }).click()
  await page
    .getByRole('dialog', { name: 'Import' })
    .getByRole('button', { name: /Cancel|Close/ })
    .first()
    .click()
  await page.getByText('Backup and evidence bundles').click()
  const backup = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Download backup' }).click()
  await backup
  expect(foreign).toEqual([])
})

const VIEWS = [
  { name: 'desktop-light', viewport: { width: 1366, height: 860 }, colorScheme: 'light' },
  { name: 'desktop-dark', viewport: { width: 1366, height: 860 }, colorScheme: 'dark' },
  { name: 'phone', viewport: { width: 390, height: 844 }, colorScheme: 'light' },
] as const

for (const view of VIEWS) {
  test(`main screen renders at ${view.name} (screenshot saved)`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({
      viewport: view.viewport,
      colorScheme: view.colorScheme,
      baseURL: baseURL ?? '',
    })
    const page = await context.newPage()
    await page.goto('./#/call/tang-junjie-2012-04?t=9')
    const app = ui(page)
    await app.ready()
    await app.waveformDrawn()
    await expect(app.activeSegments.first()).toBeInViewport()
    await expect(app.player.getByRole('button', { name: 'Play' })).toBeInViewport()
    mkdirSync('test-results/screenshots', { recursive: true })
    await page.screenshot({ path: `test-results/screenshots/${view.name}.png` })
    await context.close()
  })
}

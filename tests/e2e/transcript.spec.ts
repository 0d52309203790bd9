import { expect, test } from '@playwright/test'
import { ui } from './app'

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
  await app.ready()
  await expect(app.transcript.getByRole('region')).toHaveCount(2)
  await expect(app.transcript.getByRole('region', { name: /中文/ })).toContainText('四川')

  await app.transcript.getByRole('checkbox', { name: /中文/ }).uncheck()
  await expect(app.transcript.getByRole('region')).toHaveCount(1)
  // The last shown track cannot be hidden.
  await expect(app.transcript.getByRole('checkbox', { name: /English/ })).toBeDisabled()

  await page.reload()
  await ui(page).ready()
  await expect(app.transcript.getByRole('region')).toHaveCount(1)
  await expect(app.transcript.getByRole('region', { name: /English/ })).toBeVisible()
  await app.transcript.getByRole('checkbox', { name: /中文/ }).check()
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
  await page.getByText('Provenance and integrity').click()
  const provenance = page.getByRole('region', { name: 'Provenance' })
  await expect(provenance).toContainText('Synthetic')
  await expect(provenance).toContainText('not the original recording')
  await expect(provenance.locator('code')).toHaveText(/^[0-9a-f]{64}$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('synthetic audio')
})

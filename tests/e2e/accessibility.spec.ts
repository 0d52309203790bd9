import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { ui } from './app'
import { impossibleWav, STATEMENT, TWO_VOICES } from './calls'

/**
 * axe-core finds no violation of WCAG 2.2 A or AA of serious or critical impact on the library, a
 * call, search results and the Import dialog, at desktop and phone widths.
 */

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze()
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

async function checkEveryScreen(page: Page): Promise<void> {
  await page.goto('./')
  await expect(ui(page).library.getByRole('link')).toHaveCount(3)
  expect(await seriousViolations(page), 'library').toEqual([])

  await page.goto('./#/call/tang-junjie-2012-04')
  await ui(page).ready()
  await ui(page).waveformDrawn()
  expect(await seriousViolations(page), 'call').toEqual([])

  await page.getByRole('searchbox', { name: 'Search transcripts' }).fill('party')
  await expect(
    page.getByRole('region', { name: 'Search results' }).getByRole('link').first(),
  ).toBeVisible()
  expect(await seriousViolations(page), 'search results').toEqual([])

  await page.getByRole('button', { name: 'Import' }).click()
  await expect(page.getByRole('dialog', { name: 'Import' })).toBeVisible()
  expect(await seriousViolations(page), 'import dialog').toEqual([])

  // With its refusals showing: audio that cannot be played, then a transcript that cannot be added.
  const dialog = page.getByRole('dialog', { name: 'Import' })
  await dialog.getByLabel('Audio file').setInputFiles(impossibleWav('impossible.wav'))
  await expect(dialog.getByRole('alert')).toContainText('impossible.wav cannot be imported')
  expect(await seriousViolations(page), 'import dialog, audio refused').toEqual([])
  await dialog.getByLabel('Audio file').setInputFiles(STATEMENT.audio)
  await dialog.getByLabel('Transcript files').setInputFiles(TWO_VOICES.srt)
  await expect(dialog.getByRole('status')).toContainText('without a transcript')
  expect(await seriousViolations(page), 'import dialog, transcript refused').toEqual([])
}

for (const [name, viewport] of [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  test.describe(name, () => {
    test.use({ viewport })
    test('no serious or critical WCAG 2.2 A/AA violation on any screen', async ({ page }) => {
      await checkEveryScreen(page)
    })
  })
}

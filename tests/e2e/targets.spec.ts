import { expect, test, type Page } from '@playwright/test'
import { ui } from './app'

/**
 * Every control is at least 24×24 CSS px (WCAG 2.2, 2.5.8: target size, minimum), and on a touch
 * screen the main transport is at least 44×44, on every screen at desktop and phone widths.
 */

const CONTROLS = [
  'button',
  'a[href]',
  'input:not([type="hidden"])',
  'select',
  'textarea',
  'summary',
  '[role="slider"]',
  '[role="button"]',
  '[role="checkbox"]',
  '[role="radio"]',
].join(', ')

/** The visible controls smaller than `min` px either way, named so that a failure says which. */
function smallControls(page: Page, min: number): Promise<string[]> {
  return page.evaluate(
    ({ selector, min }) =>
      Array.from(document.querySelectorAll<HTMLElement>(selector))
        .filter((element) => element.getClientRects().length > 0)
        .flatMap((element) => {
          const { width, height } = element.getBoundingClientRect()
          if (width >= min - 0.01 && height >= min - 0.01) return []
          const name =
            element.getAttribute('aria-label') ??
            (element.textContent?.trim() || element.getAttribute('type') || '')
          return [`${element.tagName.toLowerCase()} “${name.slice(0, 40)}” ${width}×${height}`]
        }),
    { selector: CONTROLS, min },
  )
}

/** Opens each screen in turn and checks its controls. */
async function checkEveryScreen(page: Page): Promise<void> {
  await page.goto('./')
  await expect(ui(page).library.getByRole('link')).toHaveCount(3)
  expect(await smallControls(page, 24), 'library').toEqual([])

  await page.goto('./#/call/tang-junjie-2012-04')
  const app = ui(page)
  await app.ready()
  await page
    .getByRole('region', { name: 'Notes' })
    .getByRole('button', { name: 'Add note' })
    .click()
  await expect(page.getByRole('textbox', { name: 'Note' })).toBeVisible()
  // Last first: the exports beside the title open over what is below them.
  for (const summary of (await page.locator('main summary').all()).reverse()) await summary.click()
  expect(await smallControls(page, 24), 'call page, details open').toEqual([])

  await page.getByRole('searchbox', { name: 'Search transcripts' }).fill('party')
  await expect(
    page.getByRole('region', { name: 'Search results' }).getByRole('link').first(),
  ).toBeVisible()
  expect(await smallControls(page, 24), 'search results').toEqual([])

  await page.goto('./')
  await page.getByRole('button', { name: 'Import' }).click()
  await expect(page.getByRole('dialog', { name: 'Import' })).toBeVisible()
  expect(await smallControls(page, 24), 'import dialog').toEqual([])
}

test.describe('desktop', () => {
  test.use({ viewport: { width: 1280, height: 800 } })
  test('every control is at least 24×24 px', async ({ page }) => {
    await checkEveryScreen(page)
  })
})

test.describe('phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })
  test('every control is at least 24×24 px, and the main transport 44×44', async ({ page }) => {
    await checkEveryScreen(page)
    await page.goto('./#/call/li-changchun-2012-04')
    const app = ui(page)
    await app.ready()
    for (const name of ['Back 5 seconds', 'Play', 'Forward 5 seconds']) {
      const box = await app.player.getByRole('button', { name, exact: true }).boundingBox()
      expect(box?.width, name).toBeGreaterThanOrEqual(44)
      expect(box?.height, name).toBeGreaterThanOrEqual(44)
    }
  })
})

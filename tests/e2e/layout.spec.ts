import { expect, test, type Locator, type Page } from '@playwright/test'
import { openCallDetails, ui } from './app'

/** How much of the window's height a box covers, from 0 to 1. */
async function shareOfWindow(box: Locator): Promise<number> {
  return box.evaluate((element) => {
    const rect = element.getBoundingClientRect()
    const shown = Math.min(rect.bottom, innerHeight) - Math.max(rect.top, 0)
    return Math.max(0, shown) / innerHeight
  })
}

/** The scroll boxes of the transcript's columns, which hold its rows. */
function transcriptLists(page: Page): Locator {
  return ui(page).transcript.getByLabel(/, transcript$/)
}

/** The player's clock, as it reads: "00:03 / 00:17". */
function clock(page: Page): Locator {
  return ui(page).player.getByText(/^\d\d:\d\d \/ \d\d:\d\d$/)
}

/** The waveform, clock, transport and citation buttons are all in the window. */
async function expectPlayerInView(page: Page): Promise<void> {
  const app = ui(page)
  await expect(app.slider).toBeInViewport()
  await expect(clock(page)).toBeInViewport()
  for (const name of ['Back 5 seconds', 'Play', 'Forward 5 seconds', 'Copy citation', 'Copy link'])
    await expect(app.player.getByRole('button', { name, exact: true })).toBeInViewport()
}

test.describe('at 1280×800', () => {
  test.use({ viewport: { width: 1280, height: 800 } })

  test('the transcript rows fill at least 45 % of the window under a compact player', async ({
    page,
  }) => {
    for (const id of ['zhou-yongkang-2008-05', 'li-changchun-2012-04', 'tang-junjie-2012-04']) {
      await page.goto(`./#/call/${id}`)
      await ui(page).ready()
      const lists = await transcriptLists(page).all()
      expect(lists).toHaveLength(2)
      for (const list of lists) expect(await shareOfWindow(list)).toBeGreaterThanOrEqual(0.45)
      await expectPlayerInView(page)
    }
  })

  test('the call’s details fold into one line; opened, the page scrolls under a player that stays', async ({
    page,
  }) => {
    await page.goto('./#/call/tang-junjie-2012-04')
    const app = ui(page)
    await app.ready()
    const details = page.getByText('About and provenance')
    // One line: the facts and the cue, no taller than a line of text and its padding.
    const summary = page.locator('summary', { has: details })
    expect((await summary.boundingBox())?.height).toBeLessThanOrEqual(30)
    await expect(summary).toContainText('Recorded 2012-04')
    await expect(summary).toContainText(/SHA-256 [0-9a-f]{12}…/)
    await expect(page.getByRole('region', { name: 'Provenance' })).toBeHidden()

    await openCallDetails(page)
    await expect(page.getByRole('region', { name: 'Provenance' })).toContainText(
      'Synthetic (not the original recording)',
    )
    // The page now runs past the window: scrolled to the notes at its foot, the player stays.
    const notes = page.getByRole('region', { name: 'Notes' })
    await notes.getByRole('button', { name: 'Add note' }).scrollIntoViewIfNeeded()
    await expect(page.getByRole('heading', { level: 1 })).not.toBeInViewport()
    await expectPlayerInView(page)
    // And it still plays, paused from where it stays.
    await app.playButton.click()
    await expect.poll(() => app.time()).toBeGreaterThan(0.2)
    await app.player.getByRole('button', { name: 'Pause' }).click()
  })
})

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

  test('the player bar, with Copy citation and Copy link, stays at the top as the page scrolls', async ({
    page,
  }) => {
    await page.goto('./#/call/tang-junjie-2012-04')
    const app = ui(page)
    await app.ready()
    await expectPlayerInView(page)
    const notes = page.getByRole('region', { name: 'Notes' })
    await notes.getByRole('button', { name: 'Add note' }).scrollIntoViewIfNeeded()
    await expect(page.getByRole('heading', { level: 1 })).not.toBeInViewport()
    await expectPlayerInView(page)
    // Under the player, the transcript's column fills most of what is left of the window.
    await transcriptLists(page).first().scrollIntoViewIfNeeded()
    await expectPlayerInView(page)
    expect(await shareOfWindow(transcriptLists(page).first())).toBeGreaterThanOrEqual(0.45)
  })

  test('the languages are interleaved line by line, or stacked when chosen', async ({ page }) => {
    await page.goto('./#/call/li-changchun-2012-04')
    const app = ui(page)
    await app.ready()
    const lineByLine = page.getByRole('checkbox', { name: 'Line by line' })
    await expect(lineByLine).toBeChecked()
    const column = app.transcript.getByRole('region', { name: /line by line/ })
    await expect(column.locator('[data-start]')).toHaveText([
      /What about using Bo Xilai/,
      /用薄熙来参与杀害法轮功学员/,
      /Zhou Yongkang is in charge of this specifically\./,
      /这件事具体是周永康负责的。他知道这件事。/,
      /He knows it\./,
    ])
    await lineByLine.uncheck()
    await expect(app.transcript.getByRole('region')).toHaveCount(2)
  })
})

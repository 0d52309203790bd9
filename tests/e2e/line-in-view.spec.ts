import { expect, test, type Page } from '@playwright/test'
import { importCall, longTranscript, ui } from './app'
import { toneWav } from './calls'

/**
 * For every shown column (a track, or tracks line by line), where each of its active rows lies
 * against the column's scroll box and against the part of the window below the player, which stays
 * in view over the page: "in view" means inside both. Read in the page, in one frame, so that the
 * boxes are measured at the same moment.
 */
function activeRowsInView(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const transcript = document.querySelector('[aria-label="Transcript"]')
    const columns = Array.from(transcript?.querySelectorAll('section[aria-label]') ?? [])
    if (columns.length === 0) return ['no track shown']
    const problems: string[] = []
    const slack = 1
    const inside = (a: DOMRect, b: { top: number; bottom: number; left: number; right: number }) =>
      a.top >= b.top - slack &&
      a.bottom <= b.bottom + slack &&
      a.left >= b.left - slack &&
      a.right <= b.right + slack
    const player = document.querySelector('[aria-label="Player"]')?.getBoundingClientRect()
    const window_ = { top: player?.bottom ?? 0, left: 0, bottom: innerHeight, right: innerWidth }
    for (const column of columns) {
      const name = column.getAttribute('aria-label') ?? '?'
      const rows = Array.from(column.querySelectorAll('[data-start][aria-current="true"]'))
      const box = column.querySelector('[tabindex="0"][aria-label$=", transcript"]')
      if (rows.length === 0 || !box) {
        problems.push(`${name}: ${box ? 'no active row drawn' : 'no scroll box'}`)
        continue
      }
      for (const row of rows) {
        const at = `${name} ${row.getAttribute('data-start')}`
        const rect = row.getBoundingClientRect()
        if (!inside(rect, box.getBoundingClientRect())) problems.push(`${at}: outside its column`)
        if (!inside(rect, window_)) problems.push(`${at}: outside the window below the player`)
      }
    }
    return problems
  })
}

/** Waits until every shown track's active row is in view, naming any that is not. */
async function expectActiveRowsInView(page: Page): Promise<void> {
  await expect.poll(() => activeRowsInView(page)).toEqual([])
}

/** The start of the English row that is active, as the page shows it. */
function activeEnglishStart(page: Page): Promise<number> {
  return ui(page)
    .transcript.locator('[data-track-id="en"] [data-start][aria-current="true"]')
    .first()
    .getAttribute('data-start')
    .then(Number)
}

for (const [name, device] of [
  ['at 1280×800', { viewport: { width: 1280, height: 800 } }],
  ['on a phone', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }],
] as const) {
  test.describe(name, () => {
    test.use(device)

    test('a link to the last line opens the call with that line in view in every track', async ({
      page,
    }) => {
      await page.goto('./#/call/tang-junjie-2012-04?t=12.5')
      const app = ui(page)
      await app.ready()
      await expect.poll(() => activeEnglishStart(page)).toBeCloseTo(12.146, 2)
      await expectActiveRowsInView(page)
      await page.screenshot({ path: test.info().outputPath('deep-link.png') })
    })

    test('a search hit opens its call with the hit in view', async ({ page }) => {
      await page.goto('./')
      await page.getByRole('searchbox', { name: 'Search transcripts' }).fill('Standing Committee')
      const hit = page
        .getByRole('region', { name: 'Search results' })
        .getByRole('link', { name: /Tang Junjie/ })
        // The line's hit, not the call's own (its title holds the words too).
        .filter({ hasText: '00:12' })
        .first()
      await hit.click()
      await expect(page).toHaveURL(/#\/call\/tang-junjie-2012-04\?t=12\.1/)
      const app = ui(page)
      await app.ready()
      // The hit plays from its line; it is paused there, before the line ends.
      await app.pauseWhenPast(12.2)
      await expect.poll(() => activeEnglishStart(page)).toBeCloseTo(12.146, 2)
      await expectActiveRowsInView(page)
    })

    test('N and P bring each row they step to into view', async ({ page }) => {
      await page.goto('./#/call/tang-junjie-2012-04')
      const app = ui(page)
      await app.ready()
      const starts = await app.transcript
        .locator('[data-track-id="en"] [data-start]')
        .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-start'))))
      // The first N goes to the first line, which starts a little after 0.
      for (const start of starts) {
        await page.keyboard.press('n')
        await expect.poll(() => activeEnglishStart(page)).toBeCloseTo(start, 2)
        await expectActiveRowsInView(page)
      }
      for (const start of starts.slice(0, -1).reverse()) {
        await page.keyboard.press('p')
        await expect.poll(() => activeEnglishStart(page)).toBeCloseTo(start, 2)
        await expectActiveRowsInView(page)
      }
    })
  })
}

test('a link into a long call shows its line in every track, though that row was never drawn', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto('./')
  await importCall(page, {
    audio: toneWav('long-call.wav', 60),
    transcripts: [
      { name: 'original.json', text: longTranscript(500, { step: 0.1 }) },
      { name: 'translation.json', text: longTranscript(500, { step: 0.1, language: 'fr' }) },
    ],
    title: 'Long call',
  })
  const app = ui(page)
  await app.ready()
  const line = app.transcript.locator('[data-start]', { hasText: 'Line321 ' })
  await expect(line).toHaveCount(0)
  const id = new URL(page.url()).hash.split('/')[2] ?? ''
  await page.goto(page.url().replace(/#.*$/, `#/call/${id}?t=32.15`))
  await expect(line).toHaveCount(2)
  await expect(line.first()).toHaveAttribute('aria-current', 'true')
  await expectActiveRowsInView(page)
})

import { expect, test, type Page } from '@playwright/test'
import { importCall, longTranscript, ui } from './app'
import { toneWav } from './calls'

/**
 * For every shown track, where its active row lies against its column's scroll box and against
 * the window: "in view" means inside both. Read in the page, in one frame, so that the three boxes
 * are measured at the same moment.
 */
function activeRowsInView(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const transcript = document.querySelector('[aria-label="Transcript"]')
    const tracks = Array.from(transcript?.querySelectorAll('section[data-track-id]') ?? [])
    if (tracks.length === 0) return ['no track shown']
    const problems: string[] = []
    const slack = 1
    const inside = (a: DOMRect, b: { top: number; bottom: number; left: number; right: number }) =>
      a.top >= b.top - slack &&
      a.bottom <= b.bottom + slack &&
      a.left >= b.left - slack &&
      a.right <= b.right + slack
    const window_ = { top: 0, left: 0, bottom: innerHeight, right: innerWidth }
    for (const track of tracks) {
      const name = track.getAttribute('aria-label') ?? '?'
      const row = track.querySelector('[data-start][aria-current="true"]')
      const column = track.querySelector(`[aria-label="${CSS.escape(name)}, transcript"]`)
      if (!row || !column) {
        problems.push(`${name}: ${row ? 'no scroll box' : 'no active row drawn'}`)
        continue
      }
      const box = row.getBoundingClientRect()
      if (!inside(box, column.getBoundingClientRect())) problems.push(`${name}: outside its column`)
      if (!inside(box, window_)) problems.push(`${name}: outside the window`)
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
    .transcript.getByRole('region', { name: /English/ })
    .locator('[data-start][aria-current="true"]')
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
        .getByRole('region', { name: /English/ })
        .locator('[data-start]')
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

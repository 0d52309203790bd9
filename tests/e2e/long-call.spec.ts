import { expect, test, type Page } from '@playwright/test'
import { importCall, longTranscript, ui } from './app'
import { toneWav } from './calls'

// A shorter stand-in for a 3-hour call (npm run bench measures that one): 850 segments in each of
// two tracks over the whole of an 89.2 s recording made here (the last segment, 89.145–89.25,
// ends after it, so the end of the audio is inside it), far more rows than the virtualised lists
// draw.
const COUNT = 850
const STEP = 0.105
const DURATION = 89.2

async function importLongCall(page: Page): Promise<string> {
  await page.goto('./')
  await importCall(page, {
    audio: toneWav('long-call.wav', DURATION),
    transcripts: [
      { name: 'original.json', text: longTranscript(COUNT, { step: STEP }) },
      { name: 'translation.json', text: longTranscript(COUNT, { step: STEP, language: 'fr' }) },
    ],
    title: 'Long call',
  })
  return page.url()
}

/** The last row of each shown track: active, and on screen. */
async function lastRowsShownActive(page: Page) {
  const app = ui(page)
  const columns = app.transcript.getByRole('region')
  await expect(columns).toHaveCount(2)
  for (const column of await columns.all()) {
    const last = column.locator('[data-start]', { hasText: `Line${COUNT - 1} ` })
    await expect(last).toHaveAttribute('aria-current', 'true')
    await expect(last).toBeInViewport()
  }
}

test('a deep link reaches the last segment of a long transcript', async ({ page }) => {
  const url = await importLongCall(page)
  const app = ui(page)
  // Only the first rows are drawn at the start.
  await expect(
    app.transcript.locator('[data-start]', { hasText: `Line${COUNT - 1} ` }),
  ).toHaveCount(0)
  const lastStart = ((COUNT - 1) * STEP).toFixed(3)
  await page.goto(url.replace(/#.*$/, `#/call/${new URL(url).hash.split('/')[2]}?t=${lastStart}`))
  await lastRowsShownActive(page)
  expect(await app.time()).toBeCloseTo(Number(lastStart), 2)
})

test('the keyboard reaches the last segment, and the transcript follows', async ({ page }) => {
  await importLongCall(page)
  const app = ui(page)
  await app.slider.focus()
  await page.keyboard.press('End')
  await expect.poll(() => app.time()).toBeGreaterThan(COUNT * STEP - 0.5)
  await lastRowsShownActive(page)
  // And back to the start.
  await page.keyboard.press('Home')
  await expect(app.transcript.locator('[data-start]').first()).toHaveAttribute(
    'aria-current',
    'true',
  )
  await expect(app.transcript.locator('[data-start]').first()).toBeInViewport()
})

test('the waveform zooms in with an overview of the whole call, and back out', async ({ page }) => {
  await importLongCall(page)
  const app = ui(page)
  const zoomIn = app.player.getByRole('button', { name: 'Zoom in' })
  const zoomOut = app.player.getByRole('button', { name: 'Zoom out' })
  await expect(zoomOut).toBeDisabled()
  const before = await app.slider.evaluate(waveformWidth)
  await zoomIn.click()
  await expect.poll(() => app.slider.evaluate(waveformWidth)).toBeGreaterThan(before * 3)
  await expect(app.player.locator('.waveform-overview')).toBeVisible()
  // The playhead stays in view when it moves far while zoomed in.
  await app.slider.focus()
  await page.keyboard.press('End')
  await expect.poll(() => app.slider.evaluate(scrolledToEnd)).toBe(true)
  await page.keyboard.press('-')
  await expect(zoomOut).toBeDisabled()
  await expect(app.player.locator('.waveform-overview')).toBeHidden()
  await expect.poll(() => app.slider.evaluate(waveformWidth)).toBeLessThan(before * 1.1)
})

/** Width of the scrolled waveform inside wavesurfer's shadow root (wider than the box when zoomed). */
function waveformWidth(slider: Element): number {
  const host = slider.querySelector('.waveform-canvas > div')
  const scroller = host?.shadowRoot?.querySelector('[part="scroll"]')
  return scroller?.scrollWidth ?? 0
}

function scrolledToEnd(slider: Element): boolean {
  const host = slider.querySelector('.waveform-canvas > div')
  const scroller = host?.shadowRoot?.querySelector('[part="scroll"]')
  if (!scroller) return false
  return scroller.scrollLeft + scroller.clientWidth >= scroller.scrollWidth - 2
}

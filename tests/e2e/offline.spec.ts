import { expect, test } from '@playwright/test'
import { segmentTimes, ui } from './app'
import { serveFolder } from './static-server'

test('after one visit, the app and the sample library load, play and seek offline', async ({
  browser,
}) => {
  const server = await serveFolder('dist')
  const context = await browser.newContext()
  const page = await context.newPage()
  try {
    await page.goto(server.url)
    await expect(ui(page).library.getByRole('link')).toHaveCount(3)
    // The service worker activates only after it has cached the shell and the sample audio.
    await page.waitForFunction(async () => {
      await navigator.serviceWorker.ready
      return navigator.serviceWorker.controller !== null
    })

    // Take the server away and the network too: whatever works now comes from the cache.
    await server.close()
    await context.setOffline(true)
    await page.goto(`${server.url}#/call/tang-junjie-2012-04`)
    await page.reload()
    const app = ui(page)
    await expect(app.library.getByRole('link')).toHaveCount(3)
    await app.ready()
    await app.waveformDrawn()

    const english = app.transcript.getByRole('region', { name: /English/ })
    const last = english.locator('[data-start]').last()
    const { start } = await segmentTimes(last)
    await last.getByRole('button', { name: /^Play from/ }).click()
    await expect.poll(() => app.time()).toBeCloseTo(start, 1)
    await app.player.getByRole('button', { name: 'Play' }).click()
    // Playback continues from the seek target: the cached audio answered a range request.
    await expect.poll(() => app.time(), { timeout: 10_000 }).toBeGreaterThan(start + 0.5)
    await expect(last).toHaveAttribute('aria-current', 'true')
  } finally {
    await context.close()
    await server.close().catch(() => undefined)
  }
})

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
    // The service worker activates only after it has cached the shell and the sample audio. It
    // controls the pages opened from then on (never this one: see src/workers/sw.ts).
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })

    // Take the server away and the network too: whatever works now comes from the cache.
    await server.close()
    await context.setOffline(true)
    await page.goto(`${server.url}#/call/tang-junjie-2012-04`)
    await page.reload()
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
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

test('a tab on an older database version reloads cleanly when another tab upgrades it', async ({
  context,
}) => {
  const old = await context.newPage()
  await old.goto('./')
  await expect(old.getByRole('navigation', { name: 'Library' }).getByRole('link')).toHaveCount(3)
  // Make sure the app has opened its database, then mark this document to tell a reload.
  await expect
    .poll(() => old.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)))
    .toContain('verbatim')
  await old.evaluate(() => ((window as { __before?: boolean }).__before = true))

  // Another tab of the origin opens the database at a newer version, as a newer Verbatim would
  // (a plain document, so that no app in it reacts to its own upgrade).
  const other = await context.newPage()
  await other.goto('./favicon.ico')
  const upgraded = await other.evaluate(async () => {
    const [info] = (await indexedDB.databases()).filter((d) => d.name === 'verbatim')
    const version = (info?.version ?? 1) + 1
    return new Promise<number>((resolve, reject) => {
      const request = indexedDB.open('verbatim', version)
      request.onsuccess = () => {
        request.result.close()
        resolve(version)
      }
      request.onerror = () => reject(request.error)
      request.onblocked = () => reject(new Error('blocked by the other tab'))
    })
  })
  expect(upgraded).toBeGreaterThan(1)

  // The old tab let the upgrade through and reloaded into a working app.
  // (waitForFunction outlives the navigation; the mark is gone only in a new document.)
  await old.waitForFunction(() => !(window as { __before?: boolean }).__before)
  await expect(old.getByRole('navigation', { name: 'Library' }).getByRole('link')).toHaveCount(3)
  await old.getByRole('link', { name: /Tang Junjie/ }).click()
  await expect(old.getByRole('region', { name: 'Player' })).toBeVisible()
})

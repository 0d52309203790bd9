import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { SAMPLE_CALLS, ui } from './app'

/**
 * Every sample call plays to its end in a fresh profile: on the first visit, while the service
 * worker installs and caches the audio, and again once the worker controls the page. A first
 * visit used to stop at 00:14 of the Tang Junjie call: the worker claimed the page, and the
 * media element's next range request (past the first 64 KiB) was answered from the cache after
 * the network had answered the first one, which Chromium refuses as a data source error.
 */

const PLAYBACK_ERROR = /could not be played/

/** The app as this test sees it, with the states that playback can end in. */
function player(page: Page) {
  const app = ui(page)
  const play = app.player.getByRole('button', { name: 'Play', exact: true })
  const pause = app.player.getByRole('button', { name: 'Pause', exact: true })
  const error = page.getByRole('alert').filter({ hasText: PLAYBACK_ERROR })
  return {
    ...app,
    play,
    pause,
    error,
    duration: async () => Number(await app.slider.getAttribute('aria-valuemax')),
    /** 'error' when the player says so, 'playing' while it plays, else 'stopped'. */
    async state(): Promise<'error' | 'playing' | 'stopped'> {
      if ((await error.count()) > 0) return 'error'
      return (await pause.count()) > 0 ? 'playing' : 'stopped'
    },
  }
}

/** Plays from the playhead until playback stops by itself, and checks that it stopped at the end. */
async function playToEnd(page: Page): Promise<void> {
  const app = player(page)
  const duration = await app.duration()
  // Heard from a second before the end at 2×, playback may be over before a poll would see the
  // Pause button: the page itself notes that it showed.
  const started = app.player.evaluate(
    (region) =>
      new Promise<void>((resolve) => {
        const observer = new MutationObserver(() => {
          if (!region.querySelector('button[aria-label="Pause"]')) return
          observer.disconnect()
          resolve()
        })
        observer.observe(region, { subtree: true, childList: true, attributes: true })
      }),
  )
  await app.play.click()
  await started
  // However slowly the machine runs, the media clock only stops at the end or on an error.
  await expect
    .poll(() => app.state(), { timeout: duration * 1000 + 30_000, intervals: [250] })
    .not.toBe('playing')
  expect(await app.state()).toBe('stopped')
  expect(await app.time()).toBeGreaterThan(duration - 0.3)
}

/** Opens a call from the library, at 2× so that the whole call is heard in half its length. */
async function openAtDoubleSpeed(page: Page, title: string): Promise<void> {
  const app = player(page)
  await app.library.getByRole('link', { name: title }).click()
  await app.ready()
  await app.player.getByRole('combobox', { name: 'Playback speed' }).selectOption('2')
  await expect.poll(() => app.time()).toBe(0)
}

/** Resolves once the service worker is active; reloads so that it controls the page. */
async function reloadUnderServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  await page.reload()
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
}

for (const call of SAMPLE_CALLS) {
  test(`${call.title}: plays to its end on the first visit and under the service worker`, async ({
    page,
  }) => {
    test.setTimeout(120_000)
    await page.goto('./')
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull()
    await openAtDoubleSpeed(page, call.title)
    await playToEnd(page)

    await reloadUnderServiceWorker(page)
    await openAtDoubleSpeed(page, call.title)
    await playToEnd(page)
  })
}

test('seeks back and forth across the first 64 KiB of the audio, before and after the worker controls the page', async ({
  page,
}) => {
  test.setTimeout(120_000)
  const call = SAMPLE_CALLS[2]
  const { size } = JSON.parse(readFileSync('public/samples/library.json', 'utf8')).calls.find(
    (c: { id: string }) => c.id === call.id,
  ).audio as { size: number }
  expect(size).toBeGreaterThan(65_536)

  const seekAcrossTheBoundary = async () => {
    const app = player(page)
    const duration = await app.duration()
    // Constant bit rate: the byte at 64 KiB is heard about this far into the call.
    const boundary = (duration * 65_536) / size
    expect(duration - boundary).toBeGreaterThan(1)
    const slider = app.slider
    const seekFromEnd = async (back: number) => {
      await slider.focus()
      await slider.press('End')
      for (let i = 0; i < back; i++) await slider.press('Shift+ArrowLeft')
      await expect.poll(() => app.time()).toBeCloseTo(duration - back, 1)
    }

    // First past the boundary, where nothing has been read yet; then back before it and on
    // across it; then to the start, and past it again. Each plays on to the end.
    await seekFromEnd(1)
    expect(duration - 1).toBeGreaterThan(boundary)
    await playToEnd(page)
    await seekFromEnd(3)
    expect(duration - 3).toBeLessThan(boundary - 0.5)
    await playToEnd(page)

    await slider.focus()
    await slider.press('Home')
    await expect.poll(() => app.time()).toBe(0)
    await app.play.click()
    await expect.poll(() => app.time()).toBeGreaterThan(0.2)
    // Paused seconds before the end, however slowly the test runs: the call lasts 17 s.
    await app.pause.click()
    expect(await app.time()).toBeLessThan(duration - 3)
    await seekFromEnd(1)
    await playToEnd(page)
  }

  await page.goto('./')
  await openAtDoubleSpeed(page, call.title)
  await seekAcrossTheBoundary()

  await reloadUnderServiceWorker(page)
  await openAtDoubleSpeed(page, call.title)
  await seekAcrossTheBoundary()
})

import { expect, test } from '@playwright/test'
import { SAMPLE_CALLS, segmentTimes, ui } from './app'

test.describe('sample library, player and transcript', () => {
  test('library → call → waveform → seek from the transcript → play follows along', async ({
    page,
  }) => {
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(String(e)))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    await page.goto('./')
    const app = ui(page)
    const links = app.library.getByRole('link')
    await expect(links).toHaveCount(3)
    for (const call of SAMPLE_CALLS) {
      await expect(app.library.getByRole('link', { name: call.title })).toBeVisible()
    }

    await app.library.getByRole('link', { name: 'Tang Junjie' }).click()
    await expect(page).toHaveURL(/#\/call\/tang-junjie-2012-04$/)
    await app.ready()
    await app.waveformDrawn()

    const english = app.transcript.getByRole('region', { name: /English/ })
    const third = english.locator('[data-start]').nth(2)
    const { start, end } = await segmentTimes(third)
    await third.getByRole('button', { name: /^Play from \d\d:\d\d$/ }).click()
    await expect.poll(() => app.time()).toBeCloseTo(start, 2)
    await expect(third).toHaveAttribute('aria-current', 'true')

    // Paused by the page the moment the playhead is into the next segment, however busy the
    // machine: the call runs on for another 5 s after that.
    const next = await segmentTimes(english.locator('[data-start]').nth(3))
    expect(next.start).toBeGreaterThanOrEqual(end)
    const pausedAt = app.pauseWhenPast(next.start + 0.2)
    await app.player.getByRole('button', { name: 'Play', exact: true }).click()
    const now = await pausedAt
    await expect(app.player.getByRole('button', { name: 'Play', exact: true })).toBeVisible()
    const duration = Number(await app.slider.getAttribute('aria-valuemax'))
    expect(now).toBeLessThan(duration)
    // Paused, the clock shows where the media stopped: playing, the store had the time of the
    // last word or second, a moment before the pause took effect.
    expect(Math.abs((await app.time()) - now)).toBeLessThan(0.3)
    // The highlight has moved on to the segment under the playhead.
    const active = english.locator('[data-start][aria-current="true"]')
    await expect(active).toHaveCount(1)
    expect(await segmentTimes(active)).toEqual(next)
    expect(next.end).toBeGreaterThan(now)
    expect(errors).toEqual([])
  })

  test('a deep link with ?t= opens the call at that time', async ({ page }) => {
    await page.goto('./#/call/li-changchun-2012-04?t=00:00:08.5')
    const app = ui(page)
    await app.ready()
    await expect.poll(() => app.time()).toBeCloseTo(8.5, 1)
    await expect(app.slider).toHaveAttribute('aria-valuetext', /^00:08 of 00:11$/)
    const active = ui(page)
      .transcript.getByRole('region', { name: /English/ })
      .locator('[aria-current="true"]')
    const { start, end } = await segmentTimes(active)
    expect(start).toBeLessThanOrEqual(8.5)
    expect(end).toBeGreaterThan(8.5)
  })

  test('a range link selects the range and playback loops within it', async ({ page }) => {
    const [from, to] = [2, 4]
    await page.goto(`./#/call/tang-junjie-2012-04?t=${from},${to}`)
    const app = ui(page)
    await app.ready()
    await expect(app.player.getByRole('button', { name: 'Loop range' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    await expect.poll(() => app.time()).toBeCloseTo(from, 1)
    // The range is drawn on the waveform, about (to - from) / duration of its width.
    const duration = Number(await app.slider.getAttribute('aria-valuemax'))
    const width = (await app.slider.boundingBox())?.width ?? 0
    await expect
      .poll(() => app.rangeWidth())
      .toBeGreaterThan(((to - from) / duration) * width * 0.8)
    const seen = app.recordUntilLoop(to)
    await app.player.getByRole('button', { name: 'Play' }).click()
    const values = await seen
    expect(Math.max(...values)).toBeLessThan(to + 0.35)
    expect(values.at(-1)).toBeGreaterThanOrEqual(from - 0.01)
    expect(values.at(-1)).toBeLessThan(from + 0.5)
  })

  test('an unknown call id says so, and a malformed time is ignored', async ({ page }) => {
    await page.goto('./#/call/no-such-call')
    await expect(page.getByRole('alert')).toContainText('no-such-call')
    await page.goto('./#/call/zhou-yongkang-2008-05?t=banana')
    const app = ui(page)
    await app.ready()
    expect(await app.time()).toBe(0)
  })
})

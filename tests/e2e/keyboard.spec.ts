import { expect, test, type Page } from '@playwright/test'
import { segmentTimes, ui } from './app'

/** Presses Tab until `done` says so (at most `limit` times); returns the names focused on the way. */
async function tabUntil(
  page: Page,
  done: (name: string) => boolean,
  limit = 40,
): Promise<string[]> {
  const names: string[] = []
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      if (!el || el === document.body) return null
      const style = getComputedStyle(el)
      const name =
        el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().replace(/\s+/g, ' ')
      return { name, ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 }
    })
    if (!focused) continue
    expect(focused.ring, `focus ring on “${focused.name}”`).toBe(true)
    names.push(focused.name)
    if (done(focused.name)) break
  }
  return names
}

test('every player control is reached by Tab with a visible focus ring', async ({ page }) => {
  await page.goto('./#/call/li-changchun-2012-04')
  await ui(page).ready()
  const names = await tabUntil(page, (name) => /^Play from/.test(name))
  for (const expected of [
    'Li Changchun', // the call's link in the library
    'Playback position',
    'Back 5 seconds',
    'Play',
    'Forward 5 seconds',
    'Loop current segment',
    'Playback speed',
    'Mute',
    'Volume',
  ]) {
    expect(
      names.some((name) => name.includes(expected)),
      `${expected} in ${names.join(' | ')}`,
    ).toBe(true)
  }
})

test('shortcuts play, skip, change speed, step through segments, and ? lists them', async ({
  page,
}) => {
  await page.goto('./#/call/tang-junjie-2012-04')
  const app = ui(page)
  await app.ready()

  await page.keyboard.press('?')
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('Next segment')
  // A shortcut does nothing while a dialog is open, and works at once when it has closed: had the
  // first ArrowRight skipped, the time would be 10 s.
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  await page.keyboard.press('ArrowRight')
  await expect.poll(() => app.time()).toBeCloseTo(5, 1)
  await page.keyboard.press('j')
  await expect.poll(() => app.time()).toBeCloseTo(0, 1)

  await page.keyboard.press('>')
  await expect(app.player.getByRole('combobox', { name: 'Playback speed' })).toHaveValue('1.25')
  await page.keyboard.press('<')
  await page.keyboard.press('<')
  await expect(app.player.getByRole('combobox', { name: 'Playback speed' })).toHaveValue('0.75')

  const english = app.transcript.getByRole('region', { name: /English/ })
  const second = await segmentTimes(english.locator('[data-start]').nth(1))
  await page.keyboard.press('n')
  await page.keyboard.press('n')
  await expect.poll(() => app.time()).toBeCloseTo(second.start, 2)
  await expect(english.locator('[data-start]').nth(1)).toHaveAttribute('aria-current', 'true')

  await page.keyboard.press('Space')
  await expect(app.player.getByRole('button', { name: 'Pause' })).toBeVisible()
  await expect.poll(() => app.time()).toBeGreaterThan(second.start + 0.2)
  await page.keyboard.press('k')
  await expect(app.player.getByRole('button', { name: 'Play' })).toBeVisible()
})

test('the waveform slider moves the playhead from the keyboard', async ({ page }) => {
  await page.goto('./#/call/tang-junjie-2012-04')
  const app = ui(page)
  await app.ready()
  await app.slider.focus()
  await page.keyboard.press('End')
  const duration = Number(await app.slider.getAttribute('aria-valuemax'))
  await expect.poll(() => app.time()).toBeCloseTo(duration, 1)
  await page.keyboard.press('Home')
  await expect.poll(() => app.time()).toBeCloseTo(0, 1)
  await page.keyboard.press('Shift+ArrowRight')
  await expect.poll(() => app.time()).toBeCloseTo(1, 1)
})

test('N and P pressed in quick succession each move one segment, however fast they come', async ({
  page,
}) => {
  await page.goto('./#/call/tang-junjie-2012-04')
  const app = ui(page)
  await app.ready()
  const rows = app.transcript.getByRole('region', { name: /English/ }).locator('[data-start]')
  const starts = await rows.evaluateAll((elements) =>
    elements.map((element) => Number(element.getAttribute('data-start'))),
  )
  expect(starts.length).toBeGreaterThanOrEqual(4)
  // Keys dispatched in one go: each seeks while the one before is still under way in the media
  // element, as with a held key or fast fingers, which a round trip per key press is too slow for.
  const pressAtOnce = (keys: string[]) =>
    page.evaluate((all) => {
      for (const key of all) window.dispatchEvent(new KeyboardEvent('keydown', { key }))
    }, keys)
  await pressAtOnce(['l', 'j', 'n', 'n', 'n'])
  await expect.poll(() => app.time()).toBe(starts[2])
  await expect(rows.nth(2)).toHaveAttribute('aria-current', 'true')
  await pressAtOnce(['p', 'p'])
  await expect.poll(() => app.time()).toBe(starts[0])
  await expect(rows.nth(0)).toHaveAttribute('aria-current', 'true')
})

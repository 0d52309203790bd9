import { expect, test, type Page } from '@playwright/test'
import { openForCiting, segmentTimes, ui } from './app'
import { launchProfile } from './browser'

const CALL = './#/call/li-changchun-2012-04'

function notes(page: Page) {
  return page.getByRole('region', { name: 'Notes' })
}

/** Adds a note at `time` and types `text` into the editor. */
async function addNoteAt(page: Page, time: number, text: string) {
  const app = ui(page)
  await page.goto(`${CALL}?t=${time}`)
  await app.ready()
  await notes(page).getByRole('button', { name: 'Add note' }).click()
  const editor = notes(page).getByRole('textbox', { name: 'Note' })
  await expect(editor).toBeFocused()
  await editor.fill(text)
  await editor.blur()
}

/** Selects the whole text of an element, as a reader would by dragging over it. */
async function selectText(page: Page, selector: string) {
  await page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const range = document.createRange()
      range.selectNodeContents(element)
      const selection = document.getSelection()
      selection?.removeAllRanges()
      selection?.addRange(range)
    })
}

test('a note added at a time is there after a reload, and in a second tab without one', async ({
  context,
  page,
}) => {
  const other = await context.newPage()
  await other.goto(CALL)
  await ui(other).ready()
  await expect(notes(other)).toContainText('No notes yet')

  await addNoteAt(page, 8.2, 'Li names Zhou as the one in charge.')
  const item = notes(page).getByRole('listitem').filter({ hasText: 'Li names Zhou' })
  await expect(item).toContainText(/00:00:08\.[12]/)

  // The other tab shows it without reloading.
  await expect(
    notes(other).getByRole('listitem').filter({ hasText: 'Li names Zhou' }),
  ).toBeVisible()

  await page.reload()
  await expect(
    notes(page).getByRole('listitem').filter({ hasText: 'Li names Zhou' }),
  ).toContainText(/00:00:08\.[12]/)
  // Edits in one tab appear in the other.
  await notes(page)
    .getByRole('listitem')
    .filter({ hasText: 'Li names Zhou' })
    .getByRole('button')
    .click()
  await notes(page).getByRole('combobox', { name: 'Review state' }).selectOption('verified')
  await expect(
    notes(other).getByRole('listitem').filter({ hasText: 'Li names Zhou' }),
  ).toContainText('verified')
  await other.close()
})

test('typing a note and reloading at once loses nothing', async ({ page }) => {
  await page.goto(CALL)
  await ui(page).ready()
  await notes(page).getByRole('button', { name: 'Add note' }).click()
  const editor = notes(page).getByRole('textbox', { name: 'Note' })
  await editor.pressSequentially('Typed just before the reload', { delay: 5 })
  // No blur, no pause for the debounce: the page goes away now.
  await page.reload()
  await expect(notes(page).getByRole('listitem')).toContainText('Typed just before the reload')
})

test('notes survive closing the browser and starting it again', async ({ baseURL }) => {
  const { launch, cleanup } = launchProfile(baseURL, 'verbatim-notes-')
  try {
    let context = await launch()
    await addNoteAt(await context.newPage(), 3, 'Kept across a restart')
    await context.close()
    context = await launch()
    const page = await context.newPage()
    await page.goto(CALL)
    await expect(notes(page).getByRole('listitem')).toContainText('Kept across a restart')
    await context.close()
  } finally {
    cleanup()
  }
})

test('a note deleted by mistake comes back with Undo; the list filters by text and state', async ({
  page,
}) => {
  await addNoteAt(page, 1, 'first note about the question')
  await addNoteAt(page, 9, 'second note about the answer')
  const list = notes(page).getByRole('listitem')
  await expect(list).toHaveCount(2)
  await notes(page).getByRole('searchbox', { name: 'Filter notes' }).fill('answer')
  await expect(list).toHaveCount(1)
  await notes(page).getByRole('searchbox', { name: 'Filter notes' }).fill('')
  await notes(page).getByRole('combobox', { name: 'Filter by state' }).selectOption('verified')
  await expect(list).toHaveCount(0)
  await notes(page).getByRole('combobox', { name: 'Filter by state' }).selectOption('')

  await list.filter({ hasText: 'second' }).getByRole('button').click()
  await notes(page).getByRole('button', { name: 'Delete note' }).click()
  await expect(list).toHaveCount(1)
  await notes(page).getByRole('button', { name: 'Undo' }).click()
  await expect(list).toHaveCount(2)
})

test('select transcript text → Copy citation holds both tracks, exact times and the full hash; the link loops the range', async ({
  context,
  page,
}) => {
  const { app, english } = await openForCiting(context, page, CALL)
  const segment = english.locator('[data-start]').filter({ hasText: 'Zhou Yongkang is in charge' })
  const { start, end } = await segmentTimes(segment)
  await selectText(page, '[data-track-id="en"] [data-start] >> text=Zhou Yongkang is in charge')
  await expect(app.player).toContainText('Selected 00:00:07.6')

  await page.getByRole('button', { name: 'Copy citation' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Citation copied' })).toBeVisible()
  const citation = await page.evaluate(() => navigator.clipboard.readText())
  // The selection holds the row's timestamp and speaker too; the quote is the line's words alone.
  expect(citation.split('\n')[0]).toMatch(/^“Zhou Yongkang is in charge of this specifically\.” — /)
  expect(citation).toContain('这件事具体是周永康负责的')
  expect(citation).toContain('Li Changchun on who is in charge')
  expect(citation).toContain('00:00:07.6–00:00:10.3')
  expect(citation).toMatch(
    /SHA-256 ec464868c45f897b5a643561d8337d3c01dac49c3313ec36765a539561154304 /,
  )
  const link = /https?:\/\/\S+/.exec(citation)?.[0] ?? ''
  expect(link).toContain(`#/call/li-changchun-2012-04?t=${start},${end}&rev=`)

  // The link, opened fresh, selects the range and plays it in a loop.
  const fresh = await context.newPage()
  await fresh.goto(link)
  const opened = ui(fresh)
  await opened.ready()
  await expect(opened.player.getByRole('button', { name: 'Loop range' })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  await expect.poll(() => opened.time()).toBeCloseTo(start, 1)
  await expect(fresh.getByRole('alert')).toHaveCount(0)
  const seen = opened.recordUntilLoop(end)
  await opened.player.getByRole('button', { name: 'Play' }).click()
  // Past the end it comes back to the start rather than running on.
  const values = await seen
  expect(Math.max(...values)).toBeLessThan(end + 0.35)
  expect(values.at(-1)).toBeGreaterThanOrEqual(start - 0.05)
  expect(values.at(-1)).toBeLessThan(start + 0.5)
})

test('a note made on selected text keeps the quote and the range; a stale link says the transcript changed', async ({
  page,
}) => {
  await page.goto(CALL)
  const app = ui(page)
  await app.ready()
  await selectText(page, '[data-track-id="en"] [data-start] >> text=He knows it.')
  await expect(app.player).toContainText('Selected')
  await page.keyboard.press('a')
  const editor = notes(page).getByRole('textbox', { name: 'Note' })
  await expect(editor).toBeFocused()
  await expect(notes(page).locator('blockquote')).toHaveText('He knows it.')
  await editor.fill('Short and certain.')
  await editor.blur()
  await expect(notes(page).getByRole('listitem')).toContainText(/00:00:10\.\d–00:00:11\.\d/)
  await expect(app.transcript.locator('[data-noted]')).not.toHaveCount(0)

  await page.goto(`${CALL}?t=7.6,9.9&rev=000000000000`)
  await expect(page.getByRole('alert')).toContainText('has changed since')
})

test('Shift+drag on the waveform selects a range; a note added then covers it', async ({
  page,
}) => {
  await page.goto(CALL)
  const app = ui(page)
  await app.ready()
  await app.waveformDrawn()
  const box = await app.slider.boundingBox()
  if (!box) throw new Error('no waveform')
  const y = box.y + box.height / 2
  await page.keyboard.down('Shift')
  await page.mouse.move(box.x + box.width * 0.25, y)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * 0.4, y, { steps: 5 })
  await page.mouse.move(box.x + box.width * 0.5, y, { steps: 5 })
  await page.mouse.up()
  await page.keyboard.up('Shift')
  // About a quarter of the 11.9 s call, from a quarter of the way in.
  await expect(
    app.player.getByRole('button', { name: /^Clear range 00:0[23] to 00:0[56]$/ }),
  ).toBeVisible()
  expect(await app.rangeWidth()).toBeGreaterThan(box.width * 0.2)

  await notes(page).getByRole('button', { name: 'Add note' }).click()
  await notes(page).getByRole('textbox', { name: 'Note' }).fill('A range chosen on the waveform')
  await notes(page).getByRole('textbox', { name: 'Note' }).blur()
  await expect(notes(page).getByRole('listitem')).toContainText(/00:00:0[23]\.\d–00:00:0[56]\.\d/)
})

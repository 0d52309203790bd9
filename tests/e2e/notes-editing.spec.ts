import { expect, test, type Page } from '@playwright/test'
import { readFile } from 'node:fs/promises'
import { ui } from './app'

const CALL = './#/call/li-changchun-2012-04'

function notes(page: Page) {
  return page.getByRole('region', { name: 'Notes' })
}

/** Opens the call at `time` and adds a note there; resolves with its editor, focused. */
async function addNote(page: Page, time = 8.2) {
  await page.goto(`${CALL}?t=${time}`)
  await ui(page).ready()
  await notes(page).getByRole('button', { name: 'Add note' }).click()
  const editor = notes(page).getByRole('textbox', { name: 'Note' })
  await expect(editor).toBeFocused()
  return editor
}

test('tags typed and then left with Esc are there after a reload', async ({ page }) => {
  const editor = await addNote(page)
  await editor.pressSequentially('Who is in charge')
  await notes(page).getByRole('textbox', { name: 'Tags' }).pressSequentially('name, key quote')
  await page.keyboard.press('Escape')
  await expect(notes(page).getByRole('textbox', { name: 'Tags' })).toBeHidden()
  await page.reload()
  const item = notes(page).getByRole('listitem').filter({ hasText: 'Who is in charge' })
  await expect(item).toContainText('#name #key quote')
})

test('Esc leaves the note box for the transcript, and Space then plays', async ({ page }) => {
  const app = ui(page)
  const editor = await addNote(page)
  await editor.pressSequentially('Listen again')
  await page.keyboard.press('Escape')
  await expect(editor).toBeHidden()
  await expect(app.transcript.locator(':focus')).toHaveCount(1)
  await expect(app.playButton).toHaveAccessibleName('Play')
  await page.keyboard.press(' ')
  await expect(app.playButton).toHaveAccessibleName('Pause')
  await page.keyboard.press(' ')
  await expect(app.playButton).toHaveAccessibleName('Play')
  await expect(notes(page).getByRole('listitem')).toContainText('Listen again')
})

test('a note added and left with nothing typed is not kept', async ({ page }) => {
  await addNote(page)
  await page.keyboard.press('Escape')
  await expect(notes(page)).toContainText('No notes yet')
  await expect(notes(page).getByRole('listitem')).toHaveCount(0)

  // Nor when focus simply moves elsewhere.
  await notes(page).getByRole('button', { name: 'Add note' }).click()
  await expect(notes(page).getByRole('textbox', { name: 'Note' })).toBeFocused()
  await notes(page).getByRole('searchbox', { name: 'Filter notes' }).focus()
  await expect(notes(page).getByRole('textbox', { name: 'Note' })).toBeHidden()
  await page.reload()
  await expect(notes(page)).toContainText('No notes yet')
})

test('the count says "1 note", then "2 notes"', async ({ page }) => {
  const editor = await addNote(page, 1)
  await editor.fill('The question')
  await page.keyboard.press('Escape')
  await expect(notes(page).getByText(/^1 note$/)).toBeVisible()
  await notes(page).getByRole('button', { name: 'Add note' }).click()
  await notes(page).getByRole('textbox', { name: 'Note' }).fill('The answer')
  await page.keyboard.press('Escape')
  await expect(notes(page).getByText(/^2 notes$/)).toBeVisible()
})

test('a CSV of a note made at the playhead carries the transcript under it', async ({ page }) => {
  const app = ui(page)
  const editor = await addNote(page)
  await editor.fill('Made at the playhead')
  await page.keyboard.press('Escape')
  const heard = app.transcript.locator('[data-track-id="en"] [data-start][aria-current="true"]')
  const line = (await heard.first().innerText()).trim()
  expect(line).not.toBe('')

  await notes(page).getByText('Export or import notes').click()
  const download = page.waitForEvent('download')
  await notes(page).getByRole('button', { name: 'CSV' }).click()
  const csv = await readFile((await (await download).path()) ?? '', 'utf8')
  const [header = '', row = ''] = csv.split('\r\n')
  expect(header).toContain(',quote,')
  expect(header.endsWith(',transcript')).toBe(true)
  expect(row).toContain('Made at the playhead')
  // The English line heard at 8.2 s, in the quote column and in the transcript column.
  const words = line.split(/\s+/).slice(-4).join(' ')
  expect(row.split(words).length - 1).toBeGreaterThanOrEqual(2)
})

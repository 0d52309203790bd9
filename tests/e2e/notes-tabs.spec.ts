import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { ui } from './app'

// Two tabs of one browser (one context: the same origin, the same IndexedDB and localStorage)
// editing the same note. Each tab learns of the other's saves through Dexie's live queries.

const CALL = './#/call/li-changchun-2012-04'

function notes(page: Page) {
  return page.getByRole('region', { name: 'Notes' })
}

function editor(page: Page) {
  return notes(page).getByRole('textbox', { name: 'Note' })
}

function tagsBox(page: Page) {
  return notes(page).getByRole('textbox', { name: 'Tags' })
}

/** Types at the end of the note's text, as someone adding to it would. */
async function typeOn(page: Page, text: string) {
  await editor(page).focus()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(text)
}

async function openCall(page: Page) {
  await page.goto(`${CALL}?t=1`)
  await ui(page).ready()
}

/** Tab A adds a note and types `text`; tab B opens the same note from its list once it is saved. */
async function twoTabsOnOneNote(context: BrowserContext, text: string) {
  const a = await context.newPage()
  const b = await context.newPage()
  await openCall(a)
  await openCall(b)
  await notes(a).getByRole('button', { name: 'Add note' }).click()
  await expect(editor(a)).toBeFocused()
  await editor(a).pressSequentially(text)
  const item = notes(b).getByRole('listitem').filter({ hasText: text })
  await item.getByRole('button').click()
  await expect(editor(b)).toHaveValue(text)
  return { a, b }
}

test('two tabs typing alternately into one note lose nothing: a clash is shown and kept both', async ({
  context,
}) => {
  const { a, b } = await twoTabsOnOneNote(context, 'alpha')

  // Turn by turn, each tab's words reach the other.
  await typeOn(a, ' bravo')
  await expect(editor(b)).toHaveValue('alpha bravo')
  await typeOn(b, ' charlie')
  await expect(editor(a)).toHaveValue('alpha bravo charlie')

  // Tags typed in one tab while the other saves its text: both are kept, without a clash.
  await tagsBox(a).pressSequentially('names')
  await typeOn(b, ' delta')
  await expect(editor(a)).toHaveValue('alpha bravo charlie delta')
  await expect(tagsBox(b)).toHaveValue('names')
  await expect(tagsBox(a)).toHaveValue('names')

  // Both type at once, each before the other's save (400 ms after its last key) reaches it: the
  // tab that saves second finds words it has not seen.
  await Promise.all([typeOn(a, ' echo'), typeOn(b, ' foxtrot')])
  const clash = (page: Page) =>
    notes(page).getByRole('alert').filter({ hasText: 'Another tab changed this note' })
  await expect
    .poll(async () => (await clash(a).count()) + (await clash(b).count()), { timeout: 10_000 })
    .toBe(1)
  const [told, other] = (await clash(a).count()) === 1 ? [a, b] : [b, a]
  const [theirWord, myWord] = told === a ? ['foxtrot', 'echo'] : ['echo', 'foxtrot']
  // The tab told shows the other tab's text beside its own, which it still holds.
  await expect(clash(told)).toContainText(`alpha bravo charlie delta ${theirWord}`)
  await expect(editor(told)).toHaveValue(`alpha bravo charlie delta ${myWord}`)
  await expect(editor(other)).toHaveValue(`alpha bravo charlie delta ${theirWord}`)

  await clash(told).getByRole('button', { name: 'Keep both' }).click()
  await expect(clash(told)).toHaveCount(0)
  const both = `alpha bravo charlie delta ${myWord}\n\n${theirWord}`
  await expect(editor(told)).toHaveValue(both)
  await expect(editor(other)).toHaveValue(both)
  await expect(clash(other)).toHaveCount(0)

  // And the database holds it all: a third tab opened now shows every word and the tag.
  const third = await context.newPage()
  await openCall(third)
  const item = notes(third).getByRole('listitem')
  for (const word of ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', '#names'])
    await expect(item).toContainText(word)
})

test('a clash settled with "Keep mine" stores this tab’s text; the other tab follows', async ({
  context,
}) => {
  const { a, b } = await twoTabsOnOneNote(context, 'start')
  await Promise.all([typeOn(a, ' from-a'), typeOn(b, ' from-b')])
  const alerts = async () =>
    (await notes(a).getByRole('alert').count()) + (await notes(b).getByRole('alert').count())
  await expect.poll(alerts).toBe(1)
  const told = (await notes(a).getByRole('alert').count()) === 1 ? a : b
  const other = told === a ? b : a
  const mine = await editor(told).inputValue()
  await notes(told).getByRole('button', { name: 'Keep mine' }).click()
  await expect(editor(other)).toHaveValue(mine)
  await expect.poll(alerts).toBe(0)
})

test('tags filled right after the text, in one tab, are kept', async ({ page }) => {
  await openCall(page)
  await notes(page).getByRole('button', { name: 'Add note' }).click()
  await typeOn(page, 'Said at the start')
  await tagsBox(page).pressSequentially('names, money')
  const item = notes(page).getByRole('listitem').filter({ hasText: 'Said at the start' })
  await expect(item).toContainText('#names #money')
  // The text's save arriving back never put the tags box back to what it held before.
  await expect(tagsBox(page)).toHaveValue('names, money')
  await page.reload()
  await expect(
    notes(page).getByRole('listitem').filter({ hasText: 'Said at the start' }),
  ).toContainText('#names #money')
})

test('a note deleted in another tab stays open here with its words, and Restore brings it back', async ({
  context,
}) => {
  const { a, b } = await twoTabsOnOneNote(context, 'Kept by the other tab')
  await typeOn(b, ', and more')
  await notes(a).getByRole('button', { name: 'Delete note' }).click()
  await expect(notes(a).getByRole('listitem')).toHaveCount(0)

  const notice = notes(b).getByRole('alert').filter({ hasText: 'deleted in another tab' })
  await expect(notice).toBeVisible()
  await expect(editor(b)).toHaveValue('Kept by the other tab, and more')
  // Words typed after the deletion are kept too.
  await typeOn(b, '!')
  await notice.getByRole('button', { name: 'Restore note' }).click()
  await expect(notice).toHaveCount(0)
  await expect(notes(a).getByRole('listitem')).toContainText('Kept by the other tab, and more!')
  await expect(notes(b).getByRole('listitem')).toContainText('Kept by the other tab, and more!')

  await b.reload()
  await expect(notes(b).getByRole('listitem')).toContainText('Kept by the other tab, and more!')
})

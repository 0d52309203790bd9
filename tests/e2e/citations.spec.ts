import { expect, test, type Locator, type Page } from '@playwright/test'
import { openForCiting } from './app'

const CALL = './#/call/li-changchun-2012-04'
/** The sample call's audio, as `library.json` gives its SHA-256. */
const AUDIO_SHA256 = 'ec464868c45f897b5a643561d8337d3c01dac49c3313ec36765a539561154304'

/** Drags the mouse from just inside the first character of `from` to just inside the last of `to`. */
async function dragSelect(page: Page, from: Locator, to: Locator) {
  // The mouse works in the viewport: bring the words to its middle, away from the edges where a
  // dragged selection scrolls the page.
  await from.evaluate((element) => element.scrollIntoView({ block: 'center' }))
  const start = await from.boundingBox()
  if (!start) throw new Error('the first word to select is not on screen')
  await page.mouse.move(start.x + 1, start.y + start.height / 2)
  await page.mouse.down()
  await page.mouse.move(start.x + start.width - 1, start.y + start.height / 2, { steps: 2 })
  await expect(page.getByRole('button', { name: 'Clear selection' })).toBeVisible()
  // The selected range shows in a row that was there already: nothing under the mouse moved.
  expect((await from.boundingBox())?.y).toBe(start.y)
  await to.evaluate((element) => element.scrollIntoView({ block: 'center' }))
  const end = await to.boundingBox()
  if (!end) throw new Error('the last word to select is not on screen')
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 5 })
  await page.mouse.move(end.x + end.width - 1, end.y + end.height / 2, { steps: 2 })
  await page.mouse.up()
}

/** Presses Copy citation in the chosen style and returns what it put on the clipboard. */
async function copyCitation(page: Page, style: 'Plain text' | 'Markdown'): Promise<string> {
  await page.getByRole('combobox', { name: 'Citation style' }).selectOption({ label: style })
  await page.getByRole('button', { name: 'Copy citation' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Citation copied' })).toContainText(
    style === 'Markdown' ? 'Markdown' : 'plain text',
  )
  return page.evaluate(() => navigator.clipboard.readText())
}

test('a selection dragged across two lines is cited with the transcript’s words only, and the full audio hash', async ({
  context,
  page,
}) => {
  const { app, english } = await openForCiting(context, page, CALL)
  await dragSelect(
    page,
    english.getByText('Zhou', { exact: true }),
    english.getByText('it.', { exact: true }),
  )
  // The page's own selection holds the second line's timestamp; the citation must not.
  expect(await page.evaluate(() => document.getSelection()?.toString() ?? '')).toContain('00:10')
  await expect(app.player).toContainText('Selected 00:00:07.6')

  for (const style of ['Plain text', 'Markdown'] as const) {
    const citation = await copyCitation(page, style)
    const quote = /“([^”]*)”/.exec(citation)?.[1]
    expect(quote).toBe('Zhou Yongkang is in charge of this specifically. He knows it.')
    expect(citation).not.toContain('00:10')
    expect(citation).toMatch(new RegExp(`SHA-256 \`?${AUDIO_SHA256}\`?(\\s|$)`))
  }
})

test('a selection starting inside a line is marked with an ellipsis; a longer translation line is given whole with its times', async ({
  context,
  page,
}) => {
  const { app, english } = await openForCiting(context, page, CALL)
  await dragSelect(
    page,
    english.getByText('charge', { exact: true }),
    english.getByText('specifically.', { exact: true }),
  )
  await expect(app.player).toContainText('Selected 00:00:08.9–00:00:10.3')
  const citation = await copyCitation(page, 'Plain text')
  const [english0, chinese] = citation.split('\n')
  expect(english0).toMatch(/^“…charge of this specifically\.” — Li Changchun/)
  expect(chinese).toMatch(
    /^“这件事具体是周永康负责的。他知道这件事。” .*\(whole line, 00:00:07\.6–00:00:11\.3: runs past the cited range\)$/,
  )
})

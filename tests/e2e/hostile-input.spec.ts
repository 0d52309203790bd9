import { expect, test } from '@playwright/test'
import { importCall, ui } from './app'
import { STATEMENT } from './calls'

const IMG = '<img src=x onerror="window.__pwned = 1">'
const SCRIPT = '<script>window.__pwned = 2</script>'

test('markup in transcripts, speaker names, titles and notes is shown as text and runs nothing', async ({
  page,
}) => {
  const transcript = {
    format: 'verbatim-transcript',
    version: 1,
    language: 'en',
    segments: [
      { start: 0, end: 4, speaker: '<b>Boss</b>', text: `Look: ${IMG} here` },
      { start: 4, end: 8, speaker: SCRIPT, text: `And ${SCRIPT} there` },
    ],
  }
  await page.goto('./')
  await importCall(page, {
    audio: STATEMENT.audio,
    transcripts: [{ name: 'hostile.json', text: JSON.stringify(transcript) }],
    title: `Title ${IMG}`,
  })
  const app = ui(page)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Title ${IMG}`)
  await expect(app.segments.first()).toContainText(`Look: ${IMG} here`)
  await expect(app.segments.first()).toContainText('<b>Boss</b>')
  await expect(app.segments.nth(1)).toContainText(`And ${SCRIPT} there`)

  const notes = page.getByRole('region', { name: 'Notes' })
  await notes.getByRole('button', { name: 'Add note' }).click()
  await notes.getByRole('textbox', { name: 'Note' }).fill(`Check ${IMG} and ${SCRIPT}`)
  await notes.getByRole('textbox', { name: 'Note' }).blur()
  await expect(notes.getByRole('listitem').first()).toContainText(`Check ${IMG}`)

  const markupElements = () => page.locator('main img, main script, main b').count()
  expect(await markupElements()).toBe(0)

  const search = page.getByRole('searchbox', { name: 'Search transcripts' })
  await search.fill('onerror')
  const results = page.getByRole('region', { name: 'Search results' })
  await expect(results.getByRole('link').first()).toContainText('onerror')

  // Nothing ran, and no element was made from the text.
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
  expect(await markupElements()).toBe(0)
})

import { expect, test } from '@playwright/test'
import { importCall, importDialog, storedRows, ui } from './app'
import { impossibleWav, STATEMENT, toneWav } from './calls'

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

test('a WAV whose header no player can honour is refused, naming it, and nothing is saved', async ({
  page,
}) => {
  await page.goto('./')
  const app = ui(page)
  await expect(app.library.getByRole('link')).toHaveCount(3)
  const empty = { calls: 0, tracks: 0, trackParts: 0, audio: 0, peaks: 0 }
  expect(await storedRows(page)).toEqual(empty)

  await page.getByRole('button', { name: 'Import' }).click()
  const dialog = importDialog(page)
  await dialog.getByLabel('Audio file').setInputFiles(impossibleWav('impossible.wav'))
  const alert = dialog.getByRole('alert').filter({ hasText: 'impossible.wav' })
  await expect(alert).toContainText('cannot open it as audio')
  await expect(alert).toContainText('Nothing was saved')
  await expect(dialog.getByRole('button', { name: 'Add to library' })).toBeDisabled()
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  await expect(app.library.getByRole('link')).toHaveCount(3)
  expect(await storedRows(page)).toEqual(empty)

  // The refusal leaves the import working: a sound file goes in as ever.
  await importCall(page, { audio: toneWav('tone.wav', 3), transcripts: [], title: 'A tone' })
  await expect(app.library.getByRole('link')).toHaveCount(4)
  await expect(app.library.getByRole('link', { name: 'A tone' })).toBeVisible()
  expect(await storedRows(page)).toEqual({ calls: 1, tracks: 0, trackParts: 0, audio: 1, peaks: 1 })
})

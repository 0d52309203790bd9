import { expect, test, type Locator, type Page } from '@playwright/test'
import { CALL_LINES, srtOf, vttOf } from '../helpers/language-samples'
import { importDialog, openCallDetails, ui } from './app'
import { toneWav } from './calls'

/** Opens the Import dialog with a 30-second recording and one transcript written here. */
async function importWith(page: Page, name: string, text: string): Promise<Locator> {
  await page.goto('./')
  await page.getByRole('button', { name: 'Import' }).click()
  const dialog = importDialog(page)
  await dialog.getByLabel('Audio file').setInputFiles(toneWav(`${name}.wav`, 30))
  await dialog.getByLabel('Transcript files').setInputFiles({
    name,
    mimeType: name.endsWith('.vtt') ? 'text/vtt' : 'application/x-subrip',
    buffer: Buffer.from(text),
  })
  await expect(dialog.getByRole('progressbar', { name: 'Hashing audio' })).toBeHidden()
  return dialog
}

/** Adds the call and waits for its page; the track's column is named by its label. */
async function addAndOpen(page: Page, dialog: Locator, title: string) {
  await dialog.getByRole('textbox', { name: 'Title' }).fill(title)
  await dialog.getByRole('button', { name: 'Add to library' }).click()
  await expect(dialog).toBeHidden({ timeout: 20_000 })
  await expect(page).toHaveURL(/#\/call\/[0-9a-f]{16}$/)
  return ui(page)
}

test('a Spanish SRT is labelled Spanish (es), told from its text', async ({ page }) => {
  const dialog = await importWith(page, 'llamada.srt', srtOf(CALL_LINES.es))
  const language = dialog.getByLabel('Language of llamada.srt')
  await expect(language).toHaveValue('es')
  await expect(dialog.getByLabel('Label of llamada.srt')).toHaveValue('Spanish')
  await expect(language).toHaveAccessibleDescription('Spanish (es), told from the text')
  await expect(dialog.getByText(/could not tell the language/)).toHaveCount(0)

  const app = await addAndOpen(page, dialog, 'Llamada')
  await expect(app.transcript.getByRole('region', { name: 'Spanish' })).toHaveAttribute(
    'lang',
    'es',
  )
  await expect(app.library.getByRole('link', { name: 'Llamada' })).toContainText('es')
  await expect(app.library.getByRole('link', { name: 'Llamada' })).not.toContainText('en')
})

test('the language a WebVTT Language header declares is used', async ({ page }) => {
  // The text alone would say fr; the file says fr-CA, and the file is believed.
  const dialog = await importWith(page, 'appel.vtt', vttOf(CALL_LINES.fr, ['Language: fr-CA']))
  const language = dialog.getByLabel('Language of appel.vtt')
  await expect(language).toHaveValue('fr-CA')
  await expect(language).toHaveAccessibleDescription(/\(fr-CA\), as the file declares$/)

  const app = await addAndOpen(page, dialog, 'Appel')
  await expect(app.transcript.locator('section[lang="fr-CA"]')).toHaveCount(1)
  await expect(app.library.getByRole('link', { name: 'Appel' })).toContainText('fr-CA')
})

test('a text too short to tell asks for its language, and nothing is added until it is chosen', async ({
  page,
}) => {
  const dialog = await importWith(page, 'short.srt', srtOf(CALL_LINES.short))
  const language = dialog.getByLabel('Language of short.srt')
  const add = dialog.getByRole('button', { name: 'Add to library' })
  const asked =
    'We could not tell the language of short.srt: choose it. Its text is too short to tell.'
  await expect(dialog.getByText(asked)).toBeVisible()
  await expect(language).toHaveValue('')
  await expect(language).toHaveAccessibleDescription(asked)
  await expect(language).toHaveAttribute('aria-invalid', 'true')
  await expect(dialog.getByLabel('Label of short.srt')).toHaveValue('short.srt')
  await expect(add).toBeDisabled()

  // Something that is no language is refused in a sentence naming the file; still nothing is added.
  await language.fill('en"><img src=x>')
  await expect(
    dialog.getByText(
      'The language of short.srt, “en"><img src=x>”, is neither a language tag (such as es or pt-BR) nor a language name (such as Spanish): choose it.',
    ),
  ).toBeVisible()
  await expect(add).toBeDisabled()
  await language.press('Enter')
  await expect(dialog).toBeVisible()

  await language.fill('Spanish')
  await expect(language).toHaveAccessibleDescription('Spanish (es)')
  await expect(language).toHaveAttribute('aria-invalid', 'false')
  await expect(dialog.getByLabel('Label of short.srt')).toHaveValue('Spanish')
  await expect(add).toBeEnabled()

  const app = await addAndOpen(page, dialog, 'Short call')
  await expect(app.transcript.getByRole('region', { name: 'Spanish' })).toHaveAttribute(
    'lang',
    'es',
  )
  await expect(app.library.getByRole('link', { name: 'Short call' })).toContainText('es')
})

test('a Verbatim JSON language that is markup is never a tag or a label: it is ignored, with a warning', async ({
  page,
}) => {
  const injected = 'en"><img src=x onerror="window.__pwned = 1">'
  const file = JSON.stringify({
    format: 'verbatim-transcript',
    version: 1,
    language: injected,
    segments: CALL_LINES.de.map((text, i) => ({ start: i * 3, end: i * 3 + 3, text })),
  })
  const dialog = await importWith(page, 'anruf.json', file)
  await expect(dialog.getByLabel('Language of anruf.json')).toHaveValue('de')
  await expect(dialog.getByLabel('Label of anruf.json')).toHaveValue('German')
  await dialog.getByText('1 repair made while reading anruf.json').click()
  await expect(
    dialog.getByText(/^\$\.language gives the language as "en"><img src=x onerror/),
  ).toBeVisible()

  const app = await addAndOpen(page, dialog, 'Anruf')
  await expect(app.transcript.getByRole('region', { name: 'German' })).toHaveAttribute('lang', 'de')
  await expect(app.library.getByRole('link', { name: 'Anruf' })).not.toContainText('img')
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
})

test('a transcript added in the Edit dialog is asked about too, and Save waits for its language', async ({
  page,
}) => {
  const dialog = await importWith(page, 'llamada.srt', srtOf(CALL_LINES.es))
  const app = await addAndOpen(page, dialog, 'Llamada')
  await openCallDetails(page)
  await page.getByRole('button', { name: 'Edit details and tracks' }).click()
  const edit = page.getByRole('dialog', { name: /Edit/ })
  await edit.getByLabel('Transcript files').setInputFiles({
    name: 'corto.srt',
    mimeType: 'application/x-subrip',
    buffer: Buffer.from(srtOf(CALL_LINES.short)),
  })
  await expect(
    edit.getByText('We could not tell the language of corto.srt: choose it.'),
  ).toBeVisible()
  const save = edit.getByRole('button', { name: 'Save' })
  await expect(save).toBeDisabled()
  await edit.getByLabel('Language of corto.srt').fill('en"><img src=x>')
  await expect(save).toBeDisabled()
  await edit.getByLabel('Language of corto.srt').fill('ca')
  await expect(edit.getByLabel('Label of corto.srt')).toHaveValue('Catalan')
  await save.click()
  await expect(edit).toBeHidden()
  await expect(app.transcript.getByRole('region', { name: 'Catalan' })).toHaveAttribute(
    'lang',
    'ca',
  )
})

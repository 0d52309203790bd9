import { expect, test } from '@playwright/test'
import {
  dropFiles,
  importDialog,
  importFiles,
  openCallDetails,
  playsAndFollows,
  storedRows,
  ui,
} from './app'
import { launchProfile } from './browser'
import { memoryFile, readBase64, STATEMENT, TWO_VOICES } from './calls'

test('import a recording with two transcripts; it plays, follows, and survives reload and restart', async ({
  baseURL,
}) => {
  const { launch, cleanup } = launchProfile(baseURL)
  try {
    let context = await launch()
    let page = await context.newPage()
    await page.goto('./')
    const dialog = await importFiles(page, {
      audio: TWO_VOICES.audio,
      transcripts: [TWO_VOICES.vtt, TWO_VOICES.aeneas],
      title: 'Two voices on the meeting',
    })
    await expect(dialog.getByRole('progressbar', { name: 'Hashing audio' })).toBeHidden()
    await expect(dialog).toContainText(/SHA-256 [0-9a-f]{64}/)
    await expect(dialog).toContainText('webvtt · 6 segments')
    await expect(dialog).toContainText('aeneas-json · 6 segments')
    await dialog.getByRole('button', { name: 'Add to library' }).click()
    await expect(dialog).toBeHidden({ timeout: 20_000 })
    await expect(page.getByRole('status').filter({ hasText: 'Two voices' })).toBeVisible()
    await expect(page).toHaveURL(/#\/call\/[0-9a-f]{16}$/)
    const address = page.url()
    await expect(ui(page).library.getByRole('link', { name: 'Two voices' })).toBeVisible()
    await expect(ui(page).transcript.getByRole('region')).toHaveCount(2)
    await playsAndFollows(page)

    await page.reload()
    await playsAndFollows(page)

    await context.close()
    context = await launch()
    page = await context.newPage()
    await page.goto(address)
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Two voices')
    await playsAndFollows(page)
    await context.close()
  } finally {
    cleanup()
  }
})

test('drop a recording and its word-timed Whisper transcript on the window to import them', async ({
  page,
}) => {
  await page.goto('./')
  const files = [
    { name: 'two-voices.mp3', type: 'audio/mpeg', data: readBase64(TWO_VOICES.audio) },
    {
      name: 'two-voices.words.json',
      type: 'application/json',
      data: readBase64(TWO_VOICES.whisperWords),
    },
  ]
  await dropFiles(page, files)
  const dialog = importDialog(page)
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('two-voices.mp3')
  await expect(dialog).toContainText('whisper-json · 6 segments')
  await expect(dialog.getByRole('textbox', { name: 'Title' })).toHaveValue('two-voices')
  await expect(dialog).toContainText(/SHA-256 [0-9a-f]{64}/)
  await dialog.getByRole('button', { name: 'Add to library' }).click()
  await expect(dialog).toBeHidden({ timeout: 20_000 })
  await expect(ui(page).library.getByRole('link', { name: 'two-voices' })).toBeVisible()
  await playsAndFollows(page)

  // The words kept their own times: a word seeks to its start and is the one highlighted.
  const app = ui(page)
  const word = app.transcript.getByText('committee', { exact: true })
  await word.click()
  await expect.poll(() => app.time()).toBeCloseTo(6.919, 1)
  await expect(word).toHaveAttribute('data-current', '')
  await expect(app.activeSegments.first()).toContainText('The committee met in the afternoon.')
})

test('a broken transcript is named with its line, and the library is unchanged', async ({
  page,
}) => {
  await page.goto('./')
  await expect(ui(page).library.getByRole('link')).toHaveCount(3)
  const dialog = await importFiles(page, { audio: STATEMENT.audio })
  await dialog
    .getByLabel('Transcript files')
    .setInputFiles(
      memoryFile(
        'broken.vtt',
        'text/vtt',
        'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfine\n\n{"this": "is not a cue"}\n',
      ),
    )
  await dialog
    .getByLabel('Transcript files')
    .setInputFiles(memoryFile('notes.json', 'application/json', '{"segments": [{"start": "x",'))
  const alert = dialog.getByRole('alert').filter({ hasText: 'notes.json' })
  await expect(alert).toContainText(/line \d+/)
  await expect(alert).toContainText('will not be imported')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  await expect(ui(page).library.getByRole('link')).toHaveCount(3)
})

test('text, an image and random bytes named as audio are refused and nothing is written', async ({
  page,
}) => {
  await page.goto('./')
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  )
  let seed = 13
  const random = Buffer.from(
    Array.from({ length: 64 * 1024 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 23),
  )
  const files = [
    memoryFile('minutes.mp3', 'audio/mpeg', 'These are meeting minutes, not audio.'),
    memoryFile('photo.wav', 'audio/wav', png),
    memoryFile('noise.ogg', 'audio/ogg', random),
  ]
  await page.getByRole('button', { name: 'Import' }).click()
  const dialog = importDialog(page)
  for (const file of files) {
    await dialog.getByLabel('Audio file').setInputFiles(file)
    const alert = dialog.getByRole('alert').filter({ hasText: file.name })
    await expect(alert).toContainText(`${file.name} cannot be imported`)
    await expect(alert).toContainText('Nothing was saved')
    await expect(dialog.getByRole('button', { name: 'Add to library' })).toBeDisabled()
  }
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(ui(page).library.getByRole('link')).toHaveCount(3)
  expect(await storedRows(page)).toEqual({ calls: 0, tracks: 0, trackParts: 0, audio: 0, peaks: 0 })
})

test('the same audio twice is recognised; its transcripts can go to the call already there', async ({
  page,
}) => {
  await page.goto('./')
  let dialog = await importFiles(page, { audio: STATEMENT.audio, title: 'Statement' })
  await dialog.getByRole('button', { name: 'Add to library' }).click()
  await expect(dialog).toBeHidden({ timeout: 20_000 })
  await expect(ui(page).transcript).toContainText('no transcript')

  dialog = await importFiles(page, { audio: STATEMENT.audio })
  await expect(dialog.getByRole('status')).toContainText('already in the library as “Statement”')
  await expect(dialog.getByRole('button', { name: 'Add to library' })).toBeDisabled()
  await dialog.getByLabel('Transcript files').setInputFiles(STATEMENT.vtt)
  await dialog.getByRole('button', { name: 'Add the transcripts to “Statement”' }).click()
  await expect(dialog).toBeHidden()
  await expect(ui(page).library.getByRole('link', { name: 'Statement' })).toHaveCount(1)
  await expect(ui(page).transcript).toContainText(STATEMENT.firstLine)
})

test('a transcript much longer than the audio is left out, and the alert says so', async ({
  page,
}) => {
  await page.goto('./')
  const dialog = await importFiles(page, {
    audio: STATEMENT.audio,
    transcripts: [TWO_VOICES.srt],
    title: 'Statement with the wrong transcript',
  })
  await expect(dialog).toContainText('srt · 6 segments')
  await dialog.getByRole('button', { name: 'Add to library' }).click()
  await expect(dialog).toBeHidden({ timeout: 20_000 })
  const alert = page.getByRole('alert').filter({ hasText: 'two-voices.srt' })
  await expect(alert).toContainText('Not imported')
  await expect(alert).toContainText('runs to 00:22 but the audio lasts 00:09')
  await expect(alert).toContainText('belongs to another recording')
  await expect(
    ui(page).library.getByRole('link', { name: 'Statement with the wrong' }),
  ).toBeVisible()
  await expect(ui(page).transcript).toContainText('no transcript')
})

test('when every transcript is refused, the dialog says the call will be added without one, and it is', async ({
  page,
}) => {
  await page.goto('./')
  const dialog = await importFiles(page, {
    audio: STATEMENT.audio,
    transcripts: [TWO_VOICES.srt],
    title: 'Statement alone',
  })
  await dialog
    .getByLabel('Transcript files')
    .setInputFiles(memoryFile('notes.json', 'application/json', '{"segments": [{"start": "x",'))
  await expect(dialog.getByRole('alert').filter({ hasText: 'notes.json' })).toBeVisible()
  // Said before anything is added: why the readable one is refused, and what will happen.
  const warning = dialog.getByRole('status').filter({ hasText: 'without a transcript' })
  await expect(warning).toContainText(
    'two-voices.srt: the transcript runs to 00:22 but the audio lasts 00:09; it belongs to another recording.',
  )
  await expect(warning).toContainText(
    'None of the transcripts can be added, so the call will be added without a transcript.',
  )
  expect(await storedRows(page)).toEqual({ calls: 0, tracks: 0, trackParts: 0, audio: 0, peaks: 0 })

  await dialog.getByRole('button', { name: 'Add to library' }).click()
  await expect(dialog).toBeHidden({ timeout: 20_000 })
  await expect(ui(page).library.getByRole('link', { name: 'Statement alone' })).toBeVisible()
  await expect(ui(page).transcript).toContainText('no transcript')
  // After it, the refusals are sentences of their own, and the alert says what was kept.
  const alert = page.getByRole('alert').filter({ hasText: 'Not imported' })
  await expect(alert).toContainText('belongs to another recording. notes.json: line')
  await expect(alert).toContainText('“Statement alone” is in the library without a transcript.')
  expect(await storedRows(page)).toEqual({ calls: 1, tracks: 0, trackParts: 0, audio: 1, peaks: 1 })
})

test('edit details, remove a track, delete with undo', async ({ page }) => {
  await page.goto('./')
  const dialog = await importFiles(page, {
    audio: TWO_VOICES.audio,
    transcripts: [TWO_VOICES.vtt, TWO_VOICES.textGrid],
    title: 'Two voices',
  })
  await dialog.getByRole('button', { name: 'Add to library' }).click()
  await expect(dialog).toBeHidden({ timeout: 20_000 })

  await openCallDetails(page)
  await page.getByRole('button', { name: 'Edit details and tracks' }).click()
  const edit = page.getByRole('dialog', { name: /Edit/ })
  await edit.getByRole('textbox', { name: 'Title' }).fill('Two voices, renamed')
  await edit
    .getByRole('button', { name: /Remove track/ })
    .last()
    .click()
  await expect(edit.getByRole('button', { name: /Remove track/ })).toHaveCount(1)
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Two voices, renamed')
  await expect(ui(page).transcript.getByRole('region')).toHaveCount(1)

  await openCallDetails(page)
  await page.getByRole('button', { name: 'Delete call' }).click()
  const confirm = page.getByRole('alertdialog', { name: /Delete/ })
  await confirm.getByRole('button', { name: 'Delete' }).click()
  await expect(ui(page).library.getByRole('link', { name: 'Two voices, renamed' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(ui(page).library.getByRole('link', { name: 'Two voices, renamed' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Two voices, renamed')
})

test('notes of a deleted call are kept as orphans and come back when the same audio is imported again', async ({
  page,
}) => {
  await page.goto('./')
  let dialog = await importFiles(page, { audio: STATEMENT.audio, title: 'Statement' })
  await dialog.getByRole('button', { name: 'Add to library' }).click()
  await expect(dialog).toBeHidden({ timeout: 20_000 })
  const notes = page.getByRole('region', { name: 'Notes' })
  await notes.getByRole('button', { name: 'Add note' }).click()
  await notes.getByRole('textbox', { name: 'Note' }).fill('made for the tests — check the date')
  await notes.getByRole('textbox', { name: 'Note' }).blur()
  await expect(notes.getByRole('listitem')).toContainText('check the date')

  await openCallDetails(page)
  await page.getByRole('button', { name: 'Delete call' }).click()
  await page
    .getByRole('alertdialog', { name: /Delete/ })
    .getByRole('button', { name: 'Delete' })
    .click()
  // Dismissing the notice makes the deletion final.
  await page
    .getByRole('status')
    .filter({ hasText: 'was deleted' })
    .getByRole('button', { name: 'Dismiss' })
    .click()
  await expect(page.getByText('1 note belong to calls no longer in this library')).toBeVisible()

  dialog = await importFiles(page, { audio: STATEMENT.audio, title: 'Statement, again' })
  await dialog.getByRole('button', { name: 'Add to library' }).click()
  await expect(dialog).toBeHidden({ timeout: 20_000 })
  await expect(notes.getByRole('listitem')).toContainText('check the date')
})

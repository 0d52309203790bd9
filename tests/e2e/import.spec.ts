import { expect, test, type Page } from '@playwright/test'
import { segmentTimes, ui } from './app'
import { launchProfile } from './browser'
import {
  APOLLO_AUDIO,
  APOLLO_WHISPER,
  JFK_AUDIO,
  memoryFile,
  readBase64,
  SONNET_AUDIO,
  sonnetMap,
} from './corpus'

function importDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Import' })
}

/** Opens the Import dialog and fills it with files from disk. */
async function importFiles(
  page: Page,
  { audio, transcripts = [], title }: { audio: string; transcripts?: string[]; title?: string },
) {
  await page.getByRole('button', { name: 'Import' }).click()
  const dialog = importDialog(page)
  await expect(dialog).toBeVisible()
  await dialog.getByLabel('Audio file').setInputFiles(audio)
  if (transcripts.length > 0) await dialog.getByLabel('Transcript files').setInputFiles(transcripts)
  if (title) await dialog.getByRole('textbox', { name: 'Title' }).fill(title)
  return dialog
}

/** Plays a little and checks the playhead and the transcript highlight move together. */
async function playsAndFollows(page: Page) {
  const app = ui(page)
  await app.ready()
  await app.waveformDrawn()
  const segments = app.transcript.getByRole('region').first().locator('[data-start]')
  // A segment after the first that lasts long enough to be caught playing.
  let target = segments.nth(1)
  for (let i = 1; i < (await segments.count()); i++) {
    const { start, end } = await segmentTimes(segments.nth(i))
    if (end - start > 1.5) {
      target = segments.nth(i)
      break
    }
  }
  const { start } = await segmentTimes(target)
  await target.getByRole('button', { name: /^Play from/ }).click()
  await expect.poll(() => app.time()).toBeCloseTo(start, 1)
  await app.player.getByRole('button', { name: 'Play' }).click()
  await expect.poll(() => app.time(), { timeout: 10_000 }).toBeGreaterThan(start + 0.5)
  await expect(target).toHaveAttribute('aria-current', 'true')
  await app.player.getByRole('button', { name: 'Pause' }).click()
}

test('import a recording with two transcripts; it plays, follows, and survives reload and restart', async ({
  baseURL,
}) => {
  const { launch, cleanup } = launchProfile(baseURL)
  try {
    let context = await launch()
    let page = await context.newPage()
    await page.goto('./')
    const dialog = await importFiles(page, {
      audio: SONNET_AUDIO,
      transcripts: [sonnetMap('vtt'), sonnetMap('json')],
      title: 'Sonnet 1 (LibriVox)',
    })
    await expect(dialog.getByRole('progressbar', { name: 'Hashing audio' })).toBeHidden()
    await expect(dialog).toContainText(/SHA-256 [0-9a-f]{64}/)
    await expect(dialog).toContainText('webvtt · 15 segments')
    await expect(dialog).toContainText('aeneas-json · 15 segments')
    await dialog.getByRole('button', { name: 'Add to library' }).click()
    await expect(dialog).toBeHidden({ timeout: 20_000 })
    await expect(page.getByRole('status').filter({ hasText: 'Sonnet 1' })).toBeVisible()
    await expect(page).toHaveURL(/#\/call\/[0-9a-f]{16}$/)
    const address = page.url()
    await expect(ui(page).library.getByRole('link', { name: 'Sonnet 1' })).toBeVisible()
    await expect(ui(page).transcript.getByRole('region')).toHaveCount(2)
    await playsAndFollows(page)

    await page.reload()
    await playsAndFollows(page)

    await context.close()
    context = await launch()
    page = await context.newPage()
    await page.goto(address)
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Sonnet 1')
    await playsAndFollows(page)
    await context.close()
  } finally {
    cleanup()
  }
})

test('drop a recording and its Whisper transcript on the window to import them', async ({
  page,
}) => {
  await page.goto('./')
  const files = [
    { name: 'apollo11.mp3', type: 'audio/mpeg', data: readBase64(APOLLO_AUDIO) },
    { name: 'apollo11.words.json', type: 'application/json', data: readBase64(APOLLO_WHISPER) },
  ]
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer()
    for (const file of list) {
      const bytes = Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0))
      data.items.add(new File([bytes], file.name, { type: file.type }))
    }
    return data
  }, files)
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer })
  await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer })
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer })
  const dialog = importDialog(page)
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('apollo11.mp3')
  await expect(dialog).toContainText(/whisper-json · \d+ segments/)
  await expect(dialog.getByRole('textbox', { name: 'Title' })).toHaveValue('apollo11')
  await expect(dialog).toContainText(/SHA-256 [0-9a-f]{64}/)
  await dialog.getByRole('button', { name: 'Add to library' }).click()
  await expect(dialog).toBeHidden({ timeout: 20_000 })
  await expect(ui(page).library.getByRole('link', { name: 'apollo11' })).toBeVisible()
  await playsAndFollows(page)
})

test('a broken transcript is named with its line, and the library is unchanged', async ({
  page,
}) => {
  await page.goto('./')
  await expect(ui(page).library.getByRole('link')).toHaveCount(3)
  const dialog = await importFiles(page, { audio: JFK_AUDIO })
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

test('a file that is not audio is refused and nothing is written', async ({ page }) => {
  await page.goto('./')
  await page.getByRole('button', { name: 'Import' }).click()
  const dialog = importDialog(page)
  await dialog
    .getByLabel('Audio file')
    .setInputFiles(memoryFile('minutes.mp3', 'audio/mpeg', 'These are meeting minutes, not audio.'))
  await dialog.getByRole('button', { name: 'Add to library' }).click()
  await expect(dialog.getByRole('alert')).toContainText('minutes.mp3')
  await expect(dialog.getByRole('alert')).toContainText('Nothing was imported')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(ui(page).library.getByRole('link')).toHaveCount(3)
})

test('the same audio twice is recognised; its transcripts can go to the call already there', async ({
  page,
}) => {
  await page.goto('./')
  let dialog = await importFiles(page, { audio: JFK_AUDIO, title: 'Ask not' })
  await dialog.getByRole('button', { name: 'Add to library' }).click()
  await expect(dialog).toBeHidden({ timeout: 20_000 })
  await expect(ui(page).transcript).toContainText('no transcript')

  dialog = await importFiles(page, { audio: JFK_AUDIO })
  await expect(dialog.getByRole('status')).toContainText('already in the library as “Ask not”')
  await expect(dialog.getByRole('button', { name: 'Add to library' })).toBeDisabled()
  await dialog
    .getByLabel('Transcript files')
    .setInputFiles(
      memoryFile(
        'jfk.srt',
        'text/plain',
        '1\n00:00:00,000 --> 00:00:05,000\nAnd so my fellow Americans,\n\n2\n00:00:05,000 --> 00:00:11,000\nask not what your country can do for you\n',
      ),
    )
  await dialog.getByRole('button', { name: 'Add the transcripts to “Ask not”' }).click()
  await expect(dialog).toBeHidden()
  await expect(ui(page).library.getByRole('link', { name: 'Ask not' })).toHaveCount(1)
  await expect(ui(page).transcript).toContainText('fellow Americans')
})

test('a transcript much longer than the audio is left out, and the alert says so', async ({
  page,
}) => {
  await page.goto('./')
  const dialog = await importFiles(page, {
    audio: JFK_AUDIO,
    transcripts: [sonnetMap('srt')],
    title: 'JFK with the wrong transcript',
  })
  await expect(dialog).toContainText('srt · 15 segments')
  await dialog.getByRole('button', { name: 'Add to library' }).click()
  await expect(dialog).toBeHidden({ timeout: 20_000 })
  const alert = page.getByRole('alert').filter({ hasText: 'sonnet001.srt' })
  await expect(alert).toContainText('Not imported')
  await expect(alert).toContainText('belongs to another recording')
  await expect(ui(page).library.getByRole('link', { name: 'JFK with the wrong' })).toBeVisible()
})

test('edit details, remove a track, delete with undo', async ({ page }) => {
  await page.goto('./')
  const dialog = await importFiles(page, {
    audio: SONNET_AUDIO,
    transcripts: [sonnetMap('vtt'), sonnetMap('textgrid_short')],
    title: 'Sonnet',
  })
  await dialog.getByRole('button', { name: 'Add to library' }).click()
  await expect(dialog).toBeHidden({ timeout: 20_000 })

  await page.getByRole('button', { name: 'Edit details and tracks' }).click()
  const edit = page.getByRole('dialog', { name: /Edit/ })
  await edit.getByRole('textbox', { name: 'Title' }).fill('Sonnet 1, renamed')
  await edit
    .getByRole('button', { name: /Remove track/ })
    .last()
    .click()
  await expect(edit.getByRole('button', { name: /Remove track/ })).toHaveCount(1)
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Sonnet 1, renamed')
  await expect(ui(page).transcript.getByRole('region')).toHaveCount(1)

  await page.getByRole('button', { name: 'Delete call' }).click()
  const confirm = page.getByRole('alertdialog', { name: /Delete/ })
  await confirm.getByRole('button', { name: 'Delete' }).click()
  await expect(ui(page).library.getByRole('link', { name: 'Sonnet 1, renamed' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(ui(page).library.getByRole('link', { name: 'Sonnet 1, renamed' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Sonnet 1, renamed')
})

test('notes of a deleted call are kept as orphans and come back when the same audio is imported again', async ({
  page,
}) => {
  await page.goto('./')
  let dialog = await importFiles(page, { audio: JFK_AUDIO, title: 'Ask not' })
  await dialog.getByRole('button', { name: 'Add to library' }).click()
  await expect(dialog).toBeHidden({ timeout: 20_000 })
  const notes = page.getByRole('region', { name: 'Notes' })
  await notes.getByRole('button', { name: 'Add note' }).click()
  await notes.getByRole('textbox', { name: 'Note' }).fill('ask not — the famous line')
  await notes.getByRole('textbox', { name: 'Note' }).blur()
  await expect(notes.getByRole('listitem')).toContainText('the famous line')

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

  dialog = await importFiles(page, { audio: JFK_AUDIO, title: 'Ask not, again' })
  await dialog.getByRole('button', { name: 'Add to library' }).click()
  await expect(dialog).toBeHidden({ timeout: 20_000 })
  await expect(notes.getByRole('listitem')).toContainText('the famous line')
})

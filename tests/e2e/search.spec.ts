import { expect, test, type Page } from '@playwright/test'
import {
  highlightUnderPlayhead,
  importCall,
  longTranscript,
  openCallDetails,
  segmentTimes,
  ui,
} from './app'
import { toneWav } from './calls'

function search(page: Page) {
  const box = page.getByRole('searchbox', { name: 'Search transcripts' })
  const results = page.getByRole('region', { name: 'Search results' })
  return { box, results, hits: results.getByRole('link') }
}

test('a phrase from an English track finds its call and segment; the hit plays from there', async ({
  page,
}) => {
  await page.goto('./')
  const { box, results, hits } = search(page)
  await box.fill('"Party Central is taking"')
  await expect(page).toHaveURL(/#\/search\?q=%22Party\+Central\+is\+taking%22$/)
  await expect(hits.first()).toContainText('Tang Junjie on Party Central')
  await expect(hits.first()).toContainText('00:08')
  await expect(hits.first().locator('mark')).toHaveText(['Party Central is taking'])
  await expect(results.getByRole('status')).toHaveText('1 result in 1 call')

  await hits.first().click()
  const app = ui(page)
  await expect(page).toHaveURL(/#\/call\/tang-junjie-2012-04\?t=8\.8/)
  const segment = app.transcript
    .getByRole('region', { name: /English/ })
    .locator('[data-start]', { hasText: 'Party Central is taking' })
  const { start, end } = await segmentTimes(segment)
  // It plays from the hit: as soon as it plays the playhead is in the hit's segment (the margin is
  // the rest of the segment, about 3 s), and then it moves on.
  const pause = app.player.getByRole('button', { name: 'Pause' })
  await expect(pause).toBeVisible({ timeout: 15_000 })
  const from = await app.time()
  expect(from).toBeGreaterThanOrEqual(start - 0.05)
  expect(from).toBeLessThan(end)
  await expect.poll(() => app.time(), { timeout: 10_000 }).toBeGreaterThan(from + 0.3)
  // Paused, the highlight is on the segment under the playhead.
  await pause.click()
  await expect(app.player.getByRole('button', { name: 'Play' })).toBeVisible()
  await highlightUnderPlayhead(page, app.transcript.getByRole('region', { name: /English/ }))
})

test('a Chinese query finds the Chinese track, even across the segmenter’s word boundaries', async ({
  page,
}) => {
  await page.goto('./#/search?q=%E5%91%A8%E6%B0%B8%E5%BA%B7%E8%B4%9F%E8%B4%A3')
  const { box, hits } = search(page)
  await expect(box).toHaveValue('周永康负责')
  await expect(hits).toHaveCount(1)
  await expect(hits.first()).toContainText('Li Changchun on who is in charge')
  await expect(hits.first()).toContainText('Chinese')
  await expect(hits.first().locator('mark')).toHaveText(['周永康负责'])

  // 常委会 is one word to the segmenter; 委会内 is found by substring all the same.
  await box.fill('委会内')
  await expect(hits).toHaveCount(1)
  await expect(hits.first()).toContainText('Tang Junjie')
  await expect(hits.first().locator('mark')).toHaveText(['委会内'])
})

test('a query that matches nothing says so; / and Ctrl+K reach the search box', async ({
  page,
}) => {
  await page.goto('./#/call/zhou-yongkang-2008-05')
  await ui(page).ready()
  const { box, results, hits } = search(page)
  await page.keyboard.press('/')
  await expect(box).toBeFocused()
  await page.keyboard.type('zebra crossing')
  await expect(results).toContainText('Nothing matches “zebra crossing”.')
  await expect(hits).toHaveCount(0)

  await page.keyboard.press('Tab')
  await expect(box).not.toBeFocused()
  await page.keyboard.press('Control+k')
  await expect(box).toBeFocused()
  await page.keyboard.type('organs')
  await expect(results.getByRole('status')).toHaveText('2 results in 2 calls')
  // ↓ moves to the results; Enter on a hit opens it.
  await page.keyboard.press('ArrowDown')
  await expect(hits.first()).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#\/call\//)
})

test('the filters narrow results to a call, a language and a speaker', async ({ page }) => {
  await page.goto('./#/search?q=this')
  const { results, hits } = search(page)
  await expect(hits).toHaveCount(3)
  await results.getByLabel('Speaker').selectOption('Li Changchun')
  await expect(hits).toHaveCount(1)
  await expect(hits.first()).toContainText('Zhou Yongkang is in charge of this')
  await results.getByLabel('Speaker').selectOption('')
  await results
    .getByLabel('Call')
    .selectOption({ label: 'Tang Junjie on Party Central and the Standing Committee' })
  await expect(hits).toHaveCount(2)
  await results.getByLabel('Language').selectOption({ label: 'Chinese' })
  await expect(results).toContainText('Nothing matches “this” with these filters.')
})

test('find-in-call steps through matches with Enter and Shift+Enter', async ({ page }) => {
  await page.goto('./#/call/tang-junjie-2012-04')
  const app = ui(page)
  await app.ready()
  const find = page.getByRole('searchbox', { name: 'Find in call' })
  const count = page.getByRole('search', { name: 'Find in call' }).getByRole('status')
  const current = app.transcript.locator('mark[data-current]')
  await find.fill('care of this')
  await expect(count).toHaveText('1 of 2')
  // Words are drawn one by one (they are timed), so a match is marked word by word.
  await expect(app.transcript.locator('[data-start]:has(mark)')).toHaveCount(2)
  await expect(current).toHaveText(['care', 'of', 'this'])
  const currentRow = app.transcript.locator('[data-start]:has(mark[data-current])')
  await expect(currentRow).toContainText('take care')
  await expect(current.first()).toBeInViewport()
  await find.press('Enter')
  await expect(count).toHaveText('2 of 2')
  await expect(currentRow).toContainText('Party Central')
  await find.press('Enter')
  await expect(count).toHaveText('1 of 2')
  await find.press('Shift+Enter')
  await expect(count).toHaveText('2 of 2')
  await page.getByRole('button', { name: 'Previous match' }).click()
  await expect(count).toHaveText('1 of 2')
  await find.fill('zebra')
  await expect(count).toHaveText('No matches')
  await expect(app.transcript.locator('mark')).toHaveCount(0)
})

test('an imported call is searchable at once, find-in-call reaches rows not yet drawn, and a deleted call leaves the results', async ({
  page,
}) => {
  // 800 segments of a tenth of a second: far more rows than the list draws.
  await page.goto('./')
  await importCall(page, {
    audio: toneWav('long-test-call.wav', 80),
    transcripts: [{ name: 'long.json', text: longTranscript(800, { uniqueAt: 760 }) }],
    title: 'Long test call',
  })
  const app = ui(page)

  const row = app.transcript.locator('[data-start]', { hasText: 'quetzal' })
  await expect(row).toHaveCount(0)
  const find = page.getByRole('searchbox', { name: 'Find in call' })
  await find.fill('quetzal')
  await expect(page.getByRole('search', { name: 'Find in call' }).getByRole('status')).toHaveText(
    '1 of 1',
  )
  await expect(app.transcript.locator('mark[data-current]')).toBeInViewport()
  await expect(row).toHaveAttribute('data-start', '76')

  const { box, hits, results } = search(page)
  await box.fill('quetzal')
  await expect(hits).toHaveCount(1)
  await expect(hits.first()).toContainText('Long test call')
  await expect(hits.first()).toContainText('01:16')

  await page.goBack()
  await expect(page).toHaveURL(/#\/call\//)
  await openCallDetails(page)
  await page.getByRole('button', { name: 'Delete call' }).click()
  await page
    .getByRole('alertdialog', { name: /Delete/ })
    .getByRole('button', { name: 'Delete' })
    .click()
  await expect(page).toHaveURL(/#\/$/)
  await box.press('Enter')
  await expect(results).toContainText('Nothing matches “quetzal”.')
})

test('notes are searched too, in their own group', async ({ page }) => {
  await page.goto('./#/call/li-changchun-2012-04')
  await ui(page).ready()
  const notes = page.getByRole('region', { name: 'Notes' })
  await notes.getByRole('button', { name: 'Add note' }).click()
  await notes.getByRole('textbox', { name: 'Note' }).fill('Compare with the archipelago memo')

  const { box, results } = search(page)
  await box.fill('archipelago')
  const group = results.getByRole('region', { name: 'Your notes' })
  await expect(group.getByRole('link')).toHaveCount(1)
  await expect(group.getByRole('link')).toContainText('Li Changchun on who is in charge')
  await expect(group.locator('mark')).toHaveText(['archipelago'])
  await group.getByRole('link').click()
  await expect(page).toHaveURL(/#\/call\/li-changchun-2012-04\?t=/)
})

import { expect, test } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { importCall, ui } from './app'
import { TWO_VOICES } from './calls'

declare global {
  interface Window {
    __wordsLit: number
    __waveform: { canvases: number; styles: number }
  }
}

/*
 * The design, held in place: during playback the store takes the time only when something shown
 * changes (a word, a line, the clock's seconds), not on every frame. Counted with the app's own
 * User Timing measures (`verbatim:tick`, one per time the store takes), switched on as `npm run
 * bench` does; the words lit are counted in the page as they change. And the waveform's playhead
 * moves on the compositor: its canvases are not drawn again, nor its styles written on every frame.
 */
test('playing, the store takes the time when a word, a line or the clock changes, and the waveform is not redrawn', async ({
  page,
}) => {
  await page.addInitScript(() => localStorage.setItem('verbatim:measure', '1'))
  await page.goto('./')
  await importCall(page, {
    audio: TWO_VOICES.audio,
    transcripts: [
      { name: 'two-voices.words.json', text: readFileSync(TWO_VOICES.whisperWords, 'utf8') },
    ],
    title: 'Two voices, word by word',
  })
  const app = ui(page)
  await expect(app.transcript.locator('[data-word-start]').first()).toBeVisible()
  await page.evaluate(() => {
    window.__wordsLit = 0
    const transcript = document.querySelector('section[aria-label="Transcript"]')!
    new MutationObserver((records) => {
      for (const record of records)
        if ((record.target as Element).hasAttribute('data-current')) window.__wordsLit++
    }).observe(transcript, { subtree: true, attributes: true, attributeFilter: ['data-current'] })
    performance.clearMeasures('verbatim:tick')
    // The waveform lives in shadow roots under the position slider: canvases drawn and styles
    // written there are counted.
    window.__waveform = { canvases: 0, styles: 0 }
    const waveform = new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes') window.__waveform.styles++
        for (const node of record.addedNodes)
          if (node.nodeName === 'CANVAS') window.__waveform.canvases++
      }
    })
    const watch = (root: Element | ShadowRoot) => {
      waveform.observe(root, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['style'],
      })
      for (const element of root.querySelectorAll('*'))
        if (element.shadowRoot) watch(element.shadowRoot)
    }
    watch(document.querySelector('[role="slider"][aria-label="Playback position"]')!)
  })
  await app.playButton.click()
  await expect.poll(() => app.time(), { timeout: 20_000 }).toBeGreaterThan(6)
  await app.player.getByRole('button', { name: 'Pause' }).click()
  const { ticks, words, played, waveform } = await page.evaluate(() => ({
    ticks: performance.getEntriesByName('verbatim:tick').length,
    words: window.__wordsLit,
    waveform: window.__waveform,
    played: Number(
      document.querySelector('[role="slider"][aria-label="Playback position"]')!.ariaValueNow,
    ),
  }))
  test.info().annotations.push({
    type: 'updates',
    description: `${ticks} store updates for ${words} words lit in ${played.toFixed(1)} s; waveform: ${waveform.canvases} canvases drawn, ${waveform.styles} style writes`,
  })
  // Every word lit took an update; besides them, the gaps between words and lines, the clock's
  // seconds and the pause. At 60 frames a second, every frame would be over 360.
  expect(words).toBeGreaterThan(10)
  expect(ticks).toBeGreaterThanOrEqual(words)
  expect(ticks).toBeLessThanOrEqual(2 * words + Math.ceil(played) + 4)
  // The playhead is moved by the compositor: no canvas is drawn, and styles are written when
  // playback starts and stops (and to correct a drift from the media clock), not on every frame.
  expect(waveform.canvases).toBe(0)
  // A restart writes four styles; the media clock's reports (four a second) may each correct a
  // drift on a loaded machine. Per frame it would be three or more writes 60 times a second.
  expect(waveform.styles).toBeLessThan(played * 16)
})

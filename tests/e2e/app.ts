import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test'

/** What the browser tests know of the app: only the roles and names of the UI contract. */
export function ui(page: Page) {
  const player = page.getByRole('region', { name: 'Player' })
  const transcript = page.getByRole('region', { name: 'Transcript' })
  const slider = player.getByRole('slider', { name: 'Playback position' })
  return {
    library: page.getByRole('navigation', { name: 'Library' }),
    player,
    transcript,
    slider,
    playButton: player.getByRole('button', { name: /^(play|pause)$/i }),
    segments: transcript.locator('[data-start]'),
    activeSegments: transcript.locator('[data-start][aria-current="true"]'),
    /** The playhead, in seconds, as the slider reports it. */
    async time(): Promise<number> {
      return Number(await slider.getAttribute('aria-valuenow'))
    },
    /** Resolves when the waveform has drawn something on a canvas (it renders in a shadow root). */
    async waveformDrawn(): Promise<void> {
      await expect
        .poll(() => slider.evaluate(countInkedCanvases), { timeout: 15_000 })
        .toBeGreaterThan(0)
    },
    /** Width in pixels of the selected range drawn on the waveform (0 when none is drawn). */
    async rangeWidth(): Promise<number> {
      return slider.evaluate((root) => {
        const find = (node: Element | ShadowRoot): Element | null => {
          for (const child of Array.from(node.children)) {
            if (child.getAttribute('part')?.split(' ').includes('region')) return child
            const inner = (child.shadowRoot && find(child.shadowRoot)) ?? find(child)
            if (inner) return inner
          }
          return null
        }
        return find(root)?.getBoundingClientRect().width ?? 0
      })
    },
    /**
     * Starts recording every playhead value the page shows, until playback wraps from near `end`
     * back towards the start of a loop; resolves with the values seen.
     */
    recordUntilLoop(end: number): Promise<number[]> {
      return slider.evaluate(
        (element, loopEnd) =>
          new Promise<number[]>((resolve) => {
            const values: number[] = []
            const observer = new MutationObserver(() => {
              const value = Number(element.getAttribute('aria-valuenow'))
              const last = values.at(-1)
              values.push(value)
              if (last !== undefined && last > loopEnd - 0.5 && value < last - 1) {
                observer.disconnect()
                resolve(values)
              }
            })
            observer.observe(element, { attributes: true, attributeFilter: ['aria-valuenow'] })
          }),
        end,
      )
    },
    /**
     * Pauses playback in the page itself as soon as the playhead passes `time`, so that where it
     * stops does not depend on how fast the test's own steps run on a busy machine; resolves with
     * the time it paused at.
     */
    pauseWhenPast(time: number): Promise<number> {
      return player.evaluate(
        (region, after) =>
          new Promise<number>((resolve) => {
            const slider = region.querySelector('[role="slider"]')
            const pause = () =>
              region.querySelector<HTMLButtonElement>('button[aria-label="Pause"]')
            if (!slider) throw new Error('no playhead slider')
            const check = () => {
              const now = Number(slider.getAttribute('aria-valuenow'))
              if (now <= after) return
              observer.disconnect()
              pause()?.click()
              resolve(now)
            }
            const observer = new MutationObserver(check)
            observer.observe(slider, { attributes: true, attributeFilter: ['aria-valuenow'] })
            check()
          }),
        time,
      )
    },
    async ready(): Promise<void> {
      await expect(slider).toHaveAttribute('aria-busy', 'false', { timeout: 15_000 })
    },
  }
}

/** Counts canvases under `root` (shadow roots included) that have a non-transparent pixel. */
function countInkedCanvases(root: Element): number {
  const canvases: HTMLCanvasElement[] = []
  const walk = (node: Element | ShadowRoot) => {
    for (const child of Array.from(node.children)) {
      if (child instanceof HTMLCanvasElement) canvases.push(child)
      if (child.shadowRoot) walk(child.shadowRoot)
      walk(child)
    }
  }
  walk(root)
  return canvases.filter((canvas) => {
    if (canvas.width === 0 || canvas.height === 0) return false
    const context = canvas.getContext('2d')
    if (!context) return false
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height)
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true
    return false
  }).length
}

/** A segment's start and end, from its data attributes. */
export async function segmentTimes(segment: Locator): Promise<{ start: number; end: number }> {
  return {
    start: Number(await segment.getAttribute('data-start')),
    end: Number(await segment.getAttribute('data-end')),
  }
}

/**
 * Plays from the start of a segment (the first after the opening one that lasts over 1.5 s) in the
 * first shown track, then pauses and checks that the highlight is on the segment under the paused
 * playhead. Pausing first keeps the check independent of how fast the media clock runs.
 */
export async function playsAndFollows(page: Page): Promise<void> {
  const app = ui(page)
  await app.ready()
  await app.waveformDrawn()
  const column = app.transcript.getByRole('region').first()
  const segments = column.locator('[data-start]')
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
  await expect(target).toHaveAttribute('aria-current', 'true')
  await app.player.getByRole('button', { name: 'Play' }).click()
  await expect.poll(() => app.time(), { timeout: 10_000 }).toBeGreaterThan(start + 0.5)
  await app.player.getByRole('button', { name: 'Pause' }).click()
  await expect(app.player.getByRole('button', { name: 'Play' })).toBeVisible()
  await highlightUnderPlayhead(page, column)
}

/**
 * Resolves when the highlight in `column` matches the (paused) playhead: the one segment under it
 * is highlighted, or none when it is in a gap between segments.
 */
export async function highlightUnderPlayhead(page: Page, column: Locator): Promise<void> {
  const app = ui(page)
  const active = column.locator('[data-start][aria-current="true"]')
  await expect
    .poll(async () => {
      const at = await app.time()
      const highlighted = await active.count()
      if (highlighted === 1) {
        const { start, end } = await segmentTimes(active)
        return start <= at + 0.05 && at < end + 0.05
          ? 'matches the playhead'
          : `${start}–${end} highlighted at ${at}`
      }
      // Rows clearly under the playhead (the slider rounds to milliseconds).
      const under = await column.locator('[data-start]').evaluateAll(
        (rows, time) =>
          rows.filter((row) => {
            const start = Number(row.getAttribute('data-start'))
            const end = Number(row.getAttribute('data-end'))
            return start + 0.05 <= time && time < end - 0.05
          }).length,
        at,
      )
      return highlighted === 0 && under === 0
        ? 'matches the playhead'
        : `${highlighted} highlighted, ${under} under the playhead at ${at}`
    })
    .toBe('matches the playhead')
}

export const SAMPLE_CALLS = [
  { id: 'zhou-yongkang-2008-05', title: 'Zhou Yongkang' },
  { id: 'li-changchun-2012-04', title: 'Li Changchun' },
  { id: 'tang-junjie-2012-04', title: 'Tang Junjie' },
] as const

/**
 * A long transcript for an imported call, as Verbatim JSON: `count` segments of `step` seconds,
 * two timed words each, and one word of `unique` text in segment `uniqueAt` (for find tests).
 */
export function longTranscript(
  count: number,
  { step = 0.1, language = 'en', unique = 'quetzal', uniqueAt = -1 } = {},
): string {
  const segments = Array.from({ length: count }, (_, i) => {
    const start = Number((i * step).toFixed(3))
    const middle = Number(((i + 0.5) * step).toFixed(3))
    const end = Number(((i + 1) * step).toFixed(3))
    const words = [`Line${i}`, i === uniqueAt ? unique : 'spoken']
    return {
      start,
      end,
      speaker: i % 2 === 0 ? 'Caller' : 'Officer',
      text: words.join(' '),
      words: [
        { start, end: middle, text: words[0] },
        { start: middle, end, text: words[1] },
      ],
    }
  })
  return JSON.stringify({ format: 'verbatim-transcript', version: 1, language, segments })
}

/** Imports `audio` with in-memory transcripts through the Import dialog; resolves on the call page. */
export async function importCall(
  page: Page,
  {
    audio,
    transcripts,
    title,
  }: {
    /** A path, or a file made in memory. */
    audio: string | { name: string; mimeType: string; buffer: Buffer }
    transcripts: { name: string; text: string }[]
    title: string
  },
): Promise<void> {
  await page.getByRole('button', { name: 'Import' }).click()
  const dialog = page.getByRole('dialog', { name: 'Import' })
  await dialog.getByLabel('Audio file').setInputFiles(audio)
  await dialog.getByLabel('Transcript files').setInputFiles(
    transcripts.map(({ name, text }) => ({
      name,
      mimeType: name.endsWith('.json') ? 'application/json' : 'text/vtt',
      buffer: Buffer.from(text),
    })),
  )
  // A transcript too short to tell its language is asked about; these tests' words are English.
  for (const { name } of transcripts) {
    const language = dialog.getByLabel(`Language of ${name}`)
    await expect(language).toBeVisible()
    if ((await language.inputValue()) === '') await language.fill('en')
  }
  await dialog.getByRole('textbox', { name: 'Title' }).fill(title)
  await dialog.getByRole('button', { name: 'Add to library' }).click()
  await expect(page).toHaveURL(/#\/call\//)
  await ui(page).ready()
}

export function importDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Import' })
}

/** Opens the Import dialog from the top bar and resolves with it once its file inputs show. */
export async function openImportDialog(page: Page) {
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  const dialog = importDialog(page)
  await expect(dialog.getByLabel('Transcript files')).toBeVisible()
  return dialog
}

/** Opens the Import dialog and fills it with files from disk. */
export async function importFiles(
  page: Page,
  { audio, transcripts = [], title }: { audio: string; transcripts?: string[]; title?: string },
) {
  const dialog = await openImportDialog(page)
  await dialog.getByLabel('Audio file').setInputFiles(audio)
  if (transcripts.length > 0) await dialog.getByLabel('Transcript files').setInputFiles(transcripts)
  if (title) await dialog.getByRole('textbox', { name: 'Title' }).fill(title)
  return dialog
}

/** Drops files (their bytes in base64) on the window, as a drag from the desktop would. */
export async function dropFiles(
  page: Page,
  files: { name: string; type: string; data: string }[],
): Promise<void> {
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
}

/** Opens `url` with clipboard access, for citation tests; returns the app and its English column. */
export async function openForCiting(context: BrowserContext, page: Page, url: string) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto(url)
  const app = ui(page)
  await app.ready()
  return { app, english: app.transcript.getByRole('region', { name: /English/ }) }
}

/**
 * Opens the call's details (what it is, its provenance, Edit and Delete), folded by default into
 * the line under its title; does nothing when they are open.
 */
export async function openCallDetails(page: Page): Promise<void> {
  const details = page.getByRole('group').filter({ has: page.getByText('About and provenance') })
  if ((await details.getAttribute('open')) === null)
    await page.getByText('About and provenance').click()
  await expect(page.getByRole('region', { name: 'Provenance' })).toBeVisible()
}

/** How many rows each table of imported calls holds in IndexedDB, read with the raw API. */
export async function storedRows(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const settled = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
    const db = await settled(indexedDB.open('verbatim'))
    const counts: Record<string, number> = {}
    for (const table of ['calls', 'tracks', 'trackParts', 'audio', 'peaks']) {
      counts[table] = db.objectStoreNames.contains(table)
        ? await settled(db.transaction(table).objectStore(table).count())
        : 0
    }
    db.close()
    return counts
  })
}

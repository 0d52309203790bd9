import { expect, type Locator, type Page } from '@playwright/test'

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

export const SAMPLE_CALLS = [
  { id: 'zhou-yongkang-2008-05', title: 'Zhou Yongkang' },
  { id: 'li-changchun-2012-04', title: 'Li Changchun' },
  { id: 'tang-junjie-2012-04', title: 'Tang Junjie' },
] as const

/**
 * The waveform's playhead and played part, moved by the compositor. wavesurfer.js moves them by
 * writing the progress's width, the cursor's `left` and a clip path on every animation frame, which
 * costs the main thread style, layout and paint sixty times a second (issue 14 measured the waveform
 * at about 40 % of the page's work in 2× playback). Here, while playing, one linear Web Animation
 * of `transform` runs from the current time to the end: the cursor is translated; the played part
 * (wavesurfer's progress layer, the bars in the progress colour) is revealed by translating its box
 * left and its content back right by the same amount, so its `overflow: hidden` edge sweeps across
 * without a layout. The animations are made again only when playback starts, stops, seeks, changes
 * speed, or the waveform's width changes (zoom, resize, a redraw). See
 * docs/adr/2026-12-08-compositor-playhead.md.
 */

/** What the playhead follows. */
export interface PlayheadState {
  /** Seconds. */
  readonly time: number
  readonly duration: number
  readonly playing: boolean
  readonly rate: number
}

export interface Playhead {
  /**
   * Shows `state`; while playing the playhead moves on its own. A state the running animation
   * already shows (within a pixel) changes nothing.
   */
  show(state: PlayheadState): void
  /** The waveform was drawn again or changed width: the animation is made anew. */
  relayout(): void
  destroy(): void
}

/** The parts of wavesurfer's waveform the playhead moves (inside its shadow root). */
export interface PlayheadParts {
  /** As wide as the whole waveform (wider than the view when zoomed in). */
  readonly wrapper: HTMLElement
  readonly progress: HTMLElement
  readonly cursor: HTMLElement
}

/** How far, in pixels, the running animation may be from a reported time before it is redone. */
const TOLERANCE_PX = 1.5

export function createPlayhead({ wrapper, progress, cursor }: PlayheadParts): Playhead {
  let state: PlayheadState = { time: 0, duration: 0, playing: false, rate: 1 }
  let running: Animation[] = []
  /** Where the running animation started, and at what width. */
  let started: { time: number; width: number } | null = null

  // The progress layer spans the whole waveform; what shows of it is set by transforms alone.
  progress.style.width = '100%'
  progress.style.willChange = 'transform'
  cursor.style.left = '0'
  cursor.style.willChange = 'transform'

  const content = () =>
    [...progress.children].filter((c): c is HTMLElement => c instanceof HTMLElement)

  function place(fraction: number, width: number) {
    const hidden = (1 - fraction) * width
    progress.style.transform = `translateX(${-hidden}px)`
    for (const child of content()) child.style.transform = `translateX(${hidden}px)`
    cursor.style.transform = `translateX(${fraction * width}px)`
  }

  function stop() {
    for (const animation of running) animation.cancel()
    running = []
    started = null
  }

  function draw() {
    stop()
    // The box's own width: scrollWidth would count the cursor translated past its end.
    const width = wrapper.clientWidth
    const { time, duration, playing, rate } = state
    const fraction = duration > 0 ? Math.min(1, Math.max(0, time / duration)) : 0
    place(fraction, width)
    if (!playing || duration <= 0 || fraction >= 1 || typeof progress.animate !== 'function') return
    const timing: KeyframeAnimationOptions = {
      duration: ((duration - time) / Math.max(rate, 0.01)) * 1000,
      easing: 'linear',
      fill: 'forwards',
    }
    const hidden = (1 - fraction) * width
    running = [
      progress.animate(
        [{ transform: `translateX(${-hidden}px)` }, { transform: 'translateX(0px)' }],
        timing,
      ),
      ...content().map((child) =>
        child.animate(
          [{ transform: `translateX(${hidden}px)` }, { transform: 'translateX(0px)' }],
          timing,
        ),
      ),
      cursor.animate(
        [
          { transform: `translateX(${fraction * width}px)` },
          { transform: `translateX(${width}px)` },
        ],
        timing,
      ),
    ]
    started = { time, width }
  }

  /** Whether the running animation shows `next` already. */
  function showing(next: PlayheadState): boolean {
    if (!started || !next.playing || !state.playing) return false
    if (next.rate !== state.rate || next.duration !== state.duration) return false
    // The animation's own clock: it starts with the frame after it was made.
    const elapsed = Number(running[0]?.currentTime ?? 0)
    const expected = started.time + (elapsed / 1000) * state.rate
    return (Math.abs(expected - next.time) / next.duration) * started.width <= TOLERANCE_PX
  }

  return {
    show(next) {
      if (showing(next)) return
      state = next
      draw()
    },
    relayout: draw,
    destroy: stop,
  }
}

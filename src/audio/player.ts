import WaveSurfer from 'wavesurfer.js'
import MinimapPlugin from 'wavesurfer.js/dist/plugins/minimap.esm.js'
import RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.esm.js'
import { seconds, type Seconds } from '../domain/types'
import type { PlayerCommands } from '../store/player-commands'
import { createPlayhead } from './playhead'

/** Colours of the waveform; read from the theme by the caller. */
export interface WaveColors {
  readonly wave: string
  readonly progress: string
  readonly cursor: string
  readonly range: string
  /** Fill of note regions. */
  readonly mark: string
}

export interface PlayerOptions {
  readonly container: HTMLElement
  /** A same-origin or `blob:` URL; the media element streams it. */
  readonly url: string
  /** Precomputed peaks, so the audio is never decoded whole. */
  readonly peaks: readonly (Float32Array | readonly number[])[]
  readonly duration: Seconds
  readonly colors: WaveColors
  readonly height: number
  /** Where the overview of the whole call goes while the waveform is zoomed in. */
  readonly overview?: HTMLElement | undefined
}

/** A note shown on the waveform: a thin marker for a moment, a band for a range. */
export interface WaveMark {
  readonly id: string
  readonly start: Seconds
  readonly end?: Seconds
  readonly label: string
}

export interface PlayerEvents {
  ready: Seconds
  time: Seconds
  playing: boolean
  error: string
  /** A mark was dragged or resized to a new time. */
  markMoved: { id: string; start: Seconds; end?: Seconds }
  markClicked: string
  /** The user Shift-dragged across the waveform to select a range. */
  rangeSelected: { start: Seconds; end: Seconds }
}

type Listener<T> = (value: T) => void

/** The small surface the app uses (the store's commands and drawing); wavesurfer.js stays behind it. */
export interface Player extends PlayerCommands {
  setColors(colors: WaveColors): void
  /** Shows a selected range on the waveform, or removes it. */
  showRange(range: { start: Seconds; end: Seconds } | null): void
  /** Shows notes as regions that can be dragged (and ranges resized) to adjust their times. */
  showMarks(marks: readonly WaveMark[]): void
  /**
   * Zooms to `pixelsPerSecond` (0: the whole call fits), scrolled so that the playhead shows; an
   * overview of the whole call with the visible part framed appears while zoomed in.
   */
  setZoom(pixelsPerSecond: number): void
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof PlayerEvents>(event: K, listener: Listener<PlayerEvents[K]>): () => void
  destroy(): void
}

/**
 * Creates a waveform player that streams through a media element and draws precomputed peaks:
 * no full decode, so a long call is ready as fast as a short one. Pitch is preserved at every
 * speed. Dragging on the waveform scrubs.
 */
export function createPlayer(options: PlayerOptions): Player {
  const regions = RegionsPlugin.create()
  const wavesurfer = WaveSurfer.create({
    container: options.container,
    backend: 'MediaElement',
    height: options.height,
    waveColor: options.colors.wave,
    progressColor: options.colors.progress,
    cursorColor: options.colors.cursor,
    cursorWidth: 2,
    barWidth: 2,
    barGap: 1,
    barRadius: 2,
    normalize: true,
    dragToSeek: true,
    autoScroll: true,
    plugins: [regions],
  })
  // wavesurfer draws its progress and cursor, and reports the time, on every animation frame while
  // playing. Both are taken over here: the playhead is moved by the compositor (playhead.ts), and
  // time is reported when the store asks for it (reportAt: the next word, line or second).
  const internals = wavesurfer as unknown as {
    onTick: () => void
    renderer: { renderProgress(progress: number, playing: boolean): void }
  }
  internals.onTick = () => undefined
  const wrapper = wavesurfer.getWrapper()
  const playhead = createPlayhead({
    wrapper,
    progress: wrapper.querySelector<HTMLElement>('.progress') ?? document.createElement('div'),
    cursor: wrapper.querySelector<HTMLElement>('.cursor') ?? document.createElement('div'),
  })
  const showPlayhead = (time = wavesurfer.getCurrentTime()) => {
    const media = wavesurfer.getMediaElement()
    playhead.show({
      time,
      duration: wavesurfer.getDuration() || options.duration,
      playing: wavesurfer.isPlaying(),
      rate: media?.playbackRate || 1,
    })
  }
  // Called by wavesurfer on a seek, a click, and the media's own timeupdate (four a second).
  internals.renderer.renderProgress = (progress) => {
    const time = progress * (wavesurfer.getDuration() || options.duration)
    showPlayhead(time)
    revealPlayhead(time)
  }

  // The next report the store asked for: a timer to the media time it named.
  let wakeAt = Infinity
  let wake = 0
  const arm = () => {
    window.clearTimeout(wake)
    const media = wavesurfer.getMediaElement()
    if (!media || media.paused || !Number.isFinite(wakeAt)) return
    const delay = ((wakeAt - media.currentTime) / (media.playbackRate || 1)) * 1000
    wake = window.setTimeout(
      () => {
        // The media clock is read, not assumed: early (audio output latency), wait for the rest.
        if (media.currentTime < wakeAt - 0.002) arm()
        else emit('time', seconds(media.currentTime))
      },
      Math.max(4, delay),
    )
  }

  let rangeColor = options.colors.range
  let markColor = options.colors.mark
  let ready = false
  let zoom = 0
  let colors = options.colors
  let overview: ReturnType<typeof MinimapPlugin.create> | null = null
  let range: { start: Seconds; end: Seconds } | null = null
  let marks: readonly WaveMark[] = []
  // Regions are laid out against the duration, so they are drawn once the player is ready.
  const draw = () => {
    regions.clearRegions()
    if (!ready) return
    if (range) {
      regions.addRegion({
        id: 'selected-range',
        start: range.start,
        end: range.end,
        color: rangeColor,
        drag: false,
        resize: false,
      })
    }
    for (const mark of marks) {
      regions.addRegion({
        id: `note:${mark.id}`,
        start: mark.start,
        ...(mark.end !== undefined && mark.end > mark.start ? { end: mark.end } : {}),
        color: markColor,
        content: markLabel(mark.label),
        drag: true,
        resize: mark.end !== undefined,
      })
    }
  }
  const noteId = (regionId: string) => (regionId.startsWith('note:') ? regionId.slice(5) : null)
  const listeners: { [K in keyof PlayerEvents]: Set<Listener<PlayerEvents[K]>> } = {
    ready: new Set(),
    time: new Set(),
    playing: new Set(),
    error: new Set(),
    markMoved: new Set(),
    markClicked: new Set(),
    rangeSelected: new Set(),
  }
  function emit<K extends keyof PlayerEvents>(event: K, value: PlayerEvents[K]) {
    for (const listener of listeners[event]) listener(value)
  }

  const unsubscribers = [
    regions.on('region-updated', (region) => {
      const id = noteId(region.id)
      if (!id) return
      const start = seconds(region.start)
      emit(
        'markMoved',
        region.end > region.start ? { id, start, end: seconds(region.end) } : { id, start },
      )
    }),
    regions.on('region-clicked', (region, event) => {
      const id = noteId(region.id)
      if (!id) return
      event.stopPropagation()
      emit('markClicked', id)
    }),
    wavesurfer.on('ready', (duration) => {
      ready = true
      draw()
      applyZoom()
      emit('ready', seconds(duration))
    }),
    wavesurfer.on('timeupdate', (time) => emit('time', seconds(time))),
    wavesurfer.on('play', () => {
      showPlayhead()
      emit('playing', true)
      emit('time', seconds(wavesurfer.getCurrentTime()))
      arm()
    }),
    wavesurfer.on('pause', () => {
      window.clearTimeout(wake)
      showPlayhead()
      emit('playing', false)
      // The store takes time during playback only when something shown changes; paused, it
      // takes the exact time the media stopped at.
      emit('time', seconds(wavesurfer.getCurrentTime()))
    }),
    wavesurfer.on('finish', () => emit('playing', false)),
    wavesurfer.on('error', (error) => {
      if (!recover()) emit('error', describeMediaError(error))
    }),
    wavesurfer.on('timeupdate', (time) => {
      lastTime = time
    }),
    // Drawn again (zoom, resize, colours): the progress layer's content is new.
    wavesurfer.on('redrawcomplete', () => playhead.relayout()),
    wavesurfer.on('play', () => {
      wasPlaying = true
    }),
    wavesurfer.on('pause', () => {
      wasPlaying = false
    }),
  ]

  // A read error in the middle of a stream (a dropped connection) is retried from where playback
  // was, a couple of times, before the user is told.
  let lastTime = 0
  let wasPlaying = false
  let retries = 0
  const recover = (): boolean => {
    const media = wavesurfer.getMediaElement()
    if (!media || retries >= 2) return false
    retries++
    const [time, resume] = [lastTime, wasPlaying]
    media.src = options.url
    media.currentTime = time
    if (resume) media.play().catch(() => undefined)
    return true
  }

  // Zoom needs the waveform's data, so a zoom asked for before the player is ready waits for it.
  const applyZoom = () => {
    if (!ready) return
    wavesurfer.zoom(zoom)
    if (zoom > 0 && !overview && options.overview) {
      overview = wavesurfer.registerPlugin(
        MinimapPlugin.create({
          container: options.overview,
          height: 28,
          waveColor: colors.wave,
          progressColor: colors.progress,
          cursorColor: colors.cursor,
          overlayColor: colors.range,
          barWidth: 1,
          barGap: 0,
          normalize: true,
        }),
      )
    } else if (zoom === 0 && overview) {
      wavesurfer.unregisterPlugin(overview)
      overview = null
    }
    revealPlayhead()
  }
  // A seek while paused does not scroll a zoomed waveform by itself; the playhead is kept in view.
  const revealPlayhead = (time = wavesurfer.getCurrentTime()) => {
    if (!ready || zoom === 0) return
    const at = time * zoom
    const left = wavesurfer.getScroll()
    const width = wavesurfer.getWidth()
    if (at < left || at > left + width) wavesurfer.setScroll(Math.max(0, at - width / 2))
  }

  const stopRangeDrag = enableShiftDragSelection(options.container, {
    wrapper: () => wavesurfer.getWrapper(),
    duration: () => wavesurfer.getDuration() || options.duration,
    preview: (start, end) => {
      range = { start, end }
      draw()
    },
    done: (start, end) => emit('rangeSelected', { start, end }),
  })

  wavesurfer
    .load(
      options.url,
      // A Float32Array is handed over as it is: copying a 3-hour call's million peaks into a plain
      // array took longer than drawing them.
      options.peaks.map((channel) =>
        channel instanceof Float32Array ? channel : Float32Array.from(channel),
      ),
      options.duration,
    )
    .catch((error: unknown) => {
      // A load superseded by a newer one (or by destroy) is not an error the user should see.
      if (error instanceof DOMException && error.name === 'AbortError') return
      emit('error', describeMediaError(error))
    })

  return {
    play() {
      wavesurfer.play().catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return
        emit('error', describeMediaError(error))
      })
    },
    pause: () => wavesurfer.pause(),
    seek(time) {
      wavesurfer.setTime(time)
      // wavesurfer 8 only notes a seek made while the element is still seeking (readyState < 3)
      // and drops that note when the earlier seek's 'seeking' event arrives, so the playhead went
      // back to the earlier target (N pressed twice in quick succession stayed on the first
      // segment). The element's own time is set too: a newer seek supersedes the one under way.
      const media = wavesurfer.getMediaElement()
      if (media && media.readyState >= HTMLMediaElement.HAVE_METADATA) {
        const target = Math.max(0, Math.min(time, media.duration || time))
        if (media.currentTime !== target) media.currentTime = target
      }
      revealPlayhead()
      arm()
    },
    setRate(rate) {
      wavesurfer.setPlaybackRate(rate, true)
      showPlayhead()
      arm()
    },
    reportAt(time) {
      wakeAt = time
      arm()
    },
    setVolume: (volume) => wavesurfer.setVolume(volume),
    setMuted: (muted) => wavesurfer.setMuted(muted),
    setColors(next) {
      colors = next
      rangeColor = next.range
      markColor = next.mark
      wavesurfer.setOptions({
        waveColor: next.wave,
        progressColor: next.progress,
        cursorColor: next.cursor,
      })
      // The overview takes its colours when made: it is made again.
      if (overview) {
        wavesurfer.unregisterPlugin(overview)
        overview = null
        applyZoom()
      }
      draw()
    },
    setZoom(pixelsPerSecond) {
      zoom = Math.max(0, pixelsPerSecond)
      applyZoom()
    },
    showRange(next) {
      range = next
      draw()
    },
    showMarks(next) {
      marks = next
      draw()
    },
    on(event, listener) {
      listeners[event].add(listener)
      return () => listeners[event].delete(listener)
    },
    destroy() {
      window.clearTimeout(wake)
      playhead.destroy()
      stopRangeDrag()
      for (const unsubscribe of unsubscribers) unsubscribe()
      for (const set of Object.values(listeners)) set.clear()
      wavesurfer.destroy()
    },
  }
}

/**
 * Shift+drag on the waveform selects a range; a plain drag still scrubs. The listeners sit on
 * the container in the capture phase, so a Shift-drag never reaches wavesurfer's own seeking.
 */
function enableShiftDragSelection(
  container: HTMLElement,
  handlers: {
    /** The element as wide as the whole waveform (wider than the container when zoomed in). */
    wrapper: () => HTMLElement
    duration: () => number
    preview: (start: Seconds, end: Seconds) => void
    done: (start: Seconds, end: Seconds) => void
  },
): () => void {
  let anchor: number | null = null
  let last: [Seconds, Seconds] | null = null
  const timeAt = (event: PointerEvent) => {
    const rect = handlers.wrapper().getBoundingClientRect()
    const fraction = Math.min(1, Math.max(0, (event.clientX - rect.left) / (rect.width || 1)))
    return fraction * handlers.duration()
  }
  const span = (event: PointerEvent): [Seconds, Seconds] => {
    const at = timeAt(event)
    const from = anchor ?? at
    return [seconds(Math.min(from, at)), seconds(Math.max(from, at))]
  }
  const down = (event: PointerEvent) => {
    if (!event.shiftKey || event.button !== 0) return
    event.stopPropagation()
    event.preventDefault()
    anchor = timeAt(event)
    last = null
    container.setPointerCapture?.(event.pointerId)
  }
  const move = (event: PointerEvent) => {
    if (anchor === null) return
    event.stopPropagation()
    last = span(event)
    if (last[1] - last[0] > 0.05) handlers.preview(...last)
  }
  const up = (event: PointerEvent) => {
    if (anchor === null) return
    event.stopPropagation()
    const [start, end] = span(event)
    anchor = null
    if (end - start > 0.05) handlers.done(start, end)
  }
  const swallowClick = (event: MouseEvent) => {
    if (event.shiftKey) event.stopPropagation()
  }
  container.addEventListener('pointerdown', down, true)
  container.addEventListener('pointermove', move, true)
  container.addEventListener('pointerup', up, true)
  container.addEventListener('click', swallowClick, true)
  return () => {
    container.removeEventListener('pointerdown', down, true)
    container.removeEventListener('pointermove', move, true)
    container.removeEventListener('pointerup', up, true)
    container.removeEventListener('click', swallowClick, true)
  }
}

function describeMediaError(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error)
  return `The audio could not be played (${detail || 'unknown media error'}).`
}

/**
 * A note's label on the waveform: one line, cut with an ellipsis. (Given as text, the plugin lets
 * it wrap to the width of the note's region, which on a phone is a column of single words.)
 */
function markLabel(text: string): HTMLElement {
  const label = document.createElement('span')
  label.textContent = text
  label.title = text
  label.style.cssText =
    'display:block;max-width:14em;padding:0.1em 0.4em;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;font-size:0.75rem'
  return label
}

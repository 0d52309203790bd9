/**
 * Waveform zoom as levels: level 0 fits the whole call in the waveform's width; each level above
 * shows a quarter of the time the one below did, up to a few hundred pixels a second, where single
 * words are seen. Levels rather than pixels a second, so that the same steps serve a 10-second clip
 * (one step reaches the limit) and a 3-hour call (seven steps from the whole call to single words).
 */

/** Each level in shows this many times less time. */
export const ZOOM_FACTOR = 4

/** The closest zoom: pixels a second of audio. */
export const MAX_PIXELS_PER_SECOND = 200

const fitted = (width: number, duration: number): number =>
  width > 0 && duration > 0 ? width / duration : 0

/** Pixels a second at `level` for a waveform `width` pixels wide showing `duration` seconds. */
export function zoomPixelsPerSecond(level: number, width: number, duration: number): number {
  const fit = fitted(width, duration)
  if (level <= 0 || fit === 0) return 0
  return Math.min(MAX_PIXELS_PER_SECOND, fit * ZOOM_FACTOR ** level)
}

/** The deepest level that still changes anything (0 when the whole call is already that close). */
export function maxZoomLevel(width: number, duration: number): number {
  const fit = fitted(width, duration)
  if (fit === 0 || fit >= MAX_PIXELS_PER_SECOND) return 0
  return Math.ceil(Math.log(MAX_PIXELS_PER_SECOND / fit) / Math.log(ZOOM_FACTOR) - 1e-9)
}

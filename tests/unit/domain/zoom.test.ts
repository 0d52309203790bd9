import { describe, expect, it } from 'vitest'
import {
  MAX_PIXELS_PER_SECOND,
  maxZoomLevel,
  ZOOM_FACTOR,
  zoomPixelsPerSecond,
} from '../../../src/domain/zoom'

const THREE_HOURS = 3 * 3600

describe('waveform zoom levels', () => {
  it('level 0 fits the whole call; each level shows a quarter of the time', () => {
    expect(zoomPixelsPerSecond(0, 1000, THREE_HOURS)).toBe(0)
    const fit = 1000 / THREE_HOURS
    expect(zoomPixelsPerSecond(1, 1000, THREE_HOURS)).toBeCloseTo(fit * ZOOM_FACTOR)
    expect(zoomPixelsPerSecond(3, 1000, THREE_HOURS)).toBeCloseTo(fit * ZOOM_FACTOR ** 3)
  })

  it('stops at the closest zoom', () => {
    expect(zoomPixelsPerSecond(20, 1000, THREE_HOURS)).toBe(MAX_PIXELS_PER_SECOND)
    expect(zoomPixelsPerSecond(1, 1000, 10)).toBe(MAX_PIXELS_PER_SECOND)
  })

  it('offers as many levels as reach the closest zoom, and none when already there', () => {
    // 1000 px for 3 h is 0.093 px/s; ×4⁶ = 379 px/s is the first level past 200.
    expect(maxZoomLevel(1000, THREE_HOURS)).toBe(6)
    expect(zoomPixelsPerSecond(5, 1000, THREE_HOURS)).toBeLessThan(MAX_PIXELS_PER_SECOND)
    expect(maxZoomLevel(1000, 17)).toBe(1)
    expect(maxZoomLevel(1000, 4)).toBe(0)
  })

  it('has nothing to zoom before the width or the duration is known', () => {
    expect(maxZoomLevel(0, THREE_HOURS)).toBe(0)
    expect(maxZoomLevel(1000, 0)).toBe(0)
    expect(zoomPixelsPerSecond(2, 0, THREE_HOURS)).toBe(0)
  })
})

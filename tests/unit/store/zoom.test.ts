import { describe, expect, it } from 'vitest'
import { seconds } from '../../../src/domain/types'
import { createAppStore } from '../../../src/store/store'

describe('waveform zoom in the store', () => {
  it('steps within 0..maxZoomLevel, and a narrower limit pulls the level back', () => {
    const store = createAppStore()
    const s = () => store.getState()
    s().stepZoom(1)
    expect(s().zoomLevel).toBe(0) // no limit known yet
    s().setMaxZoomLevel(3)
    s().stepZoom(1)
    s().stepZoom(1)
    s().stepZoom(1)
    s().stepZoom(1)
    expect(s().zoomLevel).toBe(3)
    s().setMaxZoomLevel(2)
    expect(s().zoomLevel).toBe(2)
    s().stepZoom(-1)
    s().stepZoom(-1)
    s().stepZoom(-1)
    expect(s().zoomLevel).toBe(0)
  })

  it('opening a call shows it whole', () => {
    const store = createAppStore()
    store.getState().setMaxZoomLevel(4)
    store.getState().stepZoom(1)
    store.getState().openCall({ id: 'b', tracks: [], duration: seconds(60), start: null })
    expect(store.getState().zoomLevel).toBe(0)
  })
})

import { afterEach, describe, expect, it, vi } from 'vitest'

async function freshMeasure(enabled: boolean) {
  vi.resetModules()
  if (enabled) localStorage.setItem('verbatim:measure', '1')
  else localStorage.removeItem('verbatim:measure')
  return import('../../../src/store/measure')
}

afterEach(() => {
  localStorage.removeItem('verbatim:measure')
  performance.clearMeasures()
})

describe('optional performance measures', () => {
  it('records nothing unless switched on, but still runs the update', async () => {
    const { measured, countRowRender } = await freshMeasure(false)
    const update = vi.fn(() => countRowRender())
    measured('verbatim:tick', update)
    await Promise.resolve()
    expect(update).toHaveBeenCalledOnce()
    expect(performance.getEntriesByName('verbatim:tick')).toHaveLength(0)
  })

  it('measures an update with the rows rendered in it, including a render queued as a microtask', async () => {
    const { measured, countRowRender } = await freshMeasure(true)
    measured('verbatim:tick', () => {
      countRowRender()
      // React renders an external store's update in a microtask queued during the update.
      queueMicrotask(() => countRowRender())
    })
    await new Promise((resolve) => setTimeout(resolve, 0))
    const [entry] = performance.getEntriesByName('verbatim:tick') as PerformanceMeasure[]
    expect(entry?.detail).toEqual({ rows: 2 })
    expect(entry?.duration).toBeGreaterThanOrEqual(0)
  })
})

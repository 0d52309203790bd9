// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAutosave } from '../../../src/db/note-autosave'

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
})

/** A save whose calls are recorded and which succeeds at once. */
function recordingSave() {
  const saved: Array<[string, string]> = []
  const save = vi.fn(async (id: string, text: string) => {
    saved.push([id, text])
  })
  return { saved, save }
}

/** A promise the test settles by hand, to hold a save in flight. */
function deferred() {
  let resolve!: () => void
  let reject!: (error: unknown) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('note autosave', () => {
  it('saves once typing pauses, with the latest text', async () => {
    const { saved, save } = recordingSave()
    const autosave = createAutosave(save)
    autosave.change('n1', 'H')
    await vi.advanceTimersByTimeAsync(300)
    autosave.change('n1', 'He')
    await vi.advanceTimersByTimeAsync(300)
    autosave.change('n1', 'He said')
    await vi.advanceTimersByTimeAsync(399)
    expect(saved).toEqual([])
    expect(autosave.pending('n1')).toBe('He said')
    await vi.advanceTimersByTimeAsync(1)
    expect(saved).toEqual([['n1', 'He said']])
    expect(autosave.pending('n1')).toBeUndefined()
  })

  it('debounces each note on its own', async () => {
    const { saved, save } = recordingSave()
    const autosave = createAutosave(save, 100)
    autosave.change('n1', 'one')
    await vi.advanceTimersByTimeAsync(60)
    autosave.change('n2', 'two')
    await vi.advanceTimersByTimeAsync(40)
    expect(saved).toEqual([['n1', 'one']])
    await vi.advanceTimersByTimeAsync(60)
    expect(saved).toEqual([
      ['n1', 'one'],
      ['n2', 'two'],
    ])
  })

  it('flush saves everything pending at once, and nothing twice', async () => {
    const { saved, save } = recordingSave()
    const autosave = createAutosave(save)
    autosave.change('n1', 'one')
    autosave.change('n2', 'two')
    await autosave.flush()
    expect(saved).toEqual([
      ['n1', 'one'],
      ['n2', 'two'],
    ])
    await vi.advanceTimersByTimeAsync(1000)
    expect(save).toHaveBeenCalledTimes(2)
    await autosave.flush()
    expect(save).toHaveBeenCalledTimes(2)
  })

  it('never lets an older save land after a newer one', async () => {
    const first = deferred()
    const order: string[] = []
    const save = vi.fn(async (_id: string, text: string) => {
      if (text === 'old') await first.promise
      order.push(text)
    })
    const autosave = createAutosave(save, 100)
    autosave.change('n1', 'old')
    await vi.advanceTimersByTimeAsync(100)
    expect(save).toHaveBeenCalledTimes(1)

    autosave.change('n1', 'new')
    const flushed = autosave.flush()
    await vi.advanceTimersByTimeAsync(500)
    // The newer save waits for the one in flight.
    expect(save).toHaveBeenCalledTimes(1)
    first.resolve()
    await flushed
    expect(order).toEqual(['old', 'new'])
  })

  it('flush waits for a save already in flight', async () => {
    const inFlight = deferred()
    const save = vi.fn(() => inFlight.promise)
    const autosave = createAutosave(save, 100)
    autosave.change('n1', 'text')
    await vi.advanceTimersByTimeAsync(100)
    let done = false
    const flushed = autosave.flush().then(() => {
      done = true
    })
    await vi.advanceTimersByTimeAsync(0)
    expect(done).toBe(false)
    inFlight.resolve()
    await flushed
    expect(save).toHaveBeenCalledTimes(1)
  })

  it('keeps the text of a failed save pending, reports the error, and saves it on the next flush', async () => {
    const full = new Error('disk full')
    const save = vi.fn<(id: string, text: string) => Promise<void>>().mockRejectedValueOnce(full)
    save.mockResolvedValue(undefined)
    const onError = vi.fn()
    const autosave = createAutosave(save, 100, { onError })
    autosave.change('n1', 'precious')
    await vi.advanceTimersByTimeAsync(100)
    expect(onError).toHaveBeenCalledWith(full, 'n1')
    expect(autosave.pending('n1')).toBe('precious')

    // Not retried on a timer: a full disk would only fail again.
    await vi.advanceTimersByTimeAsync(10_000)
    expect(save).toHaveBeenCalledTimes(1)

    await autosave.flush()
    expect(save).toHaveBeenLastCalledWith('n1', 'precious')
    expect(autosave.pending('n1')).toBeUndefined()
  })

  it('does not bring back a failed text over a newer one typed meanwhile', async () => {
    const failing = deferred()
    const save = vi
      .fn<(id: string, text: string) => Promise<void>>()
      .mockReturnValueOnce(failing.promise)
      .mockResolvedValue(undefined)
    const onError = vi.fn()
    const autosave = createAutosave(save, 100, { onError })
    autosave.change('n1', 'old')
    await vi.advanceTimersByTimeAsync(100)
    autosave.change('n1', 'newer')
    failing.reject(new Error('disk full'))
    await vi.advanceTimersByTimeAsync(0)
    expect(onError).toHaveBeenCalledTimes(1)
    expect(autosave.pending('n1')).toBe('newer')
    await vi.advanceTimersByTimeAsync(100)
    expect(save).toHaveBeenLastCalledWith('n1', 'newer')
    expect(autosave.pending('n1')).toBeUndefined()
  })

  it('dispose saves what is pending and ignores later changes', async () => {
    const { saved, save } = recordingSave()
    const autosave = createAutosave(save)
    autosave.change('n1', 'last words')
    autosave.dispose()
    await vi.advanceTimersByTimeAsync(0)
    expect(saved).toEqual([['n1', 'last words']])
    autosave.change('n1', 'after the end')
    await vi.advanceTimersByTimeAsync(1000)
    expect(saved).toEqual([['n1', 'last words']])
  })
})

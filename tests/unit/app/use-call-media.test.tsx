import { act, renderHook, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useCallMedia, type CallMediaSources } from '../../../src/app/use-call-media'
import { seconds, type Call, type PeaksFile } from '../../../src/domain/types'

const RECORDED = 'ab'.repeat(32)
const ALTERED = 'cd'.repeat(32)

function importedCall(id: string, sha256 = RECORDED): Call {
  return {
    id,
    origin: 'imported',
    title: `Call ${id}`,
    recorded: '2012-04',
    participants: [],
    description: '',
    duration: seconds(10),
    audio: { mimeType: 'audio/mpeg', size: 3, sha256 },
    provenance: { audioOrigin: 'original' },
    tracks: [],
  }
}

const sampleCall: Call = {
  ...importedCall('sample'),
  origin: 'sample',
  audio: { url: 'samples/a.mp3', mimeType: 'audio/mpeg', size: 3, sha256: RECORDED },
  peaksUrl: 'samples/a.json',
}

interface Hashing {
  readonly blob: Blob
  readonly signal: AbortSignal
  readonly resolve: (sha256: string) => void
  readonly reject: (error: Error) => void
}

/** Stand-ins whose hashes and idle moments the test settles by hand. */
function fakeSources({ stored = true } = {}) {
  const hashes: Hashing[] = []
  const idle: (() => void)[] = []
  const sources: CallMediaSources = {
    loadMedia: vi.fn((callId: string) =>
      Promise.resolve(
        stored ? { audio: new Blob([callId]), peaks: { peaks: new Float32Array([0.5]) } } : null,
      ),
    ),
    fetchPeaks: vi.fn(() =>
      Promise.resolve<PeaksFile>({
        version: 1,
        duration: seconds(10),
        binsPerSecond: 1,
        peaks: [[0.5]],
      }),
    ),
    hashBlob: vi.fn(
      (blob: Blob, { signal }: { signal: AbortSignal }) =>
        new Promise<string>((resolve, reject) => hashes.push({ blob, signal, resolve, reject })),
    ),
    whenIdle: (task) => {
      idle.push(task)
      return () => idle.splice(idle.indexOf(task), 1)
    },
  }
  return {
    sources,
    hashes,
    /** Lets the page go idle: the deferred hash starts. */
    goIdle: () => act(() => idle.splice(0).forEach((task) => task())),
  }
}

beforeEach(() => {
  let n = 0
  URL.createObjectURL = vi.fn(() => `blob:test/${++n}`)
  URL.revokeObjectURL = vi.fn()
})

afterEach(() => {
  // jsdom has neither; leave the global as it was found.
  Reflect.deleteProperty(URL, 'createObjectURL')
  Reflect.deleteProperty(URL, 'revokeObjectURL')
})

describe('useCallMedia: the audio checked against its SHA-256', () => {
  it('hands over the media first, hashes only once the page is idle, then says it matches', async () => {
    const { sources, hashes, goIdle } = fakeSources()
    const { result } = renderHook(() => useCallMedia(importedCall('a'), sources))
    expect(result.current.integrity).toEqual({ status: 'checking' })
    await waitFor(() => expect(result.current.media).not.toBeNull())
    expect(result.current.integrity).toEqual({ status: 'checking' })
    expect(hashes).toHaveLength(0)

    goIdle()
    expect(hashes).toHaveLength(1)
    expect(await hashes[0]!.blob.text()).toBe('a')
    const media = result.current.media
    act(() => hashes[0]!.resolve(RECORDED))
    await waitFor(() =>
      expect(result.current.integrity).toEqual({ status: 'verified', sha256: RECORDED }),
    )
    // The player keeps the same media: the result of the check does not reload the audio.
    expect(result.current.media).toBe(media)
  })

  it('reports a mismatch with both hashes', async () => {
    const { sources, hashes, goIdle } = fakeSources()
    const { result } = renderHook(() => useCallMedia(importedCall('a'), sources))
    await waitFor(() => expect(result.current.media).not.toBeNull())
    goIdle()
    act(() => hashes[0]!.resolve(ALTERED))
    await waitFor(() =>
      expect(result.current.integrity).toEqual({
        status: 'mismatch',
        expected: RECORDED,
        actual: ALTERED,
      }),
    )
    expect(result.current.error).toBeNull()
  })

  it('says the check could not be made when hashing fails, and the audio still plays', async () => {
    const { sources, hashes, goIdle } = fakeSources()
    const { result } = renderHook(() => useCallMedia(importedCall('a'), sources))
    await waitFor(() => expect(result.current.media).not.toBeNull())
    goIdle()
    act(() => hashes[0]!.reject(new Error('could not read the file')))
    await waitFor(() =>
      expect(result.current.integrity).toEqual({
        status: 'unavailable',
        reason: 'could not read the file',
      }),
    )
    expect(result.current.media).not.toBeNull()
  })

  it('aborts the hash of a call left behind, and ignores its result', async () => {
    const { sources, hashes, goIdle } = fakeSources()
    const { result, rerender } = renderHook(({ call }) => useCallMedia(call, sources), {
      initialProps: { call: importedCall('a') },
    })
    await waitFor(() => expect(result.current.media).not.toBeNull())
    goIdle()
    const first = hashes[0]!

    rerender({ call: importedCall('b', ALTERED) })
    expect(first.signal.aborted).toBe(true)
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test/1')
    expect(result.current.integrity).toEqual({ status: 'checking' })
    act(() => first.resolve(RECORDED))
    await waitFor(() => expect(result.current.media?.url).toBe('blob:test/2'))
    goIdle()
    expect(hashes).toHaveLength(2)
    expect(result.current.integrity).toEqual({ status: 'checking' })
    act(() => hashes[1]!.resolve(ALTERED))
    await waitFor(() =>
      expect(result.current.integrity).toEqual({ status: 'verified', sha256: ALTERED }),
    )
  })

  it('does not start a hash for a call closed before the page went idle', async () => {
    const { sources, hashes, goIdle } = fakeSources()
    const { result, unmount } = renderHook(() => useCallMedia(importedCall('a'), sources))
    await waitFor(() => expect(result.current.media).not.toBeNull())
    unmount()
    goIdle()
    expect(hashes).toHaveLength(0)
  })

  it('does not check sample calls, which ship with the app', async () => {
    const { sources, goIdle } = fakeSources()
    const { result } = renderHook(() => useCallMedia(sampleCall, sources))
    expect(result.current.integrity).toEqual({ status: 'not-checked' })
    await waitFor(() => expect(result.current.media).not.toBeNull())
    goIdle()
    expect(sources.hashBlob).not.toHaveBeenCalled()
    expect(result.current.integrity).toEqual({ status: 'not-checked' })
  })

  it('says the audio cannot be checked when it is missing from storage', async () => {
    const { sources } = fakeSources({ stored: false })
    const { result } = renderHook(() => useCallMedia(importedCall('a'), sources))
    await waitFor(() => expect(result.current.error).toContain('missing'))
    expect(result.current.media).toBeNull()
    expect(result.current.integrity.status).toBe('unavailable')
    expect(sources.hashBlob).not.toHaveBeenCalled()
  })
})

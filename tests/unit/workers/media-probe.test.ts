// @vitest-environment node
import { Blob } from 'node:buffer'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { probeMedia } from '../../../src/workers/media-probe'

/**
 * A stand-in for the media element: when its source is set it plays back a script of what a
 * browser would report (events with the duration each one shows), and records seeks.
 */
type Step = { readonly event: string; readonly duration: number; readonly error?: string }

class ScriptedAudio extends EventTarget {
  static script: Step[] = []
  static seekScript: Step[] = []
  static made: ScriptedAudio[] = []
  duration = NaN
  error: { message: string } | null = null
  preload = ''
  seeks: number[] = []
  released = false
  constructor() {
    super()
    ScriptedAudio.made.push(this)
  }
  set src(_url: string) {
    this.play(ScriptedAudio.script)
  }
  set currentTime(time: number) {
    this.seeks.push(time)
    this.play(ScriptedAudio.seekScript)
  }
  removeAttribute(name: string) {
    if (name === 'src') this.released = true
  }
  load() {}
  private play(steps: readonly Step[]) {
    void (async () => {
      for (const step of steps) {
        await Promise.resolve()
        this.duration = step.duration
        if (step.error !== undefined) this.error = { message: step.error }
        this.dispatchEvent(new Event(step.event))
      }
    })()
  }
}

function withAudio(script: Step[], seekScript: Step[] = []) {
  ScriptedAudio.script = script
  ScriptedAudio.seekScript = seekScript
  ScriptedAudio.made = []
  vi.stubGlobal('Audio', ScriptedAudio)
}

const blob = () => new Blob([new Uint8Array(10)]) as unknown as globalThis.Blob

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('probeMedia', () => {
  it('gives the length the headers declare, after one metadata read', async () => {
    withAudio([
      { event: 'durationchange', duration: 12.5 },
      { event: 'loadedmetadata', duration: 12.5 },
    ])
    await expect(probeMedia(blob())).resolves.toEqual({ kind: 'playable', duration: 12.5 })
    expect(ScriptedAudio.made).toHaveLength(1)
    expect(ScriptedAudio.made[0]?.preload).toBe('metadata')
    expect(ScriptedAudio.made[0]?.released).toBe(true)
  })

  it('refuses a file the browser cannot open, with the browser’s reason', async () => {
    withAudio([
      {
        event: 'error',
        duration: NaN,
        error: 'PipelineStatus::DEMUXER_ERROR_COULD_NOT_OPEN: FFmpegDemuxer: open context failed',
      },
    ])
    await expect(probeMedia(blob())).resolves.toEqual({
      kind: 'unplayable',
      reason:
        'this browser cannot open it as audio (PipelineStatus::DEMUXER_ERROR_COULD_NOT_OPEN: FFmpegDemuxer: open context failed)',
    })
  })

  it('refuses a file whose length is 0', async () => {
    withAudio([{ event: 'loadedmetadata', duration: 0 }])
    await expect(probeMedia(blob())).resolves.toEqual({
      kind: 'unplayable',
      reason: 'it holds no sound (its length is 0 seconds)',
    })
  })

  it('finds the length of a file that declares none by seeking to its end', async () => {
    withAudio(
      [{ event: 'loadedmetadata', duration: Infinity }],
      [
        { event: 'durationchange', duration: 41.2 },
        { event: 'seeked', duration: 41.2 },
      ],
    )
    await expect(probeMedia(blob())).resolves.toEqual({ kind: 'playable', duration: 41.2 })
    expect(ScriptedAudio.made[0]?.seeks).toEqual([Number.MAX_SAFE_INTEGER])
  })

  it('refuses a file whose length stays unknown after seeking to its end', async () => {
    withAudio(
      [{ event: 'loadedmetadata', duration: Infinity }],
      [
        { event: 'durationchange', duration: Infinity },
        { event: 'seeked', duration: Infinity },
      ],
    )
    await expect(probeMedia(blob())).resolves.toEqual({
      kind: 'unplayable',
      reason: 'this browser cannot read its length',
    })
  })

  it('refuses a file the browser does not open in time', async () => {
    vi.useFakeTimers()
    withAudio([])
    const probe = probeMedia(blob(), { timeoutMs: 5000 })
    await vi.advanceTimersByTimeAsync(5000)
    await expect(probe).resolves.toEqual({
      kind: 'unplayable',
      reason: 'this browser could not open it within 5 seconds',
    })
    expect(ScriptedAudio.made[0]?.released).toBe(true)
  })

  it('rejects with the reason when aborted', async () => {
    withAudio([])
    const controller = new AbortController()
    const probe = probeMedia(blob(), { signal: controller.signal })
    controller.abort(new Error('closed'))
    await expect(probe).rejects.toThrow('closed')
  })

  it('says it cannot tell where there is no media element', async () => {
    await expect(probeMedia(blob())).resolves.toEqual({ kind: 'unknown' })
  })
})

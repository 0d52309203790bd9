import { useEffect, useState } from 'react'
import { createLibraryRepository } from '../db/library-repository'
import { compareAudioHash, type AudioIntegrity } from '../domain/integrity'
import type { Call, PeaksFile } from '../domain/types'
import type { PlayableMedia } from '../features/player/use-waveform-player'
import { hashBlob } from '../workers/hash-client'
import { appUrl, fetchPeaks } from './sample-library'

export interface CallMedia {
  readonly media: PlayableMedia | null
  readonly error: string | null
  /** The stored audio checked against the SHA-256 recorded at import, once playback can start. */
  readonly integrity: AudioIntegrity
}

/** Where {@link useCallMedia} reads audio and peaks and how it hashes; tests pass stand-ins. */
export interface CallMediaSources {
  readonly loadMedia: (
    callId: string,
  ) => Promise<{ readonly audio: Blob; readonly peaks: { readonly peaks: Float32Array } } | null>
  readonly fetchPeaks: (path: string) => Promise<PeaksFile>
  readonly hashBlob: (blob: Blob, options: { readonly signal: AbortSignal }) => Promise<string>
  /** Runs `task` once the page has had its turn to start playback; returns a canceller. */
  readonly whenIdle: (task: () => void) => () => void
}

const repository = createLibraryRepository()

/**
 * The hash waits for an idle moment (at most 2 s), so the waveform and the media element are set
 * up first; it then runs in a worker and never holds playback up.
 */
function afterPlaybackIsSetUp(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout: 2000 })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(task, 0)
  return () => clearTimeout(id)
}

const defaultSources: CallMediaSources = {
  loadMedia: (callId) => repository.loadMedia(callId),
  fetchPeaks,
  hashBlob,
  whenIdle: afterPlaybackIsSetUp,
}

/** A flat line, so that audio without peaks still plays on a waveform of the right length. */
function flatPeaks(duration: number): number[][] {
  return [new Array<number>(Math.max(1, Math.ceil(duration))).fill(0)]
}

function firstIntegrity(call: Call): AudioIntegrity {
  return call.origin === 'imported' ? { status: 'checking' } : { status: 'not-checked' }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Where a call's audio plays from and its peaks: a same-origin URL and a peaks file for sample
 * calls; a `blob:` URL of the stored file (revoked on unmount) and stored peaks for imported
 * ones. If the peaks cannot be had, the call still plays, and the error says why.
 *
 * Imported audio is then hashed again, in a worker, and compared with the SHA-256 recorded at
 * import: storage can be altered or damaged after the fact, and a citation is only as good as
 * the bytes it was made from. Changing call aborts the hash.
 */
export function useCallMedia(call: Call, sources: CallMediaSources = defaultSources): CallMedia {
  const [state, setState] = useState<CallMedia & { callId: string | null }>({
    callId: null,
    media: null,
    error: null,
    integrity: { status: 'not-checked' },
  })
  useEffect(() => {
    let cancelled = false
    let objectUrl: string | null = null
    let cancelIdle = () => {}
    const hashing = new AbortController()
    const callId = call.id
    const settle = (
      media: PlayableMedia | null,
      error: string | null,
      integrity: AudioIntegrity,
    ) => {
      if (!cancelled) setState({ callId, media, error, integrity })
    }
    const setIntegrity = (integrity: AudioIntegrity) => {
      if (!cancelled) setState((s) => (s.callId === callId ? { ...s, integrity } : s))
    }
    const verify = (audio: Blob, expected: string) => {
      cancelIdle = sources.whenIdle(() => {
        sources.hashBlob(audio, { signal: hashing.signal }).then(
          (actual) => setIntegrity(compareAudioHash(expected, actual)),
          (error: unknown) => setIntegrity({ status: 'unavailable', reason: reasonOf(error) }),
        )
      })
    }
    const load = async () => {
      if (call.origin === 'imported') {
        const stored = await sources.loadMedia(callId)
        if (!stored) throw new Error('its audio is missing from this browser’s storage')
        if (cancelled) return
        objectUrl = URL.createObjectURL(stored.audio)
        const media = { url: objectUrl, peaks: [stored.peaks.peaks], duration: call.duration }
        settle(media, null, { status: 'checking' })
        verify(stored.audio, call.audio.sha256)
        return
      }
      const url = appUrl(call.audio.url ?? '')
      const integrity: AudioIntegrity = { status: 'not-checked' }
      try {
        const peaks = await sources.fetchPeaks(call.peaksUrl ?? '')
        settle({ url, peaks: peaks.peaks, duration: call.duration }, null, integrity)
      } catch (error) {
        settle(
          { url, peaks: flatPeaks(call.duration), duration: call.duration },
          `The waveform of “${call.title}” could not be loaded (${String(error)}); the audio still plays.`,
          integrity,
        )
      }
    }
    load().catch((error: unknown) =>
      settle(null, `“${call.title}” cannot be played: ${reasonOf(error)}.`, {
        status: 'unavailable',
        reason: reasonOf(error),
      }),
    )
    return () => {
      cancelled = true
      cancelIdle()
      hashing.abort()
      if (objectUrl) URL.revokeObjectURL(objectUrl)
    }
    // Keyed on what the media depends on: a live query hands over a new call object on every
    // change to the library, and an edited title must not restart playback.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [call.id, call.origin, call.audio.sha256, sources])
  return state.callId === call.id
    ? state
    : { media: null, error: null, integrity: firstIntegrity(call) }
}

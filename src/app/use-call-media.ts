import { useEffect, useState } from 'react'
import { createLibraryRepository } from '../db/library-repository'
import type { Call } from '../domain/types'
import type { PlayableMedia } from '../features/player/use-waveform-player'
import { appUrl, fetchPeaks } from './sample-library'

export interface CallMedia {
  readonly media: PlayableMedia | null
  readonly error: string | null
}

const repository = createLibraryRepository()

/** A flat line, so that audio without peaks still plays on a waveform of the right length. */
function flatPeaks(duration: number): number[][] {
  return [new Array<number>(Math.max(1, Math.ceil(duration))).fill(0)]
}

/**
 * Where a call's audio plays from and its peaks: a same-origin URL and a peaks file for sample
 * calls; a `blob:` URL of the stored file (revoked on unmount) and stored peaks for imported
 * ones. If the peaks cannot be had, the call still plays, and the error says why.
 */
export function useCallMedia(call: Call): CallMedia {
  const [state, setState] = useState<CallMedia & { callId: string | null }>({
    callId: null,
    media: null,
    error: null,
  })
  useEffect(() => {
    let cancelled = false
    let objectUrl: string | null = null
    const settle = (media: PlayableMedia | null, error: string | null) => {
      if (!cancelled) setState({ callId: call.id, media, error })
    }
    const load = async () => {
      if (call.origin === 'imported') {
        const stored = await repository.loadMedia(call.id)
        if (!stored) throw new Error('its audio is missing from this browser’s storage')
        objectUrl = URL.createObjectURL(stored.audio)
        if (cancelled) return
        settle({ url: objectUrl, peaks: [stored.peaks.peaks], duration: call.duration }, null)
        return
      }
      const url = appUrl(call.audio.url ?? '')
      try {
        const peaks = await fetchPeaks(call.peaksUrl ?? '')
        settle({ url, peaks: peaks.peaks, duration: call.duration }, null)
      } catch (error) {
        settle(
          { url, peaks: flatPeaks(call.duration), duration: call.duration },
          `The waveform of “${call.title}” could not be loaded (${String(error)}); the audio still plays.`,
        )
      }
    }
    load().catch((error: unknown) =>
      settle(
        null,
        `“${call.title}” cannot be played: ${error instanceof Error ? error.message : String(error)}.`,
      ),
    )
    return () => {
      cancelled = true
      if (objectUrl) URL.revokeObjectURL(objectUrl)
    }
    // Keyed on what the media depends on: a live query hands over a new call object on every
    // change to the library, and an edited title must not restart playback.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [call.id, call.origin, call.audio.sha256])
  return state.callId === call.id ? state : { media: null, error: null }
}

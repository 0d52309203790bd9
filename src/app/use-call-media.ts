import { useEffect, useState } from 'react'
import type { Call } from '../domain/types'
import type { PlayableMedia } from '../features/player/use-waveform-player'
import { appUrl, fetchPeaks } from './sample-library'

export interface CallMedia {
  readonly media: PlayableMedia | null
  readonly error: string | null
}

/**
 * The audio URL and precomputed peaks of a call. If the peaks cannot be had, the call still
 * plays, over a flat line, and the error says why the waveform is missing.
 */
export function useCallMedia(call: Call): CallMedia {
  const [state, setState] = useState<CallMedia & { callId: string | null }>({
    callId: null,
    media: null,
    error: null,
  })
  useEffect(() => {
    let cancelled = false
    const url = appUrl(call.audio.url)
    fetchPeaks(call.peaksUrl)
      .then((peaks) => {
        if (!cancelled) {
          setState({
            callId: call.id,
            media: { url, peaks: peaks.peaks, duration: call.duration },
            error: null,
          })
        }
      })
      .catch((error: unknown) => {
        if (cancelled) return
        const flat = [new Array<number>(Math.max(1, Math.ceil(call.duration))).fill(0)]
        setState({
          callId: call.id,
          media: { url, peaks: flat, duration: call.duration },
          error: `The waveform of “${call.title}” could not be loaded (${String(error)}); the audio still plays.`,
        })
      })
    return () => {
      cancelled = true
    }
  }, [call])
  return state.callId === call.id ? state : { media: null, error: null }
}

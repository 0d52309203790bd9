import { useEffect, useState } from 'react'
import { probeMedia } from '../../workers/media-probe'
import { unplayableAudio } from './run-import'

/** What is known of whether the chosen audio plays. */
export type AudioCheck =
  | { readonly state: 'idle' }
  | { readonly state: 'checking' }
  /** `duration` is null where the browser has no media element to ask (then the import reads it). */
  | { readonly state: 'playable'; readonly duration: number | null }
  | { readonly state: 'refused'; readonly message: string }

/**
 * Opens the chosen audio file as the player will, as soon as it is chosen (one metadata read), so
 * that a file the browser cannot play is refused before anything is written and the length is
 * known while transcripts are chosen. The state follows the latest file.
 */
export function useAudioProbe(file: File | null): AudioCheck {
  const [result, setResult] = useState<{ file: File; check: AudioCheck } | null>(null)
  useEffect(() => {
    if (!file) return
    const controller = new AbortController()
    probeMedia(file, { signal: controller.signal }).then(
      (probe) => {
        const check: AudioCheck =
          probe.kind === 'unplayable'
            ? { state: 'refused', message: unplayableAudio(file.name, probe.reason) }
            : { state: 'playable', duration: probe.kind === 'playable' ? probe.duration : null }
        setResult({ file, check })
      },
      () => undefined, // Aborted: another file was chosen, or the dialog closed.
    )
    return () => controller.abort()
  }, [file])
  if (!file) return { state: 'idle' }
  return result?.file === file ? result.check : { state: 'checking' }
}

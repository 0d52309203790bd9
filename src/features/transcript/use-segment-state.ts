import { useAppStore } from '../../store/store-context'

/** Not the active segment. */
export const INACTIVE = -2

/**
 * A row's view of playback: INACTIVE, or the index of the active word in it (-1 when no word is
 * under the playhead). Each row subscribes to this alone, so a tick re-renders only the rows whose
 * answer changes: the one leaving and the one becoming active, or the active one's word.
 */
export function useSegmentState(trackId: string, index: number): number {
  return useAppStore((s) => {
    const position = s.active[trackId]
    return position?.segment === index ? position.word : INACTIVE
  })
}

import { useEffect } from 'react'
import { createSettingsRepository } from '../db/settings-repository'
import type { AppStore } from '../store/store'

/**
 * Restores playback preferences, the tracks shown per call and the line layout, and saves them
 * when they change.
 * Storage may be unavailable (private windows, quota): then the app simply keeps its defaults.
 */
export function usePersistedSettings(store: AppStore): void {
  useEffect(() => {
    const repository = createSettingsRepository()
    let restoring = true
    repository
      .loadPlayback()
      .then((saved) => {
        if (!saved) return
        const s = store.getState()
        s.setRate(saved.rate)
        s.setVolume(saved.volume)
        if (saved.muted !== s.muted) s.toggleMuted()
        s.setRewindOnResume(saved.rewindOnResume ?? 0)
      })
      .catch(() => undefined)
      .finally(() => {
        restoring = false
      })
    repository
      .loadLineLayout()
      .then((layout) => {
        if (layout && store.getState().lineLayout === null) store.getState().setLineLayout(layout)
      })
      .catch(() => undefined)
    return store.subscribe((now, before) => {
      if (now.callId && now.callId !== before.callId) {
        const callId = now.callId
        repository
          .loadShownTracks(callId)
          .then((ids) => {
            const known = new Set(store.getState().tracks.map((t) => t.id))
            const valid = ids?.filter((id) => known.has(id)) ?? []
            if (store.getState().callId === callId && valid.length > 0) {
              store.getState().setVisibleTracks(valid)
            }
          })
          .catch(() => undefined)
      } else if (now.callId && now.visibleTrackIds !== before.visibleTrackIds) {
        repository.saveShownTracks(now.callId, now.visibleTrackIds).catch(() => undefined)
      }
      if (now.lineLayout && now.lineLayout !== before.lineLayout)
        repository.saveLineLayout(now.lineLayout).catch(() => undefined)
      const playbackChanged =
        now.rate !== before.rate ||
        now.volume !== before.volume ||
        now.muted !== before.muted ||
        now.rewindOnResume !== before.rewindOnResume
      if (playbackChanged && !restoring) {
        const { rate, volume, muted, rewindOnResume } = now
        repository.savePlayback({ rate, volume, muted, rewindOnResume }).catch(() => undefined)
      }
    })
  }, [store])
}

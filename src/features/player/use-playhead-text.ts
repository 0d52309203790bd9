import { useEffect, type RefObject } from 'react'
import { formatClock } from '../../domain/time'
import type { AppState } from '../../store/store'
import { useAppStoreApi } from '../../store/store-context'

/**
 * Keeps the playhead slider's ARIA values and the time display current by writing to the DOM on
 * each tick, without re-rendering React: the playhead changes many times a second.
 */
export function usePlayheadText(
  sliderRef: RefObject<HTMLElement | null>,
  clockRef: RefObject<HTMLElement | null>,
): void {
  const store = useAppStoreApi()
  useEffect(() => {
    const write = ({ currentTime, duration }: AppState) => {
      const slider = sliderRef.current
      if (slider) {
        slider.setAttribute('aria-valuenow', String(Math.round(currentTime * 1000) / 1000))
        slider.setAttribute('aria-valuemax', String(Math.round(duration * 1000) / 1000))
        slider.setAttribute(
          'aria-valuetext',
          `${formatClock(currentTime)} of ${formatClock(duration)}`,
        )
      }
      if (clockRef.current) {
        clockRef.current.textContent = `${formatClock(currentTime)} / ${formatClock(duration)}`
      }
    }
    write(store.getState())
    return store.subscribe((now, before) => {
      if (now.currentTime !== before.currentTime || now.duration !== before.duration) write(now)
    })
  }, [store, sliderRef, clockRef])
}

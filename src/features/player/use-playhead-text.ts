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
    // Each value is written only when it changes: rewriting the clock's text on every tick (it
    // changes once a second) made the browser lay the page out again on every frame of playback.
    const put = (element: HTMLElement, name: string, value: string) => {
      if (element.getAttribute(name) !== value) element.setAttribute(name, value)
    }
    const write = ({ currentTime, duration }: AppState) => {
      const slider = sliderRef.current
      const text = `${formatClock(currentTime)} / ${formatClock(duration)}`
      if (slider) {
        put(slider, 'aria-valuenow', String(Math.round(currentTime * 1000) / 1000))
        put(slider, 'aria-valuemax', String(Math.round(duration * 1000) / 1000))
        put(slider, 'aria-valuetext', `${formatClock(currentTime)} of ${formatClock(duration)}`)
      }
      const clock = clockRef.current
      if (clock && clock.textContent !== text) clock.textContent = text
    }
    write(store.getState())
    return store.subscribe((now, before) => {
      if (now.currentTime !== before.currentTime || now.duration !== before.duration) write(now)
    })
  }, [store, sliderRef, clockRef])
}

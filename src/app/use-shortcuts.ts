import { useEffect } from 'react'
import { SKIP_SECONDS } from '../store/playback-slice'
import type { AppStore } from '../store/store'

const TYPING = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]'
/** Space activates these itself; taking it over would break keyboard use of the page. */
const ACTIVATES_ON_SPACE = 'button, a[href], summary, [role="button"], [role="checkbox"]'

/**
 * Global shortcuts (the help overlay lists them from shortcuts.ts; keep the two in step). Ignored while typing in a field, and with Ctrl/Alt/Meta held, so the
 * browser's and the screen reader's own keys keep working.
 *
 * Ignored too while a dialog is open, as the page shows it: every dialog of the app is a modal
 * `<dialog>`. Asking the page at each key, rather than the app's state, matters the moment a
 * dialog closes: Escape closes it at once, and a key pressed before React had rendered the closed
 * state (a busy machine) was lost.
 */
export function useShortcuts(
  store: AppStore,
  options: { onHelp: () => void; onAddNote?: () => void },
): void {
  const { onHelp, onAddNote } = options
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return
      if (document.querySelector('dialog[open]')) return
      const target = event.target instanceof Element ? event.target : null
      if (target?.closest(TYPING)) return
      const s = store.getState()
      const actions: Record<string, () => void> = {
        k: s.togglePlay,
        j: () => s.skip(-SKIP_SECONDS),
        ArrowLeft: () => s.skip(-SKIP_SECONDS),
        l: () => s.skip(SKIP_SECONDS),
        ArrowRight: () => s.skip(SKIP_SECONDS),
        '<': () => s.stepRate(-1),
        '>': () => s.stepRate(1),
        n: () => s.stepSegment(1),
        p: () => s.stepSegment(-1),
        r: s.toggleLoop,
        f: () => s.setFollowing(true),
        m: s.toggleMuted,
        '+': () => s.stepZoom(1),
        '=': () => s.stepZoom(1),
        '-': () => s.stepZoom(-1),
        '?': onHelp,
        ...(onAddNote ? { a: onAddNote } : {}),
      }
      if (event.key === ' ' && !target?.closest(ACTIVATES_ON_SPACE)) actions[' '] = s.togglePlay
      if (event.key === 'R') actions.R = () => s.replay(SKIP_SECONDS)
      const key =
        event.key === 'R' ? 'R' : event.key.length === 1 ? event.key.toLowerCase() : event.key
      const action = actions[key]
      if (action) {
        event.preventDefault()
        action()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store, onHelp, onAddNote])
}

/**
 * Performance marks for `npm run bench` and for anyone profiling in DevTools: with
 * `localStorage['verbatim:measure'] = '1'` (read once, at start-up), each playback tick and each
 * seek adds a User Timing measure (`verbatim:tick`, `verbatim:seek`) spanning the store update and
 * the React render it causes, with the number of transcript rows rendered in `detail.rows`. Off,
 * it costs one boolean test; it is off unless asked for, so that a long session does not fill the
 * performance timeline.
 */

function readSwitch(): boolean {
  try {
    return globalThis.localStorage?.getItem('verbatim:measure') === '1'
  } catch {
    return false
  }
}

const measuring = readSwitch()
let rowRenders = 0

/** Counts one render of a transcript row (when measuring). */
export function countRowRender(): void {
  if (measuring) rowRenders++
}

/**
 * Runs `update` and, when measuring, records it as `name`. React renders an external store's
 * update in a microtask it queues during the update, before the one queued here, so the measure
 * ends after that render.
 */
export function measured(name: string, update: () => void): void {
  if (!measuring) {
    update()
    return
  }
  const start = performance.now()
  const rowsBefore = rowRenders
  update()
  queueMicrotask(() => {
    performance.measure(name, { start, detail: { rows: rowRenders - rowsBefore } })
  })
}

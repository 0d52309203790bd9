import { PLAYBACK_RATES, SKIP_SECONDS } from '../store/playback-slice'

/** A shortcut as people read it: the keys (any one of them works) and what they do. */
export interface Shortcut {
  readonly keys: readonly string[]
  readonly action: string
}

const slowest = PLAYBACK_RATES[0]
const fastest = PLAYBACK_RATES[PLAYBACK_RATES.length - 1]

/**
 * Every keyboard shortcut, in the order the help overlay (`?`) lists them. The README's Keyboard
 * table is checked against this list row by row (tests/unit/docs/readme-keyboard.test.ts), so
 * change both together.
 */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['Space', 'K'], action: 'Play or pause' },
  { keys: ['←', 'J'], action: `Back ${SKIP_SECONDS} seconds` },
  { keys: ['→', 'L'], action: `Forward ${SKIP_SECONDS} seconds` },
  { keys: ['<'], action: `Slower (down to ${slowest}×, pitch kept)` },
  { keys: ['>'], action: `Faster (up to ${fastest}×, pitch kept)` },
  { keys: ['N'], action: 'Next segment' },
  { keys: ['P'], action: 'Previous segment (or start of this one)' },
  { keys: ['R'], action: 'Loop the selected range or the current segment' },
  { keys: ['Shift+R'], action: `Hear the last ${SKIP_SECONDS} seconds again` },
  { keys: ['F'], action: 'Follow playback in the transcript' },
  { keys: ['A'], action: 'Add a note at the playhead (or on the selected text or range)' },
  { keys: ['M'], action: 'Mute or unmute' },
  { keys: ['+', '−'], action: 'Zoom the waveform in or out' },
  {
    keys: ['/', 'Ctrl+K'],
    action: 'Search every call (↓ to the results, Enter opens the first)',
  },
  { keys: ['Enter', 'Shift+Enter'], action: 'Next or previous match, in Find in call' },
  { keys: ['?'], action: 'Show this list' },
  { keys: ['Esc'], action: 'Close a dialog' },
]

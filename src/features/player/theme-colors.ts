import { useEffect, useState } from 'react'
import type { WaveColors } from '../../audio/player'

const DARK = '(prefers-color-scheme: dark)'

function readColors(): WaveColors {
  const style = getComputedStyle(document.documentElement)
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback
  return {
    wave: read('--wave', '#9aa5b1'),
    progress: read('--wave-progress', '#1f4e79'),
    cursor: read('--wave-cursor', '#c2410c'),
    range: read('--wave-range', 'rgba(194, 65, 12, 0.18)'),
    mark: read('--wave-mark', 'rgba(37, 99, 235, 0.22)'),
  }
}

/** The waveform colours of the current theme, updated when the system theme changes. */
export function useThemeColors(): WaveColors {
  const [colors, setColors] = useState(readColors)
  useEffect(() => {
    const query = window.matchMedia(DARK)
    const update = () => setColors(readColors())
    query.addEventListener('change', update)
    return () => query.removeEventListener('change', update)
  }, [])
  return colors
}

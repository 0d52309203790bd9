import { render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { SHORTCUTS } from '../../../src/app/shortcuts'
import { ShortcutsDialog } from '../../../src/components/shortcuts-dialog'
import { readRepoFile, section, tableRows } from './markdown'

/** The rows of the help overlay as a reader sees them: keys ("Space or K") and action. */
function overlayRows(): string[][] {
  const { container } = render(
    <ShortcutsDialog open={false} onClose={() => {}} shortcuts={SHORTCUTS} />,
  )
  return [...container.querySelectorAll('tr')].map((row) =>
    [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? ''),
  )
}

describe("README's Keyboard table", () => {
  const readme = tableRows(section(readRepoFile('README.md'), 'Keyboard'))

  it('lists every shortcut of the help overlay, in its order, with the same keys and action', () => {
    expect(readme).toEqual(overlayRows())
  })

  it('is read as a table of every shortcut (so that the comparison above means something)', () => {
    expect(readme).toHaveLength(SHORTCUTS.length)
    expect(readme).toContainEqual(['Shift+R', 'Hear the last 5 seconds again'])
    expect(readme).toContainEqual(['+ or −', 'Zoom the waveform in or out'])
  })
})

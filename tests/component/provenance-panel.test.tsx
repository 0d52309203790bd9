import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { seconds, type Call } from '../../src/domain/types'
import { ProvenancePanel } from '../../src/features/provenance/provenance-panel'

const SHA = 'ab'.repeat(32)

function call(provenance: Partial<Call['provenance']> = {}): Call {
  return {
    id: 'abababababababab',
    origin: 'imported',
    title: 'A call',
    recorded: '2012-04',
    participants: [],
    description: '',
    duration: seconds(10),
    audio: { mimeType: 'audio/mpeg', size: 2048, sha256: SHA },
    provenance: { audioOrigin: 'original', publisher: 'Second Group', ...provenance },
    tracks: [],
  }
}

describe('ProvenancePanel', () => {
  it('lists every change made to the provenance since import, oldest first, with its time', () => {
    render(
      <ProvenancePanel
        call={call({
          edits: [
            {
              at: '2026-11-30T14:02:00.000Z',
              field: 'publisher',
              from: 'First Group',
              to: 'Second Group',
            },
            {
              at: '2026-12-01T08:30:00.000Z',
              field: 'sourceUrl',
              from: '',
              to: 'https://example.org/calls',
            },
          ],
        })}
      />,
    )
    const history = screen.getByRole('list', { name: 'Changes since import' })
    const items = within(history).getAllByRole('listitem')
    expect(items.map((item) => item.textContent)).toEqual([
      'Edited: Publisher changed from “First Group” to “Second Group” on 2026-11-30 14:02 UTC',
      'Edited: Source set to “https://example.org/calls” on 2026-12-01 08:30 UTC',
    ])
    expect(within(items[0]!).getByText('2026-11-30 14:02 UTC')).toHaveAttribute(
      'dateTime',
      '2026-11-30T14:02:00.000Z',
    )
  })

  it('shows no history for provenance never edited', () => {
    render(<ProvenancePanel call={call()} />)
    expect(screen.queryByRole('list', { name: 'Changes since import' })).not.toBeInTheDocument()
  })

  it('shows the result of this load’s check beside the full hash', () => {
    const { rerender } = render(
      <ProvenancePanel call={call()} integrity={{ status: 'verified', sha256: SHA }} />,
    )
    const panel = screen.getByRole('region', { name: 'Provenance' })
    expect(panel).toHaveTextContent(`Audio SHA-256${SHA}`)
    expect(panel).toHaveTextContent('Audio checkVerified on this load: matches the import')
    rerender(
      <ProvenancePanel
        call={call()}
        integrity={{ status: 'mismatch', expected: SHA, actual: 'cd'.repeat(32) }}
      />,
    )
    expect(panel).toHaveTextContent(
      'Does not match the import: the stored audio now hashes to cdcdcdcdcdcd',
    )
    rerender(<ProvenancePanel call={call()} />)
    expect(panel).not.toHaveTextContent('Audio check')
  })
})

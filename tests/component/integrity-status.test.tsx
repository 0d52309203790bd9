import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { IntegrityAlert, IntegrityStatus } from '../../src/features/provenance/integrity-status'

const RECORDED = '3f2a9c1b7d4e'.padEnd(64, '0')
const NOW = '9b1c0d2e3f4a'.padEnd(64, '1')

describe('IntegrityStatus', () => {
  it('says quietly that the audio is being checked', () => {
    render(<IntegrityStatus integrity={{ status: 'checking' }} />)
    expect(screen.getByText('checking the SHA-256…')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('says quietly that the audio matches the import', () => {
    render(<IntegrityStatus integrity={{ status: 'verified', sha256: RECORDED }} />)
    const line = screen.getByText(/Audio verified against the import/)
    expect(line).toHaveAttribute('title', `SHA-256 ${RECORDED}`)
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('alerts when the stored audio no longer matches, with both hashes, short and full', () => {
    const mismatch = { status: 'mismatch', expected: RECORDED, actual: NOW } as const
    // The quiet line says nothing of it: the alert does.
    const { container } = render(<IntegrityStatus integrity={mismatch} />)
    expect(container).toBeEmptyDOMElement()
    render(<IntegrityAlert integrity={mismatch} />)
    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent(
      'The stored audio no longer matches the SHA-256 recorded at import (recorded 3f2a9c1b7d4e, now 9b1c0d2e3f4a)',
    )
    expect(alert).toHaveTextContent('should not be trusted until the original file is re-imported')
    expect(screen.getByText('3f2a9c1b7d4e')).toHaveAttribute('title', RECORDED)
    expect(screen.getByText('9b1c0d2e3f4a')).toHaveAttribute('title', NOW)
  })

  it('says when the audio could not be checked, without alarm', () => {
    render(<IntegrityStatus integrity={{ status: 'unavailable', reason: 'no worker' }} />)
    expect(screen.getByText(/not checked against the import \(no worker\)/)).toBeVisible()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('shows nothing for audio that is not checked (the sample library)', () => {
    const { container } = render(<IntegrityStatus integrity={{ status: 'not-checked' }} />)
    expect(container).toBeEmptyDOMElement()
    const alert = render(<IntegrityAlert integrity={{ status: 'verified', sha256: RECORDED }} />)
    expect(alert.container).toBeEmptyDOMElement()
  })
})

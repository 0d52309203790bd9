import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { makeTrack } from '../helpers/fixtures'
import type { PickedTranscript } from '../../src/features/import/picked-transcript'
import { TranscriptPicker } from '../../src/features/import/transcript-picker'
import { TranscriptRefusals } from '../../src/features/import/transcript-refusals'
import type { TranscriptReads } from '../../src/features/import/use-transcript-reads'

const unreadable = (fileName: string, error: string): PickedTranscript => ({
  key: fileName,
  fileName,
  error,
})

const readable = (fileName: string, segments = makeTrack('x', 3).segments): PickedTranscript => ({
  key: fileName,
  fileName,
  parsed: { format: 'srt', segments, warnings: [] },
  language: 'en',
  languageGuess: { tag: 'en', sure: true, reason: 'declared', candidates: [] },
  kind: 'original',
  label: 'English',
})

/** The dialog's transcript files, already read: nothing is being read or can change. */
const readsOf = (picked: PickedTranscript[]): TranscriptReads => ({
  chosen: picked,
  picked,
  reading: false,
  add: () => undefined,
  cancel: () => undefined,
  remove: () => undefined,
  update: () => undefined,
  setLanguage: () => undefined,
})

describe('the Import dialog’s sentences', () => {
  it('a file that cannot be read: its reason and what happens are two sentences', () => {
    render(
      <TranscriptPicker
        reads={readsOf([unreadable('b.srt', 'b.srt: line 3: encoding x is not supported')])}
      />,
    )
    expect(screen.getByRole('alert')).toHaveTextContent(
      /^b\.srt: line 3: encoding x is not supported\. This file will not be imported\.$/,
    )
  })

  it('says before adding that the call will come without a transcript when none can be added', () => {
    const long = makeTrack('x', 100).segments // runs to 06:40
    render(
      <TranscriptRefusals
        picked={[readable('long.srt', long), unreadable('b.srt', 'b.srt: the file is empty')]}
        duration={20}
      />,
    )
    expect(screen.getByRole('status')).toHaveTextContent(
      /^long\.srt: the transcript runs to 06:40 but the audio lasts 00:20; it belongs to another recording\. None of the transcripts can be added, so the call will be added without a transcript\.$/,
    )
  })

  it('says which transcript will be left out when others fit, and nothing when all fit', () => {
    const long = makeTrack('x', 100).segments
    const { rerender } = render(
      <TranscriptRefusals
        picked={[readable('fits.srt'), readable('long.srt', long)]}
        duration={20}
      />,
    )
    expect(screen.getByRole('status')).toHaveTextContent(
      /another recording\. It will be left out\.$/,
    )
    rerender(<TranscriptRefusals picked={[readable('fits.srt')]} duration={20} />)
    expect(screen.queryByRole('status')).not.toBeInTheDocument()
    // Until the audio's length is known, only files that cannot be read count.
    rerender(<TranscriptRefusals picked={[readable('long.srt', long)]} duration={null} />)
    expect(screen.queryByRole('status')).not.toBeInTheDocument()
    rerender(<TranscriptRefusals picked={[unreadable('b.srt', 'b.srt: empty')]} duration={null} />)
    expect(screen.getByRole('status')).toHaveTextContent(
      'The transcript cannot be added, so the call will be added without a transcript.',
    )
  })
})

import { render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { seconds } from '../../src/domain/types'
import { rangeFromSelection } from '../../src/features/transcript/use-text-selection'

/** Two tracks as the transcript renders them: segments with data-start/end, words with their own. */
function Transcript() {
  return (
    <div>
      <section data-track-id="en">
        <div data-start="1" data-end="3">
          <p>
            <span data-word-start="1" data-word-end="1.5">
              Zhou
            </span>{' '}
            <span data-word-start="1.5" data-word-end="2.2">
              Yongkang
            </span>{' '}
            <span data-word-start="2.2" data-word-end="3">
              knows.
            </span>
          </p>
        </div>
        <div data-start="3.5" data-end="5">
          <p>He knows it.</p>
        </div>
      </section>
      <section data-track-id="zh">
        <div data-start="1" data-end="5">
          <p>他知道这件事。</p>
        </div>
      </section>
    </div>
  )
}

function select(anchor: Node, focus: Node) {
  return {
    anchorNode: anchor,
    focusNode: focus,
    toString: () => `${anchor.textContent ?? ''} … ${focus.textContent ?? ''}`,
  }
}

describe('rangeFromSelection', () => {
  it('runs from the first selected word’s start to the last one’s end', () => {
    const { getByText } = render(<Transcript />)
    const range = rangeFromSelection(
      select(getByText('Yongkang').firstChild!, getByText('knows.').firstChild!),
    )
    expect(range).toEqual({
      trackId: 'en',
      start: seconds(1.5),
      end: seconds(3),
      quote: 'Yongkang … knows.',
    })
  })

  it('uses segment times where there are no word times, in either direction of selection', () => {
    const { getByText } = render(<Transcript />)
    const range = rangeFromSelection(
      select(getByText('He knows it.').firstChild!, getByText('Zhou').firstChild!),
    )
    expect(range?.start).toBe(1)
    expect(range?.end).toBe(5)
  })

  it('gives nothing for a selection across two tracks or outside any', () => {
    const { getByText, container } = render(<Transcript />)
    expect(
      rangeFromSelection(
        select(getByText('Zhou').firstChild!, getByText('他知道这件事。').firstChild!),
      ),
    ).toBeNull()
    expect(rangeFromSelection(select(container, container))).toBeNull()
  })
})

import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import {
  MarkedText,
  rangesWithin,
  wordOffsets,
  type MarkRange,
} from '../../../src/components/marked-text'

/** Renders the text in a paragraph and returns it with the text of each of its marks. */
function renderMarked(text: string, ranges: readonly MarkRange[]) {
  render(
    <p data-testid="text">
      <MarkedText text={text} ranges={ranges} />
    </p>,
  )
  const paragraph = screen.getByTestId('text')
  const marks = [...paragraph.querySelectorAll('mark')]
  return { paragraph, marks, markTexts: marks.map((mark) => mark.textContent) }
}

describe('MarkedText', () => {
  it('renders the text alone when there is nothing to mark', () => {
    const { paragraph, marks } = renderMarked('Nobody signed the ledger', [])
    expect(paragraph).toHaveTextContent('Nobody signed the ledger')
    expect(marks).toEqual([])
  })

  it('puts each range in a mark and keeps the text around it', () => {
    const { paragraph, markTexts } = renderMarked('Nobody signed the ledger', [
      { start: 0, end: 6 },
      { start: 18, end: 24 },
    ])
    expect(markTexts).toEqual(['Nobody', 'ledger'])
    expect(paragraph.textContent).toBe('Nobody signed the ledger')
  })

  it('shows markup in the text as literal text, never as elements', () => {
    const text = 'He said <b>x</b> twice'
    const { paragraph, marks, markTexts } = renderMarked(text, [{ start: 8, end: 16 }])
    expect(markTexts).toEqual(['<b>x</b>'])
    expect(paragraph.querySelector('b')).toBeNull()
    expect(marks[0]?.children).toHaveLength(0)
    expect(paragraph.textContent).toBe(text)
  })

  it('marks ranges given out of order in text order', () => {
    const { markTexts } = renderMarked('one two three', [
      { start: 8, end: 13 },
      { start: 0, end: 3 },
    ])
    expect(markTexts).toEqual(['one', 'three'])
  })

  it('marks overlapping ranges without repeating any text', () => {
    const { paragraph, markTexts } = renderMarked('abcdefghij', [
      { start: 3, end: 8 },
      { start: 0, end: 5 },
      { start: 1, end: 2 },
    ])
    expect(markTexts).toEqual(['abcde', 'fgh'])
    expect(paragraph.textContent).toBe('abcdefghij')
  })

  it('clips ranges to the text and drops those outside it', () => {
    const { paragraph, markTexts } = renderMarked('short', [
      { start: -4, end: 2 },
      { start: 3, end: 50 },
      { start: 9, end: 12 },
      { start: 4, end: 4 },
    ])
    expect(markTexts).toEqual(['sh', 'rt'])
    expect(paragraph.textContent).toBe('short')
  })

  it('flags the current match with data-current, and only it', () => {
    const { marks } = renderMarked('one two one', [
      { start: 0, end: 3 },
      { start: 8, end: 11, current: true },
    ])
    expect(marks).toHaveLength(2)
    expect(marks[0]).not.toHaveAttribute('data-current')
    expect(marks[1]).toHaveAttribute('data-current', '')
  })
})

describe('wordOffsets', () => {
  const words = (...texts: string[]) => texts.map((text) => ({ text }))

  it('finds each word where it starts, in order', () => {
    expect(
      wordOffsets('Nobody signed the ledger', words('Nobody', 'signed', 'the', 'ledger')),
    ).toEqual([0, 7, 14, 18])
  })

  it('finds a repeated word at each of its places, not the first one twice', () => {
    expect(wordOffsets('the cat saw the dog', words('the', 'cat', 'saw', 'the', 'dog'))).toEqual([
      0, 4, 8, 12, 16,
    ])
  })

  it('gives -1 for a missing word and goes on after the last word found', () => {
    expect(wordOffsets('alpha beta alpha', words('alpha', 'gamma', 'alpha', 'beta'))).toEqual([
      0, -1, 11, -1,
    ])
  })

  it('finds CJK words that have no spaces between them', () => {
    expect(wordOffsets('他知道这件事', words('他', '知道', '这件事'))).toEqual([0, 1, 3])
  })
})

describe('rangesWithin', () => {
  it('keeps the part of each range inside the word, relative to the word', () => {
    const ranges: MarkRange[] = [
      { start: 2, end: 6 },
      { start: 8, end: 20, current: true },
    ]
    // The word is text[5, 10).
    expect(rangesWithin(ranges, 5, 5)).toEqual([
      { start: 0, end: 1 },
      { start: 3, end: 5, current: true },
    ])
  })

  it('leaves out ranges that only touch the word', () => {
    const ranges: MarkRange[] = [
      { start: 0, end: 5 },
      { start: 10, end: 12 },
    ]
    expect(rangesWithin(ranges, 5, 5)).toEqual([])
  })

  it('gives a range wholly inside the word as it is, shifted', () => {
    expect(rangesWithin([{ start: 6, end: 8 }], 5, 5)).toEqual([{ start: 1, end: 3 }])
  })

  it('gives nothing for a word that was not found (offset -1)', () => {
    expect(rangesWithin([{ start: 0, end: 100 }], -1, 5)).toEqual([])
  })
})

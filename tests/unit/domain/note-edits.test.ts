import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { keepBothTags, keepBothTexts } from '../../../src/domain/note-edits'

const words = (text: string) => text.split(/\s+/).filter(Boolean)

describe('keeping both versions of a note', () => {
  it('writes mine, then theirs, and what both kept of the text they started from once', () => {
    expect(keepBothTexts('From B.', 'From A.')).toBe('From B.\n\nFrom A.')
    expect(keepBothTexts('Base. From B.', 'Base. From A.', 'Base.')).toBe(
      'Base. From B.\n\nFrom A.',
    )
    expect(keepBothTexts('Base. More', 'Base.', 'Base.')).toBe('Base. More')
    expect(keepBothTexts('Base.', 'Base. More', 'Base.')).toBe('Base. More')
    expect(keepBothTexts('', 'Theirs only.')).toBe('Theirs only.')
    // A word both begin alike is not cut.
    expect(keepBothTexts('Basement one', 'Based two', 'Base')).toBe('Basement one\n\nBased two')
  })

  it('keeps every word of both texts, whatever they and their base hold', () => {
    const text = fc
      .array(fc.constantFrom('a', 'ab', 'b', 'abc', ' ', '\n', 'c.'), { maxLength: 12 })
      .map((parts) => parts.join(''))
    fc.assert(
      fc.property(text, text, text, (mine, theirs, base) => {
        const both = words(keepBothTexts(mine, theirs, base))
        const count = (list: string[], word: string) => list.filter((w) => w === word).length
        for (const word of new Set([...words(mine), ...words(theirs)]))
          expect(count(both, word)).toBeGreaterThanOrEqual(
            Math.max(count(words(mine), word), count(words(theirs), word)),
          )
        expect(keepBothTexts(mine, theirs, base).startsWith(mine.trimEnd())).toBe(true)
      }),
    )
  })

  it('takes mine, then the tags of theirs that mine lacks', () => {
    expect(keepBothTags(['m', 'shared'], ['t', 'shared'])).toEqual(['m', 'shared', 't'])
  })
})

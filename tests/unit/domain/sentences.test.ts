import { describe, expect, it } from 'vitest'
import { asSentence, joinSentences } from '../../../src/domain/sentences'

describe('asSentence', () => {
  it('ends a clause with a full stop', () => {
    expect(asSentence('b.srt: line 3: encoding x is not supported')).toBe(
      'b.srt: line 3: encoding x is not supported.',
    )
  })

  it('leaves a sentence that is already ended as it is', () => {
    for (const ended of ['Done.', 'Really?', 'Stop!', 'Wait…', '“Quoted.”', '(See the manual.)']) {
      expect(asSentence(ended)).toBe(ended)
    }
  })

  it('ends a clause closed by a bracket, a quote or a file name', () => {
    expect(asSentence('it is damaged (Unsafe filename)')).toBe('it is damaged (Unsafe filename).')
    expect(asSentence('it was made by “Other”')).toBe('it was made by “Other”.')
    expect(asSentence('  it could not be read: notes.json  ')).toBe(
      'it could not be read: notes.json.',
    )
  })
})

describe('joinSentences', () => {
  it('never runs two sentences together', () => {
    expect(
      joinSentences(
        'b.srt: line 3: encoding x is not supported',
        'This file will not be imported.',
      ),
    ).toBe('b.srt: line 3: encoding x is not supported. This file will not be imported.')
  })

  it('adds no second full stop, and leaves out empty parts', () => {
    expect(joinSentences('a.vtt: the file is empty.', '', '  ', 'Nothing was saved.')).toBe(
      'a.vtt: the file is empty. Nothing was saved.',
    )
  })
})

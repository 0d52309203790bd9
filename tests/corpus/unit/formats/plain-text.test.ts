import { describe, expect, it } from 'vitest'
import { looksLikeOtranscribe } from '../../../../src/formats/otranscribe'
import { looksLikePlainText, parsePlainText } from '../../../../src/formats/plain-text'
import { corpusText, sonnet } from '../corpus-files'

describe('the plain-text and oTranscribe importers on aeneas files', () => {
  it('finds no timestamps in the sonnet plain text nor in the aeneas "txt" sync map', () => {
    expect(() =>
      parsePlainText(corpusText('audio', 'aeneas', 'aeneas', 'tools', 'res', 'plain.txt')),
    ).toThrow(/No timestamps found/)
    expect(() => parsePlainText(sonnet('sonnet001.txt'))).toThrow(/No timestamps found/)
  })

  it('leaves the sync maps to their own importers', () => {
    expect(looksLikePlainText(sonnet('sonnet001.srt'))).toBe(0)
    expect(looksLikePlainText(sonnet('sonnet001.aud'))).toBe(0)
    expect(looksLikePlainText(sonnet('sonnet001.txt'))).toBe(0)
    expect(looksLikeOtranscribe(sonnet('sonnet001.json'))).toBe(0)
  })
})

import { describe, expect, it } from 'vitest'
import { compareAudioHash, shortHash } from '../../../src/domain/integrity'

const RECORDED = 'ab'.repeat(32)

describe('compareAudioHash', () => {
  it('verifies audio whose hash is the one recorded at import, in any case', () => {
    expect(compareAudioHash(RECORDED, RECORDED)).toEqual({ status: 'verified', sha256: RECORDED })
    expect(compareAudioHash(RECORDED.toUpperCase(), ` ${RECORDED}\n`)).toEqual({
      status: 'verified',
      sha256: RECORDED,
    })
  })

  it('reports both hashes when one digit differs', () => {
    const altered = `${RECORDED.slice(0, -1)}c`
    expect(compareAudioHash(RECORDED, altered)).toEqual({
      status: 'mismatch',
      expected: RECORDED,
      actual: altered,
    })
  })

  it('shortens a hash to the 12 digits citations carry', () => {
    expect(shortHash(RECORDED)).toBe('abababababab')
  })
})

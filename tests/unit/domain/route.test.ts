import { describe, expect, it } from 'vitest'
import { formatRoute, parseRoute, type Route } from '../../../src/domain/route'
import { seconds } from '../../../src/domain/types'

const ID = 'li-changchun-2012-04'

describe('parseRoute', () => {
  it.each([['#/'], [''], ['#'], ['/'], ['#/library']])('reads %j as the library', (hash) => {
    expect(parseRoute(hash)).toEqual({ kind: 'library' })
  })

  it('reads a call without a time', () => {
    expect(parseRoute(`#/call/${ID}`)).toEqual({ kind: 'call', callId: ID, time: null })
  })

  it('accepts a trailing slash and a missing #', () => {
    expect(parseRoute(`#/call/${ID}/`)).toEqual({ kind: 'call', callId: ID, time: null })
    expect(parseRoute(`/call/${ID}`)).toEqual({ kind: 'call', callId: ID, time: null })
  })

  it('reads a point in time from t=', () => {
    expect(parseRoute(`#/call/${ID}?t=83.5`)).toEqual({
      kind: 'call',
      callId: ID,
      time: { start: 83.5 },
    })
  })

  it('reads a range from t=', () => {
    expect(parseRoute(`#/call/${ID}?t=83.5,91`)).toEqual({
      kind: 'call',
      callId: ID,
      time: { start: 83.5, end: 91 },
    })
  })

  it('reads percent-encoded and npt forms of t=', () => {
    expect(parseRoute(`#/call/${ID}?t=83.5%2C91`)).toMatchObject({ time: { start: 83.5, end: 91 } })
    expect(parseRoute(`#/call/${ID}?t=npt:00:01:23.5,00:01:31`)).toMatchObject({
      time: { end: 91 },
    })
  })

  it('finds t= among other parameters', () => {
    expect(parseRoute(`#/call/${ID}?x=1&t=10,20&y=2`)).toMatchObject({
      callId: ID,
      time: { start: 10, end: 20 },
    })
  })

  it.each([['abc'], [''], ['91,83.5'], ['10,10'], ['1,2,3'], ['-5'], ['1:60']])(
    'opens the call without a time when t=%j is malformed',
    (t) => {
      expect(parseRoute(`#/call/${ID}?t=${t}`)).toEqual({ kind: 'call', callId: ID, time: null })
    },
  )

  it('decodes a percent-encoded call id', () => {
    expect(parseRoute('#/call/a%20b')).toMatchObject({ kind: 'call', callId: 'a b' })
    expect(parseRoute('#/call/%E6%9D%8E')).toMatchObject({ kind: 'call', callId: '李' })
    expect(parseRoute('#/call/a%2Fb')).toMatchObject({ kind: 'call', callId: 'a/b' })
    expect(parseRoute('#/call/a%3Fb?t=5')).toEqual({
      kind: 'call',
      callId: 'a?b',
      time: { start: 5 },
    })
  })

  it.each([['#/call/%'], ['#/call/%E0%A4%A'], ['#/call/abc%ZZ'], ['#/call/%FF']])(
    'falls back to the library for the malformed id in %j',
    (hash) => {
      expect(parseRoute(hash)).toEqual({ kind: 'library' })
    },
  )

  it.each([['#/call/'], ['#/call'], [`#/call/${ID}/extra`], ['#/call//x'], [`#/CALL/${ID}`]])(
    'reads the unknown call path %j as the library',
    (hash) => {
      expect(parseRoute(hash)).toEqual({ kind: 'library' })
    },
  )

  it('reads a search query', () => {
    expect(parseRoute('#/search?q=escaped')).toEqual({ kind: 'search', query: 'escaped' })
  })

  it('decodes spaces written as + or %20', () => {
    expect(parseRoute('#/search?q=how+many')).toEqual({ kind: 'search', query: 'how many' })
    expect(parseRoute('#/search?q=how%20many')).toEqual({ kind: 'search', query: 'how many' })
  })

  it('decodes a Chinese query', () => {
    expect(parseRoute('#/search?q=%E6%B3%95%E8%BD%AE%E5%8A%9F')).toEqual({
      kind: 'search',
      query: '法轮功',
    })
    expect(parseRoute('#/search?q=法轮功 周永康')).toEqual({
      kind: 'search',
      query: '法轮功 周永康',
    })
  })

  it('reads a search without q as an empty query', () => {
    expect(parseRoute('#/search')).toEqual({ kind: 'search', query: '' })
    expect(parseRoute('#/search?x=1')).toEqual({ kind: 'search', query: '' })
  })

  it.each([['#/unknown'], ['#/settings?q=x'], ['#foo'], ['#/searches?q=x'], ['#/call-x/y']])(
    'reads the unknown path %j as the library',
    (hash) => {
      expect(parseRoute(hash)).toEqual({ kind: 'library' })
    },
  )
})

describe('formatRoute', () => {
  it('formats the library as #/', () => {
    expect(formatRoute({ kind: 'library' })).toBe('#/')
  })

  it('formats a call without a time', () => {
    expect(formatRoute({ kind: 'call', callId: ID, time: null })).toBe(`#/call/${ID}`)
  })

  it('formats a call with a point or a range', () => {
    expect(formatRoute({ kind: 'call', callId: ID, time: { start: seconds(83.5) } })).toBe(
      `#/call/${ID}?t=83.5`,
    )
    expect(
      formatRoute({ kind: 'call', callId: ID, time: { start: seconds(83.5), end: seconds(91) } }),
    ).toBe(`#/call/${ID}?t=83.5,91`)
  })

  it('percent-encodes the call id', () => {
    expect(formatRoute({ kind: 'call', callId: 'a b/c?d#e', time: null })).toBe(
      '#/call/a%20b%2Fc%3Fd%23e',
    )
  })

  it('encodes a search query', () => {
    expect(formatRoute({ kind: 'search', query: 'how many' })).toBe('#/search?q=how+many')
    expect(formatRoute({ kind: 'search', query: '法轮' })).toBe('#/search?q=%E6%B3%95%E8%BD%AE')
    expect(formatRoute({ kind: 'search', query: 'a&b=c' })).toBe('#/search?q=a%26b%3Dc')
  })
})

describe('route round trips', () => {
  const routes: Route[] = [
    { kind: 'library' },
    { kind: 'call', callId: ID, time: null },
    { kind: 'call', callId: ID, time: { start: seconds(83.5) } },
    { kind: 'call', callId: ID, time: { start: seconds(0), end: seconds(20) } },
    { kind: 'call', callId: ID, time: { start: seconds(83.5), end: seconds(91) } },
    { kind: 'call', callId: 'a b/c?d#e%f', time: { start: seconds(1) } },
    { kind: 'call', callId: '周永康-2008', time: null },
    { kind: 'search', query: '' },
    { kind: 'search', query: 'how many escaped' },
    { kind: 'search', query: '法轮功 周永康' },
    { kind: 'search', query: 'a&b=c+d?#%' },
  ]

  it.each(routes.map((r) => [r]))('parse(format(%j)) gives the route back', (route) => {
    expect(parseRoute(formatRoute(route))).toEqual(route)
  })

  it.each([['#/'], [`#/call/${ID}`], [`#/call/${ID}?t=83.5,91`], ['#/search?q=how+many']])(
    'format(parse(%j)) gives the hash back',
    (hash) => {
      expect(formatRoute(parseRoute(hash))).toBe(hash)
    },
  )
})

describe('citation revisions in links', () => {
  it('reads rev= beside t=, lower-cased, and writes it back', () => {
    const route = parseRoute('#/call/abc?t=7.6,9.9&rev=1A2B3C4D5E6F')
    expect(route).toEqual({
      kind: 'call',
      callId: 'abc',
      time: { start: 7.6, end: 9.9 },
      revision: '1a2b3c4d5e6f',
    })
    expect(formatRoute(route)).toBe('#/call/abc?t=7.6,9.9&rev=1a2b3c4d5e6f')
  })

  it('ignores a rev that is not hex', () => {
    expect(parseRoute('#/call/abc?rev=<script>')).toEqual({
      kind: 'call',
      callId: 'abc',
      time: null,
    })
  })
})

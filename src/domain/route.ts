import { formatTemporalFragment, parseTemporalFragment, type TimeRange } from './media-fragment'

/** Where the address points, from the URL hash. */
export type Route =
  | { readonly kind: 'library' }
  | {
      readonly kind: 'call'
      readonly callId: string
      readonly time: TimeRange | null
      /** The transcript revision a citation link quoted (`rev=`), to tell whether it changed. */
      readonly revision?: string
    }
  | { readonly kind: 'search'; readonly query: string }

const CALL = /^\/call\/([^/?#]+)\/?$/

/** Parses `#/call/<id>?t=…`, `#/search?q=…`, or anything else as the library. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '')
  const q = raw.indexOf('?')
  const path = q < 0 ? raw : raw.slice(0, q)
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1))
  const call = CALL.exec(path)
  if (call?.[1]) {
    const callId = safeDecode(call[1])
    const t = params.get('t')
    const rev = params.get('rev')
    if (callId) {
      return {
        kind: 'call',
        callId,
        time: t === null ? null : parseTemporalFragment(t),
        ...(rev && /^[0-9a-f]{6,64}$/i.test(rev) ? { revision: rev.toLowerCase() } : {}),
      }
    }
  }
  if (path === '/search' || path === '/search/')
    return { kind: 'search', query: params.get('q') ?? '' }
  return { kind: 'library' }
}

/** The hash (with `#`) for a route. */
export function formatRoute(route: Route): string {
  switch (route.kind) {
    case 'library':
      return '#/'
    case 'call': {
      const base = `#/call/${encodeURIComponent(route.callId)}`
      const params = [
        ...(route.time ? [`t=${formatTemporalFragment(route.time)}`] : []),
        ...(route.revision ? [`rev=${route.revision}`] : []),
      ]
      return params.length > 0 ? `${base}?${params.join('&')}` : base
    }
    case 'search':
      return `#/search?${new URLSearchParams({ q: route.query }).toString()}`
  }
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}

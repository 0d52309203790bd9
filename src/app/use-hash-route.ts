import { useSyncExternalStore } from 'react'
import { formatRoute, parseRoute, type Route } from '../domain/route'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

const getHash = () => window.location.hash

/** The route named by the address's hash, updated on navigation. */
export function useHashRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, getHash))
}

/** Goes to `route`, as a new history entry or (`replace`) in place of the current one. */
export function navigate(route: Route, { replace = false } = {}): void {
  const hash = formatRoute(route)
  if (!replace) {
    window.location.hash = hash
    return
  }
  // replaceState fires no hashchange of its own; the route hook listens for one.
  window.history.replaceState(window.history.state, '', hash)
  window.dispatchEvent(new HashChangeEvent('hashchange'))
}

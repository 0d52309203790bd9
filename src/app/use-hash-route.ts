import { useSyncExternalStore } from 'react'
import { parseRoute, type Route } from '../domain/route'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

const getHash = () => window.location.hash

/** The route named by the address's hash, updated on navigation. */
export function useHashRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, getHash))
}

import { useEffect, useRef, useState } from 'react'
import type { SearchOptions, SearchResults } from '../../search/index'

/** Runs a search against the index (in its worker). */
export type SearchFunction = (query: string, options?: SearchOptions) => Promise<SearchResults>

/** What the results list shows: the results of `query`, or why there are none. */
export type SearchState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'results'; readonly query: string; readonly results: SearchResults }
  | { readonly kind: 'error'; readonly message: string }

/**
 * The results of `query` with `options`, searched again whenever either changes or the index does
 * (`indexVersion`). One search is in flight at a time: a change made meanwhile is searched when it
 * returns, so typing fast or a busy indexer never queues a backlog, and results never arrive out
 * of order.
 */
export function useSearchResults(
  search: SearchFunction,
  query: string,
  options: SearchOptions,
  indexVersion: string,
): SearchState {
  const [state, setState] = useState<SearchState>({ kind: 'idle' })
  const wanted = useRef({ search, query, options })
  const flight = useRef({ busy: false, dirty: false })
  const optionsKey = JSON.stringify(options)

  useEffect(() => {
    wanted.current = { search, query, options }
    const pump = () => {
      const now = flight.current
      if (now.busy) {
        now.dirty = true
        return
      }
      const asked = wanted.current
      if (!asked.query.trim()) {
        setState({ kind: 'idle' })
        return
      }
      now.busy = true
      now.dirty = false
      asked
        .search(asked.query, asked.options)
        .then(
          // Results of a query already replaced are dropped; the newer one is on its way.
          (results) => now.dirty || setState({ kind: 'results', query: asked.query, results }),
          (error: unknown) => setState({ kind: 'error', message: String(error) }),
        )
        .finally(() => {
          now.busy = false
          if (now.dirty) pump()
        })
    }
    pump()
    // `options` is read through `optionsKey`: a new object with the same filters is no change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search, query, optionsKey, indexVersion])

  return state
}

import { useCallback, useEffect, useState, useSyncExternalStore } from 'react'
import type { Note } from '../domain/notes'
import type { Call } from '../domain/types'
import { LibrarySync } from '../search/library-sync'
import { createSearchClient, type SearchClient } from '../workers/search-client'
import type { IndexStatus } from '../search/search-service'

/** The app's search index, as the search view needs it. */
export interface SearchIndexHandle {
  readonly search: SearchClient['search']
  /** Still taking in the library: a search answers from what is indexed so far. */
  readonly indexing: boolean
  /** Changes whenever what the index holds does. */
  readonly version: string
}

const describe = (status: IndexStatus): string => `${status.state}:${status.documents}`

let shared: { client: SearchClient; sync: LibrarySync } | null = null

/** One index per page, in a worker, started on first use and kept for the page's life. */
function sharedIndex(): { client: SearchClient; sync: LibrarySync } {
  if (!shared) {
    const client = createSearchClient()
    shared = { client, sync: new LibrarySync(client) }
  }
  return shared
}

/**
 * Keeps the search index in step with the library and the notes, which it is handed as they load
 * and change (`null` and `undefined` while they load). The index is rebuilt at each start-up rather
 * than stored: see docs/adr/2026-11-30-search-index.md.
 */
export function useSearchIndex(
  calls: readonly Call[] | null,
  notes: readonly Note[] | undefined,
): SearchIndexHandle {
  const [{ client, sync }] = useState(sharedIndex)
  // The status as a string, which stays the same value between changes as a snapshot must.
  const status = useSyncExternalStore(
    useCallback(
      (onChange) => {
        const unsubscribe = client.onStatus(onChange)
        return () => void unsubscribe()
      },
      [client],
    ),
    () => describe(client.status()),
  )
  // A change can only fail if the worker has gone; the next search then says so.
  useEffect(() => {
    if (calls) sync.syncCalls(calls).catch(() => undefined)
  }, [calls, sync])
  useEffect(() => {
    if (notes) sync.syncNotes(notes).catch(() => undefined)
  }, [notes, sync])
  return {
    search: client.search,
    indexing: calls === null || notes === undefined || status.startsWith('indexing'),
    version: status,
  }
}

import { useLiveQuery } from 'dexie-react-hooks'
import type { Call } from '../domain/types'
import { createLibraryRepository } from './library-repository'

const repository = createLibraryRepository()

/**
 * The imported calls, kept current as they are added, edited or deleted (in this tab or another).
 * `undefined` while loading; an empty list if storage cannot be read.
 */
export function useImportedCalls(): readonly Call[] | undefined {
  return useLiveQuery(() => repository.listCalls().catch(() => []), [])
}

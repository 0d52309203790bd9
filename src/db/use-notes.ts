import { useLiveQuery } from 'dexie-react-hooks'
import type { Note } from '../domain/notes'
import { createNotesRepository, type NoteVersion } from './notes-repository'

// Why these stay current across tabs: when a Dexie write transaction commits, Dexie 4 fires its
// global `storagemutated` event with the key ranges the transaction touched, and posts the same
// ranges on a BroadcastChannel ('x-storagemutated-1') that every Dexie in the origin listens to
// (tabs, windows and workers). Each receiving tab re-runs only the live queries whose read ranges
// intersect, so a note typed in one tab appears in the others without polling. Dexie 4 has no
// localStorage `storage`-event fallback (3.1's alphas had one); browsers without BroadcastChannel
// only see their own tab's writes live. Writes made outside Dexie (devtools) are not seen.
const repository = createNotesRepository()

const NO_NOTES: readonly Note[] = []

/**
 * The call's notes in timeline order, kept current as they change here or in another tab.
 * `undefined` while loading; empty if storage cannot be read.
 */
export function useCallNotes(callId: string): readonly Note[] | undefined {
  // useLiveQuery keeps returning the previous result until the new query resolves; tagging the
  // result with its call stops another call's notes from flashing onto this one's waveform.
  const result = useLiveQuery(
    async () => ({ callId, notes: await repository.forCall(callId).catch(() => NO_NOTES) }),
    [callId],
  )
  return result?.callId === callId ? result.notes : undefined
}

/**
 * Every note in the library in timeline order (the notes overview, orphans included), kept
 * current across tabs. `undefined` while loading; empty if storage cannot be read.
 */
export function useAllNotes(): readonly Note[] | undefined {
  return useLiveQuery(() => repository.all().catch(() => NO_NOTES), [])
}

/**
 * One note as IndexedDB holds it now, with its revision and whether it is deleted, kept current
 * as it changes here or in another tab: `null` when there is no such note (left empty in another
 * tab, or purged), `undefined` while loading or if storage cannot be read.
 */
export function useNoteVersion(id: string): NoteVersion | null | undefined {
  const result = useLiveQuery(
    async () => ({
      id,
      version: await repository.read(id).then(
        (version) => version ?? null,
        () => undefined,
      ),
    }),
    [id],
  )
  return result?.id === id ? result.version : undefined
}

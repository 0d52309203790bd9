import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { ConfirmDialog } from '../components/confirm-dialog'
import { Icon } from '../components/icons'
import { NoticeList } from '../components/notice-list'
import { ShortcutsDialog } from '../components/shortcuts-dialog'
import { StorageMeter } from '../components/storage-meter'
import { onUpgradedElsewhere } from '../db/database'
import { createLibraryRepository } from '../db/library-repository'
import { noteDrafts } from '../db/note-drafts'
import { createNotesRepository } from '../db/notes-repository'
import { readStorageStatus, type StorageStatus } from '../db/storage'
import { useImportedCalls } from '../db/use-imported-calls'
import { useAllNotes } from '../db/use-notes'
import { formatRoute } from '../domain/route'
import { joinSentences } from '../domain/sentences'
import type { Call, LibraryFile } from '../domain/types'
import type { ImportOutcome } from '../features/import/run-import'
import { ArchivePanel } from '../features/archive/archive-panel'
import { LibraryNav } from '../features/library/library-nav'
import { addNote } from '../features/notes/add-note'
import { SearchBox } from '../features/search/search-box'
import { SearchView } from '../features/search/search-view'
import type { AppStore } from '../store/store'
import { StoreProvider } from '../store/store-context'
import { CallView } from './call-view'
import { fetchSampleLibrary } from './sample-library'
import { useFileDrop } from './use-file-drop'
import { navigate, useHashRoute } from './use-hash-route'
import { useNotices } from './use-notices'
import { usePersistedSettings } from './use-persisted-settings'
import { useSearchIndex } from './use-search-index'
import { SHORTCUTS } from './shortcuts'
import { useShortcuts } from './use-shortcuts'

const repository = createLibraryRepository()
const notesRepository = createNotesRepository()

// The importers (parsers, hashing, peaks) are loaded when first needed, not on start-up.
const ImportDialog = lazy(() =>
  import('../features/import/import-dialog').then((m) => ({ default: m.ImportDialog })),
)
const EditCallDialog = lazy(() =>
  import('../features/import/edit-call-dialog').then((m) => ({ default: m.EditCallDialog })),
)
let importCount = 0
const NO_CALLS: readonly Call[] = []

type Loaded = { library: LibraryFile; error: null } | { library: null; error: string | null }

/** The shell: header, library, the open call, and the routing between them. */
export function App({ store }: { store: AppStore }) {
  const [loaded, setLoaded] = useState<Loaded>({ library: null, error: null })
  const [helpOpen, setHelpOpen] = useState(false)
  const [importing, setImporting] = useState<{ id: number; files: readonly File[] } | null>(null)
  const [editing, setEditing] = useState(false)
  const [deleting, setDeleting] = useState<Call | null>(null)
  const [storage, setStorage] = useState<StorageStatus | null>(null)
  const { notices, add: notify, dismiss } = useNotices()
  const route = useHashRoute()
  const imported = useImportedCalls()
  const allNotes = useAllNotes()
  usePersistedSettings(store)

  const refreshStorage = useCallback(() => {
    readStorageStatus().then(setStorage, () => setStorage(null))
  }, [])
  // A newer Verbatim in another tab upgraded the database; this tab's connection is closed, so it
  // reloads into the new version (note text being typed is journalled and comes back).
  useEffect(() => onUpgradedElsewhere(() => window.location.reload()), [])
  useEffect(() => {
    // Note text and tags typed just before a page went away (this one's last load, or another
    // tab closed or crashed), not yet in IndexedDB then; tabs still open are waited for.
    void noteDrafts.recover(notesRepository)
  }, [])
  useEffect(() => {
    // Deletions not undone before the last visit ended are final now.
    repository
      .purgeDeleted()
      .catch(() => undefined)
      .finally(refreshStorage)
  }, [refreshStorage])

  const dragging = useFileDrop(
    useCallback((files: File[]) => setImporting({ id: ++importCount, files }), []),
  )

  useEffect(() => {
    fetchSampleLibrary()
      .then((library) => setLoaded({ library, error: null }))
      .catch((error: unknown) =>
        setLoaded({
          library: null,
          error: `The sample library could not be loaded: ${String(error)}`,
        }),
      )
  }, [])

  const calls = useMemo(
    () => [...(imported ?? []), ...(loaded.library?.calls ?? [])],
    [imported, loaded.library],
  )
  const libraryLoaded = imported !== undefined && (loaded.library !== null || loaded.error !== null)
  const searchIndex = useSearchIndex(libraryLoaded ? calls : null, allNotes)
  const [lastQuery, setLastQuery] = useState('')
  const routeQuery = route.kind === 'search' ? route.query : null
  const searchQuery = routeQuery ?? lastQuery
  if (routeQuery !== null && routeQuery !== lastQuery) setLastQuery(routeQuery)
  const onQuery = useCallback(
    (query: string) => navigate({ kind: 'search', query }, { replace: route.kind === 'search' }),
    [route.kind],
  )
  // A followed search hit plays from its moment once its call is open.
  const playOnOpen = useRef(false)
  const openHit = useCallback(() => {
    playOnOpen.current = true
  }, [])

  const callId = route.kind === 'call' ? route.callId : null
  const call = calls.find((c) => c.id === callId) ?? null
  const time = route.kind === 'call' ? route.time : null
  const timeKey = time ? `${time.start},${time.end ?? ''}` : ''

  // Opening a call, or following a new link into the open one, sets the playhead and range.
  useEffect(() => {
    if (!call) return
    const s = store.getState()
    if (s.callId !== call.id) {
      s.openCall({ id: call.id, tracks: call.tracks, duration: call.duration, start: time })
    } else if (time) {
      s.selectRange(time.end === undefined ? null : { start: time.start, end: time.end }, true)
      s.seek(time.start)
    }
    if (playOnOpen.current) {
      playOnOpen.current = false
      s.setFollowing(true)
      s.playWhenReady()
    }
    // `time` is read through `timeKey`: a new object for the same link must not seek again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [call?.id, timeKey, store])

  // A live library hands over new objects on every change; only a change of tracks matters here.
  const tracksKey = call?.tracks.map((t) => `${t.id}:${t.segments.length}:${t.label}`).join('|')
  useEffect(() => {
    const s = store.getState()
    if (call && s.callId === call.id && s.tracks !== call.tracks) s.replaceTracks(call.tracks)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tracksKey, store])

  useEffect(() => {
    document.title = call
      ? `${call.title} — Verbatim`
      : routeQuery?.trim()
        ? `Search: ${routeQuery.trim()} — Verbatim`
        : 'Verbatim'
  }, [call, routeQuery])

  const openHelp = useCallback(() => setHelpOpen(true), [])
  const dialogOpen = helpOpen || importing !== null || editing || deleting !== null
  const addNoteHere = useCallback(() => {
    if (call) void addNote(call, store.getState(), notesRepository)
  }, [call, store])
  useShortcuts(store, {
    onHelp: openHelp,
    ...(call ? { onAddNote: addNoteHere } : {}),
  })

  const reportProblem = useCallback((text: string) => notify({ kind: 'alert', text }), [notify])

  const reportImport = (outcome: ImportOutcome, title: string) => {
    refreshStorage()
    const tracks = outcome.imported.length
    if (tracks > 0 || outcome.notImported.length === 0) {
      notify({
        kind: 'status',
        text: `“${title}” is in the library with ${tracks} new transcript track${tracks === 1 ? '' : 's'}.`,
      })
    }
    if (outcome.notImported.length > 0) {
      // Each refusal a sentence of its own; with nothing imported, the alert says what was kept.
      const kept =
        tracks > 0
          ? ''
          : outcome.callAdded
            ? `“${title}” is in the library without a transcript.`
            : `“${title}” was not changed.`
      notify({
        kind: 'alert',
        text: `Not imported: ${joinSentences(...outcome.notImported, kept)}`,
      })
    }
  }

  const deleteCall = async (target: Call) => {
    setDeleting(null)
    await repository.deleteCall(target.id)
    window.location.hash = formatRoute({ kind: 'library' })
    notify({
      kind: 'status',
      text: `“${target.title}” was deleted.`,
      action: {
        label: 'Undo',
        run: () => {
          void repository.restoreCall(target.id).then(() => {
            window.location.hash = formatRoute({ kind: 'call', callId: target.id, time: null })
          })
        },
      },
      onDismiss: () => void repository.purgeDeleted().finally(refreshStorage),
    })
  }

  return (
    <StoreProvider store={store}>
      <div
        className="app"
        data-view={route.kind === 'search' ? 'search' : call ? 'call' : 'library'}
      >
        <header className="topbar">
          <a className="brand" href="#/">
            <img src="icons/icon.svg" alt="" width="24" height="24" />
            Verbatim
          </a>
          <span className="tagline">Offline evidence player</span>
          <SearchBox
            query={searchQuery}
            searching={route.kind === 'search'}
            enabled={!dialogOpen}
            onQuery={onQuery}
          />
          <button
            type="button"
            className="text-button import-button"
            onClick={() => setImporting({ id: ++importCount, files: [] })}
          >
            Import
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Keyboard shortcuts"
            title="Keyboard shortcuts (?)"
            onClick={openHelp}
          >
            <Icon name="keyboard" />
          </button>
        </header>
        <div className="layout">
          <div className="sidebar">
            <LibraryNav calls={calls} openCallId={call?.id ?? null} />
            <ArchivePanel
              sampleCalls={loaded.library?.calls ?? NO_CALLS}
              onNotice={(notice) => {
                notify(notice)
                refreshStorage()
              }}
              onBundleImported={(id) => navigate({ kind: 'call', callId: id, time: null })}
            />
            <StorageMeter status={storage} />
          </div>
          <main className="main">
            <NoticeList notices={notices} onDismiss={dismiss} />
            {loaded.error && (
              <p role="alert" className="error">
                {loaded.error}
              </p>
            )}
            {route.kind === 'search' ? (
              <SearchView
                query={route.query}
                calls={calls}
                search={searchIndex.search}
                indexing={searchIndex.indexing}
                indexVersion={searchIndex.version}
                onOpenHit={openHit}
              />
            ) : call ? (
              <CallView
                key={call.id}
                call={call}
                library={calls}
                revision={route.kind === 'call' ? route.revision : undefined}
                onProblem={reportProblem}
                {...(call.origin === 'imported'
                  ? { onEdit: () => setEditing(true), onDelete: () => setDeleting(call) }
                  : {})}
              />
            ) : (
              <Welcome
                missingId={loaded.library && callId ? callId : null}
                loading={!loaded.library && !loaded.error}
                orphanNotes={
                  imported && allNotes
                    ? allNotes.filter((n) => !calls.some((c) => c.id === n.callId)).length
                    : 0
                }
              />
            )}
          </main>
        </div>
        <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} shortcuts={SHORTCUTS} />
        <Suspense fallback={null}>
          {importing && (
            <ImportDialog
              key={importing.id}
              initialFiles={importing.files}
              calls={calls}
              onClose={() => setImporting(null)}
              onImported={(outcome, title) => {
                setImporting(null)
                reportImport(outcome, title)
                window.location.hash = formatRoute({
                  kind: 'call',
                  callId: outcome.callId,
                  time: null,
                })
              }}
            />
          )}
          {editing && call?.origin === 'imported' && (
            <EditCallDialog
              call={call}
              onClose={() => setEditing(false)}
              onTracksAdded={(outcome) => reportImport(outcome, call.title)}
            />
          )}
        </Suspense>
        {deleting && (
          <ConfirmDialog
            title={`Delete “${deleting.title}”?`}
            message="Its audio, transcripts and waveform leave this browser. You can undo this until you dismiss the notice or reload."
            confirmLabel="Delete"
            onConfirm={() => void deleteCall(deleting)}
            onCancel={() => setDeleting(null)}
          />
        )}
        {dragging && (
          <div className="drop-overlay" aria-hidden="true">
            Drop an audio file and its transcripts to import them
          </div>
        )}
      </div>
    </StoreProvider>
  )
}

function Welcome({
  missingId,
  loading,
  orphanNotes,
}: {
  missingId: string | null
  loading: boolean
  /** Notes whose call is not in the library: kept until the same audio is imported again. */
  orphanNotes: number
}) {
  if (loading) return <p className="loading">Loading the library…</p>
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      {missingId && (
        <p role="alert" className="error">
          There is no call “{missingId}” in this library. It may not have been imported on this
          device.
        </p>
      )}
      <h1 id="welcome-title">Listen, read along, cite the moment</h1>
      <p>
        Verbatim plays recorded calls with their transcripts side by side — the original and its
        translation — highlighted as they are spoken. Everything stays in this browser and works
        offline.
      </p>
      <p>
        Choose a call from the library to start, or import your own. Press <kbd>/</kbd> to search
        every call and <kbd>?</kbd> for keyboard shortcuts.
      </p>
      {orphanNotes > 0 && (
        <p className="hint">
          {orphanNotes} note{orphanNotes === 1 ? '' : 's'} belong to calls no longer in this
          library. They are kept, and come back when the same audio is imported again.
        </p>
      )}
    </section>
  )
}

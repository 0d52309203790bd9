import { useCallback, useEffect, useState } from 'react'
import { Icon } from '../components/icons'
import { ShortcutsDialog } from '../components/shortcuts-dialog'
import type { LibraryFile } from '../domain/types'
import { LibraryNav } from '../features/library/library-nav'
import type { AppStore } from '../store/store'
import { StoreProvider } from '../store/store-context'
import { CallView } from './call-view'
import { fetchSampleLibrary } from './sample-library'
import { useHashRoute } from './use-hash-route'
import { usePersistedSettings } from './use-persisted-settings'
import { SHORTCUTS, useShortcuts } from './use-shortcuts'

type Loaded = { library: LibraryFile; error: null } | { library: null; error: string | null }

/** The shell: header, library, the open call, and the routing between them. */
export function App({ store }: { store: AppStore }) {
  const [loaded, setLoaded] = useState<Loaded>({ library: null, error: null })
  const [helpOpen, setHelpOpen] = useState(false)
  const route = useHashRoute()
  usePersistedSettings(store)

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

  const calls = loaded.library?.calls ?? []
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
      return
    }
    if (time) {
      s.selectRange(time.end === undefined ? null : { start: time.start, end: time.end }, true)
      s.seek(time.start)
    }
    // `time` is read through `timeKey`: a new object for the same link must not seek again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [call, timeKey, store])

  useEffect(() => {
    document.title = call ? `${call.title} — Verbatim` : 'Verbatim'
  }, [call])

  const openHelp = useCallback(() => setHelpOpen(true), [])
  useShortcuts(store, { enabled: !helpOpen, onHelp: openHelp })

  return (
    <StoreProvider store={store}>
      <div className="app" data-view={call ? 'call' : 'library'}>
        <header className="topbar">
          <a className="brand" href="#/">
            <img src="icons/icon.svg" alt="" width="24" height="24" />
            Verbatim
          </a>
          <span className="tagline">Offline evidence player</span>
          <button
            type="button"
            className="icon-button help-button"
            aria-label="Keyboard shortcuts"
            title="Keyboard shortcuts (?)"
            onClick={openHelp}
          >
            <Icon name="keyboard" />
          </button>
        </header>
        <div className="layout">
          <LibraryNav calls={calls} openCallId={call?.id ?? null} />
          <main className="main">
            {loaded.error && (
              <p role="alert" className="error">
                {loaded.error}
              </p>
            )}
            {call ? (
              <CallView key={call.id} call={call} />
            ) : (
              <Welcome
                missingId={loaded.library && callId ? callId : null}
                loading={!loaded.library && !loaded.error}
              />
            )}
          </main>
        </div>
        <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} shortcuts={SHORTCUTS} />
      </div>
    </StoreProvider>
  )
}

function Welcome({ missingId, loading }: { missingId: string | null; loading: boolean }) {
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
        Choose a call from the library to start. Press <kbd>?</kbd> for keyboard shortcuts.
      </p>
    </section>
  )
}

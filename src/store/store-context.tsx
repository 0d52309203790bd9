import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { AppState, AppStore } from './store'

const StoreContext = createContext<AppStore | null>(null)

/** Provides the app's store to the tree; tests pass a fresh one. */
export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext value={store}>{children}</StoreContext>
}

/** The store itself, for subscriptions that must not re-render (the playhead, the engine). */
export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useAppStore must be used inside <StoreProvider>')
  return store
}

/** Selects one value from the store; the component re-renders only when it changes. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), selector)
}

import Dexie, { type EntityTable } from 'dexie'

/** A user preference, stored by key (`playback`, `tracks:<callId>`). */
export interface SettingRow {
  readonly key: string
  readonly value: unknown
}

/**
 * The app's IndexedDB database. Every released version stays declared here with its upgrade, so
 * a browser holding any earlier version is brought forward.
 */
export class VerbatimDatabase extends Dexie {
  settings!: EntityTable<SettingRow, 'key'>

  constructor(name = 'verbatim') {
    super(name)
    this.version(1).stores({ settings: 'key' })
  }
}

let shared: VerbatimDatabase | null = null

/** The database the app uses, opened on first use. */
export function database(): VerbatimDatabase {
  shared ??= new VerbatimDatabase()
  return shared
}

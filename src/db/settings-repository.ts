import { database, type VerbatimDatabase } from './database'

/** Playback preferences kept between visits. */
export interface PlaybackSettings {
  readonly rate: number
  readonly volume: number
  readonly muted: boolean
  /** Seconds stepped back on resume; absent in settings saved before it existed. */
  readonly rewindOnResume?: number
}

function isPlaybackSettings(value: unknown): value is PlaybackSettings {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.rate === 'number' && typeof v.volume === 'number' && typeof v.muted === 'boolean'
}

/** How the lines of several shown tracks are laid out: in columns, or one under the other. */
export type LineLayout = 'side-by-side' | 'interleaved'

/** Reads and writes preferences; storage failures leave the app on its defaults. */
export function createSettingsRepository(db: VerbatimDatabase = database()) {
  return {
    async loadPlayback(): Promise<PlaybackSettings | null> {
      const row = await db.settings.get('playback')
      return isPlaybackSettings(row?.value) ? row.value : null
    },
    async savePlayback(settings: PlaybackSettings): Promise<void> {
      await db.settings.put({ key: 'playback', value: settings })
    },
    async loadShownTracks(callId: string): Promise<string[] | null> {
      const row = await db.settings.get(`tracks:${callId}`)
      const value = row?.value
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null
    },
    async loadCitationStyle(): Promise<'plain' | 'markdown'> {
      const row = await db.settings.get('citation-style')
      return row?.value === 'markdown' ? 'markdown' : 'plain'
    },
    async saveCitationStyle(style: 'plain' | 'markdown'): Promise<void> {
      await db.settings.put({ key: 'citation-style', value: style })
    },
    /** The layout the reader chose, or null when they never chose (the screen decides). */
    async loadLineLayout(): Promise<LineLayout | null> {
      const row = await db.settings.get('line-layout')
      return row?.value === 'side-by-side' || row?.value === 'interleaved' ? row.value : null
    },
    async saveLineLayout(layout: LineLayout): Promise<void> {
      await db.settings.put({ key: 'line-layout', value: layout })
    },
    async saveShownTracks(callId: string, trackIds: readonly string[]): Promise<void> {
      await db.settings.put({ key: `tracks:${callId}`, value: [...trackIds] })
    },
  }
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>

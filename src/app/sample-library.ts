import { restoreLibrary, restorePeaks } from '../domain/restore-library'
import type { LibraryFile, PeaksFile } from '../domain/types'

/** Resolves a path inside the app's own folder, wherever the app is served from. */
export function appUrl(path: string): string {
  return new URL(path, document.baseURI).href
}

async function fetchJson(path: string): Promise<unknown> {
  const response = await fetch(appUrl(path))
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`)
  return response.json()
}

/** The sample library shipped in `public/samples/`, checked on the way in. */
export async function fetchSampleLibrary(): Promise<LibraryFile> {
  return restoreLibrary(await fetchJson('samples/library.json'))
}

/** A call's precomputed peaks. */
export async function fetchPeaks(path: string): Promise<PeaksFile> {
  return restorePeaks(await fetchJson(path))
}

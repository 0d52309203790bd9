import Dexie from 'dexie'

/** The browser refused to store more: nothing of the failed write was kept. */
export class StorageFullError extends Error {
  override name = 'StorageFullError'
}

function isQuotaError(error: unknown): boolean {
  // Dexie wraps the browser's DOMException (sometimes twice, e.g. in an AbortError), so the
  // cause may sit a few `inner` links down.
  for (let e: unknown = error; e instanceof Error; e = (e as { inner?: unknown }).inner) {
    if (e.name === 'QuotaExceededError' || e instanceof Dexie.QuotaExceededError) return true
  }
  return false
}

/**
 * Runs a write; a full disk becomes a StorageFullError carrying `message`, which should tell the
 * user what was lost and what to do. Every other error passes through unchanged.
 */
export async function withStorageErrors<T>(run: () => Promise<T>, message: string): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError(message, { cause: error })
    throw error
  }
}

/** How much this origin stores and may store, and whether the browser keeps it under pressure. */
export interface StorageStatus {
  readonly usage: number | null
  readonly quota: number | null
  readonly persisted: boolean
}

/** Reads the storage estimate; unknown values are null where the browser does not tell. */
export async function readStorageStatus(): Promise<StorageStatus> {
  const storage = navigator.storage as StorageManager | undefined
  const [estimate, persisted] = await Promise.all([
    storage?.estimate?.().catch(() => null) ?? null,
    storage?.persisted?.().catch(() => false) ?? false,
  ])
  return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted }
}

/**
 * Asks the browser not to evict the library under storage pressure. Chromium grants it to
 * installed or often-used sites without a prompt; a refusal changes nothing else.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = navigator.storage as StorageManager | undefined
  return (await storage?.persist?.().catch(() => false)) ?? false
}

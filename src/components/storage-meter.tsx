import type { StorageStatus } from '../db/storage'

/** Bytes in the unit a person reads easily. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}

/** Storage used and available for this origin, and whether the browser keeps it. */
export function StorageMeter({ status }: { status: StorageStatus | null }) {
  if (!status || status.usage === null || status.quota === null) return null
  return (
    <p className="storage" aria-label="Storage">
      Storage: {formatBytes(status.usage)} used of {formatBytes(status.quota)} available
      {status.persisted ? ' · kept by the browser' : ' · may be cleared under storage pressure'}
    </p>
  )
}

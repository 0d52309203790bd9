/**
 * What is known of an imported call's audio, as loaded for playing, against the SHA-256 recorded
 * at import. Sample calls ship with the app and are `not-checked`.
 */
export type AudioIntegrity =
  | { readonly status: 'not-checked' }
  | { readonly status: 'checking' }
  | { readonly status: 'verified'; readonly sha256: string }
  | { readonly status: 'mismatch'; readonly expected: string; readonly actual: string }
  | { readonly status: 'unavailable'; readonly reason: string }

/** Compares a freshly computed SHA-256 with the one recorded at import (hex, any case). */
export function compareAudioHash(expected: string, actual: string): AudioIntegrity {
  const recorded = expected.trim().toLowerCase()
  const computed = actual.trim().toLowerCase()
  return recorded === computed
    ? { status: 'verified', sha256: computed }
    : { status: 'mismatch', expected: recorded, actual: computed }
}

/** The short form of a hash shown beside citations: its first 12 hex digits. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12)
}

/**
 * An imported call's id: the first 16 hex digits of its audio's SHA-256, so that the same file gets
 * the same id (and the same links) on any machine that imports it.
 */
export function callIdFor(audioSha256: string): string {
  return audioSha256.toLowerCase().slice(0, 16)
}

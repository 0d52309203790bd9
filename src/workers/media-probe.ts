/**
 * What a media element makes of an audio Blob: its length when the browser can open it, or why it
 * cannot. `unknown` where there is no media element to ask (unit tests).
 */
export type MediaProbe =
  | { readonly kind: 'playable'; readonly duration: number }
  | { readonly kind: 'unplayable'; readonly reason: string }
  | { readonly kind: 'unknown' }

/** Options of {@link probeMedia}. */
export interface ProbeOptions {
  readonly signal?: AbortSignal | undefined
  /** How long the browser may take to read the headers before the file counts as unplayable. */
  readonly timeoutMs?: number | undefined
}

const defaultTimeoutMs = 15_000

/**
 * Opens an audio Blob the way the player will, in a detached media element that reads only its
 * headers (one metadata read, no decoding), and reports its length. A file the browser cannot open
 * (an error event, or no finite length greater than 0 even after seeking to the end, as a WebM
 * from MediaRecorder needs) is `unplayable`, with the reason as a clause ("this browser cannot
 * open it as audio (…)") that a sentence naming the file can end with. Rejects with the signal's
 * reason on abort.
 */
export function probeMedia(blob: Blob, options: ProbeOptions = {}): Promise<MediaProbe> {
  const { signal, timeoutMs = defaultTimeoutMs } = options
  if (typeof Audio === 'undefined' || typeof URL.createObjectURL !== 'function') {
    return Promise.resolve({ kind: 'unknown' })
  }
  signal?.throwIfAborted()
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(blob)
    const audio = new Audio()
    const listening = new AbortController()
    const listen = { signal: listening.signal }
    let sought = false
    const settle = (finish: () => void) => {
      clearTimeout(timer)
      listening.abort()
      // Dropping the source releases the media pipeline; the URL is useless after that.
      audio.removeAttribute('src')
      audio.load()
      URL.revokeObjectURL(url)
      finish()
    }
    const refuse = (reason: string) => settle(() => resolve({ kind: 'unplayable', reason }))
    const check = (event: Event) => {
      const { duration } = audio
      if (Number.isFinite(duration) && duration > 0) {
        settle(() => resolve({ kind: 'playable', duration }))
      } else if (duration === 0) {
        refuse('it holds no sound (its length is 0 seconds)')
      } else if (duration === Infinity && !sought) {
        // WebM from MediaRecorder declares no length: seeking past the end makes the browser
        // find it, and report it through durationchange.
        sought = true
        audio.currentTime = Number.MAX_SAFE_INTEGER
      } else if (Number.isNaN(duration) || event.type === 'seeked') {
        // After the seek to the end, a length still unknown stays unknown.
        refuse('this browser cannot read its length')
      }
    }
    const timer = setTimeout(
      () => refuse(`this browser could not open it within ${timeoutMs / 1000} seconds`),
      timeoutMs,
    )
    audio.addEventListener('loadedmetadata', check, listen)
    audio.addEventListener('durationchange', check, listen)
    audio.addEventListener('seeked', check, listen)
    audio.addEventListener('error', () => refuse(describeMediaError(audio.error)), listen)
    signal?.addEventListener('abort', () => settle(() => reject(signal.reason)), listen)
    audio.preload = 'metadata'
    audio.src = url
  })
}

/** The browser's reason, as a clause. */
function describeMediaError(error: MediaError | null): string {
  const detail = error?.message ? ` (${error.message})` : ''
  return `this browser cannot open it as audio${detail}`
}

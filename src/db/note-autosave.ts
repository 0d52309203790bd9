/** Options of `createAutosave`. */
export interface AutosaveOptions {
  /** Told of every failed save; the text stays pending and is retried on the next change or flush. */
  readonly onError?: (error: unknown, id: string) => void
}

/**
 * Saves what is typed into a note (its text and tags, `T`), without a write per keystroke. Each
 * change carries the whole edit, so the latest one is all that needs saving.
 */
export interface Autosave<T = string> {
  /** Records the latest edit of a note; it is saved once typing pauses for the delay. */
  change(id: string, value: T): void
  /** Saves every pending edit now (on blur, when the page is hidden, on `pagehide`). */
  flush(): Promise<void>
  /** The edit not yet saved for a note, if any (typed recently, or its save failed). */
  pending(id: string): T | undefined
  /** Stops the timers and saves what is pending; later changes are ignored. */
  dispose(): void
}

/**
 * Debounces note saves per note id. Saves of one note never overlap, so an older text can never
 * land after a newer one: the latest text wins. A failed save keeps its text pending rather than
 * dropping what the user typed; it is not retried on a timer, because the usual cause (a full
 * disk) would only fail again and again.
 */
export function createAutosave<T = string>(
  save: (id: string, value: T) => Promise<void>,
  delayMs = 400,
  { onError }: AutosaveOptions = {},
): Autosave<T> {
  const texts = new Map<string, T>()
  const timers = new Map<string, ReturnType<typeof setTimeout>>()
  const writing = new Map<string, Promise<void>>()
  let disposed = false

  function cancelTimer(id: string): void {
    const timer = timers.get(id)
    if (timer !== undefined) clearTimeout(timer)
    timers.delete(id)
  }

  async function saveOnce(id: string): Promise<void> {
    const text = texts.get(id)
    if (text === undefined) return
    texts.delete(id)
    try {
      await save(id, text)
    } catch (error) {
      // A newer text typed meanwhile supersedes this one; otherwise keep this one for a retry.
      if (!texts.has(id)) texts.set(id, text)
      onError?.(error, id)
    }
  }

  /** Saves the note's pending text after any save of it already under way. */
  function write(id: string): Promise<void> {
    cancelTimer(id)
    // saveOnce only rejects if onError throws; even then the next save of this note must run.
    const previous = (writing.get(id) ?? Promise.resolve()).catch(() => undefined)
    const next = previous.then(() => saveOnce(id))
    writing.set(id, next)
    const forget = () => {
      if (writing.get(id) === next) writing.delete(id)
    }
    next.then(forget, forget)
    return next
  }

  async function flush(): Promise<void> {
    const ids = new Set([...texts.keys(), ...writing.keys()])
    await Promise.all([...ids].map(write))
  }

  return {
    change(id, text) {
      if (disposed) return
      texts.set(id, text)
      cancelTimer(id)
      timers.set(
        id,
        setTimeout(() => void write(id), delayMs),
      )
    },
    flush,
    pending: (id) => texts.get(id),
    dispose() {
      if (disposed) return
      disposed = true
      void flush()
    },
  }
}

/** Settles a {@link runWorker} run; either ends the worker first. */
export interface WorkerSettle<Result> {
  readonly resolve: (result: Result | PromiseLike<Result>) => void
  readonly reject: (reason: unknown) => void
}

/** What {@link runWorker} does with the worker's messages and failure. */
export interface WorkerHandlers<Message, Result> {
  /** Aborting ends the worker and rejects with the signal's reason. */
  readonly signal: AbortSignal | undefined
  /** Called with each message; settles the run once the work is done (or has failed). */
  readonly onMessage: (message: Message, settle: WorkerSettle<Result>) => void
  /** The worker failed to load or run: what the run resolves with instead. */
  readonly onError: () => Result | PromiseLike<Result>
}

/**
 * Posts `request` to a started worker and resolves with what its messages say. The worker is
 * terminated, and the abort listener removed, when the run settles. The caller creates the
 * worker (`new Worker(new URL(…, import.meta.url))`), where the bundler can find it.
 */
export function runWorker<Message, Result>(
  worker: Worker,
  request: unknown,
  { signal, onMessage, onError }: WorkerHandlers<Message, Result>,
): Promise<Result> {
  return new Promise<Result>((resolve, reject) => {
    const finish = () => {
      worker.terminate()
      signal?.removeEventListener('abort', onAbort)
    }
    const onAbort = () => {
      finish()
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    const settle: WorkerSettle<Result> = {
      resolve: (result) => {
        finish()
        resolve(result)
      },
      reject: (reason) => {
        finish()
        reject(reason)
      },
    }
    worker.onmessage = (event: MessageEvent<Message>) => onMessage(event.data, settle)
    worker.onerror = (event) => {
      event.preventDefault()
      finish()
      resolve(onError())
    }
    worker.postMessage(request)
  })
}

import type { SearchDocument } from '../search/documents'
import type { SearchOptions, SearchResults } from '../search/index'
import {
  SearchService,
  type IndexStatus,
  type SearchReplies,
  type SearchRequest,
  type SearchResponse,
} from '../search/search-service'

/** The app's handle on the search index, which runs in a worker. */
export interface SearchClient {
  /**
   * Indexes documents (a call's segments, notes); resolves when they are searchable. They are
   * taken from `docs` a message at a time, with a task between two messages.
   */
  add(docs: Iterable<SearchDocument>): Promise<void>
  /** Forgets a call's segments and, unless `keepNotes`, its notes. */
  removeCall(callId: string, options?: { readonly keepNotes?: boolean }): Promise<void>
  /** Forgets one track's segments. */
  removeTrack(callId: string, trackId: string): Promise<void>
  /** Forgets a note. */
  removeNote(noteId: string): Promise<void>
  /** Empties the index. */
  clear(): Promise<void>
  /** Searches what is indexed now, even while indexing goes on. */
  search(query: string, options?: SearchOptions): Promise<SearchResults>
  /** Whether everything added so far is searchable. */
  status(): IndexStatus
  /** Calls `listener` on every status change; returns the unsubscriber. */
  onStatus(listener: (status: IndexStatus) => void): () => void
  /** Stops the worker; pending requests reject. */
  destroy(): void
}

/** Options of {@link createSearchClient}. */
export interface SearchClientOptions {
  /** Run the index in a worker (default: whenever `Worker` exists). */
  readonly worker?: boolean
}

/**
 * Documents per message to the worker. Posting a whole library at once would structured-clone
 * megabytes of text in one main-thread task; 1,000 segments clone in a couple of milliseconds.
 */
const DOCS_PER_MESSAGE = 1000

interface Transport {
  send(request: SearchRequest): void
  close(): void
}

type RequestOf<K extends keyof SearchReplies> = Extract<SearchRequest, { readonly type: K }>

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void }

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

function inThread(receive: (response: SearchResponse) => void): Transport {
  // Replies are delivered on a later microtask, as a worker's would be: callers see the same order.
  const service = new SearchService((response) => queueMicrotask(() => receive(response)))
  return { send: (request) => service.handle(request), close: () => undefined }
}

/**
 * A worker transport that falls back to in-thread if the worker cannot start (a blocked script, an
 * old browser): requests sent before the worker first speaks are kept and replayed in-thread.
 */
function inWorker(receive: (response: SearchResponse) => void): Transport {
  const worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' })
  let started = false
  let held: SearchRequest[] = []
  let fallback: Transport | null = null
  worker.onmessage = (event: MessageEvent<SearchResponse>) => {
    started = true
    held = []
    receive(event.data)
  }
  worker.onerror = (event) => {
    if (started) return
    event.preventDefault()
    worker.terminate()
    fallback = inThread(receive)
    for (const request of held) fallback.send(request)
    held = []
  }
  return {
    send(request) {
      if (fallback) {
        fallback.send(request)
        return
      }
      worker.postMessage(request)
      if (!started) held.push(request)
    },
    close() {
      worker.terminate()
      fallback?.close()
    },
  }
}

/** Starts the search index (in a worker where there is one) and returns its client. */
export function createSearchClient(options: SearchClientOptions = {}): SearchClient {
  const useWorker = options.worker ?? typeof Worker !== 'undefined'
  const pending = new Map<number, Pending>()
  const listeners = new Set<(status: IndexStatus) => void>()
  let nextId = 1
  let serviceStatus: IndexStatus = { state: 'ready', pending: 0, documents: 0 }
  /** Adds sent or about to be sent that have not been answered: indexing, whatever the worker said. */
  let addsInFlight = 0
  let reported: IndexStatus = serviceStatus
  let closed = false
  // Changes are posted strictly in order, even when an add is split over several messages.
  let posting: Promise<void> = Promise.resolve()

  const status = (): IndexStatus => ({
    ...serviceStatus,
    state: addsInFlight > 0 || serviceStatus.state === 'indexing' ? 'indexing' : 'ready',
  })
  const announce = () => {
    const now = status()
    if (
      now.state === reported.state &&
      now.pending === reported.pending &&
      now.documents === reported.documents
    ) {
      return
    }
    reported = now
    for (const listener of listeners) listener(now)
  }

  const receive = (response: SearchResponse) => {
    if (response.type === 'status') {
      serviceStatus = response.status
      announce()
      return
    }
    const waiter = pending.get(response.id)
    pending.delete(response.id)
    if (response.type === 'reply') waiter?.resolve(response.value)
    else waiter?.reject(new Error(`search index: ${response.message}`))
  }
  const transport = useWorker ? inWorker(receive) : inThread(receive)

  function send<K extends keyof SearchReplies>(
    build: (id: number) => RequestOf<K>,
  ): Promise<SearchReplies[K]> {
    if (closed) return Promise.reject(new Error('search index: stopped'))
    const id = nextId++
    return new Promise<SearchReplies[K]>((resolve, reject) => {
      pending.set(id, { resolve: (value) => resolve(value as SearchReplies[K]), reject })
      transport.send(build(id))
    })
  }
  function change<K extends keyof SearchReplies>(
    build: (id: number) => RequestOf<K>,
  ): Promise<SearchReplies[K]> {
    // The next change may be posted as soon as this one is; only the reply is awaited here.
    let reply: Promise<SearchReplies[K]> | undefined
    const posted = posting.then(() => {
      reply = send<K>(build)
    })
    posting = posted
    return posted.then(() => reply ?? Promise.reject(new Error('search index: not sent')))
  }

  return {
    async add(docs) {
      addsInFlight++
      announce()
      try {
        const chunks: Promise<null>[] = []
        const post = posting.then(async () => {
          let chunk: SearchDocument[] = []
          for (const doc of docs) {
            if (chunk.length === DOCS_PER_MESSAGE) {
              const full = chunk
              chunks.push(send((id) => ({ id, type: 'add', docs: full })))
              chunk = []
              // Let the page breathe between two messages: making and cloning them is main-thread work.
              if (useWorker) await nextTask()
            }
            chunk.push(doc)
          }
          const last = chunk
          if (last.length > 0) chunks.push(send((id) => ({ id, type: 'add', docs: last })))
        })
        posting = post.catch(() => undefined)
        await post
        await Promise.all(chunks)
      } finally {
        addsInFlight--
        announce()
      }
    },
    async removeCall(callId, options = {}) {
      await change((id) => ({
        id,
        type: 'removeCall',
        callId,
        ...(options.keepNotes === undefined ? {} : { keepNotes: options.keepNotes }),
      }))
    },
    async removeTrack(callId, trackId) {
      await change((id) => ({ id, type: 'removeTrack', callId, trackId }))
    },
    async removeNote(noteId) {
      await change((id) => ({ id, type: 'removeNote', noteId }))
    },
    async clear() {
      await change((id) => ({ id, type: 'clear' }))
    },
    search(query, searchOptions = {}) {
      return send((id) => ({ id, type: 'search', query, options: searchOptions }))
    },
    status,
    onStatus(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    destroy() {
      closed = true
      transport.close()
      for (const waiter of pending.values()) waiter.reject(new Error('search index: stopped'))
      pending.clear()
      listeners.clear()
    },
  }
}

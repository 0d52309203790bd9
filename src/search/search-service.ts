import type { SearchDocument } from './documents'
import { SearchIndex, type SearchOptions, type SearchResults } from './index'

/**
 * The search index behind a message protocol, as run by the search worker (or in-thread where
 * workers do not exist). Changes are queued and applied in order; adding documents is done in
 * slices of a few milliseconds, yielding between them, so that a search posted while a large
 * library is being indexed is answered at once, from what is indexed so far.
 */

/** What a client can ask; `id` pairs each request with its reply. */
export type SearchRequest =
  | { readonly id: number; readonly type: 'add'; readonly docs: readonly SearchDocument[] }
  | {
      readonly id: number
      readonly type: 'removeCall'
      readonly callId: string
      readonly keepNotes?: boolean
    }
  | {
      readonly id: number
      readonly type: 'removeTrack'
      readonly callId: string
      readonly trackId: string
    }
  | { readonly id: number; readonly type: 'removeNote'; readonly noteId: string }
  | { readonly id: number; readonly type: 'clear' }
  | {
      readonly id: number
      readonly type: 'search'
      readonly query: string
      readonly options?: SearchOptions
    }

/** The value each request type resolves with. */
export interface SearchReplies {
  readonly add: null
  readonly removeCall: null
  readonly removeTrack: null
  readonly removeNote: null
  readonly clear: null
  readonly search: SearchResults
}

/** Whether the index is complete. */
export interface IndexStatus {
  readonly state: 'indexing' | 'ready'
  /** Documents waiting to be indexed. */
  readonly pending: number
  /** Documents searchable now. */
  readonly documents: number
}

/** What the service posts back. */
export type SearchResponse =
  | {
      readonly type: 'reply'
      readonly id: number
      readonly value: SearchReplies[keyof SearchReplies]
    }
  | { readonly type: 'error'; readonly id: number; readonly message: string }
  | { readonly type: 'status'; readonly status: IndexStatus }

/** Options of {@link SearchService}. */
export interface SearchServiceOptions {
  /** Longest stretch of indexing between two yields, in ms; search latency while indexing. */
  readonly sliceMs?: number
  /** Lets queued events run (a worker passes a MessageChannel round trip; default a timeout). */
  readonly yieldToEvents?: () => Promise<void>
  /** A clock in ms (injectable for tests). */
  readonly now?: () => number
}

type Change = Exclude<SearchRequest, { type: 'search' }>

const DEFAULT_SLICE_MS = 8
/** Documents indexed between two looks at the clock. */
const BATCH = 64

const defaultYield = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** The index and its queue of changes; see the module comment. */
export class SearchService {
  // The service merges in steps itself, between slices, rather than in one long call.
  private index = new SearchIndex({ mergeOnChange: false })
  private readonly queue: Change[] = []
  private pending = 0
  private running = false
  private sliceStart = 0
  private readonly sliceMs: number
  private readonly yieldToEvents: () => Promise<void>
  private readonly now: () => number

  constructor(
    private readonly post: (response: SearchResponse) => void,
    options: SearchServiceOptions = {},
  ) {
    this.sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS
    this.yieldToEvents = options.yieldToEvents ?? defaultYield
    this.now = options.now ?? (() => performance.now())
  }

  /** The current status (also posted whenever it changes). */
  status(): IndexStatus {
    return {
      state:
        this.pending > 0 || this.queue.some((change) => change.type === 'add')
          ? 'indexing'
          : 'ready',
      pending: this.pending,
      documents: this.index.size,
    }
  }

  /** Handles one request: a search at once, anything else after the changes before it. */
  handle(request: SearchRequest): void {
    if (request.type === 'search') {
      this.reply(request.id, () => this.index.search(request.query, request.options ?? {}))
      return
    }
    if (request.type === 'add') this.pending += request.docs.length
    this.queue.push(request)
    if (!this.running) void this.run()
  }

  private reply(id: number, compute: () => SearchReplies[keyof SearchReplies]): void {
    try {
      this.post({ type: 'reply', id, value: compute() })
    } catch (error) {
      this.post({
        type: 'error',
        id,
        message: error instanceof Error ? error.message : String(error),
      })
    }
  }

  private async run(): Promise<void> {
    this.running = true
    this.sliceStart = this.now()
    this.post({ type: 'status', status: this.status() })
    for (;;) {
      const change = this.queue.shift()
      if (change) {
        if (change.type === 'add') await this.addInSlices(change)
        else this.apply(change)
        if (this.index.wantsMerge) await this.drive(this.index.optimizeSteps())
        continue
      }
      this.post({ type: 'status', status: this.status() })
      // Idle: fold what was added into the compact form, so memory and searches are lean. A change
      // that arrives meanwhile waits in the queue, so the merge is never abandoned.
      await this.drive(this.index.optimizeSteps())
      if (this.queue.length === 0) break
    }
    this.running = false
  }

  /** Lets queued messages (searches) in once the current slice has run long enough. */
  private async pause(): Promise<void> {
    if (this.now() - this.sliceStart < this.sliceMs) return
    await this.yieldToEvents()
    this.sliceStart = this.now()
  }

  private async drive(steps: Generator<void, void, void>): Promise<void> {
    while (steps.next().done !== true) await this.pause()
  }

  private async addInSlices(change: Extract<Change, { type: 'add' }>): Promise<void> {
    const { docs } = change
    let done = 0
    try {
      for (let from = 0; from < docs.length; from += BATCH) {
        const batch = docs.slice(from, from + BATCH)
        this.index.add(batch)
        this.pending -= batch.length
        done += batch.length
        if (this.index.wantsMerge) await this.drive(this.index.optimizeSteps())
        if (from + BATCH < docs.length && this.now() - this.sliceStart >= this.sliceMs) {
          this.post({ type: 'status', status: this.status() })
          await this.pause()
        }
      }
      this.post({ type: 'reply', id: change.id, value: null })
    } catch (error) {
      this.pending = Math.max(0, this.pending - (docs.length - done))
      this.post({
        type: 'error',
        id: change.id,
        message: error instanceof Error ? error.message : String(error),
      })
    }
  }

  private apply(change: Exclude<Change, { type: 'add' }>): void {
    this.reply(change.id, () => {
      switch (change.type) {
        case 'removeCall':
          this.index.removeCall(
            change.callId,
            change.keepNotes === undefined ? {} : { keepNotes: change.keepNotes },
          )
          return null
        case 'removeTrack':
          this.index.removeTrack(change.callId, change.trackId)
          return null
        case 'removeNote':
          this.index.removeNote(change.noteId)
          return null
        case 'clear':
          this.index = new SearchIndex({ mergeOnChange: false })
          return null
      }
    })
  }
}

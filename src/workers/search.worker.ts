/// <reference lib="webworker" />
import { SearchService, type SearchRequest, type SearchResponse } from '../search/search-service'

/**
 * The search index, off the main thread. It lives as long as the app: the client creates one worker
 * and sends it every change to the library and every query.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope
const post = (message: SearchResponse): void => scope.postMessage(message)

// A MessageChannel round trip yields to queued messages without the 4 ms clamp of nested timeouts,
// so a slice of indexing costs little more than its own work.
const channel = new MessageChannel()
const waiting: (() => void)[] = []
channel.port1.onmessage = () => waiting.shift()?.()
const yieldToEvents = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve)
    channel.port2.postMessage(null)
  })

const service = new SearchService(post, { yieldToEvents })

scope.onmessage = (event: MessageEvent<SearchRequest>) => service.handle(event.data)

// Tells the client the worker started, so it stops holding requests for an in-thread fallback.
post({ type: 'status', status: service.status() })

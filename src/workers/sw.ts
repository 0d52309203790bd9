/// <reference lib="webworker" />
import { CacheableResponsePlugin } from 'workbox-cacheable-response'
import { clientsClaim, type WorkboxPlugin } from 'workbox-core'
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching'
import { RangeRequestsPlugin } from 'workbox-range-requests'
import { registerRoute } from 'workbox-routing'
import { CacheFirst } from 'workbox-strategies'

/**
 * The service worker: the app shell and sample data are precached; sample audio is cached apart
 * from them, at install, and served with range support so it seeks offline. (A precached file
 * answers a range request with a full 200, which leaves media unseekable.)
 */
declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[]
}

const AUDIO_CACHE = 'verbatim-sample-audio-v1'

precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()
self.skipWaiting()
clientsClaim()

interface LibraryManifest {
  calls?: { audio?: { url?: string } }[]
}

async function cacheSampleAudio(): Promise<void> {
  const response = await fetch(new URL('samples/library.json', self.registration.scope))
  if (!response.ok) return
  const library = (await response.json()) as LibraryManifest
  const urls = (library.calls ?? []).flatMap((call) =>
    call.audio?.url ? [new URL(call.audio.url, self.registration.scope).href] : [],
  )
  const cache = await caches.open(AUDIO_CACHE)
  const missing = []
  for (const url of urls) if (!(await cache.match(url))) missing.push(url)
  await cache.addAll(missing)
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheSampleAudio())
})

registerRoute(
  ({ request, url }) =>
    url.origin === self.location.origin &&
    (request.destination === 'audio' ||
      /\/samples\/.+\.(mp3|ogg|opus|m4a|wav|flac|webm)$/.test(url.pathname)),
  new CacheFirst({
    cacheName: AUDIO_CACHE,
    // The plugin classes declare optional callbacks as `| undefined`, which
    // exactOptionalPropertyTypes rejects; they are the documented plugins.
    plugins: [
      new CacheableResponsePlugin({ statuses: [200] }) as WorkboxPlugin,
      new RangeRequestsPlugin() as WorkboxPlugin,
    ],
  }),
)

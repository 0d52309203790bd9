/// <reference lib="webworker" />
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching'
import { createPartialResponse } from 'workbox-range-requests'
import { registerRoute } from 'workbox-routing'

/**
 * The service worker: the app shell and sample data are precached; sample audio is cached apart
 * from them, at install, and served with range support so it seeks offline. (A precached file
 * answers a range request with a full 200, which leaves media unseekable.)
 *
 * It never claims a page that is already open (no `clients.claim()`): it controls the pages
 * loaded after it is installed. A page keeps what served it for its whole life, because Chromium's
 * media loader checks that every response for one audio URL comes from the origin of the first
 * one, and a range answered from the cache is a response made here, with no URL. On a first
 * visit the page had fetched the audio from the network; once claimed, its next range request
 * (`bytes=65536-`, past the first 64 KiB block) was answered from the cache and playback stopped
 * with `PIPELINE_ERROR_READ: data source error`. Pages opened after install get every range from
 * the cache, and those agree with each other. Updates still take over at once (skipWaiting):
 * the old worker's pages were served from the same cache.
 */
declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[]
}

const AUDIO_CACHE = 'verbatim-sample-audio-v1'

precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()
self.skipWaiting()

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

/**
 * Sample audio, always answered from the cache with responses made here (a range as a 206 slice),
 * never with a network response passed through: one page must not get both kinds for one URL
 * (see above). Audio missing from the cache is fetched whole into it first.
 */
async function answerFromAudioCache(request: Request): Promise<Response> {
  const cache = await caches.open(AUDIO_CACHE)
  let cached = await cache.match(request.url)
  if (!cached) {
    await cache.add(request.url)
    cached = await cache.match(request.url)
  }
  if (!cached) return Response.error()
  if (request.headers.has('range')) return createPartialResponse(request, cached)
  return new Response(await cached.blob(), { status: 200, headers: cached.headers })
}

registerRoute(
  ({ request, url }) =>
    url.origin === self.location.origin &&
    (request.destination === 'audio' ||
      /\/samples\/.+\.(mp3|ogg|opus|m4a|wav|flac|webm)$/.test(url.pathname)),
  ({ request }) => answerFromAudioCache(request),
)

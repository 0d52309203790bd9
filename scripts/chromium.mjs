// How everything here launches Debian's Chromium: the browser tests (tests/e2e/browser.ts), the
// benchmarks and the icon renderer. Flags that work on these machines: see shared/stack-notes.md.

/** The browser; CHROMIUM_PATH overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** No sandbox (containers), no GPU, no traffic of the browser's own, audio allowed to start. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
]

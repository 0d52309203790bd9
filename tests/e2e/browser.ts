/** How the browser tests launch Debian's Chromium; shared by the config and the tests that launch their own. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

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

export const port = Number(process.env.VERBATIM_PORT ?? 4173)
export const baseURL = `http://localhost:${port}/`

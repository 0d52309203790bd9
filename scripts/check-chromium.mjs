#!/usr/bin/env node
// Fails the browser tests early, with instructions, when Chromium is not installed. They must
// never skip silently: a green run without a browser would prove nothing.
import { accessSync, constants } from 'node:fs'

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
try {
  accessSync(path, constants.X_OK)
} catch {
  console.error(
    `Browser tests need Chromium, and none was found at ${path}.\n` +
      "Install Debian's build:  sudo apt-get update && sudo apt-get install -y chromium\n" +
      "or point CHROMIUM_PATH at another Chromium binary. (Playwright's own browser download\n" +
      'is not used: this project drives the system Chromium.)',
  )
  process.exit(1)
}

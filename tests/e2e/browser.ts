import { chromium } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs'

/** How the browser tests launch Debian's Chromium (the same flags as the benchmarks). */
export { chromiumArgs, chromiumPath }

export const port = Number(process.env.VERBATIM_PORT ?? 4173)
export const baseURL = `http://localhost:${port}/`

/**
 * A browser profile of its own in a temporary folder, for tests that close the browser and start
 * it again: `launch` starts Chromium on it (as often as needed), `cleanup` deletes it.
 */
export function launchProfile(baseURL: string | undefined, prefix = 'verbatim-profile-') {
  const profile = mkdtempSync(join(tmpdir(), prefix))
  return {
    launch: () =>
      chromium.launchPersistentContext(profile, {
        executablePath: chromiumPath,
        args: chromiumArgs,
        baseURL: baseURL ?? '',
      }),
    cleanup: () => rmSync(profile, { recursive: true, force: true }),
  }
}

import { defineConfig } from '@playwright/test'
import { baseURL, chromiumArgs, chromiumPath, port } from './tests/e2e/browser'

/** Browser tests run against the production build (`vite build`), served by `vite preview`. */
export default defineConfig({
  // `npm run test:e2e` runs the app's own tests; `npm run test:corpus` the ones over the shared
  // corpus beside the repository (real recordings and transcripts of other projects);
  // `npm run test:budgets` the main-thread budgets, alone (see tests/budgets/).
  projects: [
    { name: 'app', testDir: 'tests/e2e' },
    { name: 'corpus', testDir: 'tests/corpus/e2e' },
    // No trace: recording one snapshots the page's DOM in the page's own main thread, in tasks
    // the budget would count.
    { name: 'budgets', testDir: 'tests/budgets', timeout: 120_000, use: { trace: 'off' } },
  ],
  outputDir: 'test-results/e2e',
  timeout: 45_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node_modules/.bin/vite preview --port ${port} --strictPort`,
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
})

/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { VitePWA } from 'vite-plugin-pwa'
import { readFileSync } from 'node:fs'

const { version } = JSON.parse(
  readFileSync(new URL('./package.json', import.meta.url), 'utf8'),
) as {
  version: string
}

/**
 * The Content-Security-Policy of the built app: nothing may be loaded from or sent to another
 * origin, and no inline script or eval runs. Styles allow 'unsafe-inline' because wavesurfer.js
 * puts a <style> element inside its shadow root. Only added to the build: the dev server needs
 * an inline script for React Refresh.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

/**
 * The headers a server should send with every file of the build (`npm start` does; docs/deploy.md
 * gives them for static hosts). The policy is the meta tag's plus `frame-ancestors 'none'`, which
 * browsers ignore in a meta tag: only a header can stop another site framing the app.
 */
export const securityHeaders = {
  'Content-Security-Policy': `${contentSecurityPolicy}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const

/**
 * The policy and the referrer policy as meta tags in the built index.html, for static hosts that
 * send no headers: all of the policy but `frame-ancestors` (and `nosniff`) still takes effect.
 */
function cspMeta(): Plugin {
  return {
    name: 'verbatim-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy },
        injectTo: 'head-prepend',
      },
      {
        tag: 'meta',
        attrs: { name: 'referrer', content: securityHeaders['Referrer-Policy'] },
        injectTo: 'head-prepend',
      },
    ],
  }
}

export default defineConfig({
  base: './',
  // Written into backups, so that a backup says which Verbatim made it.
  define: { __APP_VERSION__: JSON.stringify(version) },
  plugins: [
    react(),
    cspMeta(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/workers',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: {
        name: 'Verbatim — evidence player',
        short_name: 'Verbatim',
        description:
          'Offline evidence player for recorded calls with time-aligned, bilingual transcripts.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f7f7f5',
        theme_color: '#1f4e79',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      injectManifest: {
        // Audio is deliberately absent: a precached file answers range requests with a full 200,
        // which makes media unseekable. The service worker caches audio itself, with range support.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,json,webmanifest}'],
      },
    }),
  ],
  preview: { port: 4173, strictPort: true, headers: securityHeaders },
  test: {
    environment: 'jsdom',
    setupFiles: ['tests/helpers/setup.ts'],
    restoreMocks: true,
    // Fuzz and property tests do real work; a loaded 2-core CI machine needs the headroom.
    testTimeout: 20_000,
    projects: [
      // `npm test`: everything the repository holds, and nothing outside it.
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/component/**/*.test.{ts,tsx}'],
        },
      },
      // `npm run test:corpus`: conformance runs over the shared corpus beside the repository.
      {
        extends: true,
        test: {
          name: 'corpus',
          include: ['tests/corpus/unit/**/*.test.{ts,tsx}'],
          globalSetup: ['tests/corpus/global-setup.ts'],
        },
      },
    ],
  },
})

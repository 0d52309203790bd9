import { expect, test, type APIResponse } from '@playwright/test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { baseURL } from './browser'
import { serveFolder } from './static-server'

/** The headers `npm start` must send with every file (docs/deploy.md gives them for other hosts). */
function expectSecurityHeaders(response: APIResponse) {
  expect(response.status()).toBe(200)
  const headers = response.headers()
  expect(headers['content-security-policy']).toMatch(/; frame-ancestors 'none'$/)
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['referrer-policy']).toBe('no-referrer')
}

test('the preview server sends the policy, nosniff and no-referrer with the page and its script', async ({
  page,
  request,
}) => {
  const html = await request.get('./')
  expectSecurityHeaders(html)
  const script = /<script type="module"[^>]* src="\.\/(assets\/[^"]+\.js)"/.exec(await html.text())
  expect(script, 'index.html loads a module script').not.toBeNull()
  const asset = await request.get(`./${script?.[1]}`)
  expectSecurityHeaders(asset)
  expect(asset.headers()['content-type']).toMatch(/javascript/)

  // The header is the meta tag's policy (which static hosts without headers still get) plus
  // frame-ancestors, which only a header can carry.
  await page.goto('./')
  const meta = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content')
  expect(html.headers()['content-security-policy']).toBe(`${meta}; frame-ancestors 'none'`)
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'no-referrer')
})

test('a page of another origin cannot frame the app served with the header', async ({ page }) => {
  // The same build without the header (a plain static server), as a control: the meta tag alone
  // cannot stop framing, so that frame shows the app and proves the page could frame it at all.
  const unprotected = await serveFolder('dist')
  const folder = mkdtempSync(join(tmpdir(), 'verbatim-framer-'))
  writeFileSync(
    join(folder, 'index.html'),
    '<!doctype html><title>Another site</title>' +
      `<iframe name="protected" src="${baseURL}" width="800" height="600"></iframe>` +
      `<iframe name="unprotected" src="${unprotected.url}" width="800" height="600"></iframe>`,
  )
  const framer = await serveFolder(folder)
  try {
    expect(new URL(framer.url).origin).not.toBe(new URL(baseURL).origin)
    const refusals: string[] = []
    page.on('console', (message) => {
      if (message.text().includes('frame-ancestors')) refusals.push(message.text())
    })
    await page.goto(framer.url)

    const control = page.frameLocator('iframe[name="unprotected"]')
    await expect(
      control.getByRole('navigation', { name: 'Library' }).getByRole('link'),
    ).toHaveCount(3)
    await expect.poll(() => refusals.join('\n')).toContain(baseURL.replace(/\/$/, ''))
    // Chromium replaces a refused frame's document with its error page.
    await expect.poll(() => page.frame({ name: 'protected' })?.url()).toMatch(/^chrome-error:/)
    await expect(
      page.frameLocator('iframe[name="protected"]').getByRole('navigation', { name: 'Library' }),
    ).toHaveCount(0)
  } finally {
    await framer.close()
    await unprotected.close()
    rmSync(folder, { recursive: true, force: true })
  }
})

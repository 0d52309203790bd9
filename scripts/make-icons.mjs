#!/usr/bin/env node
// Renders public/icons/icon.svg to the PNG icons and favicon.ico the PWA manifest and browsers
// ask for. Needs playwright-core (a dev dependency) and Debian's chromium. Outputs are committed.
// Usage: node scripts/make-icons.mjs
import { readFileSync, writeFileSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { chromiumArgs, chromiumPath } from './chromium.mjs'
import { requireTools } from './require-tools.mjs'

requireTools({ chromium: true })

const svg = readFileSync('public/icons/icon.svg', 'utf8')
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: chromiumArgs,
})
const page = await browser.newPage()

async function render(size) {
  await page.setViewportSize({ width: size, height: size })
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
  )
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
}

for (const size of [192, 512]) writeFileSync(`public/icons/icon-${size}.png`, await render(size))

// An ICO file holding one 32×32 PNG: a 6-byte header, one 16-byte directory entry, the image.
const png = await render(32)
const header = Buffer.alloc(22)
header.writeUInt16LE(0, 0)
header.writeUInt16LE(1, 2)
header.writeUInt16LE(1, 4)
header.writeUInt8(32, 6)
header.writeUInt8(32, 7)
header.writeUInt16LE(1, 10)
header.writeUInt16LE(32, 12)
header.writeUInt32LE(png.length, 14)
header.writeUInt32LE(22, 18)
writeFileSync('public/favicon.ico', Buffer.concat([header, png]))
await browser.close()
console.log('wrote public/icons/icon-192.png, icon-512.png, public/favicon.ico')

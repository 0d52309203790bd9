// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, securityHeaders } from '../../../vite.config'
import { codeBlocks, readRepoFile } from './markdown'

const deploy = readRepoFile('docs/deploy.md')

/** One configuration block of docs/deploy.md, and how to read its header lines. */
const configurations = [
  { name: 'nginx', language: 'nginx', line: /^\s*add_header ([\w-]+) "(.*)" always;$/ },
  { name: 'Caddy', language: 'caddy', line: /^\t\t([\w-]+) "(.*)"$/ },
  { name: '_headers', language: 'text', line: /^ {2}([\w-]+): (.*)$/ },
]

/** The headers a configuration sets, by name. */
function headersIn(config: string, line: RegExp): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const text of config.split('\n')) {
    const match = line.exec(text)
    if (match?.[1] && match[2] !== undefined) headers[match[1]] = match[2]
  }
  return headers
}

describe('docs/deploy.md', () => {
  it.each(configurations)(
    'the $name configuration sends exactly the headers of npm start',
    ({ language, line }) => {
      const blocks = codeBlocks(deploy, language)
      expect(blocks).toHaveLength(1)
      expect(headersIn(blocks[0] ?? '', line)).toEqual(securityHeaders)
    },
  )

  it("sends the build's meta-tag policy with frame-ancestors 'none' added", () => {
    expect(securityHeaders['Content-Security-Policy']).toBe(
      `${contentSecurityPolicy}; frame-ancestors 'none'`,
    )
    expect(contentSecurityPolicy).not.toContain('frame-ancestors')
  })
})

import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** A file of the repository (tests run from its root), as text. */
export function readRepoFile(path: string): string {
  return readFileSync(resolve(path), 'utf8')
}

/** The text under a `## heading` of a Markdown document, up to the next heading of that level. */
export function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`)
  if (start < 0) throw new Error(`no "## ${heading}" section`)
  const body = markdown.slice(start + heading.length + 5)
  const end = body.search(/^## /m)
  return end < 0 ? body : body.slice(0, end)
}

/** The body rows of the first table in `markdown`, each as its trimmed cells. */
export function tableRows(markdown: string): string[][] {
  const lines = markdown.split('\n').filter((line) => line.startsWith('|'))
  return lines
    .slice(2) // the header and the |---| line
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    )
}

/** The contents of every fenced code block in `markdown` whose info string is `language`. */
export function codeBlocks(markdown: string, language: string): string[] {
  const fence = new RegExp('^```' + language + '\\n([\\s\\S]*?)^```$', 'gm')
  return [...markdown.matchAll(fence)].map((match) => match[1] ?? '')
}

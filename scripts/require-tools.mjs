// The one check every script that needs system tools makes before it starts: a missing tool is
// reported in one line, with the command that installs it, and the script exits 1 — no stack
// trace from deep inside a child process.
import { accessSync, constants } from 'node:fs'
import { basename, delimiter, join } from 'node:path'
import { chromiumPath } from './chromium.mjs'

/** Whether `command` is an executable file in a folder of PATH (no shell is asked). */
export function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((folder) => {
    if (!folder) return false
    try {
      accessSync(join(folder, command), constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** How the user started this script: `npm run sample`, or `node scripts/x.mjs`. */
function scriptName() {
  const event = process.env.npm_lifecycle_event
  return event ? `npm run ${event}` : `node scripts/${basename(process.argv[1] ?? 'script')}`
}

/**
 * Exits with one line naming what is missing and the apt-get command that installs it, unless
 * every tool is there. `commands` are names looked up on PATH; an array among them is a choice
 * (["sox", "ffmpeg"]: either will do). `chromium` asks for the browser at CHROMIUM_PATH or
 * /usr/bin/chromium. `packages` are the Debian packages that provide the commands.
 */
export function requireTools({ commands = [], chromium = false, packages = [] }) {
  const missing = commands
    .filter((command) => ![command].flat().some(onPath))
    .map((command) => [command].flat().join(' or '))
  if (chromium && !isExecutable(chromiumPath)) missing.unshift(`Chromium (${chromiumPath})`)
  if (missing.length === 0) return
  const install = [...(chromium ? ['chromium'] : []), ...packages].join(' ')
  console.error(
    `${scriptName()} needs ${missing.join(', ')}, not found: ` +
      `sudo apt-get install -y ${install}` +
      (chromium ? ' (or set CHROMIUM_PATH to a Chromium binary)' : ''),
  )
  process.exit(1)
}

import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { VerbatimDatabase } from '../../../src/db/database'
import { createNoteDrafts } from '../../../src/db/note-drafts'
import { BLANK_NOTE } from '../../helpers/notes'
import { createNoteSync, type NoteSync, type Resolution } from '../../../src/db/note-sync'
import {
  createNotesRepository,
  type NotesRepository,
  type NoteVersion,
} from '../../../src/db/notes-repository'

// Two tabs editing one note, as two Dexie connections to one (fake) IndexedDB, each with its own
// note sync (debounce, compare-and-set saves, conflicts) and its own journal. fast-check draws the
// order of events: typing, tagging, saves starting, live-query reads being taken and delivered
// late (or at once), deletes, undos, restores, conflict resolutions, editors left, and reloads
// that cut a tab off without saving (its journal is recovered as the app does at start-up). Saves, reads and deletes
// run concurrently until a `settle` step waits for them, so their transactions interleave.

type Who = 'A' | 'B'

type Step =
  | {
      readonly kind:
        | 'type'
        | 'tag'
        | 'save'
        | 'read'
        | 'deliver'
        | 'live'
        | 'delete'
        | 'undo'
        | 'restore'
        | 'leave'
        | 'open'
        | 'reload'
      readonly who: Who
    }
  | { readonly kind: 'resolve'; readonly who: Who; readonly choice: Resolution }
  | { readonly kind: 'settle' }

const who = fc.constantFrom<Who>('A', 'B')
const simple = (...kinds: Array<Exclude<Step, { kind: 'resolve' | 'settle' }>['kind']>) =>
  fc.record({ kind: fc.constantFrom(...kinds), who })

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: simple('type'), weight: 8 },
  { arbitrary: simple('tag'), weight: 4 },
  { arbitrary: simple('save'), weight: 4 },
  { arbitrary: simple('read'), weight: 3 },
  { arbitrary: simple('deliver'), weight: 3 },
  { arbitrary: simple('live'), weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant('resolve' as const),
      who,
      choice: fc.constantFrom<Resolution>('mine', 'theirs', 'both'),
    }),
    weight: 5,
  },
  { arbitrary: simple('delete', 'restore'), weight: 2 },
  { arbitrary: simple('undo', 'leave', 'open'), weight: 2 },
  { arbitrary: simple('reload'), weight: 1 },
  { arbitrary: fc.constant({ kind: 'settle' as const }), weight: 2 },
)

interface Tab {
  readonly db: VerbatimDatabase
  readonly repo: NotesRepository
  sync: NoteSync
  isOpen: boolean
  /** Live-query answers read but not yet delivered, oldest first. */
  readonly queue: Array<NoteVersion | null>
  /** This tab deleted the note and still offers its undo. */
  mayUndo: boolean
}

const words = (text: string) => text.split(/\s+/).filter(Boolean)

let run = 0
const opened: VerbatimDatabase[] = []

afterEach(async () => {
  for (const db of opened.splice(0)) db.close()
  await Promise.all(
    Array.from({ length: run }, (_, i) => Dexie.delete(`note-sync-property-${i + 1}`)),
  )
  localStorage.clear()
})

/** Plays one drawn order of events; throws if a typed word went missing. */
async function play(steps: readonly Step[]): Promise<void> {
  const name = `note-sync-property-${++run}`
  const open = (label: Who): Tab => {
    const db = new VerbatimDatabase(name)
    opened.push(db)
    const repo = createNotesRepository(db)
    return {
      db,
      repo,
      // The debounce never fires by itself here: saves start at `save` steps (and on resolve,
      // restore and close, as in the app).
      sync: createNoteSync(repo, { delayMs: 3_600_000, drafts: createNoteDrafts(label) }),
      isOpen: false,
      queue: [],
      mayUndo: false,
    }
  }
  const tabs: Record<Who, Tab> = { A: open('A'), B: open('B') }
  const note = await tabs.A.repo.create(BLANK_NOTE)
  const id = note.id
  for (const tab of Object.values(tabs)) {
    tab.sync.open(note)
    tab.isOpen = true
  }

  const typed = new Set<string>()
  /** Words the user threw away on purpose ("Keep mine" drops theirs, "Keep theirs" mine). */
  const dropped = new Set<string>()
  let inFlight: Array<Promise<unknown>> = []
  let counter = 0
  const log: string[] = []

  const settle = async () => {
    while (inFlight.length > 0) {
      const running = inFlight
      inFlight = []
      await Promise.all(running)
    }
  }

  /** Every word typed and not thrown away is in IndexedDB, or on screen in an editor. */
  const expectNothingLost = async (when: string) => {
    const row = await tabs.A.db.notes.get(id)
    const seen = new Set<string>([...words(row?.text ?? ''), ...(row?.tags ?? [])])
    for (const tab of Object.values(tabs)) {
      const session = tab.sync.get(id)
      if (!session) continue
      for (const word of [
        ...words(session.mine.text),
        ...session.mine.tags,
        ...words(session.theirs.text ?? ''),
        ...(session.theirs.tags ?? []),
      ])
        seen.add(word)
    }
    const lost = [...typed].filter((word) => !dropped.has(word) && !seen.has(word))
    if (lost.length > 0)
      throw new Error(`${when}: lost ${lost.join(', ')}\nsteps:\n${log.join('\n')}`)
  }

  for (const s of steps) {
    if (s.kind === 'settle') {
      log.push('settle')
      await settle()
      await expectNothingLost('after settle')
      continue
    }
    const tab = tabs[s.who]
    const session = tab.sync.get(id)
    log.push(`${s.who} ${s.kind}${s.kind === 'resolve' ? ` ${s.choice}` : ''}`)
    switch (s.kind) {
      case 'type': {
        if (!tab.isOpen || !session) break
        const word = `${s.who}${++counter}`
        typed.add(word)
        const text = session.mine.text
        tab.sync.edit(id, { text: text === '' ? word : `${text} ${word}` })
        break
      }
      case 'tag': {
        if (!tab.isOpen || !session) break
        const tag = `t${s.who}${++counter}`
        typed.add(tag)
        tab.sync.edit(id, { tags: [...session.mine.tags, tag] })
        break
      }
      case 'save':
        inFlight.push(tab.sync.flush())
        break
      case 'read':
        inFlight.push(tab.repo.read(id).then((version) => tab.queue.push(version ?? null)))
        break
      case 'deliver': {
        const version = tab.queue.shift()
        if (version !== undefined) tab.sync.receive(id, version)
        break
      }
      case 'live':
        // A live query that answers at once, whatever is still running.
        tab.sync.receive(id, (await tab.repo.read(id)) ?? null)
        break
      case 'resolve': {
        if (!tab.isOpen || !session || Object.keys(session.theirs).length === 0) break
        const mine = new Set([...words(session.mine.text), ...session.mine.tags])
        const theirs = new Set([
          ...words(session.theirs.text ?? ''),
          ...(session.theirs.tags ?? []),
        ])
        if (s.choice === 'mine') for (const w of theirs) if (!mine.has(w)) dropped.add(w)
        if (s.choice === 'theirs') {
          // Only the fields in conflict take their value; the others stay mine.
          const given = new Set([
            ...(session.theirs.text !== undefined ? words(session.mine.text) : []),
            ...(session.theirs.tags !== undefined ? session.mine.tags : []),
          ])
          for (const w of given) if (!theirs.has(w)) dropped.add(w)
        }
        inFlight.push(tab.sync.resolve(id, s.choice))
        break
      }
      case 'delete':
        // As the notes panel does: close the editor (saving it), then delete, with an undo.
        if (!tab.isOpen) break
        tab.isOpen = false
        tab.mayUndo = true
        inFlight.push(tab.sync.close(id).then(() => tab.repo.remove(id)))
        break
      case 'undo':
        if (!tab.mayUndo) break
        tab.mayUndo = false
        inFlight.push(tab.repo.restore(id))
        break
      case 'restore':
        if (tab.isOpen && session && session.stored !== 'live') inFlight.push(tab.sync.restore(id))
        break
      case 'leave':
        // Esc: close the editor, then drop the note if it holds nothing (as the panel does).
        if (!tab.isOpen) break
        tab.isOpen = false
        inFlight.push(tab.sync.close(id).then(() => tab.repo.discardIfEmpty(id)))
        break
      case 'reload': {
        // The page goes away at once: no flush. Its saves already running may still land. The new
        // page recovers what the journal holds (without Web Locks, every tab's entries).
        tab.isOpen = false
        tab.mayUndo = false
        tab.queue.length = 0
        const label = `${s.who}${++counter}`
        tab.sync = createNoteSync(tab.repo, { delayMs: 3_600_000, drafts: createNoteDrafts(label) })
        await createNoteDrafts(label).recover(tab.repo)
        break
      }
      case 'open': {
        // A note can be opened from the list only while it is there (not deleted).
        if (tab.isOpen) break
        const version = await tab.repo.read(id)
        if (!version || version.deleted) break
        tab.sync.open(version.note)
        tab.sync.receive(id, version)
        tab.isOpen = true
        break
      }
    }
  }

  // Let everything finish, then let both tabs read the note again and save, as their live
  // queries and debounces would, until nothing changes.
  await settle()
  await expectNothingLost('at the end')
  for (let round = 0; round < 4; round++)
    for (const tab of Object.values(tabs)) {
      if (!tab.isOpen) continue
      tab.sync.receive(id, (await tab.repo.read(id)) ?? null)
      await tab.sync.flush()
    }
  await expectNothingLost('after both tabs caught up')

  const row = await tabs.A.db.notes.get(id)
  const sessions = Object.values(tabs).flatMap((tab) => {
    const session = tab.isOpen ? tab.sync.get(id) : undefined
    return session ? [session] : []
  })
  for (const session of sessions) {
    // A note deleted (or gone) elsewhere is shown as such, with a way back; a live one is not.
    const stored = !row ? 'missing' : row.deletedAt ? 'deleted' : 'live'
    expect(session.stored, log.join('\n')).toBe(stored)
    // An editor with nothing left to settle shows what is stored.
    if (row && Object.keys(session.theirs).length === 0) {
      expect(session.mine.text, log.join('\n')).toBe(row.text)
      expect(session.mine.tags, log.join('\n')).toEqual(row.tags)
    }
  }
  for (const tab of Object.values(tabs)) tab.db.close()
  await Dexie.delete(name)
}

describe('two tabs editing one note', () => {
  it(
    'lose no typed word in any order of typing, tagging, saving, reading, deleting and resolving',
    { timeout: 120_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 80, size: 'max' }), play),
        { numRuns: 300 },
      )
    },
  )

  it('hold when both type at once and only then learn of each other', async () => {
    await play([
      { kind: 'type', who: 'A' },
      { kind: 'type', who: 'B' },
      { kind: 'tag', who: 'B' },
      { kind: 'save', who: 'A' },
      { kind: 'save', who: 'B' },
      { kind: 'settle' },
      { kind: 'read', who: 'A' },
      { kind: 'read', who: 'B' },
      { kind: 'settle' },
      { kind: 'deliver', who: 'A' },
      { kind: 'deliver', who: 'B' },
      { kind: 'resolve', who: 'B', choice: 'both' },
      { kind: 'settle' },
    ])
  })
})

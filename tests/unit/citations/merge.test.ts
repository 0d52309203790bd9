import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Note } from '../../../src/domain/notes'
import { mergeNotes, notesToJson, parseNotesJson } from '../../../src/domain/notes-export'
import { seconds } from '../../../src/domain/types'
import { LI_CALL, arbitraryNote, lookupOf, makeNote } from '../../helpers/notes'

/** What the database holds after writing a merge's `toPut`. */
function apply(existing: readonly Note[], toPut: readonly Note[]): Note[] {
  const byId = new Map(existing.map((note) => [note.id, note]))
  for (const note of toPut) byId.set(note.id, note)
  return [...byId.values()]
}

const sortById = (notes: readonly Note[]) => [...notes].sort((a, b) => (a.id < b.id ? -1 : 1))

/** A set of notes as the database holds it: one note per id. */
const noteSet = fc.uniqueArray(arbitraryNote, { selector: (n) => n.id, maxLength: 10 })

/** Incoming notes that share ids and content with the existing ones often enough to matter. */
const scenario = noteSet.chain((existing) =>
  fc
    .array(
      fc.oneof(
        arbitraryNote,
        // Another version of an existing note: same id, any content and time stamps.
        existing.length > 0
          ? fc
              .tuple(fc.constantFrom(...existing), arbitraryNote)
              .map(([e, n]) => ({ ...n, id: e.id }))
          : arbitraryNote,
        // A copy of an existing note under a new id (made on another machine from the same export).
        existing.length > 0
          ? fc.tuple(fc.constantFrom(...existing), fc.uuid()).map(([e, id]) => ({ ...e, id }))
          : arbitraryNote,
      ),
      { maxLength: 10 },
    )
    .map((incoming) => ({ existing, incoming })),
)

describe('mergeNotes', () => {
  it('changes nothing when a set is merged with an export of itself', () => {
    fc.assert(
      fc.property(noteSet, (notes) => {
        const exported = parseNotesJson(notesToJson(notes, lookupOf(LI_CALL))).notes
        expect(mergeNotes(notes, exported)).toEqual({
          toPut: [],
          added: 0,
          updated: 0,
          unchanged: notes.length,
        })
      }),
    )
  })

  it('merging twice is merging once', () => {
    fc.assert(
      fc.property(scenario, ({ existing, incoming }) => {
        const once = apply(existing, mergeNotes(existing, incoming).toPut)
        const again = mergeNotes(once, incoming)
        expect(again.toPut).toEqual([])
        expect(again.unchanged).toBe(incoming.length)
      }),
    )
  })

  it('counts every incoming note once and never stores two notes with the same content', () => {
    fc.assert(
      fc.property(scenario, ({ existing, incoming }) => {
        const result = mergeNotes(existing, incoming)
        expect(result.added + result.updated + result.unchanged).toBe(incoming.length)
        expect(new Set(result.toPut.map((n) => n.id)).size).toBe(result.toPut.length)
        const before = new Set(existing.map((n) => n.id))
        expect(result.toPut.filter((n) => !before.has(n.id))).toHaveLength(result.added)
        const added = result.toPut.filter((n) => !before.has(n.id))
        const key = (n: Note) =>
          JSON.stringify([n.callId, n.start, n.end ?? null, n.text, n.quote ?? null])
        // A note is only added if nothing stored after the merge says the same thing.
        const keys = apply(existing, result.toPut).map(key)
        for (const n of added) expect(keys.filter((k) => k === key(n))).toHaveLength(1)
      }),
    )
  })

  it('keeps, for every id, the version updated last (existing wins a tie)', () => {
    fc.assert(
      fc.property(scenario, ({ existing, incoming }) => {
        const merged = apply(existing, mergeNotes(existing, incoming).toPut)
        for (const note of merged) {
          const versions = [...existing, ...incoming].filter((n) => n.id === note.id)
          const latest = Math.max(...versions.map((n) => Date.parse(n.updatedAt)))
          expect(Date.parse(note.updatedAt)).toBe(latest)
          const was = existing.find((n) => n.id === note.id)
          if (was && Date.parse(was.updatedAt) === latest) expect(note).toBe(was)
        }
      }),
    )
  })

  it('does not depend on the order of the incoming notes', () => {
    fc.assert(
      fc.property(scenario, ({ existing, incoming }) => {
        const forward = apply(existing, mergeNotes(existing, incoming).toPut)
        const backward = apply(existing, mergeNotes(existing, [...incoming].reverse()).toPut)
        expect(sortById(backward)).toEqual(sortById(forward))
      }),
      { numRuns: 200 },
    )
  })

  it('lets a newer incoming version win and keeps an older one out', () => {
    const there = makeNote({ id: 'a', text: 'old', updatedAt: '2026-11-30T10:00:00.000Z' })
    const newer = { ...there, text: 'new', updatedAt: '2026-11-30T12:00:00+01:00' }
    const older = { ...there, text: 'older', updatedAt: '2026-11-30T09:59:59.999Z' }
    // 12:00 at +01:00 is 11:00 UTC: later, whatever the string comparison says.
    expect(mergeNotes([there], [newer])).toEqual({
      toPut: [newer],
      added: 0,
      updated: 1,
      unchanged: 0,
    })
    expect(mergeNotes([there], [older])).toEqual({ toPut: [], added: 0, updated: 0, unchanged: 1 })
    expect(mergeNotes([there], [{ ...there, text: 'same time' }]).toPut).toEqual([])
  })

  it('treats a copy under another id as a duplicate, and a note elsewhere as new', () => {
    const there = makeNote({ start: seconds(7.687), end: seconds(10.313), text: 'x' })
    const copy = { ...there, id: 'other', tags: ['changed'], state: 'verified' as const }
    const moved = { ...there, id: 'moved', start: seconds(7.7) }
    const rounding = { ...there, id: 'rounding', start: seconds(7.6870001) }
    expect(mergeNotes([there], [copy, rounding])).toMatchObject({ toPut: [], unchanged: 2 })
    expect(mergeNotes([there], [moved])).toEqual({
      toPut: [moved],
      added: 1,
      updated: 0,
      unchanged: 0,
    })
  })

  it('adds a note only once when the import holds it twice', () => {
    const note = makeNote({ id: 'n', createdAt: '2026-11-30T10:00:00.000Z' })
    const twin = { ...note, id: 'twin', createdAt: '2026-11-30T09:00:00.000Z' }
    const newer = { ...note, text: 'edited', updatedAt: '2026-12-01T00:00:00.000Z' }
    // Two ids, one content: the copy created first is kept, wherever it stands in the file.
    expect(mergeNotes([], [note, twin])).toEqual({
      toPut: [twin],
      added: 1,
      updated: 0,
      unchanged: 1,
    })
    // One id twice: its latest version is the note.
    expect(mergeNotes([], [newer, note])).toEqual({
      toPut: [newer],
      added: 1,
      updated: 0,
      unchanged: 1,
    })
  })
})

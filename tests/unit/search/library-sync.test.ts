import { describe, expect, it } from 'vitest'
import type { Note } from '../../../src/domain/notes'
import { seconds, type Call, type Track } from '../../../src/domain/types'
import {
  isCallDocument,
  isNoteDocument,
  isSegmentDocument,
  type SearchDocument,
} from '../../../src/search/documents'
import { LibrarySync, type IndexWriter } from '../../../src/search/library-sync'
import { createSearchClient } from '../../../src/workers/search-client'
import { makeTrack } from '../../helpers/fixtures'
import { makeNote } from '../../helpers/notes'

type Recorded =
  | { readonly type: 'add'; readonly docs: readonly SearchDocument[] }
  | {
      readonly type: 'removeCall'
      readonly callId: string
      readonly options: { readonly keepNotes?: boolean } | undefined
    }
  | { readonly type: 'removeTrack'; readonly callId: string; readonly trackId: string }
  | { readonly type: 'removeNote'; readonly noteId: string }

/** An index writer that records what it is sent, in order. */
function recordingWriter() {
  const calls: Recorded[] = []
  const writer: IndexWriter = {
    add(docs) {
      calls.push({ type: 'add', docs: [...docs] })
      return Promise.resolve()
    },
    removeCall(callId, options) {
      calls.push({ type: 'removeCall', callId, options })
      return Promise.resolve()
    },
    removeTrack(callId, trackId) {
      calls.push({ type: 'removeTrack', callId, trackId })
      return Promise.resolve()
    },
    removeNote(noteId) {
      calls.push({ type: 'removeNote', noteId })
      return Promise.resolve()
    },
  }
  return { writer, calls, clear: () => calls.splice(0) }
}

function makeCall(id: string, tracks: readonly Track[]): Call {
  return {
    id,
    origin: 'imported',
    title: `Call ${id}`,
    recorded: '2012-04',
    participants: [{ name: 'Investigator' }],
    description: '',
    duration: seconds(60),
    audio: { mimeType: 'audio/mpeg', size: 1000, sha256: 'a'.repeat(64) },
    provenance: { audioOrigin: 'synthetic' },
    tracks,
  }
}

/** A track whose segments say the given sentences, one per segment. */
function spokenTrack(
  id: string,
  language: string,
  sentences: readonly string[],
  speaker = language === 'fr' ? 'Marchand' : 'Clerk',
): Track {
  return {
    id,
    language,
    kind: language === 'en' ? 'original' : 'translation',
    label: `${id} track`,
    segments: sentences.map((text, i) => ({
      id: `${id}-${i}`,
      start: seconds(i * 2),
      end: seconds(i * 2 + 2),
      speaker,
      text,
    })),
  }
}

const addedDocs = (calls: readonly Recorded[]): SearchDocument[] =>
  calls.flatMap((call) => (call.type === 'add' ? call.docs : []))

const segmentIds = (calls: readonly Recorded[]): string[] =>
  addedDocs(calls).flatMap((doc) =>
    isSegmentDocument(doc) ? [`${doc.callId}/${doc.trackId}/${doc.segmentIndex}`] : [],
  )

describe('LibrarySync and a call’s own document', () => {
  /** A track whose segments are spoken in turn by `speakers`. */
  const track = (id: string, speakers: readonly string[]): Track => {
    const spoken = spokenTrack(
      id,
      'en',
      speakers.map(() => 'words'),
    )
    return {
      ...spoken,
      segments: spoken.segments.map((segment, i) => ({ ...segment, speaker: speakers[i] ?? '' })),
    }
  }
  const summaries = (calls: readonly Recorded[]) => addedDocs(calls).filter(isCallDocument)

  it('sends it again when the title or participants change, and only then', async () => {
    const { writer, calls, clear } = recordingWriter()
    const sync = new LibrarySync(writer)
    const call = makeCall('a', [track('en', ['Ann', 'Bo', 'Ann'])])
    await sync.syncCalls([call])
    expect(summaries(calls)).toEqual([
      expect.objectContaining({ participants: ['Investigator'], speakers: ['Ann', 'Bo'] }),
    ])
    clear()
    await sync.syncCalls([{ ...call }])
    expect(calls).toEqual([])
    await sync.syncCalls([{ ...call, title: 'Renamed', participants: [{ name: 'Cy' }] }])
    expect(calls).toEqual([
      {
        type: 'add',
        docs: [expect.objectContaining({ kind: 'call', text: 'Renamed', participants: ['Cy'] })],
      },
    ])
  })

  it('sends it again when a track brings or takes away a speaker, not otherwise', async () => {
    const { writer, calls, clear } = recordingWriter()
    const sync = new LibrarySync(writer)
    const en = track('en', ['Ann', 'Bo'])
    await sync.syncCalls([makeCall('a', [en])])
    clear()
    // Same speakers: only the new track's segments.
    await sync.syncCalls([makeCall('a', [en, track('de', ['Bo'])])])
    expect(summaries(calls)).toEqual([])
    expect(segmentIds(calls)).toEqual(['a/de/0'])
    clear()
    await sync.syncCalls([makeCall('a', [en, track('de', ['Bo']), track('fr', ['Dee'])])])
    expect(summaries(calls)).toEqual([expect.objectContaining({ speakers: ['Ann', 'Bo', 'Dee'] })])
    clear()
    await sync.syncCalls([makeCall('a', [en])])
    expect(summaries(calls)).toEqual([expect.objectContaining({ speakers: ['Ann', 'Bo'] })])
  })

  it('removes it with its call', async () => {
    const client = createSearchClient({ worker: false })
    try {
      const sync = new LibrarySync(client)
      await sync.syncCalls([makeCall('a', [track('en', ['Ann'])]), makeCall('b', [])])
      const found = (query: string) =>
        client.search(query).then((r) => r.calls.map((c) => c.callId))
      expect(await found('Ann')).toEqual(['a'])
      expect(await found('Investigator')).toEqual(expect.arrayContaining(['a', 'b']))
      await sync.syncCalls([makeCall('b', [])])
      expect(await found('Ann')).toEqual([])
      expect(await found('Investigator')).toEqual(['b'])
      expect(client.status().documents).toBe(1)
    } finally {
      client.destroy()
    }
  })
})

describe('LibrarySync.syncCalls', () => {
  const library = () => [
    makeCall('a', [makeTrack('en', 3), makeTrack('zh', 2, { language: 'zh-Hans' })]),
    makeCall('b', [makeTrack('en', 4)]),
  ]

  it('adds every segment of every call, and each call’s own document, on the first sync', async () => {
    const { writer, calls } = recordingWriter()
    await new LibrarySync(writer).syncCalls(library())
    expect(calls.every((call) => call.type === 'add')).toBe(true)
    expect(addedDocs(calls)).toHaveLength(2 + 3 + 2 + 4)
    expect(addedDocs(calls).filter(isCallDocument)).toEqual([
      expect.objectContaining({ callId: 'a', text: 'Call a', participants: ['Investigator'] }),
      expect.objectContaining({ callId: 'b', text: 'Call b', participants: ['Investigator'] }),
    ])
    expect(segmentIds(calls)).toEqual([
      'a/en/0',
      'a/en/1',
      'a/en/2',
      'a/zh/0',
      'a/zh/1',
      'b/en/0',
      'b/en/1',
      'b/en/2',
      'b/en/3',
    ])
  })

  it('sends nothing when the same library comes back as new objects', async () => {
    const { writer, calls, clear } = recordingWriter()
    const sync = new LibrarySync(writer)
    await sync.syncCalls(library())
    clear()
    await sync.syncCalls(structuredClone(library()))
    expect(calls).toEqual([])
  })

  it('sends only the segments of a track added to a call', async () => {
    const { writer, calls, clear } = recordingWriter()
    const sync = new LibrarySync(writer)
    await sync.syncCalls([makeCall('a', [makeTrack('en', 3)])])
    clear()
    await sync.syncCalls([
      makeCall('a', [makeTrack('en', 3), makeTrack('fr', 2, { language: 'fr' })]),
    ])
    expect(calls.map((call) => call.type)).toEqual(['add'])
    expect(segmentIds(calls)).toEqual(['a/fr/0', 'a/fr/1'])
  })

  it('removes a track taken from a call, and adds nothing', async () => {
    const { writer, calls, clear } = recordingWriter()
    const sync = new LibrarySync(writer)
    await sync.syncCalls([makeCall('a', [makeTrack('en', 3), makeTrack('fr', 2)])])
    clear()
    await sync.syncCalls([makeCall('a', [makeTrack('en', 3)])])
    expect(calls).toEqual([{ type: 'removeTrack', callId: 'a', trackId: 'fr' }])
  })

  it('removes a replaced track before adding its new segments', async () => {
    const { writer, calls, clear } = recordingWriter()
    const sync = new LibrarySync(writer)
    await sync.syncCalls([makeCall('a', [makeTrack('en', 3), makeTrack('fr', 2)])])
    clear()
    await sync.syncCalls([makeCall('a', [makeTrack('en', 3), makeTrack('fr', 5)])])
    expect(calls.map((call) => call.type)).toEqual(['removeTrack', 'add'])
    expect(calls[0]).toEqual({ type: 'removeTrack', callId: 'a', trackId: 'fr' })
    expect(segmentIds(calls)).toEqual(['a/fr/0', 'a/fr/1', 'a/fr/2', 'a/fr/3', 'a/fr/4'])
  })

  it('removes a call missing from the list, keeping its notes', async () => {
    const { writer, calls, clear } = recordingWriter()
    const sync = new LibrarySync(writer)
    await sync.syncCalls(library())
    clear()
    await sync.syncCalls(library().filter((call) => call.id !== 'a'))
    expect(calls).toEqual([{ type: 'removeCall', callId: 'a', options: { keepNotes: true } }])
  })

  it('adds a call again in full when it comes back after being removed', async () => {
    const { writer, calls, clear } = recordingWriter()
    const sync = new LibrarySync(writer)
    await sync.syncCalls([makeCall('a', [makeTrack('en', 3)])])
    await sync.syncCalls([])
    clear()
    await sync.syncCalls([makeCall('a', [makeTrack('en', 3)])])
    expect(segmentIds(calls)).toEqual(['a/en/0', 'a/en/1', 'a/en/2'])
  })
})

describe('LibrarySync.syncNotes', () => {
  const noteIds = (calls: readonly Recorded[]): string[] =>
    addedDocs(calls).flatMap((doc) => (isNoteDocument(doc) ? [doc.noteId] : []))

  it('adds every note on the first sync', async () => {
    const { writer, calls } = recordingWriter()
    const first = makeNote()
    const second = makeNote({ text: 'Another claim' })
    await new LibrarySync(writer).syncNotes([first, second])
    expect(calls.map((call) => call.type)).toEqual(['add'])
    expect(noteIds(calls)).toEqual([first.id, second.id])
  })

  it('sends nothing for notes whose updatedAt has not moved', async () => {
    const { writer, calls, clear } = recordingWriter()
    const sync = new LibrarySync(writer)
    const note = makeNote()
    await sync.syncNotes([note])
    clear()
    await sync.syncNotes([structuredClone(note)])
    expect(calls).toEqual([])
  })

  it('adds an edited note again, and only that one', async () => {
    const { writer, calls, clear } = recordingWriter()
    const sync = new LibrarySync(writer)
    const kept = makeNote()
    const edited = makeNote()
    await sync.syncNotes([kept, edited])
    clear()
    const newer: Note = { ...edited, text: 'Edited text', updatedAt: '2026-12-01T09:00:00.000Z' }
    await sync.syncNotes([kept, newer])
    expect(calls.map((call) => call.type)).toEqual(['add'])
    expect(addedDocs(calls)).toEqual([
      {
        kind: 'note',
        noteId: edited.id,
        callId: edited.callId,
        start: edited.start,
        text: 'Edited text',
        tags: [],
      },
    ])
  })

  it('adds a note that is new since the last sync', async () => {
    const { writer, calls, clear } = recordingWriter()
    const sync = new LibrarySync(writer)
    const old = makeNote()
    await sync.syncNotes([old])
    clear()
    const added = makeNote()
    await sync.syncNotes([old, added])
    expect(noteIds(calls)).toEqual([added.id])
  })

  it('removes a deleted note', async () => {
    const { writer, calls, clear } = recordingWriter()
    const sync = new LibrarySync(writer)
    const kept = makeNote()
    const deleted = makeNote()
    await sync.syncNotes([kept, deleted])
    clear()
    await sync.syncNotes([kept])
    expect(calls).toEqual([{ type: 'removeNote', noteId: deleted.id }])
  })
})

describe('LibrarySync with the real search client', () => {
  it('keeps what a search finds in step with the library', async () => {
    const client = createSearchClient({ worker: false })
    try {
      const sync = new LibrarySync(client)
      const en = spokenTrack('en', 'en', ['The harvest was late', 'Nobody signed the ledger'])
      const fr = spokenTrack('fr', 'fr', ['La moisson était tardive', 'Personne na signé'])
      const note = makeNote({ callId: 'a', text: 'Compare with the quarry report' })
      const segmentTotal = (query: string) => client.search(query).then((r) => r.total)
      const noteTotal = (query: string) => client.search(query).then((r) => r.notes.total)

      await sync.syncCalls([makeCall('a', [en, fr])])
      await sync.syncNotes([note])
      expect(client.status().documents).toBe(1 + 4 + 1)
      expect(await segmentTotal('ledger')).toBe(1)
      expect(await segmentTotal('moisson')).toBe(1)
      expect(await noteTotal('quarry')).toBe(1)

      const calls = (query: string) =>
        client.search(query).then((r) => r.calls.filter((c) => c.match).map((c) => c.callId))
      expect(await calls('Marchand')).toEqual(['a'])

      await sync.syncCalls([makeCall('a', [en])])
      expect(await segmentTotal('moisson')).toBe(0)
      expect(await segmentTotal('ledger')).toBe(1)
      // The French track held the only lines of that speaker.
      expect(await calls('Marchand')).toEqual([])
      expect(await calls('Clerk')).toEqual(['a'])

      await sync.syncCalls([])
      expect(await segmentTotal('ledger')).toBe(0)
      expect(await segmentTotal('harvest')).toBe(0)
      expect(await noteTotal('quarry')).toBe(1)

      await sync.syncNotes([])
      expect(await noteTotal('quarry')).toBe(0)
      expect(client.status().documents).toBe(0)
    } finally {
      client.destroy()
    }
  })

  it('finds an edited note by its new text and not its old', async () => {
    const client = createSearchClient({ worker: false })
    try {
      const sync = new LibrarySync(client)
      const note = makeNote({ text: 'Check the granary figures' })
      await sync.syncNotes([note])
      await sync.syncNotes([
        { ...note, text: 'Check the tractor figures', updatedAt: '2026-12-01T09:00:00.000Z' },
      ])
      const results = await client.search('granary')
      expect(results.notes.total).toBe(0)
      expect((await client.search('tractor')).notes.total).toBe(1)
      expect(client.status().documents).toBe(1)
    } finally {
      client.destroy()
    }
  })
})

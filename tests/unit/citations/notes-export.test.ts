import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Note } from '../../../src/domain/notes'
import {
  NotesImportError,
  csvField,
  notesToCsv,
  notesToJson,
  noteTranscript,
  notesToMarkdown,
  parseNotesJson,
  summarizeCall,
  type CallSummary,
} from '../../../src/domain/notes-export'
import { seconds } from '../../../src/domain/types'
import { sampleLibrary } from '../../helpers/library'
import { LI_CALL, LI_SHA, arbitraryNote, lookupOf, makeNote } from '../../helpers/notes'

const ORIGIN = 'http://localhost:4173/'
const CALLS = lookupOf(LI_CALL)
const EXPORTED_AT = '2026-12-01T09:30:00.000Z'

const segment = (id: string, start: number, end: number, text: string) => ({
  id,
  start: seconds(start),
  end: seconds(end),
  text,
})

/** li-changchun-2012-04 with an English original and a Chinese translation. */
const WITH_TRACKS: CallSummary = {
  ...LI_CALL,
  tracks: [
    {
      id: 'en',
      label: 'English',
      language: 'en',
      kind: 'original',
      segments: [
        segment('e1', 0, 4, 'Who is in charge?'),
        segment('e2', 4, 8, 'Zhou Yongkang is in charge'),
        segment('e3', 8, 11, 'of this specifically.'),
      ],
    },
    {
      id: 'zh',
      label: '中文',
      language: 'zh-Hans',
      kind: 'translation',
      segments: [segment('z1', 0, 4, '谁负责？'), segment('z2', 4, 11, '周永康具体负责。')],
    },
  ],
}

/** What each track of `WITH_TRACKS` says under a note from 5 s to 9 s. */
const UNDER_NOTE = [
  { trackId: 'en', label: 'English', language: 'en', kind: 'original', text: 'in charge of this' },
  {
    trackId: 'zh',
    label: '中文',
    language: 'zh-Hans',
    kind: 'translation',
    text: '周永康具体负责。',
  },
]

/** A version 1 file exactly as Verbatim wrote it before notes carried their transcript. */
const VERSION_1_FILE = `{
  "format": "verbatim-notes",
  "version": 1,
  "exportedAt": "2026-12-01T09:30:00.000Z",
  "calls": [
    {
      "id": "li-changchun-2012-04",
      "title": "Li Changchun on who is in charge",
      "recorded": "2012-04",
      "audioSha256": "ec464868c45f897b5a643561d8337d3c01dac49c3313ec36765a539561154304",
      "duration": 11.88
    }
  ],
  "notes": [
    {
      "id": "3f2b8c1e-9a4d-4c7b-8e21-5d6f7a8b9c0d",
      "callId": "li-changchun-2012-04",
      "audioSha256": "ec464868c45f897b5a643561d8337d3c01dac49c3313ec36765a539561154304",
      "start": 7.687,
      "end": 10.313,
      "quote": {
        "trackId": "en",
        "text": "Zhou Yongkang is in charge of this specifically."
      },
      "text": "Matches the report’s wording.",
      "tags": [
        "name"
      ],
      "state": "verified",
      "createdAt": "2026-11-30T10:00:00.000Z",
      "updatedAt": "2026-11-30T11:15:00.000Z"
    },
    {
      "id": "7c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5",
      "callId": "removed-call",
      "audioSha256": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
      "start": 3.5,
      "text": "On a call since removed.",
      "tags": [],
      "state": "unreviewed",
      "createdAt": "2026-11-30T10:05:00.000Z",
      "updatedAt": "2026-11-30T10:05:00.000Z"
    }
  ]
}
`

/** A strict RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let i = 0
  let quoted = false
  while (i < text.length) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i += 2
        continue
      }
      if (c === '"') quoted = false
      else field += c
      i++
      continue
    }
    if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else if (c === '"' || c === '\r' || c === '\n')
      throw new Error(`stray ${JSON.stringify(c)} at ${i}`)
    else field += c
    i++
  }
  if (field !== '' || row.length > 0) throw new Error('the last row does not end with CRLF')
  return rows
}

describe('notesToCsv', () => {
  const quoted = makeNote({
    id: 'n1',
    start: seconds(7.687),
    end: seconds(10.313),
    quote: { trackId: 'en', text: 'Zhou Yongkang is in charge of this specifically.' },
    text: 'He said "specifically", then paused,\nthen went on.',
    tags: ['name', 'key quote'],
    state: 'verified',
  })
  const point = makeNote({ id: 'n2', start: seconds(3725.5), text: 'plain' })

  it('writes a header and one row per note, with RFC 4180 quoting and CRLF line ends', () => {
    const csv = notesToCsv([point, quoted], CALLS)
    expect(csv.split('\r\n')[0]).toBe(
      'id,call_id,call_title,audio_sha256,start,end,state,tags,quote,text,created_at,updated_at,transcript',
    )
    expect(csv).toContain(
      'n1,li-changchun-2012-04,Li Changchun on who is in charge,' +
        `${LI_SHA},7.687,10.313,verified,name;key quote,Zhou Yongkang is in charge of this specifically.,` +
        '"He said ""specifically"", then paused,\nthen went on.",',
    )
    const rows = parseCsv(csv)
    expect(rows).toHaveLength(3)
    expect(rows.map((r) => r.length)).toEqual([13, 13, 13])
    expect(rows[1]?.[9]).toBe('He said "specifically", then paused,\nthen went on.')
    // A moment has no end; notes come in time order.
    expect(rows[2]?.slice(0, 6)).toEqual(['n2', LI_CALL.id, LI_CALL.title, LI_SHA, '3725.5', ''])
  })

  it.each(['=1+1', '+1', '-2', '@SUM(A1)', '\tcmd', '\rcmd', '=HYPERLINK("http://evil","x")'])(
    'guards a cell starting %j against formula injection',
    (text) => {
      const rows = parseCsv(notesToCsv([makeNote({ text, tags: [text] })], CALLS))
      expect(rows[1]?.[9]).toBe(`'${text}`)
      expect(rows[1]?.[7]).toBe(`'${text}`)
    },
  )

  it('leaves a cell alone when the dangerous character is not first', () => {
    expect(csvField('a=1')).toBe('a=1')
    expect(csvField(' =1')).toBe(' =1')
    expect(csvField('')).toBe('')
  })

  it('exports an orphaned note with its own audio hash and no title', () => {
    const orphan = makeNote({ callId: 'deleted-call', audioSha256: 'b'.repeat(64) })
    const rows = parseCsv(notesToCsv([orphan], CALLS))
    expect(rows[1]?.slice(1, 4)).toEqual(['deleted-call', '', 'b'.repeat(64)])
  })

  it('starts with a byte order mark only when asked', () => {
    expect(notesToCsv([], CALLS).startsWith('id,')).toBe(true)
    expect(notesToCsv([], CALLS, { byteOrderMark: true }).startsWith('\uFEFFid,')).toBe(true)
  })

  it('keeps every field of any note readable by a strict CSV reader', () => {
    fc.assert(
      fc.property(fc.array(arbitraryNote, { maxLength: 6 }), (notes) => {
        const rows = parseCsv(notesToCsv(notes, CALLS))
        expect(rows).toHaveLength(notes.length + 1)
        const texts = rows.slice(1).map((row) => row[9])
        const guarded = notes.map((n) => (/^[=+\-@\t\r]/.test(n.text) ? `'${n.text}` : n.text))
        expect(texts.sort()).toEqual(guarded.sort())
      }),
    )
  })
})

describe('notesToMarkdown', () => {
  it('writes a citation sheet grouped by call, orphans last', () => {
    const notes: Note[] = [
      makeNote({
        start: seconds(7.687),
        end: seconds(10.313),
        state: 'verified',
        tags: ['name', 'key_quote'],
        quote: { trackId: 'en', text: 'Zhou Yongkang is in charge of this specifically.' },
        text: 'Matches the report.\nSee page 2.',
      }),
      makeNote({ start: seconds(0.3), text: '', state: 'listened' }),
      makeNote({ callId: 'gone', audioSha256: 'c'.repeat(64), start: seconds(3725.5) }),
    ]
    expect(notesToMarkdown(notes, CALLS, ORIGIN)).toBe(
      [
        '# Verbatim notes',
        '## Li Changchun on who is in charge',
        `Recorded 2012-04 · call \`li-changchun-2012-04\` · audio SHA-256 \`${LI_SHA}\``,
        '### 00:00:00.3 · listened',
        '[Open at 00:00:00.3](http://localhost:4173/#/call/li-changchun-2012-04?t=0.3)',
        '### 00:00:07.6–00:00:10.3 · verified',
        'Tags: name, key\\_quote',
        '> “Zhou Yongkang is in charge of this specifically.”',
        'Matches the report.\\\nSee page 2.',
        '[Open at 00:00:07.6–00:00:10.3](http://localhost:4173/#/call/li-changchun-2012-04?t=7.687,10.313)',
        '## Removed call gone',
        `The call is no longer in the library; importing audio with SHA-256 \`${'c'.repeat(64)}\` restores it.`,
        '### 01:02:05.5 · unreviewed',
        'Check the name against the report.',
        '[Open at 01:02:05.5](http://localhost:4173/#/call/gone?t=3725.5)',
      ].join('\n\n') + '\n',
    )
  })

  it('keeps hostile note text inside its note', () => {
    const md = notesToMarkdown(
      [
        makeNote({
          text: '## Fake heading\n---\n[x](javascript:alert(1))',
          quote: { trackId: 'en', text: '> *quote*\n# h' },
        }),
      ],
      CALLS,
      ORIGIN,
    )
    expect(md.match(/^#{1,3} /gm)).toEqual(['# ', '## ', '### '])
    expect(md).toContain('> “\\> \\*quote\\* \\# h”')
    expect(md).toContain('\\#\\# Fake heading\\\n\\---\\\n\\[x\\](javascript:alert(1))')
  })

  it('says so when there are no notes', () => {
    expect(notesToMarkdown([], CALLS, ORIGIN)).toBe('# Verbatim notes\n\nNo notes.\n')
  })
})

describe('notesToJson and parseNotesJson', () => {
  it('writes the documented versioned shape with the calls the notes belong to', () => {
    const note = makeNote({ id: 'n1', end: seconds(10.313), tags: ['a'] })
    const orphan = makeNote({ id: 'n2', callId: 'gone' })
    const other = { ...LI_CALL, id: 'unused', title: 'Unused' }
    const data = JSON.parse(
      notesToJson([note, orphan], lookupOf(LI_CALL, other), { exportedAt: EXPORTED_AT }),
    )
    expect(data).toEqual({
      format: 'verbatim-notes',
      version: 2,
      exportedAt: EXPORTED_AT,
      calls: [LI_CALL],
      notes: [
        {
          id: 'n1',
          callId: LI_CALL.id,
          audioSha256: LI_SHA,
          start: 7.687,
          end: 10.313,
          text: note.text,
          tags: ['a'],
          state: 'unreviewed',
          createdAt: note.createdAt,
          updatedAt: note.updatedAt,
        },
        expect.objectContaining({ id: 'n2', callId: 'gone' }),
      ],
    })
    expect(data.notes[1]).not.toHaveProperty('end')
    expect(data.notes[1]).not.toHaveProperty('quote')
  })

  it('reads back exactly what it wrote, for any notes, their transcript left out', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbitraryNote, { selector: (n) => n.id, maxLength: 8 }),
        (notes) => {
          const file = notesToJson(notes, lookupOf(WITH_TRACKS), { exportedAt: EXPORTED_AT })
          const written = JSON.parse(file) as { notes: { callId: string; transcript?: unknown }[] }
          for (const note of written.notes)
            expect(Array.isArray(note.transcript)).toBe(note.callId === LI_CALL.id)
          const back = parseNotesJson(file)
          const byId = (a: Note, b: Note) => (a.id < b.id ? -1 : 1)
          expect([...back.notes].sort(byId)).toEqual([...notes].sort(byId))
          expect(back.exportedAt).toBe(EXPORTED_AT)
          expect(back.calls).toEqual(notes.some((n) => n.callId === LI_CALL.id) ? [LI_CALL] : [])
        },
      ),
    )
  })

  it('carries what each track says under a note, in the call’s track order', () => {
    const note = makeNote({
      id: 'n1',
      start: seconds(5),
      end: seconds(9),
      quote: { trackId: 'en', text: 'in charge\nof this' },
    })
    const orphan = makeNote({ id: 'n2', callId: 'gone', quote: { trackId: 'en', text: 'q' } })
    const file = notesToJson([note, orphan], lookupOf(WITH_TRACKS), { exportedAt: EXPORTED_AT })
    const data = JSON.parse(file)
    expect(data.notes[0].transcript).toEqual(UNDER_NOTE)
    // Keys in a fixed order, the derived transcript last.
    expect(Object.keys(data.notes[0])).toEqual([
      'id',
      'callId',
      'audioSha256',
      'start',
      'end',
      'quote',
      'text',
      'tags',
      'state',
      'createdAt',
      'updatedAt',
      'transcript',
    ])
    expect(Object.keys(data.notes[0].transcript[0])).toEqual([
      'trackId',
      'label',
      'language',
      'kind',
      'text',
    ])
    // An orphan's words are not known: no transcript, not an empty one.
    expect(data.notes[1]).not.toHaveProperty('transcript')
    expect(parseNotesJson(file).notes).toEqual([note, orphan])
  })

  it('writes an empty transcript for a note where no track says anything', () => {
    const silent = makeNote({ start: seconds(60) })
    const data = JSON.parse(notesToJson([silent], lookupOf(WITH_TRACKS)))
    expect(data.notes[0].transcript).toEqual([])
  })

  it('leaves out a quote of a track the call no longer has', () => {
    const note = makeNote({ start: seconds(1), quote: { trackId: 'fr', text: 'Qui est chargé ?' } })
    const data = JSON.parse(notesToJson([note], lookupOf(WITH_TRACKS)))
    expect(data.notes[0].quote).toEqual({ trackId: 'fr', text: 'Qui est chargé ?' })
    expect(data.notes[0].transcript.map((line: { trackId: string }) => line.trackId)).toEqual([
      'en',
      'zh',
    ])
  })

  it('reads the example in docs/notes-json.md, and writes it the same from the sample call', () => {
    const doc = readFileSync(resolve('docs', 'notes-json.md'), 'utf8')
    const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1] ?? ''
    const read = parseNotesJson(example)
    const sample = sampleLibrary().find((call) => call.id === LI_CALL.id)
    expect(sample).toBeDefined()
    const written = notesToJson(read.notes, lookupOf(summarizeCall(sample!)), {
      exportedAt: read.exportedAt,
    })
    expect(JSON.parse(written)).toEqual(JSON.parse(example))
  })

  it('reads a version 1 file as the previous version wrote it', () => {
    const read = parseNotesJson(VERSION_1_FILE)
    expect(read.exportedAt).toBe(EXPORTED_AT)
    expect(read.calls).toEqual([LI_CALL])
    expect(read.notes).toEqual([
      {
        id: '3f2b8c1e-9a4d-4c7b-8e21-5d6f7a8b9c0d',
        callId: LI_CALL.id,
        audioSha256: LI_SHA,
        start: 7.687,
        end: 10.313,
        quote: { trackId: 'en', text: 'Zhou Yongkang is in charge of this specifically.' },
        text: 'Matches the report’s wording.',
        tags: ['name'],
        state: 'verified',
        createdAt: '2026-11-30T10:00:00.000Z',
        updatedAt: '2026-11-30T11:15:00.000Z',
      },
      {
        id: '7c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5',
        callId: 'removed-call',
        audioSha256: 'b'.repeat(64),
        start: 3.5,
        text: 'On a call since removed.',
        tags: [],
        state: 'unreviewed',
        createdAt: '2026-11-30T10:05:00.000Z',
        updatedAt: '2026-11-30T10:05:00.000Z',
      },
    ])
    // Written again, it is the same notes in version 2.
    const again = parseNotesJson(notesToJson(read.notes, lookupOf(WITH_TRACKS)))
    expect(again.notes).toEqual(read.notes)
  })

  it('reads a file with a byte order mark', () => {
    const file = notesToJson([makeNote()], CALLS, { exportedAt: EXPORTED_AT })
    expect(parseNotesJson(`\uFEFF${file}`).notes).toHaveLength(1)
  })

  type Row = Record<string, unknown>
  /** An export as plain data, to spoil one field of. */
  interface RawFile extends Row {
    notes: Row[]
    calls: Row[]
  }

  /** A version 2 file of two notes, each with two lines of transcript, spoilt by `edit`. */
  function fileWith(edit: (file: RawFile) => void): string {
    const file: RawFile = JSON.parse(
      notesToJson(
        [makeNote({ id: 'a' }), makeNote({ id: 'b', quote: { trackId: 'en', text: 'q' } })],
        lookupOf(WITH_TRACKS),
        { exportedAt: EXPORTED_AT },
      ),
    )
    edit(file)
    return JSON.stringify(file)
  }

  const lineOf = (file: RawFile, note: number, line: number): Row =>
    (file.notes[note]!.transcript as Row[])[line]!

  /** The file as version 1: no transcripts. */
  const asVersion1 = (file: RawFile) => {
    file.version = 1
    for (const note of file.notes) delete note.transcript
  }

  it('reads its own version 2 file with transcripts, and a version 1 file without', () => {
    expect(parseNotesJson(fileWith(() => {})).notes.map((n) => n.id)).toEqual(['a', 'b'])
    expect(parseNotesJson(fileWith(asVersion1)).notes.map((n) => n.id)).toEqual(['a', 'b'])
  })

  it.each<[string, (file: RawFile) => void, string, RegExp]>([
    [
      'a wrong format',
      (f) => (f.format = 'verbatim-transcript'),
      '$.format',
      /not a Verbatim notes file/,
    ],
    [
      'a newer version',
      (f) => (f.version = 3),
      '$.version',
      /is 3, newer than this app reads \(2\); update Verbatim/,
    ],
    ['no version', (f) => delete f.version, '$.version', /must be 1 or 2, not nothing/],
    ['a version as text', (f) => (f.version = '2'), '$.version', /must be 1 or 2, not "2"/],
    [
      'a transcript in a version 1 file',
      (f) => {
        asVersion1(f)
        f.notes[1]!.transcript = []
      },
      '$.notes[1].transcript',
      /is not part of Verbatim notes version 1$/,
    ],
    [
      'a version 1 file with an unknown field',
      (f) => {
        asVersion1(f)
        f.notes[0]!.tag = ['x']
      },
      '$.notes[0].tag',
      /is not part of Verbatim notes version 1$/,
    ],
    [
      'a transcript that is not an array',
      (f) => (f.notes[0]!.transcript = 'Who is in charge?'),
      '$.notes[0].transcript',
      /must be an array/,
    ],
    [
      'a transcript line that is not an object',
      (f) => ((f.notes[0]!.transcript as unknown[])[1] = 'text'),
      '$.notes[0].transcript[1]',
      /must be an object/,
    ],
    [
      'a transcript text that is a number',
      (f) => (lineOf(f, 1, 0).text = 3),
      '$.notes[1].transcript[0].text',
      /must be a string, not 3/,
    ],
    [
      'a transcript line without a track id',
      (f) => delete lineOf(f, 0, 1).trackId,
      '$.notes[0].transcript[1].trackId',
      /must be a string, not nothing/,
    ],
    [
      'a transcript line without a language',
      (f) => delete lineOf(f, 0, 0).language,
      '$.notes[0].transcript[0].language',
      /must be a string/,
    ],
    [
      'an unknown track kind',
      (f) => (lineOf(f, 0, 1).kind = 'subtitle'),
      '$.notes[0].transcript[1].kind',
      /must be one of original, translation, not "subtitle"/,
    ],
    [
      'an unknown transcript field',
      (f) => (lineOf(f, 1, 1).speaker = 'Li'),
      '$.notes[1].transcript[1].speaker',
      /is not part of Verbatim notes version 2$/,
    ],
    ['a bad export time', (f) => (f.exportedAt = 'yesterday'), '$.exportedAt', /ISO 8601/],
    ['notes not an array', (f) => ((f as Row).notes = {}), '$.notes', /must be an array/],
    [
      'a start as text',
      (f) => (f.notes[1]!.start = '7.6'),
      '$.notes[1].start',
      /number of seconds/,
    ],
    ['a negative start', (f) => (f.notes[0]!.start = -1), '$.notes[0].start', /≥ 0/],
    ['an end before the start', (f) => (f.notes[0]!.end = 1), '$.notes[0].end', /before start/],
    ['a null end', (f) => (f.notes[0]!.end = null), '$.notes[0].end', /not null/],
    [
      'an unknown state',
      (f) => (f.notes[1]!.state = 'done'),
      '$.notes[1].state',
      /one of unreviewed, listened/,
    ],
    [
      'a tag that is a number',
      (f) => (f.notes[0]!.tags = ['ok', 3]),
      '$.notes[0].tags[1]',
      /must be a string/,
    ],
    [
      'a quote without text',
      (f) => delete (f.notes[1]!.quote as Row).text,
      '$.notes[1].quote.text',
      /must be a string/,
    ],
    ['a short hash', (f) => (f.notes[0]!.audioSha256 = 'ec46'), '$.notes[0].audioSha256', /64 hex/],
    ['an empty id', (f) => (f.notes[0]!.id = ' '), '$.notes[0].id', /must not be empty/],
    ['a repeated id', (f) => (f.notes[1]!.id = 'a'), '$.notes[1].id', /repeats the id "a"/],
    [
      'a date without zone',
      (f) => (f.notes[0]!.updatedAt = '2026-11-30T10:00:00'),
      '$.notes[0].updatedAt',
      /time zone/,
    ],
    [
      'a call without a title',
      (f) => delete f.calls[0]!.title,
      '$.calls[0].title',
      /must be a string/,
    ],
    [
      'a call with a bad duration',
      (f) => (f.calls[0]!.duration = 'long'),
      '$.calls[0].duration',
      /number/,
    ],
    ['a misspelt field', (f) => (f.notes[1]!.tag = ['x']), '$.notes[1].tag', /not part of/],
    ['an unknown top-level field', (f) => (f.app = 'x'), '$.app', /not part of Verbatim notes/],
    [
      'an unknown quote field',
      (f) => ((f.notes[1]!.quote as Row).lang = 'en'),
      '$.notes[1].quote.lang',
      /not part/,
    ],
    [
      'a note that is not an object',
      (f) => ((f.notes as unknown[])[0] = 'note'),
      '$.notes[0]',
      /must be an object/,
    ],
  ])('rejects %s, naming the path', (_, edit, path, message) => {
    const text = fileWith(edit)
    let error: unknown
    try {
      parseNotesJson(text)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(NotesImportError)
    expect((error as NotesImportError).path).toBe(path)
    expect((error as NotesImportError).message.startsWith(`${path} `)).toBe(true)
    expect((error as NotesImportError).message).toMatch(message)
  })

  it('rejects text that is not JSON, or not an object', () => {
    expect(() => parseNotesJson('{"format": ')).toThrow(/not valid JSON/)
    expect(() => parseNotesJson('[]')).toThrow(/^\$ must be an object/)
  })
})

describe('what each track says under a note', () => {
  const calls = lookupOf(WITH_TRACKS)

  it('gives a note at the playhead the line under it in every track', () => {
    const note = makeNote({ start: seconds(5) })
    expect(noteTranscript(note, WITH_TRACKS)).toEqual([
      {
        trackId: 'en',
        label: 'English',
        language: 'en',
        kind: 'original',
        text: 'Zhou Yongkang is in charge',
      },
      {
        trackId: 'zh',
        label: '中文',
        language: 'zh-Hans',
        kind: 'translation',
        text: '周永康具体负责。',
      },
    ])
  })

  it('joins the lines a range covers, and keeps the selected quote for its track', () => {
    const note = makeNote({
      start: seconds(5),
      end: seconds(9),
      quote: { trackId: 'en', text: 'in charge\nof this' },
    })
    expect(noteTranscript(note, WITH_TRACKS)).toEqual(UNDER_NOTE)
  })

  it('keeps only the quote of an orphaned note, and nothing for a silence', () => {
    const quoted = makeNote({ callId: 'gone', quote: { trackId: 'en', text: 'He knows it.' } })
    expect(noteTranscript(quoted, undefined)).toEqual([
      { trackId: 'en', label: 'en', text: 'He knows it.' },
    ])
    expect(noteTranscript(makeNote({ start: seconds(60) }), WITH_TRACKS)).toEqual([])
  })

  it('fills the CSV quote column and adds every track in the transcript column', () => {
    const rows = parseCsv(
      notesToCsv([makeNote({ start: seconds(5), text: 'at the playhead' })], calls),
    )
    const header = rows[0] ?? []
    const row = rows[1] ?? []
    expect(row[header.indexOf('quote')]).toBe('Zhou Yongkang is in charge')
    expect(row[header.indexOf('transcript')]).toBe(
      'English: Zhou Yongkang is in charge\n中文: 周永康具体负责。',
    )
    expect(row[header.indexOf('text')]).toBe('at the playhead')
  })

  it('quotes every track in the Markdown sheet, each named', () => {
    const md = notesToMarkdown([makeNote({ start: seconds(1) })], calls, ORIGIN)
    expect(md).toContain('> English: “Who is in charge?”\n\n> 中文: “谁负责？”')
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseTemporalFragment } from '../../../src/domain/media-fragment'
import { audioIri, notesToWebAnnotation } from '../../../src/domain/notes-export'
import { seconds } from '../../../src/domain/types'
import { LI_CALL, LI_SHA, arbitraryNote, lookupOf, makeNote } from '../../helpers/notes'

const ORIGIN = 'http://localhost:4173/'
const CALLS = lookupOf(LI_CALL)
const CONTEXT = 'http://www.w3.org/ns/anno.jsonld'

type Obj = Record<string, unknown>

/** The motivations of the Web Annotation Vocabulary (§3.3.5 of the model). */
const MOTIVATIONS = [
  'assessing',
  'bookmarking',
  'classifying',
  'commenting',
  'describing',
  'editing',
  'highlighting',
  'identifying',
  'linking',
  'moderating',
  'questioning',
  'replying',
  'tagging',
]

// An IRI (RFC 3987): a scheme, a colon, and no characters that an IRI cannot hold.
const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/u
// xsd:dateTime with the time zone the model asks for (§3.3.1).
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/
// A MIME type (RFC 6838), for `format`.
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i
// The Media Fragments temporal dimension in NPT (seconds or hh:mm:ss), with an optional end.
const NPT_TIME = String.raw`(?:\d+(?:\.\d*)?|(?:\d+:)?[0-5]\d:[0-5]\d(?:\.\d*)?)`
const MEDIA_FRAGMENT = new RegExp(`^t=(?:npt:)?(?:${NPT_TIME}(?:,${NPT_TIME})?|,${NPT_TIME})$`)

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const many = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const hasType = (v: Obj, type: string) => many(v.type).includes(type)

/**
 * The MUSTs of the W3C Web Annotation Data Model (and the SHOULDs this app promises) for a
 * collection with embedded pages, checked by hand. Returns every violation, by path.
 */
function validateCollection(doc: unknown): string[] {
  const errors: string[] = []
  const fail = (path: string, problem: string) => errors.push(`${path}: ${problem}`)
  const iri = (v: unknown, path: string) => {
    if (typeof v !== 'string' || !IRI.test(v))
      fail(path, `must be one IRI, not ${JSON.stringify(v)}`)
  }
  const context = (v: unknown, path: string) => {
    if (!many(v).includes(CONTEXT)) fail(path, `must include ${CONTEXT}`)
  }
  const dateTime = (v: unknown, path: string) => {
    if (v !== undefined && (typeof v !== 'string' || !DATE_TIME.test(v)))
      fail(path, 'must be an xsd:dateTime with a time zone')
  }

  function body(b: unknown, path: string) {
    if (typeof b === 'string') return iri(b, path)
    if (!isObj(b)) return fail(path, 'must be an IRI or an object')
    if (hasType(b, 'TextualBody') || 'value' in b) {
      if (!hasType(b, 'TextualBody')) fail(`${path}.type`, 'should be TextualBody')
      if (typeof b.value !== 'string')
        fail(`${path}.value`, 'a TextualBody must have a string value')
    } else if (b.id === undefined) fail(path, 'an external body must have an id')
    if (b.id !== undefined) iri(b.id, `${path}.id`)
    for (const p of many(b.purpose))
      if (!MOTIVATIONS.includes(String(p)))
        fail(`${path}.purpose`, `unknown motivation ${String(p)}`)
    if (b.format !== undefined && !MIME.test(String(b.format)))
      fail(`${path}.format`, 'must be a MIME type')
  }

  function selector(s: unknown, path: string) {
    if (!isObj(s)) return fail(path, 'must be an object')
    if (hasType(s, 'FragmentSelector')) {
      if (typeof s.value !== 'string') return fail(`${path}.value`, 'is required')
      iri(s.conformsTo, `${path}.conformsTo`)
      if (s.conformsTo === 'http://www.w3.org/TR/media-frags/') {
        if (!MEDIA_FRAGMENT.test(s.value))
          fail(`${path}.value`, `not a temporal fragment: ${s.value}`)
        else if (parseTemporalFragment(s.value.slice(2)) === null)
          fail(`${path}.value`, `empty or reversed range: ${s.value}`)
      }
    } else if (hasType(s, 'TextQuoteSelector')) {
      if (typeof s.exact !== 'string' || s.exact === '') fail(`${path}.exact`, 'is required')
      for (const key of ['prefix', 'suffix'])
        if (s[key] !== undefined && typeof s[key] !== 'string')
          fail(`${path}.${key}`, 'must be a string')
    } else fail(`${path}.type`, `unexpected selector ${JSON.stringify(s.type)}`)
  }

  function target(t: unknown, path: string) {
    if (typeof t === 'string') return iri(t, path)
    if (!isObj(t)) return fail(path, 'must be an IRI or an object')
    if (hasType(t, 'SpecificResource') || 'source' in t || 'selector' in t) {
      const sources = many(t.source)
      if (sources.length !== 1)
        return fail(`${path}.source`, 'a SpecificResource must have exactly one source')
      const source = sources[0]
      iri(isObj(source) ? source.id : source, `${path}.source${isObj(source) ? '.id' : ''}`)
      if (t.scope !== undefined) iri(t.scope, `${path}.scope`)
      many(t.selector).forEach((s, i) => selector(s, `${path}.selector[${i}]`))
    } else iri(t.id, `${path}.id`)
  }

  function annotation(a: unknown, path: string) {
    if (!isObj(a)) return fail(path, 'must be an object')
    if (a['@context'] !== undefined) context(a['@context'], `${path}.@context`)
    iri(a.id, `${path}.id`)
    if (!hasType(a, 'Annotation')) fail(`${path}.type`, 'must include Annotation')
    dateTime(a.created, `${path}.created`)
    dateTime(a.modified, `${path}.modified`)
    for (const m of many(a.motivation))
      if (!MOTIVATIONS.includes(String(m)))
        fail(`${path}.motivation`, `unknown motivation ${String(m)}`)
    if (a.bodyValue !== undefined && a.body !== undefined)
      fail(`${path}.bodyValue`, 'must not be used together with body')
    many(a.body).forEach((b, i) => body(b, `${path}.body[${i}]`))
    const targets = many(a.target)
    if (targets.length === 0) fail(`${path}.target`, 'an annotation must have at least one target')
    targets.forEach((t, i) => target(t, `${path}.target[${i}]`))
  }

  if (!isObj(doc)) return ['(root): must be an object']
  context(doc['@context'], '@context')
  iri(doc.id, 'id')
  if (!hasType(doc, 'AnnotationCollection')) fail('type', 'must include AnnotationCollection')
  if (doc.label !== undefined && typeof doc.label !== 'string') fail('label', 'must be a string')
  let count = 0
  let page = doc.first
  let path = 'first'
  while (page !== undefined) {
    if (!isObj(page)) {
      fail(path, 'must be an embedded AnnotationPage')
      break
    }
    iri(page.id, `${path}.id`)
    if (!hasType(page, 'AnnotationPage')) fail(`${path}.type`, 'must include AnnotationPage')
    if (page.partOf !== undefined)
      iri(isObj(page.partOf) ? page.partOf.id : page.partOf, `${path}.partOf`)
    if (page.startIndex !== undefined && page.startIndex !== count)
      fail(`${path}.startIndex`, `must be ${count}`)
    if (!Array.isArray(page.items)) fail(`${path}.items`, 'is required and must be an array')
    else page.items.forEach((a, i) => annotation(a, `${path}.items[${i}]`))
    count += Array.isArray(page.items) ? page.items.length : 0
    page = page.next
    path = `${path}.next`
  }
  if (doc.total !== undefined && doc.total !== count)
    fail('total', `must be ${count}, the number of items`)
  return errors
}

function exportOf(...notes: Parameters<typeof notesToWebAnnotation>[0][number][]): Obj {
  return JSON.parse(notesToWebAnnotation(notes, CALLS, ORIGIN)) as Obj
}

function itemsOf(doc: Obj): Obj[] {
  return ((doc.first as Obj).items as Obj[]) ?? []
}

describe('notesToWebAnnotation', () => {
  const ranged = makeNote({
    id: '3f2b8c1e-9a4d-4c7b-8e21-5d6f7a8b9c0d',
    start: seconds(83.5),
    end: seconds(91),
    quote: { trackId: 'en', text: 'Zhou Yongkang is in charge of this specifically.' },
    text: 'Matches the report.',
    tags: ['name', 'key quote'],
    state: 'verified',
    createdAt: '2026-11-30T10:00:00.000Z',
    updatedAt: '2026-11-30T11:15:00.000Z',
  })
  const moment = makeNote({ start: seconds(3725.5), text: '', state: 'unreviewed' })

  it('is a valid collection, with one annotation per note', () => {
    const doc = exportOf(ranged, moment)
    expect(validateCollection(doc)).toEqual([])
    expect(doc).toMatchObject({ '@context': CONTEXT, type: 'AnnotationCollection', total: 2 })
    expect((doc.first as Obj).type).toBe('AnnotationPage')
    expect(itemsOf(doc)).toHaveLength(2)
  })

  it('maps a ranged, quoted, verified note onto the model', () => {
    const [annotation] = itemsOf(exportOf(ranged))
    expect(annotation).toEqual({
      '@context': CONTEXT,
      id: 'urn:uuid:3f2b8c1e-9a4d-4c7b-8e21-5d6f7a8b9c0d',
      type: 'Annotation',
      motivation: 'assessing',
      created: '2026-11-30T10:00:00.000Z',
      modified: '2026-11-30T11:15:00.000Z',
      body: [
        {
          type: 'TextualBody',
          purpose: 'commenting',
          value: 'Matches the report.',
          format: 'text/plain',
        },
        { type: 'TextualBody', purpose: 'tagging', value: 'name' },
        { type: 'TextualBody', purpose: 'tagging', value: 'key quote' },
        { type: 'TextualBody', purpose: 'assessing', value: 'verified', format: 'text/plain' },
      ],
      target: {
        type: 'SpecificResource',
        source: { id: audioIri(LI_SHA), type: 'Sound', label: LI_CALL.title },
        scope: 'http://localhost:4173/#/call/li-changchun-2012-04?t=83.5,91',
        selector: [
          {
            type: 'FragmentSelector',
            conformsTo: 'http://www.w3.org/TR/media-frags/',
            value: 't=83.5,91',
          },
          { type: 'TextQuoteSelector', exact: 'Zhou Yongkang is in charge of this specifically.' },
        ],
      },
    })
  })

  it('comments on a moment without a quote, with only the state as a body when it has no text', () => {
    const [annotation] = itemsOf(exportOf(moment))
    expect(annotation?.motivation).toBe('commenting')
    expect(annotation?.body).toEqual([
      { type: 'TextualBody', purpose: 'assessing', value: 'unreviewed', format: 'text/plain' },
    ])
    expect((annotation?.target as Obj).selector).toEqual([
      {
        type: 'FragmentSelector',
        conformsTo: 'http://www.w3.org/TR/media-frags/',
        value: 't=3725.5',
      },
    ])
  })

  it('names the audio by an RFC 6920 ni IRI that holds its SHA-256', () => {
    const iri = audioIri(LI_SHA)
    expect(iri).toMatch(/^ni:\/\/\/sha-256;[A-Za-z0-9_-]{43}$/)
    const base64 = iri.split(';')[1]!.replace(/-/g, '+').replace(/_/g, '/') + '='
    expect(Buffer.from(base64, 'base64').toString('hex')).toBe(LI_SHA)
  })

  it('keeps an orphaned note on its own audio hash', () => {
    const orphan = makeNote({ callId: 'gone', audioSha256: 'd'.repeat(64) })
    const [annotation] = itemsOf(exportOf(orphan))
    expect((annotation?.target as Obj).source).toEqual({
      id: audioIri('d'.repeat(64)),
      type: 'Sound',
    })
  })

  it('gives a note whose id is not a UUID a stable, valid urn:uuid', () => {
    const note = makeNote({ id: 'legacy-note-7' })
    const first = itemsOf(exportOf(note))[0]?.id
    expect(first).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(itemsOf(exportOf(note))[0]?.id).toBe(first)
    expect(itemsOf(exportOf(makeNote({ id: 'legacy-note-8' })))[0]?.id).not.toBe(first)
  })

  it('names the same export the same way, and a changed one differently', () => {
    expect(exportOf(ranged, moment).id).toBe(exportOf(moment, ranged).id)
    expect(exportOf(ranged).id).not.toBe(exportOf(ranged, moment).id)
    expect(exportOf(ranged).id).not.toBe((exportOf(ranged).first as Obj).id)
  })

  it('is valid for any notes, including none', () => {
    expect(validateCollection(exportOf())).toEqual([])
    fc.assert(
      fc.property(
        fc.uniqueArray(arbitraryNote, { selector: (n) => n.id, maxLength: 6 }),
        (notes) => {
          const doc = JSON.parse(notesToWebAnnotation(notes, CALLS, ORIGIN)) as Obj
          expect(validateCollection(doc)).toEqual([])
          expect(doc.total).toBe(notes.length)
        },
      ),
    )
  })
})

describe('the validator', () => {
  // It must be able to fail: each spoiled copy of a valid export is caught, at the right path.
  const valid = () => exportOf(makeNote({ end: seconds(9), quote: { trackId: 'en', text: 'q' } }))
  const first = (doc: Obj) => itemsOf(doc)[0]!
  const target = (doc: Obj) => first(doc).target as Obj

  it.each<[string, (doc: Obj) => void, string]>([
    ['a missing context', (d) => delete d['@context'], '@context'],
    ['a collection id that is not an IRI', (d) => (d.id = 'not an iri'), 'id:'],
    ['a wrong collection type', (d) => (d.type = 'Collection'), 'type:'],
    ['a wrong total', (d) => (d.total = 5), 'total:'],
    ['a page without items', (d) => delete (d.first as Obj).items, 'first.items'],
    ['an annotation without an id', (d) => delete first(d).id, 'first.items[0].id'],
    ['an unknown motivation', (d) => (first(d).motivation = 'liking'), 'first.items[0].motivation'],
    ['a local time', (d) => (first(d).created = '2026-11-30T10:00:00'), 'first.items[0].created'],
    ['bodyValue beside body', (d) => (first(d).bodyValue = 'x'), 'first.items[0].bodyValue'],
    [
      'a text body without value',
      (d) => delete (first(d).body as Obj[])[0]!.value,
      'body[0].value',
    ],
    ['no target', (d) => delete first(d).target, 'first.items[0].target'],
    ['a target without source', (d) => delete target(d).source, 'target[0].source'],
    [
      'a reversed media fragment',
      (d) => ((target(d).selector as Obj[])[0]!.value = 't=9,7'),
      'selector[0].value',
    ],
    [
      'a malformed media fragment',
      (d) => ((target(d).selector as Obj[])[0]!.value = 't=1.5s'),
      'selector[0].value',
    ],
    [
      'a fragment selector without conformsTo',
      (d) => delete (target(d).selector as Obj[])[0]!.conformsTo,
      'selector[0].conformsTo',
    ],
    [
      'a quote selector without exact',
      (d) => delete (target(d).selector as Obj[])[1]!.exact,
      'selector[1].exact',
    ],
  ])('catches %s', (_, spoil, path) => {
    const doc = valid()
    expect(validateCollection(doc)).toEqual([])
    spoil(doc)
    const errors = validateCollection(doc)
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.join('\n')).toContain(path)
  })
})

describe("notesToWebAnnotation with the call's tracks", () => {
  it('selects the note by what each track says under it', () => {
    const call = {
      ...LI_CALL,
      tracks: [
        {
          id: 'en',
          label: 'English',
          language: 'en',
          kind: 'original' as const,
          segments: [{ id: 's1', start: seconds(7), end: seconds(9), text: 'He knows it.' }],
        },
        {
          id: 'zh',
          label: '中文',
          language: 'zh',
          kind: 'translation' as const,
          segments: [{ id: 's1', start: seconds(7), end: seconds(9), text: '他知道。' }],
        },
      ],
    }
    const doc = JSON.parse(notesToWebAnnotation([makeNote()], lookupOf(call), ORIGIN)) as {
      first: { items: { target: { selector: { type: string; exact?: string }[] } }[] }
    }
    const selectors = doc.first.items[0]?.target.selector ?? []
    expect(selectors.filter((s) => s.type === 'TextQuoteSelector')).toEqual([
      { type: 'TextQuoteSelector', exact: 'He knows it.' },
      { type: 'TextQuoteSelector', exact: '他知道。' },
    ])
  })
})

import { describe, expect, it } from 'vitest'
import {
  describeProvenanceEdit,
  diffProvenance,
  formatEditTime,
  reviseProvenance,
} from '../../../src/domain/provenance-history'
import type { Provenance, ProvenanceEdit } from '../../../src/domain/types'

const NOW = new Date('2026-11-30T14:02:31.000Z')
const LATER = new Date('2026-12-01T09:15:00.000Z')

const imported: Provenance = {
  audioOrigin: 'original',
  publisher: 'Human Rights Group',
  sourceUrl: 'https://example.org/calls',
  recorded: '2012-04',
  transcribedBy: 'A. Transcriber',
  originalFile: {
    name: 'call.mp3',
    size: 3,
    type: 'audio/mpeg',
    importedAt: '2026-11-30T10:00:00.000Z',
  },
}

describe('diffProvenance', () => {
  it('finds no edit when nothing changed', () => {
    expect(diffProvenance(imported, { ...imported }, NOW)).toEqual([])
  })

  it.each([
    ['publisher', 'Another Group'],
    ['sourceUrl', 'https://example.org/other'],
    ['recorded', '2012-04-30'],
    ['published', '2012-06'],
    ['transcribedBy', 'B. Transcriber'],
    ['translatedBy', 'C. Translator'],
    ['audioOrigin', 'synthetic'],
    ['note', 'Re-voiced for the hearing.'],
  ] as const)('records a change to %s with the time, its old and its new value', (field, to) => {
    const edits = diffProvenance(imported, { ...imported, [field]: to }, NOW)
    expect(edits).toEqual([
      { at: '2026-11-30T14:02:31.000Z', field, from: imported[field] ?? '', to },
    ])
  })

  it('records a cleared field with an empty value', () => {
    const { publisher: _dropped, ...withoutPublisher } = imported
    expect(diffProvenance(imported, withoutPublisher, NOW)).toEqual([
      { at: NOW.toISOString(), field: 'publisher', from: 'Human Rights Group', to: '' },
    ])
  })

  it('records every changed field of one save, in panel order, with one time', () => {
    const edits = diffProvenance(
      imported,
      { ...imported, translatedBy: 'C. Translator', publisher: 'Another Group' },
      NOW,
    )
    expect(edits.map((e) => e.field)).toEqual(['publisher', 'translatedBy'])
    expect(new Set(edits.map((e) => e.at))).toEqual(new Set([NOW.toISOString()]))
  })

  it('takes spaces around a value, or blank for unset, as no change', () => {
    expect(
      diffProvenance(
        imported,
        { ...imported, publisher: '  Human Rights Group ', published: '   ' },
        NOW,
      ),
    ).toEqual([])
  })

  it('records values trimmed', () => {
    expect(diffProvenance(imported, { ...imported, published: ' 2012-06 ' }, NOW)).toEqual([
      { at: NOW.toISOString(), field: 'published', from: '', to: '2012-06' },
    ])
  })
})

describe('reviseProvenance', () => {
  it('appends this save’s edits after the stored ones', () => {
    const once = reviseProvenance(imported, { ...imported, publisher: 'Second' }, NOW)
    const twice = reviseProvenance(once, { ...once, publisher: 'Third' }, LATER)
    expect(twice.publisher).toBe('Third')
    expect(twice.edits?.map((e) => [e.from, e.to, e.at])).toEqual([
      ['Human Rights Group', 'Second', NOW.toISOString()],
      ['Second', 'Third', LATER.toISOString()],
    ])
  })

  it('ignores edits and file facts in what is proposed: the history cannot be rewritten', () => {
    const stored = reviseProvenance(imported, { ...imported, publisher: 'Second' }, NOW)
    const forged: ProvenanceEdit = { at: NOW.toISOString(), field: 'note', from: '', to: 'x' }
    const revised = reviseProvenance(
      stored,
      {
        ...stored,
        edits: [forged],
        originalFile: { name: 'other.mp3', size: 1, type: '', importedAt: '' },
      },
      LATER,
    )
    expect(revised.edits).toEqual(stored.edits)
    expect(revised.originalFile).toEqual(imported.originalFile)
  })

  it('adds no history when nothing changed', () => {
    expect(reviseProvenance(imported, imported, NOW)).toEqual(imported)
  })
})

describe('describing an edit', () => {
  it('says what changed, from what, to what, and when, in UTC', () => {
    const at = NOW.toISOString()
    expect(
      describeProvenanceEdit({ at, field: 'sourceUrl', from: 'https://a', to: 'https://b' }),
    ).toBe('Source changed from “https://a” to “https://b” on 2026-11-30 14:02 UTC')
    expect(describeProvenanceEdit({ at, field: 'published', from: '', to: '2012-06' })).toBe(
      'Published set to “2012-06” on 2026-11-30 14:02 UTC',
    )
    expect(describeProvenanceEdit({ at, field: 'publisher', from: 'Group', to: '' })).toBe(
      'Publisher cleared (was “Group”) on 2026-11-30 14:02 UTC',
    )
  })

  it('shows a time it cannot read as it is', () => {
    expect(formatEditTime('yesterday')).toBe('yesterday')
  })
})

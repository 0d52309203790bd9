import type { Provenance, ProvenanceEdit, ProvenanceField } from './types'

/** The provenance fields in the order the provenance panel lists them, with their names there. */
export const PROVENANCE_FIELDS: readonly { field: ProvenanceField; label: string }[] = [
  { field: 'audioOrigin', label: 'Audio' },
  { field: 'publisher', label: 'Publisher' },
  { field: 'sourceUrl', label: 'Source' },
  { field: 'recorded', label: 'Recorded' },
  { field: 'published', label: 'Published' },
  { field: 'transcribedBy', label: 'Transcribed by' },
  { field: 'translatedBy', label: 'Translated by' },
  { field: 'note', label: 'Note' },
]

/** A field's value as compared and recorded: unset and blank are the same, outer spaces do not count. */
function valueOf(provenance: Provenance, field: ProvenanceField): string {
  return (provenance[field] ?? '').trim()
}

/**
 * The changes from `before` to `after`, one per provenance field whose value differs, all
 * stamped `now`. A change of spaces around a value, or between unset and blank, is no change.
 */
export function diffProvenance(before: Provenance, after: Provenance, now: Date): ProvenanceEdit[] {
  const at = now.toISOString()
  return PROVENANCE_FIELDS.flatMap(({ field }) => {
    const from = valueOf(before, field)
    const to = valueOf(after, field)
    return from === to ? [] : [{ at, field, from, to }]
  })
}

/**
 * The provenance to store when a user saves `proposed` over `stored`: the proposed fields, the
 * stored file facts (not the user's to change), and the stored edits with this save's changes
 * appended. Edits in `proposed` are ignored, so no caller can rewrite or drop the history.
 */
export function reviseProvenance(stored: Provenance, proposed: Provenance, now: Date): Provenance {
  const { edits: _ignored, originalFile: _file, ...fields } = proposed
  const edits = [...(stored.edits ?? []), ...diffProvenance(stored, proposed, now)]
  return {
    ...fields,
    ...(stored.originalFile ? { originalFile: stored.originalFile } : {}),
    ...(edits.length > 0 ? { edits } : {}),
  }
}

/** An edit's time as shown: minutes, in UTC, said so (a record may be read in another zone). */
export function formatEditTime(at: string): string {
  const time = new Date(at)
  if (Number.isNaN(time.getTime())) return at
  const iso = time.toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

/** What an edit changed, as a phrase: `Source changed from “a” to “b”`. */
export function describeProvenanceChange(edit: ProvenanceEdit): string {
  const label = PROVENANCE_FIELDS.find((f) => f.field === edit.field)?.label ?? edit.field
  if (edit.from === '') return `${label} set to “${edit.to}”`
  if (edit.to === '') return `${label} cleared (was “${edit.from}”)`
  return `${label} changed from “${edit.from}” to “${edit.to}”`
}

/** One edit as a sentence: `Source changed from “a” to “b” on 2026-11-30 14:02 UTC`. */
export function describeProvenanceEdit(edit: ProvenanceEdit): string {
  return `${describeProvenanceChange(edit)} on ${formatEditTime(edit.at)}`
}

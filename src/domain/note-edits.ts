/** What the user types into a note: its text and its tags (as parsed from the tags field). */
export interface NoteEdit {
  readonly text: string
  readonly tags: readonly string[]
}

/** The typed fields of a note, each saved and checked on its own. */
export type EditField = keyof NoteEdit

export const EDIT_FIELDS: readonly EditField[] = ['text', 'tags']

/** Whether two tag lists hold the same tags in the same order. */
export function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i])
}

/** Whether one field holds the same value in two edits. */
export function sameField<F extends EditField>(field: F, a: NoteEdit[F], b: NoteEdit[F]): boolean {
  return field === 'text' ? a === b : sameTags(a as readonly string[], b as readonly string[])
}

/** Whether two edits hold the same text and tags. */
export function sameEdit(a: NoteEdit, b: NoteEdit): boolean {
  return a.text === b.text && sameTags(a.tags, b.tags)
}

/**
 * How many leading characters two texts share, cut where a word ends in both, so that no word is
 * split (a text that is the beginning of the other is shared whole if a space follows it there).
 */
function sharedStart(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  let shared = 0
  let i = 0
  for (; i < n && a[i] === b[i]; i++) if (/\s/.test(a[i] ?? '')) shared = i + 1
  if (i === n) {
    const longer = a.length > b.length ? a : b
    if (i === longer.length || /\s/.test(longer[i] ?? '')) shared = i
  }
  return shared
}

/**
 * Both texts, mine first, then theirs, a blank line between. What both kept of the text they
 * started from (`base`, up to where a word ends) is written once: two people adding to the same
 * note each keep what was there and what they added, and every word of both is in the result.
 */
export function keepBothTexts(mine: string, theirs: string, base = ''): string {
  const shared = Math.min(
    sharedStart(mine, theirs),
    sharedStart(mine, base),
    sharedStart(theirs, base),
  )
  const theirsRest = theirs.slice(shared).trim()
  if (theirsRest === '') return mine
  if (mine.slice(shared).trim() === '') return theirs
  return `${mine.trimEnd()}\n\n${theirsRest}`
}

/** Mine, then those of theirs that mine lacks. */
export function keepBothTags(mine: readonly string[], theirs: readonly string[]): string[] {
  return [...mine, ...theirs.filter((tag) => !mine.includes(tag))]
}

/** One field of both edits kept (see `keepBothTexts`, `keepBothTags`). */
export function keepBoth<F extends EditField>(
  field: F,
  mine: NoteEdit[F],
  theirs: NoteEdit[F],
  base?: NoteEdit[F],
): NoteEdit[F] {
  return (
    field === 'text'
      ? keepBothTexts(mine as string, theirs as string, (base as string | undefined) ?? '')
      : keepBothTags(mine as readonly string[], theirs as readonly string[])
  ) as NoteEdit[F]
}

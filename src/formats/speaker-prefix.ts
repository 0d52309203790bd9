/* Speaker names written before the text (`Anna Maria:`, `SPEAKER_00:`), for the plain-text, oTranscribe and SRT importers. */

const NAME_WORD = String.raw`[\p{Lu}\p{Lt}\d][\p{L}\p{M}\d_'’.\-]*`
/** A speaker's name, 1–4 words that start with a capital or a digit: RegExp source, for the `u` flag. */
export const SPEAKER_NAME = `${NAME_WORD}(?: ${NAME_WORD}){0,3}`
/** A longer "name" is taken for text. */
export const MAX_NAME_LENGTH = 40

const SPEAKER_PREFIX = new RegExp(`^(${SPEAKER_NAME}):(?:\\s+|$)`, 'u')

/**
 * Words that label a line rather than name who speaks it (`Note: 10:30 is the time given`),
 * in the languages the corpus holds, compared in lower case.
 */
const LABELS = new Set([
  'note',
  'nb',
  'n.b.',
  'ps',
  'p.s.',
  "translator's note",
  'translator’s note',
  "editor's note",
  'editor’s note',
  'nota',
  'anmerkung',
  'warning',
  'caution',
  'update',
  'source',
  'time',
  'date',
  'location',
])

/** Splits a leading `Name:` (1–4 capitalised words or ALL CAPS) off a segment's text. */
export function splitSpeakerPrefix(text: string): { speaker: string; rest: string } | undefined {
  const match = SPEAKER_PREFIX.exec(text)
  const speaker = match?.[1]
  if (!match || speaker === undefined || speaker.length > MAX_NAME_LENGTH) return undefined
  if (LABELS.has(speaker.toLowerCase())) return undefined
  return { speaker, rest: text.slice(match[0].length) }
}

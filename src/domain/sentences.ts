// Ends a sentence: a full stop, question or exclamation mark or ellipsis, perhaps inside quotes or
// brackets ("(see the manual.)"). A bracket closed after an unended clause does not end one.
const ENDED = /[.!?…]["'”’)\]]*$/

/**
 * The text as a whole sentence: trimmed, with a full stop added unless it already ends one. Error
 * messages from parsers and libraries often end without one, and a sentence put after them would
 * run on ("…not supported This file…").
 */
export function asSentence(text: string): string {
  const trimmed = text.trim()
  if (trimmed === '' || ENDED.test(trimmed)) return trimmed
  return `${trimmed}.`
}

/** Texts joined as sentences: each one ended, one space between them, empty ones left out. */
export function joinSentences(...texts: readonly string[]): string {
  return texts
    .map(asSentence)
    .filter((sentence) => sentence !== '')
    .join(' ')
}

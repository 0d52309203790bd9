import { languageName } from '../../domain/language'
import { toLanguageTag } from '../../formats/language-tag'
import type { PickedTranscript } from './picked-transcript'

type Parsed = Extract<PickedTranscript, { parsed: unknown }>

/** What the user may type for a language: a BCP 47 tag (`es`, `pt-BR`) or an English name (`Spanish`). */
export const resolveLanguage = (value: string): string | undefined => toLanguageTag(value)

/** `Spanish (es)`, or the tag alone where the browser knows no name for it. */
export function describeLanguage(tag: string): string {
  const name = languageName(tag)
  return name === tag ? tag : `${name} (${tag})`
}

/**
 * Why a picked transcript cannot be added yet, as a sentence naming the file: no language (the
 * guess was not sure, or the field was cleared) or one that is neither a tag nor a name.
 */
export function languageProblem(picked: Parsed): string | undefined {
  const typed = picked.language.trim()
  if (typed === '') {
    return picked.languageGuess.sure
      ? `Choose the language of ${picked.fileName}.`
      : `We could not tell the language of ${picked.fileName}: choose it.`
  }
  if (resolveLanguage(typed) !== undefined) return undefined
  const shown = typed.length > 40 ? `${typed.slice(0, 40)}…` : typed
  return `The language of ${picked.fileName}, “${shown}”, is neither a language tag (such as es or pt-BR) nor a language name (such as Spanish): choose it.`
}

/** Whether any transcript still lacks a language, which holds back adding them. */
export function needsLanguage(picked: readonly PickedTranscript[]): boolean {
  return picked.some((p) => 'parsed' in p && languageProblem(p) !== undefined)
}

/** Why the guess was not sure, in a sentence, with the closest languages when there are some. */
export function unsureDetail(picked: Parsed): string {
  const { reason, candidates } = picked.languageGuess
  if (reason === 'too-short') return 'Its text is too short to tell.'
  const names = candidates.map(languageName)
  if (names.length === 0) return 'Its text matches no language well enough.'
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`
  return `It reads closest to ${list}, but not clearly enough.`
}

/** Where the language shown came from, for the hint beside the field. */
export function languageSource(picked: Parsed): string | undefined {
  const tag = resolveLanguage(picked.language.trim())
  if (tag === undefined) return undefined
  const guess = picked.languageGuess
  const chosen = !guess.sure || tag !== guess.tag
  if (chosen) return describeLanguage(tag)
  const from =
    guess.reason === 'declared'
      ? 'as the file declares'
      : guess.reason === 'script'
        ? 'told from its script'
        : 'told from the text'
  return `${describeLanguage(tag)}, ${from}`
}

/**
 * The transcript with a new language typed. A label still as it was made (the language's name,
 * or the file name when the language was not known) follows the language; one the user typed is kept.
 */
export function withLanguage(picked: Parsed, typed: string): Parsed {
  const before = resolveLanguage(picked.language.trim())
  const made = before === undefined ? picked.fileName : languageName(before)
  const after = resolveLanguage(typed.trim())
  const label =
    picked.label === made
      ? after === undefined
        ? picked.fileName
        : languageName(after)
      : picked.label
  return { ...picked, language: typed, label }
}

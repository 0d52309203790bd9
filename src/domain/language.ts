/** The language's name in English, e.g. `zh-Hans` → "Chinese (Simplified)"; the tag if unknown. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag
  } catch {
    return tag
  }
}

/** The longest language tag taken: RFC 5646 asks room for 35 characters; longer ones are junk. */
const MAX_TAG_LENGTH = 64

/**
 * The canonical form of a BCP 47 language tag (`zh-hans` → `zh-Hans`, `eng` → `en`, `iw` → `he`),
 * or undefined when `value` is not one. The primary language subtag must be two or three letters
 * (the registry holds no longer ones, and `english` would otherwise pass as a tag); private-use
 * tags (`x-…`) and anything with characters outside letters, digits and hyphens are refused.
 */
export function canonicalLanguageTag(value: string): string | undefined {
  if (value.length > MAX_TAG_LENGTH || !/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(value)) {
    return undefined
  }
  try {
    return Intl.getCanonicalLocales(value)[0]
  } catch {
    return undefined
  }
}

/** Whether a string is a BCP 47 language tag (`en`, `zh-Hans`, `pt-BR`, `und`). */
export function isLanguageTag(tag: string): boolean {
  return canonicalLanguageTag(tag) !== undefined
}

const APPROXIMATE_DATE = /^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/

/** Whether a recorded date is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (empty means unknown). */
export function isApproximateDate(value: string): boolean {
  return value === '' || APPROXIMATE_DATE.test(value)
}

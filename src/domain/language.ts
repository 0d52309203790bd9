const HAN = /\p{Script=Han}/gu
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu
const HANGUL = /\p{Script=Hangul}/gu
const CYRILLIC = /\p{Script=Cyrillic}/gu
const ARABIC = /\p{Script=Arabic}/gu
const LATIN = /\p{Script=Latin}/gu

/**
 * A best guess at a transcript's language from the script its text is written in: enough to
 * pre-fill the import form (the user confirms it), not a language identifier.
 */
export function guessLanguage(texts: readonly string[]): string {
  const sample = texts.join(' ').slice(0, 20_000)
  const count = (pattern: RegExp) => sample.match(pattern)?.length ?? 0
  const scripts: [string, number][] = [
    ['ja', count(KANA) * 3],
    ['zh', count(HAN)],
    ['ko', count(HANGUL)],
    ['ru', count(CYRILLIC)],
    ['ar', count(ARABIC)],
    ['en', count(LATIN) / 4],
  ]
  const [best, score] = scripts.reduce((a, b) => (b[1] > a[1] ? b : a))
  return score > 0 ? best : 'und'
}

/** The language's name in English, e.g. `zh-Hans` → "Chinese (Simplified)"; the tag if unknown. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag
  } catch {
    return tag
  }
}

/** Whether a string is a plausible BCP 47 tag (`en`, `zh-Hans`, `pt-BR`, `und`). */
export function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1
  } catch {
    return false
  }
}

const APPROXIMATE_DATE = /^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/

/** Whether a recorded date is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (empty means unknown). */
export function isApproximateDate(value: string): boolean {
  return value === '' || APPROXIMATE_DATE.test(value)
}

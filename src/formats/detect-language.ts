import { francAll } from 'franc-min'
import { canonicalLanguageTag } from '../domain/language'

/*
 * Which language a transcript is in, when the file does not say. Pure and synchronous, so that
 * the import worker can call it beside the parsers; franc-min (trigram profiles of the 82
 * languages with 8 million speakers or more, 48 KB gzipped) loads with the import code only.
 *
 * Han, kana and Hangul name their language by script alone (zh, ja, ko). Every other text goes
 * to franc, whose scores put the best language at 1 and the others below it, by how much further
 * their trigrams are from the text's. The guess is sure only when:
 * - the text has at least MIN_LETTERS letters (franc's own floor is 10 characters, which its
 *   author calls unreliable), and
 * - the best language leads the second by at least MIN_MARGIN, and by proportionally more on a
 *   shorter text: margin × letters ≥ MIN_MARGIN × FULL_LETTERS (0.05 from 300 letters on, 0.1 at
 *   150, 0.3 at 50).
 * A long transcript is judged in windows of WINDOW_CHARS across it (franc's scores shrink as the
 * text it reads grows, so the thresholds hold for texts of about that size), and is sure when
 * more than half of the windows are sure of one language.
 *
 * Measured on windows of hand-written call transcripts (Spanish, French, German, English, and
 * Danish, Finnish and Catalan, which franc-min does not know): at 150 letters and more, no window
 * of a known language was given the wrong language, and a text in an unknown language was called
 * sure in at most 3 % of windows; without the length factor, windows of 200 letters of Danish
 * were taken for Swedish or Dutch in 16 %. Spanish, close to Portuguese, needs about 300 letters
 * to be sure; a shorter one is asked about.
 */

/** Below this many letters a text is too short to tell. */
export const MIN_LETTERS = 40
/** Below this many Han, kana or Hangul characters a text in those scripts is too short to tell. */
export const MIN_SCRIPT_CHARACTERS = 20
/** The lead over the second language that makes a guess sure on a text of FULL_LETTERS or more. */
export const MIN_MARGIN = 0.05
/** From this many letters on, MIN_MARGIN alone is asked for. */
export const FULL_LETTERS = 300
/** How much text is judged at once, and in how many windows across a long transcript. */
const WINDOW_CHARS = 400
const WINDOWS = 5

/** Where a transcript's language came from, or why it is not known. */
export type LanguageReason = 'declared' | 'script' | 'detected' | 'too-short' | 'unsure'

/** A transcript's language as far as it can be told. */
export interface LanguageGuess {
  /** BCP 47 tag; empty when not sure (the user must choose). */
  readonly tag: string
  readonly sure: boolean
  readonly reason: LanguageReason
  /** When unsure on a long enough text, the closest languages, best first (BCP 47). */
  readonly candidates: readonly string[]
}

const HAN = /\p{Script=Han}/gu
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu
const HANGUL = /\p{Script=Hangul}/gu
const LETTER = /\p{L}/gu

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0

/**
 * The language of a transcript: the one its file declares (a valid tag other than `und`), else
 * the one its text is in, when sure (see above). Never English by default: a guess that is not
 * sure has an empty tag.
 */
export function detectLanguage(texts: readonly string[], declared?: string): LanguageGuess {
  const declaredTag = declared === undefined ? undefined : canonicalLanguageTag(declared)
  if (declaredTag !== undefined && declaredTag !== 'und') {
    return { tag: declaredTag, sure: true, reason: 'declared', candidates: [] }
  }
  const verdicts = windowsOf(texts).map(judge)
  const [only] = verdicts
  if (verdicts.length === 1 && only !== undefined) return only
  // Several windows: sure when more than half of them are sure of one language.
  const votes = new Map<string, number>()
  for (const v of verdicts) if (v.sure) votes.set(v.tag, (votes.get(v.tag) ?? 0) + 1)
  const ranked = [...votes].sort((a, b) => b[1] - a[1])
  const [winner] = ranked
  if (winner !== undefined && winner[1] * 2 > verdicts.length) {
    const reason = verdicts.find((v) => v.tag === winner[0])?.reason ?? 'detected'
    return { tag: winner[0], sure: true, reason, candidates: [] }
  }
  if (verdicts.every((v) => v.reason === 'too-short')) return unsure('too-short')
  const named = [...ranked.map(([tag]) => tag), ...verdicts.flatMap((v) => v.candidates)]
  return unsure('unsure', [...new Set(named)].slice(0, 3))
}

/** One window's language: by script for Han, kana and Hangul; else franc's, when sure. */
function judge(sample: string): LanguageGuess {
  const letters = count(sample, LETTER)
  const han = count(sample, HAN)
  const kana = count(sample, KANA)
  const hangul = count(sample, HANGUL)
  const cjk = han + kana + hangul
  // A CJK character carries about a word; a Latin letter a fifth of one.
  if (cjk > 0 && cjk * 4 >= letters - cjk) {
    if (cjk < MIN_SCRIPT_CHARACTERS) return unsure('too-short')
    const tag = hangul > han + kana ? 'ko' : kana > 0 && kana >= (han + kana) * 0.1 ? 'ja' : 'zh'
    return { tag, sure: true, reason: 'script', candidates: [] }
  }
  if (letters < MIN_LETTERS) return unsure('too-short')

  const ranked = francAll(sample, { minLength: 1 })
    .map(
      ([code, score]) => [code === 'und' ? undefined : canonicalLanguageTag(code), score] as const,
    )
    .filter((entry): entry is readonly [string, number] => entry[0] !== undefined)
  const [best, second] = ranked
  if (best === undefined) return unsure('unsure')
  const margin = best[1] - (second?.[1] ?? 0)
  const needed = MIN_MARGIN * Math.max(1, FULL_LETTERS / letters)
  if (margin >= needed) return { tag: best[0], sure: true, reason: 'detected', candidates: [] }
  const close = ranked.filter(([, score]) => best[1] - score < needed).slice(0, 3)
  return unsure('unsure', [...new Set(close.map(([tag]) => tag))])
}

function unsure(reason: 'too-short' | 'unsure', candidates: string[] = []): LanguageGuess {
  return { tag: '', sure: false, reason, candidates }
}

/**
 * The text to judge, in windows of about WINDOW_CHARS characters cut at spaces: the whole text as
 * one window when it is under twice that, else up to WINDOWS windows spread evenly over it, so
 * that a transcript that opens in another language (a greeting, an interpreter's preamble) is
 * judged on the whole. franc's scores depend on the length of what it reads, and the thresholds
 * were measured on windows of this size.
 */
export function windowsOf(texts: readonly string[]): string[] {
  let total = 0
  for (const text of texts) total += text.length + 1
  if (total <= 2 * WINDOW_CHARS) return [texts.join(' ')]
  const count = Math.min(WINDOWS, Math.floor(total / WINDOW_CHARS))
  const windows: string[] = []
  let index = 0
  let position = 0 // where texts[index] starts in the joined text
  for (let k = 0; k < count; k++) {
    const from = Math.floor(((total - WINDOW_CHARS) * k) / (count - 1))
    while (index < texts.length - 1 && position + (texts[index]?.length ?? 0) + 1 <= from) {
      position += (texts[index]?.length ?? 0) + 1
      index++
    }
    let part = ''
    let offset = Math.max(0, from - position)
    // A little more than a window, so that whole words are left once both ends are cut.
    for (let j = index; j < texts.length && part.length < WINDOW_CHARS + 40; j++) {
      part += `${(texts[j] ?? '').slice(offset)} `
      offset = 0
    }
    part = part.slice(0, WINDOW_CHARS + 40)
    // Whole words only: a word cut in two makes trigrams of no language.
    const first = from === 0 ? -1 : part.indexOf(' ')
    const last = part.lastIndexOf(' ')
    windows.push(last > first ? part.slice(first + 1, last) : part)
  }
  return windows
}

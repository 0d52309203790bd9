import type { Call } from '../../domain/types'

/** Lower-cases and strips accents, so "zhou" finds "Zhōu". */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}

/** Whether every word of the filter appears in the call's title, people, date, languages or description. */
export function callMatches(call: Call, filter: string): boolean {
  const words = fold(filter).split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const haystack = fold(
    [
      call.title,
      call.recorded,
      call.description,
      ...call.participants.flatMap((p) => [p.name, p.role ?? '']),
      ...call.tracks.flatMap((t) => [t.label, t.language]),
      call.provenance.publisher ?? '',
    ].join('\n'),
  )
  return words.every((word) => haystack.includes(word))
}

/** Language tags of the call's tracks, without repeats, e.g. `en · zh-Hans`. */
export function languagesOf(call: Call): string[] {
  return [...new Set(call.tracks.map((t) => t.language))]
}

import { languageName } from '../../domain/language'
import type { Track, TrackKind } from '../../domain/types'
import { detectLanguage, type LanguageGuess } from '../../formats/detect-language'
import { toLanguageTag } from '../../formats/language-tag'
import { TranscriptParseError, type ParsedTranscript } from '../../formats/types'
import { readTranscript, type ReadTranscriptOptions } from '../../workers/transcript-client'

/** A transcript file chosen for import, read and parsed, with the choices the user may change. */
export type PickedTranscript =
  | {
      readonly key: string
      readonly fileName: string
      readonly parsed: ParsedTranscript
      /** As typed: a tag or a name; empty until chosen when the guess was not sure. */
      readonly language: string
      /** Where the first language came from (declared, told from the text, or not known). */
      readonly languageGuess: LanguageGuess
      readonly kind: TrackKind
      readonly label: string
    }
  | { readonly key: string; readonly fileName: string; readonly error: string }

let counter = 0

/**
 * The largest transcript read. A 3-hour call with word timings is about 10 MB as Verbatim JSON; a
 * file several times that is refused with a sentence rather than read (and held, several times
 * over, by the worker that parses it and by the page).
 */
export const MAX_TRANSCRIPT_BYTES = 25 * 1024 * 1024

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`

/**
 * Reads and parses one file (in a worker); a file that cannot be read, or whose reading is
 * cancelled through `options.signal`, becomes an entry with its error.
 */
export async function pickTranscript(
  file: File,
  index: number,
  options: ReadTranscriptOptions = {},
): Promise<PickedTranscript> {
  const key = `t${++counter}`
  if (file.size > MAX_TRANSCRIPT_BYTES) {
    return {
      key,
      fileName: file.name,
      error:
        `${file.name}: the file is ${megabytes(file.size)}, more than the ` +
        `${megabytes(MAX_TRANSCRIPT_BYTES)} a transcript may be (three hours with word timings ` +
        'is about 10 MB). Split it into parts, or export it without word timings.',
    }
  }
  try {
    const parsed = await readTranscript(file, file.name, options)
    const guess = detectLanguage(
      parsed.segments.map((s) => s.text),
      parsed.language,
    )
    return {
      key,
      fileName: file.name,
      parsed,
      language: guess.tag,
      languageGuess: guess,
      kind: parsed.kind ?? (index === 0 ? 'original' : 'translation'),
      label: guess.sure ? languageName(guess.tag) : file.name,
    }
  } catch (error) {
    const detail = options.signal?.aborted
      ? 'reading it was cancelled before it finished.'
      : error instanceof TranscriptParseError
        ? error.message
        : 'the file could not be read'
    return { key, fileName: file.name, error: `${file.name}: ${detail}` }
  }
}

/** The track a picked transcript becomes, with an id unique among `taken`. */
export function toTrack(
  picked: Extract<PickedTranscript, { parsed: ParsedTranscript }>,
  taken: ReadonlySet<string>,
): Track {
  // The dialog lets nothing through without a language; `und` says so if something did.
  const language = toLanguageTag(picked.language) ?? 'und'
  const base = language.toLowerCase()
  let id = base
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`
  return {
    id,
    language,
    kind: picked.kind,
    label: picked.label.trim() || picked.fileName,
    credit: `Imported from ${picked.fileName} (${picked.parsed.format})`,
    segments: picked.parsed.segments,
  }
}

/** The latest end among a transcript's segments. */
export function transcriptEnd(parsed: ParsedTranscript): number {
  return parsed.segments.reduce((end, s) => Math.max(end, s.end), 0)
}

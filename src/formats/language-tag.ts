import { canonicalLanguageTag } from '../domain/language'
import type { ParseWarning } from './types'

/* BCP 47 tags from the languages transcripts name, for the importers (Whisper, aeneas, ELAN, OHMS). */

/** Whisper's language names (tokenizer.py `LANGUAGES` and its aliases); the OpenAI API answers with these. */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  (
    'en english,zh chinese,de german,es spanish,ru russian,ko korean,fr french,ja japanese,' +
    'pt portuguese,tr turkish,pl polish,ca catalan,nl dutch,ar arabic,sv swedish,it italian,' +
    'id indonesian,hi hindi,fi finnish,vi vietnamese,he hebrew,uk ukrainian,el greek,ms malay,' +
    'cs czech,ro romanian,da danish,hu hungarian,ta tamil,no norwegian,th thai,ur urdu,' +
    'hr croatian,bg bulgarian,lt lithuanian,la latin,mi maori,ml malayalam,cy welsh,sk slovak,' +
    'te telugu,fa persian,lv latvian,bn bengali,sr serbian,az azerbaijani,sl slovenian,' +
    'kn kannada,et estonian,mk macedonian,br breton,eu basque,is icelandic,hy armenian,' +
    'ne nepali,mn mongolian,bs bosnian,kk kazakh,sq albanian,sw swahili,gl galician,' +
    'mr marathi,pa punjabi,si sinhala,km khmer,sn shona,yo yoruba,so somali,af afrikaans,' +
    'oc occitan,ka georgian,be belarusian,tg tajik,sd sindhi,gu gujarati,am amharic,' +
    'yi yiddish,lo lao,uz uzbek,fo faroese,ht haitian creole,ps pashto,tk turkmen,nn nynorsk,' +
    'mt maltese,sa sanskrit,lb luxembourgish,my myanmar,bo tibetan,tl tagalog,mg malagasy,' +
    'as assamese,tt tatar,haw hawaiian,ln lingala,ha hausa,ba bashkir,jv javanese,' +
    'su sundanese,yue cantonese,my burmese,ca valencian,nl flemish,ht haitian,' +
    'lb letzeburgesch,ps pushto,pa panjabi,ro moldavian,ro moldovan,si sinhalese,' +
    'es castilian,zh mandarin'
  )
    .split(',')
    .map((entry) => {
      const space = entry.indexOf(' ')
      return [entry.slice(space + 1), entry.slice(0, space)]
    }),
)

/** A BCP 47 tag from a language code (`en`, `eng`, `jw`) or an English name (`english`, as the OpenAI API writes it). */
export function toLanguageTag(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const name = value.trim().toLowerCase()
  const byName = LANGUAGE_NAMES[name]
  if (byName !== undefined) return byName
  return canonicalLanguageTag(name.replace(/_/g, '-'))
}

/**
 * The language a file declares, as a BCP 47 tag. A value that is neither a tag nor a language
 * name is never used as a tag or a label: it is ignored with a warning (quoted, cut short), and
 * the language is then told from the text. An empty or absent value declares nothing.
 */
export function readDeclaredLanguage(
  value: unknown,
  warnings: ParseWarning[],
  where: { readonly field: string; readonly line?: number },
): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string' && value.trim() === '') return undefined
  const tag = toLanguageTag(value)
  if (tag !== undefined) return tag
  const shown = typeof value === 'string' ? value.trim() : JSON.stringify(value)
  const quoted = shown.length > 40 ? `${shown.slice(0, 40)}…` : shown
  warnings.push({
    ...(where.line !== undefined ? { line: where.line } : {}),
    message: `${where.field} gives the language as "${quoted}", which is not a language tag (such as es or pt-BR) or a language name; it was ignored, and the language is told from the text.`,
  })
  return undefined
}

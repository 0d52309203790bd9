import { describe, expect, it } from 'vitest'
import { canonicalLanguageTag, isLanguageTag } from '../../../src/domain/language'
import { importTranscript } from '../../../src/formats/import-transcript'
import { readDeclaredLanguage, toLanguageTag } from '../../../src/formats/language-tag'
import { parseVerbatimJson } from '../../../src/formats/verbatim-json'
import type { ParsedTranscript, ParseWarning } from '../../../src/formats/types'
import { CALL_LINES, srtOf, vttOf } from '../../helpers/language-samples'

const INJECTION = 'en"><img src=x>'

/** Parses `text` as the app does (recognised by content), named `name`. */
const parse = (text: string, name: string): ParsedTranscript =>
  importTranscript(new TextEncoder().encode(text), name)

const messages = (parsed: ParsedTranscript) => parsed.warnings.map((w) => w.message)

const segments = (lines: readonly string[]) =>
  lines.map((text, i) => ({ start: i * 3, end: i * 3 + 3, text }))

describe('language tags', () => {
  it.each([
    ['en', 'en'],
    ['zh-hans', 'zh-Hans'],
    ['pt-BR', 'pt-BR'],
    ['es-419', 'es-419'],
    ['eng', 'en'],
    ['spa', 'es'],
    ['fra', 'fr'],
    ['deu', 'de'],
    ['cmn', 'zh'],
    ['iw', 'he'],
    ['und', 'und'],
  ])('%s is the tag %s', (value, tag) => {
    expect(canonicalLanguageTag(value)).toBe(tag)
    expect(isLanguageTag(value)).toBe(true)
  })

  it.each([
    INJECTION,
    'english',
    'x-klingon',
    'e',
    'en_US',
    'en-',
    '',
    ' en',
    'en\n',
    `en-${'a'.repeat(70)}`,
    'en-US-u-ca-gregory-<script>',
  ])('%j is not a language tag', (value) => {
    expect(canonicalLanguageTag(value)).toBeUndefined()
    expect(isLanguageTag(value)).toBe(false)
  })

  it.each([
    ['english', 'en'],
    ['Spanish', 'es'],
    ['castilian', 'es'],
    ['eng', 'en'],
    ['spa', 'es'],
    ['pt_BR', 'pt-BR'],
    [' fr ', 'fr'],
  ])('a file may name the language %j: it is read as %s', (value, tag) => {
    expect(toLanguageTag(value)).toBe(tag)
  })

  it('ignores a declared value that is neither a tag nor a name, with a warning quoting it', () => {
    const warnings: ParseWarning[] = []
    expect(readDeclaredLanguage(INJECTION, warnings, { field: '$.language' })).toBeUndefined()
    expect(warnings).toEqual([
      {
        message: `$.language gives the language as "${INJECTION}", which is not a language tag (such as es or pt-BR) or a language name; it was ignored, and the language is told from the text.`,
      },
    ])
    expect(readDeclaredLanguage('x'.repeat(100), warnings, { field: 'F', line: 3 })).toBe(undefined)
    expect(warnings[1]).toMatchObject({ line: 3, message: expect.stringContaining('x…"') })
    // Nothing declared is not a problem.
    for (const nothing of [undefined, null, '', '  ']) {
      expect(readDeclaredLanguage(nothing, warnings, { field: 'F' })).toBeUndefined()
    }
    expect(warnings).toHaveLength(2)
  })
})

describe('the language a file declares', () => {
  it('Whisper JSON: "language", as a code or as the API names it', () => {
    const whisper = { text: '', segments: segments(CALL_LINES.fr), language: 'fr' }
    expect(parse(JSON.stringify(whisper), 'call.json').language).toBe('fr')
    const api = { task: 'transcribe', language: 'french', segments: segments(CALL_LINES.fr) }
    expect(parse(JSON.stringify(api), 'call.json').language).toBe('fr')
  })

  it('WhisperX: "language" beside segments with speakers and words', () => {
    const whisperx = {
      segments: segments(CALL_LINES.fr).map((s) => ({
        ...s,
        speaker: 'SPEAKER_00',
        words: [{ word: s.text.split(' ')[0], start: s.start, end: s.start + 0.5, score: 0.9 }],
      })),
      language: 'fr',
    }
    const parsed = parse(JSON.stringify(whisperx), 'call.json')
    expect(parsed.format).toBe('whisper-json')
    expect(parsed.language).toBe('fr')
  })

  it('faster-whisper: its TranscriptionInfo kept beside the segments', () => {
    const dump = { segments: segments(CALL_LINES.de), info: { language: 'de', duration: 24 } }
    expect(parse(JSON.stringify(dump), 'call.json').language).toBe('de')
    // A bare list of segments declares nothing.
    expect(parse(JSON.stringify(segments(CALL_LINES.de)), 'call.json').language).toBeUndefined()
  })

  it('whisper.cpp: result.language', () => {
    const cpp = {
      result: { language: 'es' },
      transcription: CALL_LINES.es.map((text, i) => ({
        offsets: { from: i * 3000, to: i * 3000 + 3000 },
        text,
      })),
    }
    expect(parse(JSON.stringify(cpp), 'call.json').language).toBe('es')
  })

  it('Whisper JSON: a language that is not one is ignored with a warning', () => {
    const parsed = parse(
      JSON.stringify({ segments: segments(CALL_LINES.es), language: INJECTION }),
      'call.json',
    )
    expect(parsed.language).toBeUndefined()
    expect(messages(parsed)).toContain(
      `The "language" field gives the language as "${INJECTION}", which is not a language tag (such as es or pt-BR) or a language name; it was ignored, and the language is told from the text.`,
    )
  })

  it('WebVTT: the Language header, as a tag or a name; a bad one is ignored with its line', () => {
    expect(parse(vttOf(CALL_LINES.fr, ['Language: fr-CA']), 'call.vtt').language).toBe('fr-CA')
    expect(
      parse(vttOf(CALL_LINES.es, ['Kind: captions', 'Language: Spanish']), 'c.vtt'),
    ).toMatchObject({
      language: 'es',
    })
    const bad = parse(vttOf(CALL_LINES.es, [`Language: ${INJECTION}`]), 'call.vtt')
    expect(bad.language).toBeUndefined()
    expect(bad.warnings).toContainEqual({
      line: 2,
      message: expect.stringContaining(`The Language header gives the language as "${INJECTION}"`),
    })
    expect(parse(vttOf(CALL_LINES.es), 'call.vtt').language).toBeUndefined()
  })

  it('SRT declares nothing', () => {
    expect(parse(srtOf(CALL_LINES.es), 'call.srt').language).toBeUndefined()
  })

  it('OHMS: the record’s <language>, as a name or a code', () => {
    const ohms = (language: string) =>
      `<?xml version="1.0" encoding="UTF-8"?>
<ROOT xmlns="https://www.weareavp.com/nunncenter/ohms"><record id="1">
<version>6.0</version><title>Interview</title><language>${language}</language>
<vtt_transcript><![CDATA[${vttOf(CALL_LINES.es)}]]></vtt_transcript>
</record></ROOT>`
    expect(parse(ohms('Spanish'), 'interview.xml')).toMatchObject({
      format: 'ohms-xml',
      language: 'es',
    })
    expect(parse(ohms('spa'), 'interview.xml').language).toBe('es')
    const bad = parse(ohms('Klingonese'), 'interview.xml')
    expect(bad.language).toBeUndefined()
    expect(messages(bad)[0]).toMatch(/^The <language> element gives the language as "Klingonese"/)
  })

  describe('ELAN', () => {
    const eaf = (tierAttributes: string, head = '', rootAttributes = '') =>
      `<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT FORMAT="3.0" VERSION="3.0"${rootAttributes}>
<HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>
<TIME_ORDER><TIME_SLOT TIME_SLOT_ID="t1" TIME_VALUE="0"/><TIME_SLOT TIME_SLOT_ID="t2" TIME_VALUE="3000"/></TIME_ORDER>
<TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="Speaker"${tierAttributes}><ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="t1" TIME_SLOT_REF2="t2"><ANNOTATION_VALUE>${CALL_LINES.fr[2]}</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER>
<LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="default-lt" TIME_ALIGNABLE="true"/>
<LOCALE COUNTRY_CODE="US" LANGUAGE_CODE="en"/>
${head}
</ANNOTATION_DOCUMENT>`

    it('the tier’s LANG_REF, looked up among the LANGUAGE elements (ISO 639-3 ids)', () => {
      const languages =
        '<LANGUAGE LANG_ID="fra" LANG_DEF="http://cdb.iso.org/lg/CDB-00138580-001" LANG_LABEL="French (fra)"/>' +
        '<LANGUAGE LANG_ID="eng" LANG_LABEL="English (eng)"/>'
      expect(parse(eaf(' LANG_REF="fra"', languages), 'call.eaf').language).toBe('fr')
    })

    it('a LANGUAGE whose id is no code is read from its definition or its label', () => {
      const byDef = '<LANGUAGE LANG_ID="l1" LANG_DEF="https://iso639-3.sil.org/code/fra"/>'
      expect(parse(eaf(' LANG_REF="l1"', byDef), 'call.eaf').language).toBe('fr')
      const byLabel = '<LANGUAGE LANG_ID="l1" LANG_LABEL="French (fra)"/>'
      expect(parse(eaf(' LANG_REF="l1"', byLabel), 'call.eaf').language).toBe('fr')
      const byName = '<LANGUAGE LANG_ID="lang-one-of-ours" LANG_LABEL="French"/>'
      expect(parse(eaf(' LANG_REF="lang-one-of-ours"', byName), 'call.eaf').language).toBe('fr')
    })

    it('xml:lang on the tier or the document, and the document’s one LANGUAGE', () => {
      expect(parse(eaf(' xml:lang="fr"'), 'call.eaf').language).toBe('fr')
      expect(parse(eaf('', '', ' xml:lang="fr"'), 'call.eaf').language).toBe('fr')
      const one = '<LANGUAGE LANG_ID="fra" LANG_LABEL="French (fra)"/>'
      expect(parse(eaf('', one), 'call.eaf').language).toBe('fr')
      // The document's input locale says how it was typed, not what it says: not used without the tier's.
      expect(parse(eaf(''), 'call.eaf').language).toBeUndefined()
    })

    it('und declares nothing; a LANG_REF that names no language is ignored with a warning', () => {
      const und = '<LANGUAGE LANG_ID="und" LANG_LABEL="undetermined (und)"/>'
      expect(parse(eaf(' LANG_REF="und"', und), 'call.eaf').language).toBeUndefined()
      const bad = parse(
        eaf(
          ` LANG_REF="${INJECTION.replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`,
        ),
        'call.eaf',
      )
      expect(bad.language).toBeUndefined()
      expect(messages(bad)).toContainEqual(
        expect.stringMatching(/^The tier "Speaker" gives the language as "en"><img src=x>"/),
      )
    })
  })

  it('Verbatim JSON: "language", checked; a value that is not a tag is ignored with a warning', () => {
    const file = (language: unknown) =>
      JSON.stringify({
        format: 'verbatim-transcript',
        version: 1,
        language,
        segments: segments(CALL_LINES.de),
      })
    expect(parse(file('de'), 't.json').language).toBe('de')
    expect(parse(file('zh-hans'), 't.json').language).toBe('zh-Hans')
    const injected = parse(file(INJECTION), 't.json')
    expect(injected.language).toBeUndefined()
    expect(injected.title).toBeUndefined()
    expect(messages(injected)).toEqual([
      `$.language gives the language as "${INJECTION}", which is not a language tag (such as es or pt-BR) or a language name; it was ignored, and the language is told from the text.`,
    ])
    // Older Verbatim wrote an empty language for a cleared field: undetermined.
    expect(parse(file(''), 't.json').language).toBe('und')
    // Not a string at all is a schema error, as for any other field.
    expect(() => parseVerbatimJson(file(42))).toThrow(/\$\.language/)
  })

  it('aeneas: the language of its fragments', () => {
    const map = (language: string) =>
      JSON.stringify({
        fragments: CALL_LINES.es.map((line, i) => ({
          begin: `${i * 3}.000`,
          end: `${i * 3 + 3}.000`,
          id: `f${i}`,
          language,
          lines: [line],
        })),
      })
    expect(parse(map('spa'), 'map.json')).toMatchObject({ format: 'aeneas-json', language: 'es' })
    const bad = parse(map(INJECTION), 'map.json')
    expect(bad.language).toBeUndefined()
    expect(messages(bad)[0]).toMatch(/^The first fragment with text gives the language as/)
  })
})

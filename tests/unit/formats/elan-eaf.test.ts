import { describe, expect, it } from 'vitest'
import { looksLikeElanEaf, parseElanEaf } from '../../../src/formats/elan-eaf'
import {
  alignmentRows,
  expectGolden,
  expectWellFormed,
  parseError,
  readFixture,
  rowsOf,
} from './format-files'

const document = (body: string, header = '<HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<ANNOTATION_DOCUMENT FORMAT="3.0" VERSION="3.0">\n${header}\n${body}\n</ANNOTATION_DOCUMENT>\n`

describe('parseElanEaf', () => {
  it('reads an EAF with one tier, times in milliseconds and an entity in the text', async () => {
    const parsed = parseElanEaf(readFixture('alignment.eaf'))
    expectWellFormed(parsed)
    expect(rowsOf(parsed)).toEqual(alignmentRows(' '))
    expect(parsed.segments[2]).toEqual({
      id: 's-3',
      start: 5.12,
      end: 7.96,
      text: "and the clerk's answer comes after a pause:",
    })
    expect(parsed.title).toBe('tier1')
    expect(parsed.language).toBeUndefined()
    expect(parsed.warnings).toEqual([])
    await expectGolden(parsed, 'eaf-alignment')
  })

  it('merges one tier per participant, interpolates an unaligned slot and reads the tier language', async () => {
    const parsed = parseElanEaf(readFixture('call-two-speakers.eaf'))
    expectWellFormed(parsed)
    expect(parsed.segments.map((s) => [s.start, s.end, s.speaker, s.text])).toEqual([
      [0.48, 2.95, 'Officer Díaz', 'Buenas tardes, ¿me oye bien?'],
      [3.12, 5.22, 'Caller', 'Sí, la oigo.'],
      [5.22, 7.32, 'Caller', 'Estoy en la calle.'],
      [7.9, 10.25, 'Officer Díaz', '¿A qué hora salió de casa & con quién?'],
    ])
    expect(parsed.language).toBe('es')
    expect(parsed.title).toBeUndefined()
    expect(parsed.warnings.map((w) => w.message)).toEqual([
      '1 time slot(s) have no time; they were placed evenly between their aligned neighbours.',
      'Imported tier(s) "Officer", "Caller"; left out "Officer-en", "Notes".',
    ])
    await expectGolden(parsed, 'eaf-two-speakers')
  })

  it('names speakers by tier id when the tiers have no participant', () => {
    const text =
      document(`<TIME_ORDER><TIME_SLOT TIME_SLOT_ID="t1" TIME_VALUE="0"/><TIME_SLOT TIME_SLOT_ID="t2" TIME_VALUE="1000"/><TIME_SLOT TIME_SLOT_ID="t3" TIME_VALUE="2500"/></TIME_ORDER>
<TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="A"><ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="t1" TIME_SLOT_REF2="t2"><ANNOTATION_VALUE>Hello?</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER>
<TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="B"><ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="t2" TIME_SLOT_REF2="t3"><ANNOTATION_VALUE>Yes, hello.</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER>`)
    const parsed = parseElanEaf(text)
    expect(parsed.segments.map((s) => [s.speaker, s.text])).toEqual([
      ['A', 'Hello?'],
      ['B', 'Yes, hello.'],
    ])
  })

  it('places reference annotations at their parent when they are the only text', () => {
    const text =
      document(`<TIME_ORDER><TIME_SLOT TIME_SLOT_ID="t1" TIME_VALUE="1200"/><TIME_SLOT TIME_SLOT_ID="t2" TIME_VALUE="3400"/></TIME_ORDER>
<TIER LINGUISTIC_TYPE_REF="segments" TIER_ID="turns"><ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="t1" TIME_SLOT_REF2="t2"><ANNOTATION_VALUE></ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER>
<TIER LINGUISTIC_TYPE_REF="words" PARENT_REF="turns" PARTICIPANT="Ana" TIER_ID="text" DEFAULT_LOCALE="pt"><ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a2" ANNOTATION_REF="a1"><ANNOTATION_VALUE>Bom dia</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
<ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a3" ANNOTATION_REF="a9"><ANNOTATION_VALUE>lost</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION></TIER>
<LOCALE COUNTRY_CODE="BR" LANGUAGE_CODE="pt"/>`)
    const parsed = parseElanEaf(text)
    expect(parsed.segments.map((s) => [s.start, s.end, s.speaker, s.text])).toEqual([
      [1.2, 3.4, 'Ana', 'Bom dia'],
    ])
    expect(parsed.language).toBe('pt-BR')
    expect(parsed.warnings.map((w) => w.message)).toEqual([
      '1 annotation(s) could not be placed in time and were left out.',
    ])
  })

  it('shifts times by the media TIME_ORIGIN', () => {
    const text = document(
      `<TIME_ORDER><TIME_SLOT TIME_SLOT_ID="t1" TIME_VALUE="0"/><TIME_SLOT TIME_SLOT_ID="t2" TIME_VALUE="1500"/></TIME_ORDER>
<TIER LINGUISTIC_TYPE_REF="lt" TIER_ID="x"><ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="t1" TIME_SLOT_REF2="t2"><ANNOTATION_VALUE>late start</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER>`,
      '<HEADER TIME_UNITS="milliseconds"><MEDIA_DESCRIPTOR MEDIA_URL="file:///a.wav" MIME_TYPE="audio/x-wav" TIME_ORIGIN="2000"/></HEADER>',
    )
    const parsed = parseElanEaf(text)
    expect(parsed.segments.map((s) => [s.start, s.end])).toEqual([[2, 3.5]])
    expect(parsed.warnings[0]?.message).toMatch(/TIME_ORIGIN/)
  })

  it('rejects XML that is broken or is not ELAN, naming the line', () => {
    const broken = readFixture('alignment.eaf').replace('</TIER>', '</TIERS>')
    const error = parseError(() => parseElanEaf(broken))
    expect(error.line).toBe(42)
    expect(error.message).toMatch(/^line 42: Not well-formed XML: /)
    expect(parseError(() => parseElanEaf(readFixture('ohms-v6.xml'))).message).toBe(
      'Not an ELAN file: the XML has no <ANNOTATION_DOCUMENT>.',
    )
    expect(parseError(() => parseElanEaf('{"fragments": []}')).message).toBe(
      'line 1: Not an ELAN file: it is not XML.',
    )
    expect(parseError(() => parseElanEaf(document(''))).message).toBe(
      'The ELAN file has no annotation with text.',
    )
  })
})

describe('looksLikeElanEaf', () => {
  it('recognises annotation documents', () => {
    expect(looksLikeElanEaf(readFixture('alignment.eaf'), 'alignment.eaf')).toBe(1)
    expect(looksLikeElanEaf(readFixture('call-two-speakers.eaf'))).toBe(0.95)
    // aeneas's TTML sync map.
    expect(
      looksLikeElanEaf(
        '<?xml version="1.0"?>\n<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="en">\n  <body>\n    <div>\n      <p xml:id="f000001" begin="0.000s" end="2.400s">Hello</p>\n    </div>\n  </body>\n</tt>\n',
      ),
    ).toBe(0)
    expect(looksLikeElanEaf(readFixture('ohms-v6.xml'))).toBe(0)
  })
})

import fc from 'fast-check'
import { describe, it } from 'vitest'
import { check, expectSurvivesMutatedSeeds, withSeeds } from './fuzz-importers'
import { readFixture } from './format-files'

/*
 * Random and mutated inputs for the importers other than WebVTT and SRT. Whatever the input,
 * a parser returns a well-formed transcript or throws a TranscriptParseError (never a TypeError
 * or a RangeError), and answers within 2 s of CPU time (a hang bound, not a speed budget).
 * Mutations use a seeded generator, so a failure can be replayed. The seeds are the project's
 * own fixtures; tests/corpus/unit/formats/fuzz-others.test.ts mutates the shared corpus too.
 */

const IMPORTERS = withSeeds({
  'whisper-json': [
    'whisper-fr.words.json',
    'whisper-openai.json',
    'whisper-api-verbose.json',
    'whisper-cpp-full.json',
    'whisperx.json',
    'transformers-chunks.json',
    'transformers-word-chunks.json',
    'faster-whisper-list.json',
  ].map(readFixture),
  otranscribe: ['interview.otr', 'legacy.otr'].map(readFixture),
  'ohms-xml': ['ohms-legacy.xml', 'ohms-legacy-gaps.xml', 'ohms-v6.xml'].map(readFixture),
  'audacity-labels': [
    'alignment.aud',
    'labels-points-spectral.txt',
    'labels-comma-decimal.txt',
    'whisper-fr.words.tsv',
  ].map(readFixture),
  'praat-textgrid': [
    'alignment-long.TextGrid',
    'alignment-short.TextGrid',
    'interview.TextGrid',
  ].map(readFixture),
  'elan-eaf': ['alignment.eaf', 'call-two-speakers.eaf'].map(readFixture),
  'aeneas-json': ['alignment.json', 'alignment-multiline.json'].map(readFixture),
  'plain-text': [
    'plain-bracketed.txt',
    'plain-mmss.txt',
    'plain-fractions.txt',
    'plain-rev.txt',
    'plain-otter.txt',
    'plain-youtube.txt',
    'plain-inline.txt',
  ].map(readFixture),
})

/** Values that look like the JSON formats but put anything anywhere. */
const anyTime = fc.oneof(
  fc.double(),
  fc.integer({ min: -10, max: 100_000 }),
  fc.constant(null),
  fc.string({ maxLength: 8 }),
  fc.constant('1.5'),
  fc.array(fc.integer(), { maxLength: 2 }),
)
const anyText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constant(' word'),
  fc.integer(),
  fc.constant(null),
)
const whisperWord = fc.record(
  { word: anyText, text: anyText, start: anyTime, end: anyTime, probability: fc.double() },
  { requiredKeys: [] },
)
const whisperSegment = fc.record(
  {
    start: anyTime,
    end: anyTime,
    text: anyText,
    speaker: anyText,
    words: fc.oneof(fc.array(whisperWord, { maxLength: 6 }), fc.jsonValue()),
  },
  { requiredKeys: [] },
)
const span = fc.record({ from: anyTime, to: anyTime }, { requiredKeys: [] })
const whisperDocument = fc.oneof(
  fc.record(
    {
      segments: fc.oneof(fc.array(whisperSegment, { maxLength: 8 }), fc.jsonValue()),
      words: fc.array(whisperWord, { maxLength: 8 }),
      language: anyText,
    },
    { requiredKeys: [] },
  ),
  fc.array(whisperSegment, { maxLength: 8 }),
  fc.record(
    {
      result: fc.record({ language: anyText }, { requiredKeys: [] }),
      transcription: fc.array(
        fc.record(
          {
            offsets: span,
            timestamps: fc.record({ from: anyText, to: anyText }, { requiredKeys: [] }),
            text: anyText,
            speaker: anyText,
            tokens: fc.array(fc.record({ text: anyText, offsets: span }, { requiredKeys: [] }), {
              maxLength: 6,
            }),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 6 },
      ),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      chunks: fc.array(
        fc.record(
          { timestamp: fc.oneof(fc.tuple(anyTime, anyTime), anyTime), text: anyText },
          { requiredKeys: [] },
        ),
        { maxLength: 8 },
      ),
      speakers: fc.array(
        fc.record(
          { speaker: anyText, timestamp: fc.tuple(anyTime, anyTime), text: anyText },
          { requiredKeys: [] },
        ),
        { maxLength: 4 },
      ),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue(),
)
const { fragment } = fc.letrec<{ fragment: unknown }>((tie) => ({
  fragment: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record(
      {
        begin: anyTime,
        end: anyTime,
        lines: fc.oneof(fc.array(anyText, { maxLength: 3 }), anyText),
        language: anyText,
        children: fc.array(tie('fragment'), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    ),
    fc.jsonValue(),
  ),
}))
const aeneasDocument = fc.oneof(
  fc.record({ fragments: fc.array(fragment, { maxLength: 8 }) }, { requiredKeys: [] }),
  fc.jsonValue(),
)
const htmlPiece = fc.oneof(
  fc.constantFrom(
    '<p>',
    '</p>',
    '<br>',
    '<div>',
    '</div>',
    '&nbsp;',
    '&lt;',
    '&#x1F600;',
    '<b>',
    '</b>',
    '<script>',
    '</script>',
    '<!--',
    '-->',
    '<span class="timestamp" data-timestamp="',
    '<span class="timestamp">',
    '">',
    '</span>',
    '<span>',
    "'",
    '"',
    'Q: ',
    'Interviewer: ',
  ),
  fc.string({ maxLength: 12 }),
  fc.double({ min: 0, max: 10_000, noNaN: true }).map(String),
)
const otrDocument = fc.record(
  {
    text: fc.oneof(
      fc.array(htmlPiece, { maxLength: 30 }).map((pieces) => pieces.join('')),
      fc.jsonValue(),
    ),
    media: anyText,
    'media-time': anyTime,
  },
  { requiredKeys: [] },
)

/** Line-based text built from the tokens each text format cares about. */
function tokenText(tokens: readonly string[]) {
  return fc
    .array(fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 6 })), { maxLength: 60 })
    .map((parts) => parts.join(''))
}
const TEXT_TOKENS: Record<string, readonly string[]> = {
  'plain-text': [
    '[00:01:02]',
    '(1:02:03.5)',
    '0:05',
    '［00：00：07］',
    'Speaker 1: ',
    'ANA:',
    ' ',
    '\n',
    '\r\n',
    'text ',
    '-->',
    ' - ',
    'Name  1:02\n',
  ],
  'audacity-labels': [
    '0.5',
    '1,25',
    '12',
    '-3',
    '\t',
    '\n',
    '\\\t',
    'label',
    ' ',
    'start\tend\ttext\n',
    '1e3',
  ],
  'praat-textgrid': [
    'File type = "ooTextFile"\n',
    'Object class = "TextGrid"\n',
    '"IntervalTier"',
    '"TextTier"',
    '<exists>',
    '<absent>',
    '0',
    '1.5',
    '2',
    '"a"',
    '""',
    '"',
    '[1]',
    'xmin = ',
    '!',
    '\n',
    ' ',
    'item []:',
    'size = ',
  ],
  'elan-eaf': [
    '<ANNOTATION_DOCUMENT>',
    '</ANNOTATION_DOCUMENT>',
    '<TIME_ORDER>',
    '</TIME_ORDER>',
    '<TIME_SLOT TIME_SLOT_ID="a" TIME_VALUE="10"/>',
    '<TIME_SLOT TIME_SLOT_ID="b"/>',
    '<TIER TIER_ID="t" PARTICIPANT="p" LINGUISTIC_TYPE_REF="l">',
    '</TIER>',
    '<ANNOTATION>',
    '</ANNOTATION>',
    '<ALIGNABLE_ANNOTATION ANNOTATION_ID="x" TIME_SLOT_REF1="a" TIME_SLOT_REF2="b">',
    '</ALIGNABLE_ANNOTATION>',
    '<REF_ANNOTATION ANNOTATION_ID="y" ANNOTATION_REF="x">',
    '</REF_ANNOTATION>',
    '<ANNOTATION_VALUE>',
    '</ANNOTATION_VALUE>',
    'text',
    '&amp;',
    '<',
  ],
  'ohms-xml': [
    '<ROOT>',
    '</ROOT>',
    '<record>',
    '</record>',
    '<sync>',
    '</sync>',
    '1:|1(1)|2(3)',
    '|',
    '<transcript>',
    '</transcript>',
    'ANA: ',
    'words ',
    '\n',
    '<vtt_transcript>',
    '</vtt_transcript>',
    '<![CDATA[',
    ']]>',
    'WEBVTT\n\n',
    '01:00:00.000 --> 01:00:01.000\n',
    '<v A>',
    '<duration>0:01:00</duration>',
    '<title>&lt;i&gt;x</title>',
  ],
}

/** Inputs built to find a quadratic loop or a deep recursion. */
const STRESS = [
  '['.repeat(100_000),
  `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
  `{"fragments": ${'['.repeat(20_000)}`,
  `{"fragments": [${deepFragment(5_000)}]}`,
  '"'.repeat(100_000),
  '<'.repeat(100_000),
  `${'<a>'.repeat(5_000)}`,
  `<ROOT><record><sync>1:${'|1(1)'.repeat(3_000)}</sync><transcript>${'w '.repeat(3_000)}</transcript></record></ROOT>`,
  `<ANNOTATION_DOCUMENT><TIME_ORDER>${'<TIME_SLOT TIME_SLOT_ID="u"/>'.repeat(1_500)}</TIME_ORDER></ANNOTATION_DOCUMENT>`,
  JSON.stringify({ text: '<span class="timestamp" data-timestamp="1">'.repeat(20_000) }),
  JSON.stringify({ text: `<a "${'x'.repeat(50_000)}` }),
  '[00:00:01] '.repeat(10_000),
  `${'A '.repeat(50_000)}:`,
  '\t'.repeat(100_000),
  `${'0.1\t0.2\tx\n'.repeat(10_000)}`,
  `File type = "ooTextFile"\nObject class = "TextGrid"\n0 1 <exists> 1 "IntervalTier" "x" 0 1 100000000\n`,
  JSON.stringify({
    segments: Array.from({ length: 20_000 }, (_, i) => ({ start: i, end: i + 1, text: 'same' })),
  }),
]

/** A sync map nested `depth` levels deep, written as text (JSON.stringify would recurse). */
function deepFragment(depth: number): string {
  const open = '{"begin": "0", "end": "1", "lines": [], "children": ['
  const leaf = '{"begin": "0", "end": "1", "lines": ["leaf"], "children": []}'
  return open.repeat(depth) + leaf + ']}'.repeat(depth)
}

describe('fuzzing the importers (all but WebVTT and SRT)', () => {
  it.each(IMPORTERS.map((importer) => [importer.name, importer] as const))(
    '%s survives mutated fixtures',
    (_, importer) => expectSurvivesMutatedSeeds(importer, IMPORTERS),
    20_000,
  )

  it('whisper-json survives random JSON shapes', () => {
    fc.assert(
      fc.property(whisperDocument, (value) => {
        check(IMPORTERS[0]!, JSON.stringify(value) ?? 'null')
      }),
      { numRuns: 600, seed: 1 },
    )
  })

  it('aeneas-json survives random JSON shapes', () => {
    const importer = IMPORTERS.find((i) => i.name === 'aeneas-json')!
    fc.assert(
      fc.property(aeneasDocument, (value) => {
        check(importer, JSON.stringify(value) ?? 'null')
      }),
      { numRuns: 600, seed: 2 },
    )
  })

  it('otranscribe survives random editor HTML', () => {
    const importer = IMPORTERS.find((i) => i.name === 'otranscribe')!
    fc.assert(
      fc.property(otrDocument, (value) => {
        check(importer, JSON.stringify(value))
      }),
      { numRuns: 600, seed: 3 },
    )
  })

  it.each(Object.entries(TEXT_TOKENS))('%s survives random token soup', (name, tokens) => {
    const importer = IMPORTERS.find((i) => i.name === name)!
    fc.assert(
      fc.property(tokenText(tokens), (text) => {
        check(importer, text)
      }),
      { numRuns: 500, seed: 4 },
    )
  })

  it('every importer survives random strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => {
        for (const importer of IMPORTERS) check(importer, text)
      }),
      { numRuns: 400, seed: 5 },
    )
  })

  it('every importer answers pathological inputs in time', () => {
    for (const input of STRESS) {
      for (const importer of IMPORTERS) check(importer, input)
    }
  }, 20_000)
})

import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  citationLink,
  escapeMarkdownBlock,
  escapeMarkdownInline,
  formatCitation,
  quoteFor,
  segmentsInRange,
  trackRevision,
  trackRevisionSource,
  type CitationInput,
} from '../../../src/domain/citation'
import { parseRoute } from '../../../src/domain/route'
import { seconds, type LibraryFile, type Segment, type Track } from '../../../src/domain/types'

const ORIGIN = 'http://localhost:4173/'
const library = JSON.parse(
  readFileSync(resolve('public', 'samples', 'library.json'), 'utf8'),
) as LibraryFile
function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the sample library lacks ${what}`)
  return value
}
const li = required(
  library.calls.find((call) => call.id === 'li-changchun-2012-04'),
  'li-changchun-2012-04',
)
const en = required(li.tracks[0], 'the English track')
const zh = required(li.tracks[1], 'the Chinese track')

function segment(id: string, start: number, end: number, text: string, speaker?: string): Segment {
  return {
    id,
    start: seconds(start),
    end: seconds(end),
    text,
    ...(speaker !== undefined && { speaker }),
  }
}

function track(language: string, segments: Segment[]): Track {
  return { id: language, language, kind: 'original', label: language, segments }
}

/** The sample's "Zhou Yongkang is in charge" segment, cited in both tracks. */
function sampleCitation(): CitationInput {
  const start = 7.687
  const end = 10.313
  const tracks = [en, zh].map((t) => {
    const quote = quoteFor(t, start, end)
    return {
      ...t,
      revision: trackRevision(t),
      quote: quote.text,
      speakers: quote.speakers,
      ...(quote.span && { span: quote.span }),
    }
  })
  return {
    callTitle: li.title,
    recorded: li.recorded,
    audioSha256: li.audio.sha256,
    link: citationLink(ORIGIN, li.id, start, end, tracks[0]!.revision),
    start,
    end,
    tracks,
  }
}

describe('trackRevision', () => {
  const base = track('en', [
    segment('a', 0, 1.5, 'Hello there.', 'Ana'),
    segment('b', 1.5, 3, 'General Kenobi.', 'Ben'),
  ])

  it('is the first 12 hex digits of the SHA-256 of the documented serialisation', () => {
    const expected = createHash('sha256')
      .update(
        'verbatim-track-revision/1\n' +
          '[[0,1500,"Ana","Hello there.",[]],[1500,3000,"Ben","General Kenobi.",[]]]',
      )
      .digest('hex')
      .slice(0, 12)
    expect(trackRevisionSource(base)).toBe(
      'verbatim-track-revision/1\n' +
        '[[0,1500,"Ana","Hello there.",[]],[1500,3000,"Ben","General Kenobi.",[]]]',
    )
    expect(trackRevision(base)).toBe(expected)
    expect(trackRevision(base)).toMatch(/^[0-9a-f]{12}$/)
  })

  it('survives storage: a copy read back from JSON has the same revision', () => {
    expect(trackRevision(JSON.parse(JSON.stringify(en)) as Track)).toBe(trackRevision(en))
    expect(trackRevision(structuredClone(zh))).toBe(trackRevision(zh))
    expect(trackRevision(en)).not.toBe(trackRevision(zh))
  })

  it('ignores ids, label, language, and sub-millisecond noise', () => {
    const renamed: Track = {
      ...base,
      id: 'other',
      label: 'Other',
      language: 'en-GB',
      segments: base.segments.map((s, i) => ({ ...s, id: `x${i}`, end: seconds(s.end + 0.0002) })),
    }
    expect(trackRevision(renamed)).toBe(trackRevision(base))
  })

  it.each<[string, (s: Segment) => Segment]>([
    ['a word of text', (s) => ({ ...s, text: s.text.replace('there', 'here') })],
    ['a start time by one millisecond', (s) => ({ ...s, start: seconds(s.start + 0.001) })],
    ['an end time', (s) => ({ ...s, end: seconds(s.end - 0.1) })],
    ['the speaker', (s) => ({ ...s, speaker: 'Someone else' })],
    ['punctuation', (s) => ({ ...s, text: s.text.replace('.', '!') })],
    ['word timings', (s) => ({ ...s, words: [{ start: s.start, end: s.end, text: s.text }] })],
  ])('changes when an edit changes %s', (_, edit) => {
    const [first, ...rest] = base.segments
    const edited = { ...base, segments: [edit(first!), ...rest] }
    expect(trackRevision(edited)).not.toBe(trackRevision(base))
  })

  it('changes when a segment is added, removed or reordered', () => {
    const [a, b] = base.segments
    const revisions = [
      trackRevision(base),
      trackRevision({ segments: [a!] }),
      trackRevision({ segments: [b!, a!] }),
      trackRevision({ segments: [a!, b!, segment('c', 3, 4, '')] }),
    ]
    expect(new Set(revisions).size).toBe(4)
  })
})

describe('segmentsInRange', () => {
  const t = track('en', [
    segment('a', 0, 2, 'one'),
    segment('b', 2, 4, 'two'),
    segment('c', 5, 6, 'three'),
  ])
  const ids = (start: number, end: number) => segmentsInRange(t, start, end).map((s) => s.id)

  it('takes every segment the range overlaps, half-open at both ends', () => {
    expect(ids(1, 5.5)).toEqual(['a', 'b', 'c'])
    expect(ids(2, 4)).toEqual(['b'])
    expect(ids(1.9, 2.1)).toEqual(['a', 'b'])
    expect(ids(4, 5)).toEqual([])
  })

  it('takes the segment containing a point, none in a gap', () => {
    expect(ids(2, 2)).toEqual(['b'])
    expect(ids(1.999, 1.999)).toEqual(['a'])
    expect(ids(4.5, 4.5)).toEqual([])
  })

  it('reads a reversed range the right way round', () => {
    expect(ids(5.5, 1)).toEqual(['a', 'b', 'c'])
  })
})

describe('quoteFor', () => {
  it('joins English segments with a space and lists each speaker once, in order', () => {
    const t = track('en', [
      segment('a', 0, 2, 'Who is in charge?', 'Investigator'),
      segment('b', 2, 4, ' Zhou Yongkang is.\n', 'Li Changchun'),
      segment('c', 4, 6, 'He knows it.', 'Li Changchun'),
    ])
    expect(quoteFor(t, 1, 5)).toEqual({
      text: 'Who is in charge? Zhou Yongkang is. He knows it.',
      speakers: ['Investigator', 'Li Changchun'],
      span: { lines: 3, start: 0, end: 6 },
    })
  })

  it.each(['zh', 'zh-Hans', 'zh-TW', 'ja', 'yue', 'und-Hani'])(
    'joins %s segments without a space',
    (language) => {
      const t = track(language, [
        segment('a', 0, 1, '这件事具体是周永康负责的。'),
        segment('b', 1, 2, '他知道这件事。'),
      ])
      expect(quoteFor(t, 0, 2).text).toBe('这件事具体是周永康负责的。他知道这件事。')
    },
  )

  it('keeps the space between Korean sentences, which are written with spaces', () => {
    const t = track('ko', [
      segment('a', 0, 1, '저우융캉이 담당합니다.'),
      segment('b', 1, 2, '그가 압니다.'),
    ])
    expect(quoteFor(t, 0, 2).text).toBe('저우융캉이 담당합니다. 그가 압니다.')
  })

  it('turns line breaks inside a cue into the language’s joiner', () => {
    expect(quoteFor(track('en', [segment('a', 0, 1, 'two\nlines')]), 0, 1).text).toBe('two lines')
    expect(quoteFor(track('zh', [segment('a', 0, 1, '两行\n文字')]), 0, 1).text).toBe('两行文字')
  })

  it('is empty, with no speakers, where nothing is said', () => {
    expect(quoteFor(track('en', [segment('a', 0, 1, 'x', 'A')]), 2, 3)).toEqual({
      text: '',
      speakers: [],
      span: null,
    })
  })
})

describe('formatCitation', () => {
  it('writes a bilingual plain-text citation of the sample call; the longer translation line is given whole with its own times', () => {
    const text = formatCitation(sampleCitation(), 'plain')
    const rev = trackRevision(en)
    expect(text).toBe(
      [
        '“Zhou Yongkang is in charge of this specifically.” — Li Changchun (English (as quoted in the report), original)',
        '“这件事具体是周永康负责的。他知道这件事。” (中文（据英文译出，非原话）, translation) (whole line, 00:00:07.6–00:00:11.3: runs past the cited range)',
        'Li Changchun on who is in charge, recorded 2012-04, 00:00:07.6–00:00:10.3',
        `Audio SHA-256 ${li.audio.sha256} · transcript en rev ${rev}, zh-Hans rev ${trackRevision(zh)}`,
        `http://localhost:4173/#/call/li-changchun-2012-04?t=7.687,10.313&rev=${rev}`,
      ].join('\n'),
    )
  })

  it('carries the audio’s full 64-digit SHA-256 in every style', () => {
    expect(li.audio.sha256).toMatch(/^[0-9a-f]{64}$/)
    for (const style of ['plain', 'markdown'] as const) {
      const hashes = /Audio SHA-256 `?([0-9a-f]+)`?/.exec(formatCitation(sampleCitation(), style))
      expect(hashes?.[1]).toBe(li.audio.sha256)
    }
  })

  it('writes Markdown with blockquotes, the title as a link and hashes in code spans', () => {
    const md = formatCitation(sampleCitation(), 'markdown')
    const rev = trackRevision(en)
    expect(md).toBe(
      [
        '> “Zhou Yongkang is in charge of this specifically.” — Li Changchun (English (as quoted in the report), original)',
        '> “这件事具体是周永康负责的。他知道这件事。” (中文（据英文译出，非原话）, translation) (whole line, 00:00:07.6–00:00:11.3: runs past the cited range)',
        `[Li Changchun on who is in charge](http://localhost:4173/#/call/li-changchun-2012-04?t=7.687,10.313&rev=${rev}), recorded 2012-04, 00:00:07.6–00:00:10.3`,
        `Audio SHA-256 \`${li.audio.sha256}\` · transcript en rev \`${rev}\`, zh-Hans rev \`${trackRevision(zh)}\``,
      ].join('\n\n'),
    )
  })

  it('cites a range crossing segments with every speaker and both tracks', () => {
    const input = sampleCitation()
    const tracks = [en, zh].map((t) => {
      const quote = quoteFor(t, 5, 11)
      return {
        ...t,
        revision: trackRevision(t),
        quote: quote.text,
        speakers: quote.speakers,
        ...(quote.span && { span: quote.span }),
      }
    })
    const text = formatCitation({ ...input, start: 5, end: 11, tracks }, 'plain')
    const [first, second, context] = text.split('\n')
    expect(first).toMatch(
      /^“What about .* to convict Bo\? Zhou Yongkang is in charge of this specifically\. He knows it\.” — Investigator, Li Changchun \(/,
    )
    // The same speakers are not repeated for the translation.
    expect(second).toMatch(/^“用薄熙来.*怎么样？这件事具体是周永康负责的。他知道这件事。” \(中文/)
    expect(context).toContain('00:00:05.0–00:00:11.0')
  })

  it('writes hours past the first: 3725.5 s is 01:02:05.5', () => {
    const input = { ...sampleCitation(), start: 3725.5, end: 3731.25 }
    expect(formatCitation(input, 'plain')).toContain(', 01:02:05.5–01:02:11.2\n')
  })

  it('cites a single moment with one time and a one-track original without a label', () => {
    const [first] = sampleCitation().tracks
    const input = { ...sampleCitation(), start: 8, end: 8, tracks: [first!] }
    const lines = formatCitation(input, 'plain').split('\n')
    expect(lines[0]).toBe(
      '“Zhou Yongkang is in charge of this specifically.” — Li Changchun (whole line, 00:00:07.6–00:00:10.3: runs past the cited range)',
    )
    expect(lines[1]).toBe('Li Changchun on who is in charge, recorded 2012-04, 00:00:08.0')
  })

  it('says when a lone quoted track is a translation', () => {
    const [, second] = sampleCitation().tracks
    const text = formatCitation({ ...sampleCitation(), tracks: [second!] }, 'plain')
    expect(text.split('\n')[0]).toBe(
      '“这件事具体是周永康负责的。他知道这件事。” — Li Changchun (中文（据英文译出，非原话）, translation) (whole line, 00:00:07.6–00:00:11.3: runs past the cited range)',
    )
  })

  it('says when the date is unknown or the range holds no text', () => {
    const [first] = sampleCitation().tracks
    const input = {
      ...sampleCitation(),
      recorded: '',
      tracks: [{ ...first!, quote: '', speakers: [] }],
    }
    const text = formatCitation(input, 'plain')
    expect(text).toContain('(no transcript text in this range)')
    expect(text).toContain('Li Changchun on who is in charge, date unknown, ')
  })

  it('keeps a plain-text citation to one line per element, whatever the quote holds', () => {
    const [first] = sampleCitation().tracks
    const input = {
      ...sampleCitation(),
      tracks: [{ ...first!, quote: 'one\n\ntwo\r\nthree\tfour' }],
    }
    expect(formatCitation(input, 'plain').split('\n')[0]).toBe(
      '“one two three four” — Li Changchun',
    )
  })

  it('escapes Markdown in quotes, speakers, labels and the title so the structure holds', () => {
    const hostile =
      '> # not a heading\n* not a list\n_em_ **bold** `code` [link](x) <b>html</b> a|b ~~strike~~ &amp; \\'
    const input: CitationInput = {
      ...sampleCitation(),
      callTitle: 'A [title] with *stars*',
      tracks: [
        {
          label: 'Label_[1]',
          language: 'en',
          kind: 'original',
          revision: 'abc',
          quote: hostile,
          speakers: ['*Ana*'],
        },
        {
          label: 'B',
          language: 'en',
          kind: 'translation',
          revision: 'def',
          quote: '```\nfence',
          speakers: [],
        },
      ],
    }
    const md = formatCitation(input, 'markdown')
    const blocks = md.split('\n\n')
    expect(blocks).toHaveLength(4)
    expect(blocks[0]).toBe(
      '> “\\> \\# not a heading \\* not a list \\_em\\_ \\*\\*bold\\*\\* \\`code\\` \\[link\\](x) \\<b\\>html\\</b\\> a\\|b \\~\\~strike\\~\\~ \\&amp; \\\\” — \\*Ana\\* (Label\\_\\[1\\], original)',
    )
    expect(blocks[1]).toBe('> “\\`\\`\\` fence” (B, translation)')
    expect(blocks[2]).toMatch(/^\[A \\\[title\\\] with \\\*stars\\\*\]\(http:\/\/localhost:4173\//)
    // Every line of a quote block stays inside its blockquote.
    for (const block of blocks.slice(0, 2))
      for (const line of block.split('\n')) expect(line).toMatch(/^> /)
    // Same language twice: the revisions are told apart by label.
    expect(blocks[3]).toContain('en “Label\\_\\[1\\]” rev `abc`, en “B” rev `def`')
  })

  it('keeps a link with parentheses or spaces from ending the Markdown link early', () => {
    const input = { ...sampleCitation(), link: 'http://host/a (b)/#/call/x?t=1,2' }
    expect(formatCitation(input, 'markdown')).toContain('](http://host/a%20%28b%29/#/call/x?t=1,2)')
  })
})

describe('escapeMarkdown', () => {
  it('leaves ordinary prose alone', () => {
    expect(escapeMarkdownInline("Bo Xilai's case, 2012-04 (Chongqing): 100% sure!")).toBe(
      "Bo Xilai's case, 2012-04 (Chongqing): 100% sure!",
    )
  })

  it('keeps a note’s lines and paragraphs and neutralises block syntax at line starts', () => {
    expect(escapeMarkdownBlock('- item\n1. first\n    code\n> quote\n\n# head\n===\n+ plus')).toBe(
      '\\- item\\\n1\\. first\\\n\u00a0\u00a0\u00a0\u00a0code\\\n\\> quote\n\n\\# head\\\n\\===\\\n\\+ plus',
    )
  })
})

describe('citationLink and the revision the router reads', () => {
  it('builds an absolute link with at most three decimals and the revision', () => {
    expect(citationLink(ORIGIN, 'li-changchun-2012-04', 7.6874999, 10.3131, 'abcdef012345')).toBe(
      'http://localhost:4173/#/call/li-changchun-2012-04?t=7.687,10.313&rev=abcdef012345',
    )
    expect(citationLink('http://host/path/', 'x', 83.5, 91)).toBe(
      'http://host/path/#/call/x?t=83.5,91',
    )
  })

  it('links a point for a moment, and for a range too short to survive rounding', () => {
    expect(citationLink(ORIGIN, 'x', 8, 8)).toBe('http://localhost:4173/#/call/x?t=8')
    expect(citationLink(ORIGIN, 'x', 8, 8.0001)).toBe('http://localhost:4173/#/call/x?t=8')
  })

  it('drops a hash already on the origin and encodes the call id', () => {
    expect(citationLink('http://host/#/search?q=x', 'a b/c', 1, 2)).toBe(
      'http://host/#/call/a%20b%2Fc?t=1,2',
    )
  })

  it('opens the call at the range: the router reads the link it makes', () => {
    const link = citationLink(ORIGIN, 'li-changchun-2012-04', 3725.5, 3731.25, 'abcdef012345')
    const hash = new URL(link).hash
    expect(parseRoute(hash)).toMatchObject({
      kind: 'call',
      callId: 'li-changchun-2012-04',
      time: { start: 3725.5, end: 3731.25 },
    })
    expect(parseRoute(hash)).toMatchObject({ revision: 'abcdef012345' })
  })

  it.each([
    ['#/call/x?t=1,2', null],
    ['#/call/x', null],
    ['#/call/x?t=1&rev=', null],
    ['#/call/x?t=1&rev=not-hex!', null],
    ['#/call/x?t=1&rev=abc', null],
    ['#/call/x?t=1&rev=abcdef', 'abcdef'],
    ['#/call/x?rev=ABCDEF012345&t=1', 'abcdef012345'],
    [`/call/x?t=1&rev=${'f'.repeat(64)}`, 'f'.repeat(64)],
  ])('reads the revision of %j as %j', (hash, expected) => {
    const route = parseRoute(hash)
    expect(route.kind === 'call' ? (route.revision ?? null) : null).toBe(expected)
  })
})

// @vitest-environment node
import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { TranscriptParseError } from '../../../src/formats/types'
import { parseWebVtt } from '../../../src/formats/webvtt'
import { readFixtureBytes } from './format-files'
import { describeMutationFuzz, PARSERS } from './fuzz-parsers'

/*
 * The parsers of WebVTT, SRT and Verbatim JSON against mutated project fixtures, random text and
 * pathological inputs. tests/corpus/unit/formats/fuzz-vtt-srt.test.ts mutates the shared corpus too.
 */

const fixtures = readdirSync('tests/fixtures/formats')
  .filter((name) => /\.(srt|vtt|json|xml)$/.test(name))
  .sort()
  .map(readFixtureBytes)

describeMutationFuzz('fixtures', fixtures, 20)

describe('fuzzing the parsers with pathological inputs', () => {
  const clock = (i: number) =>
    `${String(Math.floor(i / 3600)).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`

  it.each([
    ['10,000 nested tags', `WEBVTT\n\n00:00.000 --> 00:01.000\n${'<b>'.repeat(10_000)}deep`],
    ['200,000 nested tags', `WEBVTT\n\n00:00.000 --> 00:01.000\n${'<i>'.repeat(200_000)}deep`],
    ['10,000 unknown references', `WEBVTT\n\n00:00.000 --> 00:01.000\n${'&zz;'.repeat(10_000)}`],
    ['a 100,000-space timing line', `1\n00:00:01,000 ${' '.repeat(100_000)}x --> 00:00:02,000\nA`],
    ['20,000 junk lines', `WEBVTT\n\n${'junk\n'.repeat(20_000)}`],
    [
      '10,000 WebVTT cues',
      `WEBVTT\n\n${Array.from({ length: 10_000 }, (_, i) => `${clock(i)}.000 --> ${clock(i + 1)}.000\n<v A>x <${clock(i)}.500>y\n\n`).join('')}`,
    ],
    [
      '10,000 SRT cues',
      Array.from(
        { length: 10_000 },
        (_, i) => `${i + 1}\n${clock(i)},000 --> ${clock(i + 1)},000\n<i>x</i>\n\n`,
      ).join(''),
    ],
    ['a deeply nested JSON', '['.repeat(500_000)],
  ])('survives %s', (_, text) => {
    for (const [, parse] of PARSERS) {
      // Big inputs get a bigger budget: the bound here is "no blow-up", not the 2 s per input; wall time, so it is loose.
      const started = performance.now()
      try {
        parse(text)
      } catch (error) {
        expect(error).toBeInstanceOf(TranscriptParseError)
      }
      expect(performance.now() - started).toBeLessThan(10_000)
    }
  })

  it('still reads the text of a cue whose tags are nested too deep for the spec parser', () => {
    const parsed = parseWebVtt(
      `WEBVTT\n\n00:00.000 --> 00:01.000\n${'<i>'.repeat(200_000)}deep &amp; down`,
    )
    expect(parsed.segments[0]?.text).toBe('deep & down')
  })
})

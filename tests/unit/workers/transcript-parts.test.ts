// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { PART_WEIGHT } from '../../../src/domain/segment-parts'
import { importTranscript } from '../../../src/formats/import-transcript'
import { TranscriptParseError, type ParsedTranscript } from '../../../src/formats/types'
import {
  errorOf,
  failureOf,
  postParts,
  TranscriptParts,
  type TranscriptMessage,
} from '../../../src/workers/transcript-parts'
import { whisperJson } from '../../../scripts/big-transcripts.mjs'

/** What the page receives: every message structured-cloned, as postMessage does. */
function sendAcross(parsed: ParsedTranscript): TranscriptMessage[] {
  const messages: TranscriptMessage[] = []
  postParts(parsed, (message) => messages.push(structuredClone(message)))
  return messages
}

function receive(messages: readonly TranscriptMessage[]): ParsedTranscript {
  const parts = new TranscriptParts()
  for (const message of messages) {
    if (message.type === 'part') parts.add(message)
    if (message.type === 'done') return parts.finish(message)
  }
  throw new Error('no done message')
}

const encode = (text: string) => new TextEncoder().encode(text)

describe('a transcript sent from the worker in parts', () => {
  it('arrives whole: segments, words, warnings, language, in order', () => {
    const { text } = whisperJson(600_000)
    const parsed = importTranscript(encode(text), 'call.json')
    const messages = sendAcross(parsed)
    expect(receive(messages)).toEqual(parsed)
    expect(messages.filter((m) => m.type === 'part').length).toBeGreaterThan(1)
  })

  it('puts no more than PART_WEIGHT segments, words and warnings in one part', () => {
    const { text } = whisperJson(1_500_000)
    const parsed = importTranscript(encode(text), 'call.json')
    const withWarnings: ParsedTranscript = {
      ...parsed,
      warnings: Array.from({ length: PART_WEIGHT * 2 + 5 }, (_, i) => ({
        line: i + 1,
        message: 'Repaired.',
      })),
    }
    const messages = sendAcross(withWarnings)
    for (const message of messages) {
      if (message.type !== 'part') continue
      const weight =
        message.segments.reduce((n, s) => n + 1 + (s.words?.length ?? 0), 0) +
        message.warnings.length
      // A part closes at the segment that reaches the limit, so it may pass it by one segment's words.
      expect(weight).toBeLessThan(PART_WEIGHT + 100)
    }
    expect(receive(messages)).toEqual(withWarnings)
  })

  it('refuses a transcript whose parts did not all arrive', () => {
    const parsed = importTranscript(encode(whisperJson(600_000).text), 'call.json')
    const messages = sendAcross(parsed)
    const lost = messages.filter((m, i) => !(m.type === 'part' && i === 1))
    expect(() => receive(lost)).toThrow(/segments were sent but/)
  })
})

describe('a parse error sent from the worker', () => {
  it('is a TranscriptParseError again on the page, with its line and the same message', () => {
    let thrown: unknown
    try {
      importTranscript(encode('1\n00:00:01,000 --> soon\nHello\n'), 'broken.srt')
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(TranscriptParseError)
    const original = thrown as TranscriptParseError
    expect(original.line).toBeDefined()
    const received = errorOf(structuredClone(failureOf(original)))
    expect(received).toBeInstanceOf(TranscriptParseError)
    expect(received.message).toBe(original.message)
    expect((received as TranscriptParseError).line).toBe(original.line)
  })

  it('keeps a message without a line as it is', () => {
    const received = errorOf(
      structuredClone(failureOf(new TranscriptParseError('the file is empty'))),
    )
    expect(received).toEqual(new TranscriptParseError('the file is empty'))
    expect((received as TranscriptParseError).line).toBeUndefined()
  })

  it('leaves any other fault a plain Error, so that the page does not call it the file’s', () => {
    const received = errorOf(structuredClone(failureOf(new RangeError('Out of memory'))))
    expect(received).not.toBeInstanceOf(TranscriptParseError)
    expect(received.message).toBe('Out of memory')
  })
})

import fc from 'fast-check'
import { REVIEW_STATES, type Note } from '../../src/domain/notes'
import type { CallLookup, CallSummary } from '../../src/domain/notes-export'
import type { NewNote } from '../../src/db/notes-repository'
import { seconds } from '../../src/domain/types'

/** SHA-256 of the sample call li-changchun-2012-04's audio. */
export const LI_SHA = 'ec464868c45f897b5a643561d8337d3c01dac49c3313ec36765a539561154304'

/** A summary of the sample call li-changchun-2012-04. */
export const LI_CALL: CallSummary = {
  id: 'li-changchun-2012-04',
  title: 'Li Changchun on who is in charge',
  recorded: '2012-04',
  audioSha256: LI_SHA,
  duration: seconds(11.88),
}

/** A lookup holding the given calls. */
export function lookupOf(...calls: CallSummary[]): CallLookup {
  return new Map(calls.map((call) => [call.id, call]))
}

/** An empty note at 3 s on a call named `call`, as the repository is given it. */
export const BLANK_NOTE: NewNote = {
  callId: 'call',
  audioSha256: 'a'.repeat(64),
  start: seconds(3),
  text: '',
  tags: [],
  state: 'unreviewed',
}

let counter = 0

/** A note on li-changchun-2012-04 at 7.687 s, with any field overridden. */
export function makeNote(overrides: Partial<Note> = {}): Note {
  counter++
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    callId: LI_CALL.id,
    audioSha256: LI_SHA,
    start: seconds(7.687),
    text: 'Check the name against the report.',
    tags: [],
    state: 'unreviewed',
    createdAt: '2026-11-30T10:00:00.000Z',
    updatedAt: '2026-11-30T10:00:00.000Z',
    ...overrides,
  }
}

const isoTime = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
  .map((t) => new Date(t).toISOString())

/** Any valid note: times in whole milliseconds (as the app stores them), on one of three calls. */
export const arbitraryNote: fc.Arbitrary<Note> = fc
  .record({
    id: fc.uuid(),
    callId: fc.constantFrom('li-changchun-2012-04', 'zhou-yongkang-2008-05', 'gone-call'),
    audioSha256: fc.constantFrom(LI_SHA, 'a'.repeat(64)),
    startMs: fc.integer({ min: 0, max: 4_000_000 }),
    lengthMs: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: undefined }),
    quote: fc.option(fc.record({ trackId: fc.constantFrom('en', 'zh'), text: fc.string() }), {
      nil: undefined,
    }),
    text: fc.string(),
    tags: fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 3 }),
    state: fc.constantFrom(...REVIEW_STATES),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .map(({ startMs, lengthMs, quote, ...rest }) => ({
    ...rest,
    start: seconds(startMs / 1000),
    ...(lengthMs !== undefined && { end: seconds((startMs + lengthMs) / 1000) }),
    ...(quote !== undefined && { quote }),
  }))

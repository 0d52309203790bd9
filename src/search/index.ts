import type { Seconds } from '../domain/types'
import {
  documentKey,
  isCallDocument,
  isNoteDocument,
  isSegmentDocument,
  noteKey,
  type CallDocument,
  restoreDocument,
  type SearchDocument,
  type SegmentDocument,
} from './documents'
import { CALL, DocumentColumns, NOTE, SEGMENT } from './columns'
import { matchRanges } from './match'
import { parseQuery, type ParsedQuery, type QueryClause } from './query'
import { makeSnippet, type Snippet } from './snippet'
import { postingDoc, postingTf, Postings } from './postings'
import { topScored } from './select-top'
import { isCjkTerm, tokenize, TOKENIZER_VERSION } from './tokenize'

/**
 * The full-text index over every call's transcript segments, each call's own names (title,
 * participants, speakers: one document a call) and the user's notes.
 *
 * An inverted index of our own rather than FlexSearch or MiniSearch (see
 * docs/adr/2026-11-30-search-index.md): each document keeps its token sequence as term ids, so
 * quoted phrases and Chinese substrings are verified exactly; postings hold (document, term
 * frequency) for words, single CJK characters, CJK character bigrams (which make substring lookups
 * selective) and `Intl.Segmenter` words (a ranking signal); see `postings.ts` for how they are
 * stored. Scoring is BM25; ties go to the earlier moment. A query is answered term-at-a-time into
 * flat typed arrays, rarest clause first: over a million words the median search takes well under
 * a millisecond and the slowest (a very common word) a few.
 */

/** Filters and size of a search. */
export interface SearchOptions {
  /** Only this call. */
  readonly callId?: string
  /** Only tracks in this language; `zh` also matches `zh-Hans`. Notes have no language. */
  readonly language?: string
  /** Only segments of this speaker (case-insensitive). Notes have no speaker. */
  readonly speaker?: string
  /** At most this many segment hits, and as many note hits and call matches (default 50). */
  readonly limit?: number
}

/** A transcript segment that matched. */
export interface SegmentHit {
  readonly kind: 'segment'
  readonly callId: string
  readonly trackId: string
  readonly segmentIndex: number
  readonly start: Seconds
  readonly end: Seconds
  readonly speaker?: string
  readonly language: string
  readonly score: number
  readonly snippet: Snippet
}

/** A note that matched. */
export interface NoteHit {
  readonly kind: 'note'
  readonly noteId: string
  readonly callId: string
  readonly start: Seconds
  readonly tags: readonly string[]
  /** The tags in which a query word was found. */
  readonly matchedTags: readonly string[]
  readonly score: number
  readonly snippet: Snippet
}

/** A call whose title, participants or speakers matched. */
export interface CallMatch {
  readonly score: number
  /** The title, with what matched in it marked. */
  readonly snippet: Snippet
  /** The participants and speakers in whose names a query word was found. */
  readonly matchedNames: readonly string[]
}

/** The segment hits of one call, best first, and the call itself when its names matched. */
export interface CallHits {
  readonly callId: string
  /** Present when the call's title, participants or speakers matched. */
  readonly match?: CallMatch
  /** How many segments of this call match, including those beyond the limit. */
  readonly total: number
  readonly hits: readonly SegmentHit[]
}

/** What a search found. */
export interface SearchResults {
  /** The query had nothing to search for (empty, or only punctuation). */
  readonly blank: boolean
  /** Matching segments in all calls, including those beyond the limit. */
  readonly total: number
  /** Calls in the order of their best hit (a segment, or the call's own names). */
  readonly calls: readonly CallHits[]
  readonly notes: { readonly total: number; readonly hits: readonly NoteHit[] }
}

/** The persisted form of an index: plain JSON, or stored as is in IndexedDB. */
export interface SerializedSearchIndex {
  readonly format: 'verbatim-search-index'
  readonly version: 1
  /** The tokenizer that made the terms; a different one means the index must be rebuilt. */
  readonly tokenizer: number
  /** Every term, by id. */
  readonly terms: readonly string[]
  readonly documents: readonly SearchDocument[]
  /**
   * For each document in turn, its token term ids (-1 between a note's text and each tag), then
   * its CJK word term ids: what phrases are checked against.
   */
  readonly units: ArrayLike<number>
  /** For each document: how many token ids, then how many word ids it has in `units`. */
  readonly counts: ArrayLike<number>
  /** Term `t`'s postings are `postings[offsets[t]]` up to `postings[offsets[t + 1]]`. */
  readonly offsets: ArrayLike<number>
  /** Packed postings: document number × 64 + term frequency (capped at 63). */
  readonly postings: ArrayLike<number>
}

/** A persisted index that cannot be used; the caller rebuilds from the library. */
export class SearchIndexFormatError extends Error {
  override name = 'SearchIndexFormatError'
}

/** Default number of hits of each kind. */
export const DEFAULT_LIMIT = 50

const GAP = -1
const K1 = 1.2
const B = 0.75
/** A completion of the word being typed counts a little less than the word itself. */
const PREFIX_WEIGHT = 0.85
/** All query words side by side, in order, as typed: the quote the user remembers. */
const ADJACENT_BOOST = 1.5
/** A CJK query piece that is a whole word of the segment, not part of a longer one. */
const WORD_BOOST = 1.25
/** Marks a CJK word term; `#` never survives tokenizing, so words cannot collide with tokens. */
const WORD_MARK = '#'
/** Recent postings are merged once they outnumber the frozen ones and this many. */
const MERGE_MIN = 32_768
/** Removed documents are purged once they are a quarter of those held and this many. */
const PURGE_MIN = 1024
/** Two term ids in one safe integer, to cache the bigram term of a pair of characters. */
const PAIR = 2 ** 26

/** An exact term id, or any of a set (the completions of the word being typed). */
type PatternUnit = number | ReadonlySet<number>

type ClausePlan =
  | {
      readonly kind: 'terms'
      readonly sources: readonly { readonly id: number; readonly weight: number }[]
      readonly cost: number
    }
  | {
      readonly kind: 'phrase'
      readonly pattern: readonly PatternUnit[]
      /** The term whose postings are the candidates to verify: the rarest one. */
      readonly candidates: number
      readonly cost: number
      readonly wordId: number | undefined
    }

const EMPTY_RESULTS: SearchResults = {
  blank: false,
  total: 0,
  calls: [],
  notes: { total: 0, hits: [] },
}

/** Occurrences of `pattern` in `units[from..to)`, not overlapping. */
function countPattern(
  units: Int32Array,
  from: number,
  to: number,
  pattern: readonly PatternUnit[],
): number {
  const length = pattern.length
  let count = 0
  for (let i = from; i + length <= to; i++) {
    let j = 0
    for (; j < length; j++) {
      const unit = units[i + j] ?? GAP
      const want = pattern[j]
      if (typeof want === 'number' ? unit !== want : !want?.has(unit)) break
    }
    if (j === length) {
      count++
      i += length - 1
    }
  }
  return count
}

/**
 * The state of one search: for every document, how many clauses it has met so far and its score;
 * `reached[0..count)` lists the documents that met the current clause.
 */
interface Scoring {
  readonly met: Uint8Array
  readonly scores: Float64Array
  readonly live: Uint8Array
  readonly lengths: Int32Array
  /** BM25's length normalisation, split so that the inner loop does one multiply-add. */
  readonly c1: number
  readonly c2: number
  reached: Int32Array
  count: number
}

/**
 * Per-search arrays, kept between searches: allocating and zeroing a megabyte per keystroke made
 * garbage collections the slowest part of a search. Only the entries a search touched are reset.
 */
interface Scratch {
  readonly met: Uint8Array
  readonly scores: Float64Array
  /** The documents that met the first clause: every document the search touched. */
  readonly first: Int32Array
  /** The documents that met each later clause, in turn. */
  readonly later: Int32Array
}

/**
 * Adds a posting list's BM25 contributions for clause `index`: a document counts once it has met
 * every earlier clause. Kept apart from `search` so that this loop is small and optimised alone.
 */
function scoreList(
  list: ArrayLike<number>,
  from: number,
  to: number,
  factor: number,
  index: number,
  scoring: Scoring,
): void {
  const { met, scores, live, lengths, c1, c2, reached } = scoring
  const next = index + 1
  let count = scoring.count
  for (let k = from; k < to; k++) {
    const posting = list[k] ?? 0
    const doc = postingDoc(posting)
    const state = met[doc]
    if (state === index) {
      if (index === 0 && live[doc] !== 1) continue
      met[doc] = next
      reached[count++] = doc
    } else if (state !== next) {
      // Not in the running, or (for a prefix's several terms) not yet counted for this clause.
      continue
    }
    const tf = postingTf(posting)
    scores[doc] = (scores[doc] ?? 0) + (factor * tf) / (tf + c1 + c2 * (lengths[doc] ?? 0))
  }
  scoring.count = count
}

function matchesLanguage(language: string, wanted: string): boolean {
  const a = language.toLowerCase()
  const b = wanted.toLowerCase()
  return a === b || a.startsWith(`${b}-`)
}

/** Options of {@link SearchIndex}. */
export interface SearchIndexOptions {
  /**
   * Merge recent changes as soon as they weigh (default). The search worker turns this off and
   * runs `optimizeSteps` itself, so that no merge holds it for long.
   */
  readonly mergeOnChange?: boolean
}

/** The full-text index; see the module comment. One owner (the search worker) changes it. */
export class SearchIndex {
  private readonly ids = new Map<string, number>()
  private readonly terms: string[] = []
  private readonly cjk: boolean[] = []
  private readonly pairs = new Map<number, number>()
  /** Latin-script terms sorted, for prefix lookups; new ones wait in `unsorted` until a search. */
  private sorted: string[] = []
  private unsorted: string[] = []
  private readonly postings = new Postings()

  // Documents by number. A removed one leaves a hole (undefined, live 0) until the next merge
  // renumbers; the columns keep a search's inner loops away from object properties.
  private docs: (SearchDocument | undefined)[] = []
  private readonly columns = new DocumentColumns()
  /** Every document's token ids then word ids, back to back. */
  private arena = new Int32Array(1 << 16)
  private arenaSize = 0
  private byKey = new Map<string, number>()
  private readonly callIds: string[] = []
  private readonly callOrdinals = new Map<string, number>()
  private alive = 0
  private removed = 0
  private totalLength = 0
  // Scratch for counting term frequencies in one document, by term id.
  private scratch: Scratch | null = null
  private seen = new Int32Array(1024).fill(-1)
  private frequency = new Int32Array(1024)
  /** Bumped by every change, so that a merge in progress knows it is stale. */
  private generation = 0
  private readonly mergeOnChange: boolean

  constructor(options: SearchIndexOptions = {}) {
    this.mergeOnChange = options.mergeOnChange ?? true
  }

  /** Number of documents held. */
  get size(): number {
    return this.alive
  }

  /** Adds documents; one with the key of a held document (same segment, same note) replaces it. */
  add(documents: readonly SearchDocument[]): void {
    const replaced: number[] = []
    for (const doc of documents) {
      const id = this.byKey.get(documentKey(doc))
      if (id !== undefined) replaced.push(id)
    }
    this.removeIds(replaced)
    for (const doc of documents) {
      const { tokens, words } = tokenize(doc.text, { words: true })
      const units = tokens.map((token) => this.intern(token.term))
      const wordIds = words.map((word) => this.intern(WORD_MARK + word.term))
      const parts = isNoteDocument(doc)
        ? doc.tags
        : isCallDocument(doc)
          ? [...doc.participants, ...doc.speakers]
          : []
      // Tags and names are searchable, but a phrase must not run from one into the next.
      for (const part of parts) {
        const tagged = tokenize(part, { words: true })
        units.push(GAP, ...tagged.tokens.map((token) => this.intern(token.term)))
        wordIds.push(...tagged.words.map((word) => this.intern(WORD_MARK + word.term)))
      }
      this.post(this.store(doc, units, wordIds))
    }
    if (this.mergeOnChange && this.wantsMerge) this.optimize()
  }

  /** Removes a call's segments and, unless `keepNotes`, its notes (orphaned notes stay findable). */
  removeCall(callId: string, options: { readonly keepNotes?: boolean } = {}): number {
    const keepNotes = options.keepNotes === true
    return this.removeWhere((doc) => doc.callId === callId && !(keepNotes && isNoteDocument(doc)))
  }

  /** Removes one track's segments (a track was replaced or deleted). */
  removeTrack(callId: string, trackId: string): number {
    return this.removeWhere(
      (doc) => doc.callId === callId && isSegmentDocument(doc) && doc.trackId === trackId,
    )
  }

  /** Removes a note. */
  removeNote(noteId: string): number {
    const id = this.byKey.get(noteKey(noteId))
    if (id === undefined) return 0
    this.removeIds([id])
    return 1
  }

  /** Enough has changed since the last merge that merging would pay. */
  get wantsMerge(): boolean {
    return (
      this.postings.pending > Math.max(MERGE_MIN, this.postings.frozen) ||
      this.removed > Math.max(PURGE_MIN, this.alive / 4)
    )
  }

  /** Folds recent changes into the compact form: postings merged, removed documents purged. */
  optimize(): void {
    for (const step of this.optimizeSteps()) void step
  }

  /**
   * The same in steps of a few milliseconds. Searches between steps read the state from before
   * the merge; a change between steps abandons it (run it again later).
   */
  *optimizeSteps(): Generator<void, void, void> {
    if (this.postings.pending === 0 && this.removed === 0) return
    const generation = this.generation
    const renumber = this.removed > 0 ? this.renumbering() : null
    const steps = this.postings.mergeSteps(this.terms.length, renumber)
    // The last step swaps the new postings in; the documents are renumbered in the same tick.
    while (steps.next().done !== true) {
      yield
      if (this.generation !== generation) return
    }
    if (renumber) this.renumber(renumber)
    // Document numbers may have been reused: forget which document last counted each term.
    this.seen.fill(-1)
  }

  /** Searches; see `query.ts` for what a query means. */
  search(query: string | ParsedQuery, options: SearchOptions = {}): SearchResults {
    const parsed = typeof query === 'string' ? parseQuery(query) : query
    if (parsed.clauses.length === 0) return { ...EMPTY_RESULTS, blank: true }
    this.sortTerms()
    const plans: ClausePlan[] = []
    for (const clause of parsed.clauses) {
      const plan = this.plan(clause)
      if (plan === null) return EMPTY_RESULTS
      plans.push(plan)
    }
    // Rarest first: later clauses then only touch documents that are still in the running.
    plans.sort((a, b) => a.cost - b.cost)

    const { columns } = this
    const slots = this.docs.length
    const average = this.totalLength / Math.max(1, this.alive)
    const scratch = this.scratchFor(slots)
    const scoring: Scoring = {
      met: scratch.met,
      scores: scratch.scores,
      live: columns.live,
      lengths: columns.length,
      c1: K1 * (1 - B),
      c2: average > 0 ? (K1 * B) / average : 0,
      reached: scratch.first,
      count: 0,
    }
    let touched = 0
    try {
      return this.score(parsed, plans, options, scoring, scratch, (count) => (touched = count))
    } finally {
      for (let k = 0; k < touched; k++) {
        const doc = scratch.first[k] ?? 0
        scratch.met[doc] = 0
        scratch.scores[doc] = 0
      }
    }
  }

  /** The scratch arrays, grown to hold `slots` documents. */
  private scratchFor(slots: number): Scratch {
    if (this.scratch === null || this.scratch.met.length < slots) {
      const size = Math.max(1024, Math.ceil(slots * 1.5))
      this.scratch = {
        met: new Uint8Array(size),
        scores: new Float64Array(size),
        first: new Int32Array(size),
        later: new Int32Array(size),
      }
    }
    return this.scratch
  }

  /** Runs the planned clauses and builds the results; reports how many documents it touched. */
  private score(
    parsed: ParsedQuery,
    plans: readonly ClausePlan[],
    options: SearchOptions,
    scoring: Scoring,
    scratch: Scratch,
    touch: (count: number) => void,
  ): SearchResults {
    const { columns, postings } = this
    const idf = (df: number) => Math.log(1 + (this.alive - df + 0.5) / (df + 0.5))

    for (let index = 0; index < plans.length; index++) {
      const plan = plans[index]
      if (!plan) break
      scoring.reached = index === 0 ? scratch.first : scratch.later
      scoring.count = 0
      if (plan.kind === 'terms') {
        for (const { id, weight } of plan.sources) {
          const factor = weight * idf(postings.count(id)) * (K1 + 1)
          for (const { list, from, to } of postings.slices(id)) {
            scoreList(list, from, to, factor, index, scoring)
          }
        }
      } else {
        const factor = idf(postings.count(plan.candidates)) * (K1 + 1)
        const wordDocs = plan.wordId === undefined ? null : this.documentsWith(plan.wordId)
        for (const { list, from, to } of postings.slices(plan.candidates)) {
          this.scorePhrase(list, from, to, factor, index, plan.pattern, wordDocs, scoring)
        }
      }
      if (index === 0) touch(scoring.count)
      if (scoring.count === 0) return EMPTY_RESULTS
    }

    const { scores, reached } = scoring
    const hits = scratch.later
    const adjacent = parsed.clauses.length > 1 ? this.adjacencyPattern(parsed.clauses) : null
    const filtered =
      options.callId !== undefined ||
      options.language !== undefined ||
      options.speaker !== undefined
    const callOrdinal = options.callId === undefined ? -1 : this.callOrdinals.get(options.callId)
    const speaker = options.speaker?.trim().toLowerCase()
    const noteHits: number[] = []
    const callMatches: number[] = []
    const perCall = new Int32Array(this.callIds.length)
    // Matching segments go to the front of `later` (in place when it is `reached`: the write never
    // overtakes the read), so that `first` keeps every touched document; notes and calls go to lists.
    let segmentCount = 0
    for (let k = 0; k < scoring.count; k++) {
      const id = reached[k] ?? 0
      if (filtered && !this.passes(id, callOrdinal, options.language, speaker)) continue
      if (adjacent !== null && this.occurrences(id, adjacent) > 0) {
        scores[id] = (scores[id] ?? 0) * ADJACENT_BOOST
      }
      const kind = columns.kind[id] ?? SEGMENT
      if (kind === NOTE) {
        noteHits.push(id)
        continue
      }
      if (kind === CALL) {
        callMatches.push(id)
        continue
      }
      hits[segmentCount++] = id
      const call = columns.call[id] ?? 0
      perCall[call] = (perCall[call] ?? 0) + 1
    }

    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT))
    const calls = new Map<string, SegmentHit[]>()
    for (const id of topScored(hits, segmentCount, limit, scores, columns.start)) {
      const hit = this.segmentHit(id, scores[id] ?? 0, parsed.clauses)
      if (!hit) continue
      const list = calls.get(hit.callId)
      if (list) list.push(hit)
      else calls.set(hit.callId, [hit])
    }
    const notes = topScored(noteHits, noteHits.length, limit, scores, columns.start).flatMap(
      (id) => {
        const hit = this.noteHit(id, scores[id] ?? 0, parsed.clauses)
        return hit ? [hit] : []
      },
    )
    const matches = new Map<string, CallMatch>()
    for (const id of topScored(callMatches, callMatches.length, limit, scores, columns.start)) {
      const doc = this.docs[id]
      if (doc && isCallDocument(doc)) {
        matches.set(doc.callId, this.callMatch(doc, scores[id] ?? 0, parsed.clauses))
      }
    }
    for (const callId of matches.keys()) if (!calls.has(callId)) calls.set(callId, [])
    const groups: CallHits[] = [...calls].map(([callId, hits]) => {
      const match = matches.get(callId)
      return {
        callId,
        ...(match ? { match } : {}),
        total: perCall[this.callOrdinals.get(callId) ?? -1] ?? hits.length,
        hits,
      }
    })
    // A call ranks by its best hit, whether a segment or its own names; the sort is stable, so
    // ties keep the order of the best segments.
    const best = (group: CallHits) => Math.max(group.match?.score ?? 0, group.hits[0]?.score ?? 0)
    if (matches.size > 0) groups.sort((a, b) => best(b) - best(a))
    return {
      blank: false,
      total: segmentCount,
      calls: groups,
      notes: { total: noteHits.length, hits: notes },
    }
  }

  /**
   * The index as plain data (merged first, so that it is compact). The app rebuilds its index at
   * start-up instead of storing this: loading it back takes about as long as indexing again, and
   * it would be a second copy of every transcript (see the ADR). `npm run bench:search` measures
   * both, so that the choice can be revisited.
   */
  toJSON(): SerializedSearchIndex {
    this.optimize()
    const counts: number[] = []
    for (let id = 0; id < this.docs.length; id++) {
      counts.push(this.columns.unitCount[id] ?? 0, this.columns.wordCount[id] ?? 0)
    }
    const { offsets, data } = this.postings.frozenArrays()
    return {
      format: 'verbatim-search-index',
      version: 1,
      tokenizer: TOKENIZER_VERSION,
      terms: [...this.terms],
      documents: this.docs.filter((doc): doc is SearchDocument => doc !== undefined),
      units: Array.from(this.arena.subarray(0, this.arenaSize)),
      counts,
      offsets: Array.from(offsets),
      postings: Array.from(data),
    }
  }

  /**
   * An index from its persisted form, checked so that a damaged one cannot break searches; throws
   * `SearchIndexFormatError` if it cannot be trusted (then rebuild it from the library).
   */
  static fromJSON(data: unknown, options: SearchIndexOptions = {}): SearchIndex {
    const fail = (why: string): never => {
      throw new SearchIndexFormatError(`stored search index ${why}`)
    }
    if (typeof data !== 'object' || data === null) return fail('is not an object')
    const value = data as Partial<Record<keyof SerializedSearchIndex, unknown>>
    if (value.format !== 'verbatim-search-index' || value.version !== 1) {
      return fail('has an unknown format')
    }
    if (value.tokenizer !== TOKENIZER_VERSION) return fail('was made by another tokenizer')
    const { terms, documents } = value
    if (!Array.isArray(terms) || !terms.every((term) => typeof term === 'string')) {
      return fail('has bad terms')
    }
    if (!Array.isArray(documents)) return fail('has no documents')
    const ints = (list: unknown, name: string): Int32Array => {
      if (!Array.isArray(list) && !(list instanceof Int32Array)) return fail(`has no ${name}`)
      const array = Int32Array.from(list as ArrayLike<number>)
      for (let k = 0; k < array.length; k++) {
        if (array[k] !== (list as ArrayLike<number>)[k]) return fail(`has bad ${name}`)
      }
      return array
    }
    const units = ints(value.units, 'units')
    const counts = ints(value.counts, 'counts')
    const offsets = ints(value.offsets, 'offsets')
    const postings = ints(value.postings, 'postings')

    const index = new SearchIndex(options)
    terms.forEach((term: string, id) => {
      if (index.intern(term) !== id) fail('has a term twice')
    })
    if (counts.length !== documents.length * 2) return fail('has counts that do not add up')
    let at = 0
    documents.forEach((entry: unknown, d) => {
      const doc = restoreDocument(entry)
      if (doc === null) return fail('has a malformed document')
      if (index.byKey.has(documentKey(doc))) return fail('has a document twice')
      const tokenCount = counts[2 * d] ?? -1
      const wordCount = counts[2 * d + 1] ?? -1
      if (tokenCount < 0 || wordCount < 0 || at + tokenCount + wordCount > units.length) {
        return fail('has counts that do not add up')
      }
      const tokens = units.subarray(at, at + tokenCount)
      const words = units.subarray(at + tokenCount, at + tokenCount + wordCount)
      for (const unit of tokens) if (unit < GAP || unit >= terms.length) fail('has a bad token')
      for (const word of words) if (word < 0 || word >= terms.length) fail('has a bad word')
      index.store(doc, tokens, words)
      at += tokenCount + wordCount
    })
    if (at !== units.length) return fail('has counts that do not add up')
    if (offsets.length !== terms.length + 1 || offsets[0] !== 0) return fail('has bad offsets')
    for (let t = 0; t < terms.length; t++) {
      if ((offsets[t + 1] ?? 0) < (offsets[t] ?? 0)) return fail('has bad offsets')
    }
    if (offsets[terms.length] !== postings.length) return fail('has bad offsets')
    for (const posting of postings) {
      const doc = postingDoc(posting)
      if (posting < 0 || doc >= documents.length || postingTf(posting) === 0) {
        return fail('has a bad posting')
      }
    }
    index.postings.load(offsets, postings)
    return index
  }

  private intern(term: string): number {
    const known = this.ids.get(term)
    if (known !== undefined) return known
    const id = this.terms.length
    this.ids.set(term, id)
    this.terms.push(term)
    const cjk = isCjkTerm(term)
    this.cjk.push(cjk)
    if (!cjk && !term.startsWith(WORD_MARK)) this.unsorted.push(term)
    return id
  }

  /** The bigram term of two adjacent tokens, made if new; undefined unless both are CJK. */
  private bigram(a: number, b: number): number | undefined {
    if (a === GAP || b === GAP || this.cjk[a] !== true || this.cjk[b] !== true) return undefined
    const key = a * PAIR + b
    let id = this.pairs.get(key)
    if (id === undefined) {
      id = this.intern((this.terms[a] ?? '') + (this.terms[b] ?? ''))
      this.pairs.set(key, id)
    }
    return id
  }

  private callOrdinal(callId: string): number {
    let ordinal = this.callOrdinals.get(callId)
    if (ordinal === undefined) {
      ordinal = this.callIds.length
      this.callIds.push(callId)
      this.callOrdinals.set(callId, ordinal)
    }
    return ordinal
  }

  /** Stores a document's fields and tokens and returns its number; `post` then indexes it. */
  private store(doc: SearchDocument, units: ArrayLike<number>, words: ArrayLike<number>): number {
    const id = this.docs.length
    const needed = this.arenaSize + units.length + words.length
    if (needed > this.arena.length) {
      const grown = new Int32Array(Math.max(needed, this.arena.length * 2))
      grown.set(this.arena.subarray(0, this.arenaSize))
      this.arena = grown
    }
    const from = this.arenaSize
    this.arena.set(units, from)
    this.arena.set(words, from + units.length)
    this.arenaSize = needed
    let length = 0
    for (let k = 0; k < units.length; k++) if (units[k] !== GAP) length++
    this.generation++
    this.docs.push(doc)
    const call = this.callOrdinal(doc.callId)
    this.columns.push(
      isNoteDocument(doc) ? NOTE : isCallDocument(doc) ? CALL : SEGMENT,
      length,
      doc.start,
      call,
      from,
      units.length,
      words.length,
    )
    this.byKey.set(documentKey(doc), id)
    this.alive++
    this.totalLength += length
    return id
  }

  /** Posts a document under its tokens, their CJK bigrams and its CJK words, with frequencies. */
  private post(id: number): void {
    const from = this.columns.unitFrom[id] ?? 0
    const tokenEnd = from + (this.columns.unitCount[id] ?? 0)
    const end = tokenEnd + (this.columns.wordCount[id] ?? 0)
    const unique: number[] = []
    const count = (term: number) => {
      if (term >= this.seen.length) {
        const size = Math.max(term + 1, this.seen.length * 2)
        const seen = new Int32Array(size).fill(-1)
        seen.set(this.seen)
        this.seen = seen
        const frequency = new Int32Array(size)
        frequency.set(this.frequency)
        this.frequency = frequency
      }
      if (this.seen[term] === id) {
        this.frequency[term] = (this.frequency[term] ?? 0) + 1
      } else {
        this.seen[term] = id
        this.frequency[term] = 1
        unique.push(term)
      }
    }
    let previous = GAP
    for (let k = from; k < end; k++) {
      const unit = this.arena[k] ?? GAP
      if (unit !== GAP) count(unit)
      if (k < tokenEnd) {
        const pair = this.bigram(previous, unit)
        if (pair !== undefined) count(pair)
        previous = unit
      }
    }
    for (const term of unique) this.postings.add(term, id, this.frequency[term] ?? 1)
  }

  private removeWhere(test: (doc: SearchDocument) => boolean): number {
    const ids: number[] = []
    this.docs.forEach((doc, id) => {
      if (doc && test(doc)) ids.push(id)
    })
    this.removeIds(ids)
    return ids.length
  }

  private removeIds(ids: readonly number[]): void {
    if (ids.length > 0) this.generation++
    for (const id of ids) {
      const doc = this.docs[id]
      if (!doc) continue
      this.byKey.delete(documentKey(doc))
      this.docs[id] = undefined
      this.columns.live[id] = 0
      this.alive--
      this.removed++
      this.totalLength -= this.columns.length[id] ?? 0
    }
    // Removed documents are skipped by searches; purging them can wait until they weigh.
    if (this.mergeOnChange && this.wantsMerge) this.optimize()
  }

  /** New numbers for the documents left, in order (-1 for removed ones). */
  private renumbering(): Int32Array {
    const renumber = new Int32Array(this.docs.length).fill(-1)
    let next = 0
    this.docs.forEach((doc, id) => {
      if (doc) renumber[id] = next++
    })
    return renumber
  }

  /** Closes the holes removed documents left, in every per-document array and the arena. */
  private renumber(renumber: Int32Array): void {
    const { columns } = this
    let size = 0
    this.docs.forEach((doc, id) => {
      if (doc) size += (columns.unitCount[id] ?? 0) + (columns.wordCount[id] ?? 0)
    })
    const arena = new Int32Array(Math.max(1 << 16, size))
    let at = 0
    let next = 0
    for (let id = 0; id < this.docs.length; id++) {
      const doc = this.docs[id]
      if (!doc) continue
      const from = columns.unitFrom[id] ?? 0
      const count = (columns.unitCount[id] ?? 0) + (columns.wordCount[id] ?? 0)
      arena.set(this.arena.subarray(from, from + count), at)
      this.docs[next] = doc
      columns.move(id, next, at)
      at += count
      next++
    }
    this.docs.length = next
    columns.truncate(next)
    this.arena = arena
    this.arenaSize = at
    for (const [key, id] of this.byKey) this.byKey.set(key, renumber[id] ?? -1)
    this.removed = 0
  }

  private sortTerms(): void {
    if (this.unsorted.length === 0) return
    const fresh = this.unsorted.sort()
    this.unsorted = []
    // Merging keeps the cost of new words linear while a large library is being indexed.
    const merged: string[] = []
    let i = 0
    let j = 0
    while (i < this.sorted.length || j < fresh.length) {
      const a = this.sorted[i]
      const b = fresh[j]
      if (b === undefined || (a !== undefined && a < b)) {
        merged.push(a ?? '')
        i++
      } else {
        merged.push(b)
        j++
      }
    }
    this.sorted = merged
  }

  /** Ids of held terms that start with `prefix` (the term itself included). */
  private completions(prefix: string): number[] {
    let low = 0
    let high = this.sorted.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((this.sorted[middle] ?? '') < prefix) low = middle + 1
      else high = middle
    }
    const found: number[] = []
    for (let i = low; i < this.sorted.length; i++) {
      const term = this.sorted[i] ?? ''
      if (!term.startsWith(prefix)) break
      const id = this.ids.get(term)
      if (id !== undefined && this.postings.count(id) > 0) found.push(id)
    }
    return found
  }

  private heldId(term: string): number | undefined {
    const id = this.ids.get(term)
    return id !== undefined && this.postings.count(id) > 0 ? id : undefined
  }

  /** Verifies a phrase in each candidate still in the running and scores those that have it. */
  private scorePhrase(
    list: ArrayLike<number>,
    from: number,
    to: number,
    factor: number,
    index: number,
    pattern: readonly PatternUnit[],
    wordDocs: ReadonlySet<number> | null,
    scoring: Scoring,
  ): void {
    const { met, scores, live, lengths, c1, c2, reached } = scoring
    for (let k = from; k < to; k++) {
      const doc = postingDoc(list[k] ?? 0)
      if (met[doc] !== index || live[doc] !== 1) continue
      const tf = this.occurrences(doc, pattern)
      if (tf === 0) continue
      met[doc] = index + 1
      reached[scoring.count++] = doc
      const boost = wordDocs?.has(doc) === true ? WORD_BOOST : 1
      scores[doc] =
        (scores[doc] ?? 0) + (boost * factor * tf) / (tf + c1 + c2 * (lengths[doc] ?? 0))
    }
  }

  /** Whether a document passes the search's filters. */
  private passes(
    id: number,
    callOrdinal: number | undefined,
    language: string | undefined,
    speaker: string | undefined,
  ): boolean {
    if (callOrdinal === undefined) return false // a call the index has never seen
    if (callOrdinal !== -1 && this.columns.call[id] !== callOrdinal) return false
    const doc = this.docs[id]
    if (!doc) return false
    // Notes have neither language nor speaker, so those filters leave them out.
    if (isNoteDocument(doc)) return language === undefined && speaker === undefined
    // A language filter asks for transcript lines, so it leaves a call's names out too; a speaker
    // filter keeps the calls in which that person speaks.
    if (isCallDocument(doc)) {
      if (language !== undefined) return false
      return speaker === undefined || doc.speakers.some((name) => name.toLowerCase() === speaker)
    }
    if (language !== undefined && !matchesLanguage(doc.language, language)) return false
    return speaker === undefined || doc.speaker?.trim().toLowerCase() === speaker
  }

  /** Documents posted under a term, as a set (for small lists: CJK words). */
  private documentsWith(term: number): Set<number> {
    const docs = new Set<number>()
    for (const { list, from, to } of this.postings.slices(term)) {
      for (let k = from; k < to; k++) docs.add(postingDoc(list[k] ?? 0))
    }
    return docs
  }

  /** Occurrences of a pattern among a document's tokens. */
  private occurrences(id: number, pattern: readonly PatternUnit[]): number {
    const from = this.columns.unitFrom[id] ?? 0
    return countPattern(this.arena, from, from + (this.columns.unitCount[id] ?? 0), pattern)
  }

  /** How a clause is answered, or null when no document can match it. */
  private plan(clause: QueryClause): ClausePlan | null {
    const { terms, prefix } = clause
    const first = terms[0]
    if (terms.length === 1 && first !== undefined) {
      const exact = this.heldId(first)
      const sources = exact === undefined ? [] : [{ id: exact, weight: 1 }]
      if (prefix) {
        for (const id of this.completions(first)) {
          if (id !== exact) sources.push({ id, weight: PREFIX_WEIGHT })
        }
      }
      if (sources.length === 0) return null
      const cost = sources.reduce((sum, source) => sum + this.postings.count(source.id), 0)
      return { kind: 'terms', sources, cost }
    }
    const pattern: PatternUnit[] = []
    let candidates = -1
    let cost = Infinity
    const consider = (id: number) => {
      const count = this.postings.count(id)
      if (count < cost) {
        cost = count
        candidates = id
      }
    }
    for (let j = 0; j < terms.length; j++) {
      const term = terms[j] ?? ''
      if (prefix && j === terms.length - 1) {
        const completions = this.completions(term)
        if (completions.length === 0) return null
        pattern.push(new Set(completions))
        continue
      }
      const id = this.heldId(term)
      if (id === undefined) return null
      pattern.push(id)
      consider(id)
      const previous = pattern[j - 1]
      if (typeof previous === 'number' && this.cjk[previous] === true && this.cjk[id] === true) {
        // Two adjacent characters: their bigram's postings are far fewer than either's.
        const pair = this.heldId((this.terms[previous] ?? '') + term)
        if (pair === undefined) return null
        consider(pair)
      }
    }
    if (candidates < 0) return null
    const allCjk = pattern.every((unit) => typeof unit === 'number' && this.cjk[unit] === true)
    const wordId = allCjk ? this.heldId(WORD_MARK + terms.join('')) : undefined
    return { kind: 'phrase', pattern, candidates, cost, wordId }
  }

  /** Every clause's terms in the order typed, for the side-by-side boost. */
  private adjacencyPattern(clauses: readonly QueryClause[]): PatternUnit[] | null {
    const pattern: PatternUnit[] = []
    clauses.forEach((clause, c) => {
      clause.terms.forEach((term, t) => {
        const last = c === clauses.length - 1 && t === clause.terms.length - 1
        if (last && clause.prefix) {
          pattern.push(new Set(this.completions(term)))
        } else {
          pattern.push(this.heldId(term) ?? GAP)
        }
      })
    })
    return pattern.includes(GAP) ? null : pattern
  }

  private segmentHit(
    id: number,
    score: number,
    clauses: readonly QueryClause[],
  ): SegmentHit | null {
    const doc = this.docs[id]
    if (!doc || !isSegmentDocument(doc)) return null
    const segment: SegmentDocument = doc
    const { tokens } = tokenize(segment.text)
    return {
      kind: 'segment',
      callId: segment.callId,
      trackId: segment.trackId,
      segmentIndex: segment.segmentIndex,
      start: segment.start,
      end: segment.end,
      ...(segment.speaker === undefined ? {} : { speaker: segment.speaker }),
      language: segment.language,
      score,
      snippet: makeSnippet(segment.text, matchRanges(tokens, clauses)),
    }
  }

  private callMatch(doc: CallDocument, score: number, clauses: readonly QueryClause[]): CallMatch {
    const names = [...new Set([...doc.participants, ...doc.speakers])]
    return {
      score,
      snippet: makeSnippet(doc.text, matchRanges(tokenize(doc.text).tokens, clauses)),
      matchedNames: names.filter((name) => matchRanges(tokenize(name).tokens, clauses).length > 0),
    }
  }

  private noteHit(id: number, score: number, clauses: readonly QueryClause[]): NoteHit | null {
    const doc = this.docs[id]
    if (!doc || !isNoteDocument(doc)) return null
    const { tokens } = tokenize(doc.text)
    return {
      kind: 'note',
      noteId: doc.noteId,
      callId: doc.callId,
      start: doc.start,
      tags: doc.tags,
      matchedTags: doc.tags.filter((tag) => matchRanges(tokenize(tag).tokens, clauses).length > 0),
      score,
      snippet: makeSnippet(doc.text, matchRanges(tokens, clauses)),
    }
  }
}

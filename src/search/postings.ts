/**
 * The posting lists of every term: which documents hold it, and how often. Most of them sit in one
 * flat frozen array (a few bytes per posting, fast to scan); postings added since the last merge
 * sit in small growable lists beside it. Merging folds those in and drops removed documents, so
 * memory stays near 4 bytes a posting however the library changes.
 *
 * A posting is packed into one int: `document << TF_BITS | min(tf, TF_MAX)`. Documents are
 * numbered in the order they were added, so every list is sorted by document without sorting.
 */

/** Low bits of a posting that hold the term's frequency in the document. */
export const TF_BITS = 6
const TF_MAX = (1 << TF_BITS) - 1

/** Packs a document number and a term frequency into one posting. */
export const packPosting = (doc: number, tf: number): number =>
  doc * (1 << TF_BITS) + Math.min(tf, TF_MAX)

/** The document of a posting. */
export const postingDoc = (posting: number): number => posting >> TF_BITS

/** The term frequency of a posting. */
export const postingTf = (posting: number): number => posting & TF_MAX

/** A slice of a posting array: `list[from..to)`. */
export interface PostingSlice {
  readonly list: ArrayLike<number>
  readonly from: number
  readonly to: number
}

const NONE: PostingSlice = { list: [], from: 0, to: 0 }

/** Posting lists by term id; see the module comment. */
export class Postings {
  private offsets: Int32Array = new Int32Array(1)
  private data: Int32Array = new Int32Array(0)
  private frozenTerms = 0
  private recent: (number[] | undefined)[] = []
  private recentCount = 0

  /** Postings added since the last merge. */
  get pending(): number {
    return this.recentCount
  }

  /** Postings in the frozen part. */
  get frozen(): number {
    return this.data.length
  }

  /** Appends a posting; `doc` must be larger than every document already posted. */
  add(term: number, doc: number, tf: number): void {
    const list = this.recent[term]
    if (list) list.push(packPosting(doc, tf))
    else this.recent[term] = [packPosting(doc, tf)]
    this.recentCount++
  }

  /** How many postings a term has (removed documents count until the next merge). */
  count(term: number): number {
    const frozen =
      term < this.frozenTerms ? (this.offsets[term + 1] ?? 0) - (this.offsets[term] ?? 0) : 0
    return frozen + (this.recent[term]?.length ?? 0)
  }

  /** The term's frozen postings, then its recent ones: scan both, in this order. */
  slices(term: number): readonly [PostingSlice, PostingSlice] {
    const frozen =
      term < this.frozenTerms
        ? { list: this.data, from: this.offsets[term] ?? 0, to: this.offsets[term + 1] ?? 0 }
        : NONE
    const recent = this.recent[term]
    return [frozen, recent ? { list: recent, from: 0, to: recent.length } : NONE]
  }

  /**
   * Folds recent postings into the frozen array. `renumber` maps old document numbers to new ones
   * (-1: removed), or is null when no document was removed.
   */
  merge(termCount: number, renumber: Int32Array | null): void {
    for (const step of this.mergeSteps(termCount, renumber)) void step
  }

  /**
   * The same merge in steps of about `budget` postings, so that a worker can answer searches
   * between them. Until the last step the old lists stay in place and searches read them; the
   * caller must not add postings before the merge is done (or must abandon it).
   */
  *mergeSteps(
    termCount: number,
    renumber: Int32Array | null,
    budget = 1 << 18,
  ): Generator<void, void, void> {
    const { offsets: oldOffsets, data: oldData, frozenTerms, recent } = this
    const offsets = new Int32Array(termCount + 1)
    const data = new Int32Array(oldData.length + this.recentCount)
    let written = 0
    let work = 0
    const copy = (list: ArrayLike<number>, from: number, to: number) => {
      work += to - from
      for (let k = from; k < to; k++) {
        const posting = list[k] ?? 0
        if (renumber === null) {
          data[written++] = posting
          continue
        }
        const doc = renumber[postingDoc(posting)] ?? -1
        if (doc >= 0) data[written++] = packPosting(doc, postingTf(posting))
      }
    }
    for (let term = 0; term < termCount; term++) {
      offsets[term] = written
      if (term < frozenTerms) copy(oldData, oldOffsets[term] ?? 0, oldOffsets[term + 1] ?? 0)
      const list = recent[term]
      if (list) copy(list, 0, list.length)
      if (work >= budget) {
        work = 0
        yield
      }
    }
    offsets[termCount] = written
    this.offsets = offsets
    this.data = written === data.length ? data : data.slice(0, written)
    this.frozenTerms = termCount
    this.recent = []
    this.recentCount = 0
  }

  /** The frozen arrays, to persist (merge first: recent postings are not included). */
  frozenArrays(): { readonly offsets: Int32Array; readonly data: Int32Array } {
    return { offsets: this.offsets.subarray(0, this.frozenTerms + 1), data: this.data }
  }

  /** Replaces everything with persisted frozen arrays (checked by the caller). */
  load(offsets: Int32Array, data: Int32Array): void {
    this.offsets = offsets
    this.data = data
    this.frozenTerms = offsets.length - 1
    this.recent = []
    this.recentCount = 0
  }
}

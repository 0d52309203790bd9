/** A transcript segment's document. */
export const SEGMENT = 0
/** A note's document. */
export const NOTE = 1
/** A call's own document (title, participants, speakers). */
export const CALL = 2
/** What a document is, as stored in the `kind` column. */
export type DocumentKind = typeof SEGMENT | typeof NOTE | typeof CALL

/**
 * Per-document numbers kept in typed arrays (one column each, grown by doubling), because a search
 * reads them for tens of thousands of documents in its inner loops: typed arrays keep those loads
 * cheap and predictable, and cost a few bytes a document.
 */
export class DocumentColumns {
  /** 1 while the document is held; 0 once removed (until the next renumbering). */
  live = new Uint8Array(0)
  /** What the document is: `SEGMENT`, `NOTE` or `CALL`. */
  kind = new Uint8Array(0)
  /** Number of tokens, for BM25's length normalisation. */
  length = new Int32Array(0)
  /** Start time, for ordering ties. */
  start = new Float64Array(0)
  /** Ordinal of the document's call. */
  call = new Int32Array(0)
  /** Where the document's tokens start in the token arena. */
  unitFrom = new Int32Array(0)
  unitCount = new Int32Array(0)
  wordCount = new Int32Array(0)
  /** Documents numbered so far (held or removed). */
  size = 0

  /** Appends a document's numbers and returns its number. */
  push(
    kind: DocumentKind,
    length: number,
    start: number,
    call: number,
    unitFrom: number,
    unitCount: number,
    wordCount: number,
  ): number {
    if (this.size === this.live.length) this.resize(Math.max(1024, this.size * 2))
    const id = this.size++
    this.live[id] = 1
    this.kind[id] = kind
    this.length[id] = length
    this.start[id] = start
    this.call[id] = call
    this.unitFrom[id] = unitFrom
    this.unitCount[id] = unitCount
    this.wordCount[id] = wordCount
    return id
  }

  /** Moves document `from` to number `to` (≤ from) while renumbering. */
  move(from: number, to: number, unitFrom: number): void {
    this.live[to] = this.live[from] ?? 0
    this.kind[to] = this.kind[from] ?? SEGMENT
    this.length[to] = this.length[from] ?? 0
    this.start[to] = this.start[from] ?? 0
    this.call[to] = this.call[from] ?? 0
    this.unitCount[to] = this.unitCount[from] ?? 0
    this.wordCount[to] = this.wordCount[from] ?? 0
    this.unitFrom[to] = unitFrom
  }

  /** Drops every document numbered `size` or more. */
  truncate(size: number): void {
    this.live.fill(0, size, this.size)
    this.size = size
  }

  private resize(capacity: number): void {
    const grow = <T extends Uint8Array | Int32Array | Float64Array>(old: T, made: T): T => {
      made.set(old)
      return made
    }
    this.live = grow(this.live, new Uint8Array(capacity))
    this.kind = grow(this.kind, new Uint8Array(capacity))
    this.length = grow(this.length, new Int32Array(capacity))
    this.start = grow(this.start, new Float64Array(capacity))
    this.call = grow(this.call, new Int32Array(capacity))
    this.unitFrom = grow(this.unitFrom, new Int32Array(capacity))
    this.unitCount = grow(this.unitCount, new Int32Array(capacity))
    this.wordCount = grow(this.wordCount, new Int32Array(capacity))
  }
}

/** Seconds on the media timeline. Every time in the app is in seconds; formats convert at their edge. */
export type Seconds = number & { readonly __unit: 'seconds' }

/** Brands a plain number as seconds. */
export const seconds = (value: number): Seconds => value as Seconds

export interface Word {
  readonly start: Seconds
  readonly end: Seconds
  readonly text: string
}

export interface Segment {
  readonly id: string
  readonly start: Seconds
  readonly end: Seconds
  /** Display name of the speaker, when known. */
  readonly speaker?: string
  readonly text: string
  /** Word timings, when the source has them; the words' text joined with spaces (or nothing, for CJK) is the segment text. */
  readonly words?: readonly Word[]
}

export type TrackKind = 'original' | 'translation'

export interface Track {
  readonly id: string
  /** BCP 47 language tag, e.g. `en` or `zh-Hans`. */
  readonly language: string
  readonly kind: TrackKind
  readonly label: string
  /** Id of the track this one was translated from, for translations. */
  readonly translatedFrom?: string
  /** Who transcribed or translated this track. */
  readonly credit?: string
  readonly segments: readonly Segment[]
}

export interface Participant {
  readonly name: string
  readonly role?: string
}

/** The provenance fields a user may change after import; each change is kept in `edits`. */
export type ProvenanceField =
  | 'publisher'
  | 'sourceUrl'
  | 'recorded'
  | 'published'
  | 'transcribedBy'
  | 'translatedBy'
  | 'audioOrigin'
  | 'note'

/** One change to a provenance field; an empty `from` or `to` means the field was unset. */
export interface ProvenanceEdit {
  /** ISO 8601 time of the change. */
  readonly at: string
  readonly field: ProvenanceField
  readonly from: string
  readonly to: string
}

export interface Provenance {
  readonly publisher?: string
  readonly sourceUrl?: string
  /** Date recorded; may be approximate (`2008-05`). */
  readonly recorded?: string
  readonly published?: string
  readonly transcribedBy?: string
  readonly translatedBy?: string
  readonly audioOrigin: 'original' | 'synthetic'
  /** A plain-language statement about the audio's origin. */
  readonly note?: string
  /** For imported calls: the file as it was given to Verbatim. */
  readonly originalFile?: {
    readonly name: string
    readonly size: number
    readonly type: string
    /** ISO 8601 time of the import. */
    readonly importedAt: string
  }
  /** Every change made to the fields above after import, oldest first; never rewritten. */
  readonly edits?: readonly ProvenanceEdit[]
}

export interface AudioRef {
  /** Same-origin URL of the audio, for sample calls; imported audio is a Blob in IndexedDB. */
  readonly url?: string
  readonly mimeType: string
  readonly size: number
  /** SHA-256 of the audio bytes, 64 lowercase hex digits. */
  readonly sha256: string
}

export interface Call {
  readonly id: string
  /** Shipped with the app, or imported by the user (stored in IndexedDB). */
  readonly origin: 'sample' | 'imported'
  readonly title: string
  /** Date recorded, ISO 8601 and possibly approximate (`2012-04`). */
  readonly recorded: string
  readonly participants: readonly Participant[]
  readonly description: string
  readonly duration: Seconds
  readonly audio: AudioRef
  /** Same-origin URL of precomputed peaks (see `PeaksFile`), for sample calls. */
  readonly peaksUrl?: string
  readonly provenance: Provenance
  readonly tracks: readonly Track[]
}

/** Precomputed waveform peaks: per channel, the largest absolute sample of each bin, in 0..1. */
export interface PeaksFile {
  readonly version: 1
  readonly duration: Seconds
  readonly binsPerSecond: number
  readonly peaks: readonly (readonly number[])[]
}

/** The sample library manifest served from `public/samples/library.json`. */
export interface LibraryFile {
  readonly version: 1
  readonly calls: readonly Call[]
}

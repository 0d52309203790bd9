/**
 * Types for the parts of `webvtt-parser` 2.2.0 (w3c/webvtt.js, CC0) that Verbatim uses. The
 * package is CommonJS and attaches its classes at run time, so bundlers and Node cannot see named
 * exports: import the default (`module.exports`) and destructure it.
 */
declare module 'webvtt-parser' {
  /** A node of the cue text tree built by the spec's cue text parsing rules. */
  export type CueNode =
    | { readonly type: 'text'; readonly value: string }
    | { readonly type: 'timestamp'; readonly value: number }
    | {
        readonly type: 'object'
        /** `c`, `i`, `b`, `u`, `ruby`, `rt`, `v` or `lang`; unknown tags are dropped by the parser. */
        readonly name: string
        readonly classes: readonly string[]
        /** The annotation: the voice of a `<v>`, the language of a `<lang>`. */
        readonly value?: string
        readonly children: readonly CueNode[]
      }

  export interface CueTree {
    readonly children: readonly CueNode[]
  }

  /** A cue as the file parser returns it; `text` is the raw cue payload, markup included. */
  export interface ParsedCue {
    id: string
    startTime: number
    endTime: number
    text: string
    tree: CueTree
    direction: 'horizontal' | 'rl' | 'lr'
    snapToLines: boolean
    linePosition: number | 'auto'
    lineAlign: 'start' | 'center' | 'end'
    textPosition: number | 'auto'
    positionAlign: 'auto' | 'line-left' | 'center' | 'line-right'
    size: number
    alignment: 'start' | 'center' | 'end' | 'left' | 'right'
  }

  /** Timing fields the timings parser writes into the object it is given. */
  export interface CueTimingTarget {
    startTime?: number | undefined
    endTime?: number | undefined
    [setting: string]: unknown
  }

  export interface ParserMessage {
    readonly message: string
    /** 1-based line of the file. */
    readonly line: number
    readonly col?: number
  }

  export interface ParseResult {
    readonly cues: ParsedCue[]
    /** Conformance errors; the parser reports them and goes on (it never rejects a file). */
    readonly errors: ParserMessage[]
    readonly styles: string[]
  }

  export type ErrorHandler = (message: string, col?: number) => void

  export interface WebVttParserModule {
    WebVTTParser: new (entities?: Readonly<Record<string, string>>) => {
      parse(input: string, mode?: 'metadata' | 'chapters' | 'subtitles'): ParseResult
    }
    WebVTTCueTextParser: new (
      text: string,
      onError: ErrorHandler,
      mode: 'metadata' | 'chapters' | 'subtitles',
      entities?: Readonly<Record<string, string>>,
    ) => { parse(cueStart: number, cueEnd: number): CueTree }
    WebVTTCueTimingsAndSettingsParser: new (
      line: string,
      onError: ErrorHandler,
    ) => {
      /** Reads `start --> end [settings]` into `cue`; returns true, or undefined when invalid. */
      parse(cue: CueTimingTarget, previousCueStart: number): true | undefined
    }
  }

  const webvttParser: WebVttParserModule
  export default webvttParser
}

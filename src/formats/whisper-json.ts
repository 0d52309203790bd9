import { finishSegments, type RawSegment } from './finish-segments'
import { parseJsonText } from './json-text'
import { readDeclaredLanguage } from './language-tag'
import { TranscriptParseError, type ParsedTranscript, type ParseWarning } from './types'

/*
 * Whisper-family JSON: openai-whisper, faster-whisper dumps and whisper-timestamped
 * (`segments[].words`), the OpenAI API `verbose_json` (top-level `words`), WhisperX (speakers,
 * unaligned words), whisper.cpp `-oj`/`-ojf` (`transcription[]` in milliseconds) and the
 * transformers pipeline (`chunks[].timestamp`). Schemas: shared/corpus/whisper/README.md.
 */

type JsonObject = Record<string, unknown>
type RawWord = { start: number; end?: number | undefined; text: string }

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)

/** Parses a Whisper-family JSON transcript into segments (seconds), keeping word times where the file has them. */
export function parseWhisperJson(text: string): ParsedTranscript {
  const root = parseJsonText(text, 'a Whisper JSON transcript')
  const warnings: ParseWarning[] = []
  let raw: RawSegment[]
  let language: string | undefined
  if (Array.isArray(root)) {
    // faster-whisper users often dump the list of segments without a wrapper.
    raw = readSegments(root, 'segments', warnings)
  } else if (!isObject(root)) {
    throw new TranscriptParseError(
      `Expected a JSON object with "segments", "transcription" or "chunks", found ${describe(root)}.`,
    )
  } else if (root.transcription !== undefined) {
    raw = readWhisperCpp(root, warnings)
    const result = isObject(root.result) ? root.result : {}
    const params = isObject(root.params) ? root.params : {}
    language = readDeclaredLanguage(result.language ?? params.language, warnings, {
      field: 'The "language" field',
    })
  } else if (root.segments !== undefined) {
    if (!Array.isArray(root.segments)) {
      throw new TranscriptParseError(
        `"segments" should be an array, found ${describe(root.segments)}.`,
      )
    }
    raw = readSegments(root.segments, 'segments', warnings)
    if (Array.isArray(root.words) && raw.every((segment) => !segment.words?.length)) {
      raw = assignWords(raw, readWords(root.words, 'words', warnings))
    }
    // faster-whisper dumps often keep its TranscriptionInfo beside the segments.
    const info = isObject(root.info) ? root.info : {}
    language = readDeclaredLanguage(root.language ?? info.language, warnings, {
      field: 'The "language" field',
    })
  } else if (root.chunks !== undefined) {
    raw = readChunks(root, warnings)
    language = readDeclaredLanguage(root.language, warnings, { field: 'The "language" field' })
  } else {
    throw new TranscriptParseError(
      'This JSON has no "segments", "transcription" or "chunks", so it is not a Whisper transcript.',
    )
  }
  warnAboutOrder(raw, warnings)
  warnAboutRepeats(raw, warnings)
  const segments = finishSegments(raw, warnings)
  if (segments.length === 0) {
    throw new TranscriptParseError('The Whisper JSON has no segment with text.')
  }
  return {
    format: 'whisper-json',
    segments,
    warnings,
    ...(language !== undefined ? { language } : {}),
  }
}

/** How much `text` looks like Whisper-family JSON, from its keys (0..1); the file name is a weak hint. */
export function looksLikeWhisperJson(text: string, fileName?: string): number {
  if (!/^\uFEFF?\s*[[{]/.test(text)) return 0
  let score = 0
  if (/"transcription"\s*:\s*\[/.test(text) && /"(offsets|timestamps)"\s*:\s*\{/.test(text)) {
    score = 0.95
  } else if (/"chunks"\s*:\s*\[/.test(text) && /"timestamp"\s*:\s*\[/.test(text)) {
    score = 0.9
  } else if (/"segments"\s*:\s*\[/.test(text) && /"start"\s*:/.test(text)) {
    const whisperKeys =
      /"(seek|avg_logprob|no_speech_prob|compression_ratio|word_segments|probability|temperature)"\s*:/
    score = whisperKeys.test(text) ? 0.95 : 0.6
  } else if (
    /^\uFEFF?\s*\[\s*\{/.test(text) &&
    /"start"\s*:/.test(text) &&
    /"text"\s*:/.test(text)
  ) {
    score = 0.4
  }
  if (score > 0 && fileName !== undefined && /\.json$/i.test(fileName)) score += 0.05
  return Math.min(1, score)
}

function readSegments(items: readonly unknown[], path: string, warnings: ParseWarning[]) {
  let untimedWords = 0
  const raw = items.map((item, i): RawSegment => {
    const where = `${path}[${i}]`
    if (!isObject(item)) throw fieldError(where, 'an object', item)
    const start = item.start
    if (!isTime(start)) throw fieldError(`${where}.start`, 'a number of seconds', start)
    const end = optionalTime(item.end, `${where}.end`)
    let words: RawWord[] | undefined
    let wordText = ''
    if (item.words !== undefined && item.words !== null) {
      if (!Array.isArray(item.words)) throw fieldError(`${where}.words`, 'an array', item.words)
      const read = readWordList(item.words)
      untimedWords += read.untimed
      words = read.timed
      wordText = read.allText
    }
    let text: string
    if (typeof item.text === 'string') text = item.text
    else if (item.text === undefined || item.text === null) text = wordText
    else throw fieldError(`${where}.text`, 'a string', item.text)
    const speaker = readSpeaker(item.speaker)
    return { start, end, text: text.trim(), speaker, words }
  })
  if (untimedWords > 0) {
    warnings.push({
      message: `${untimedWords} word(s) have no timing (the aligner could not place them); their text is kept in the segment.`,
    })
  }
  return raw
}

/** Words in openai-whisper (`word`, leading space), whisper-timestamped (`text`) or WhisperX (`word`, maybe untimed) form. */
function readWordList(items: readonly unknown[]) {
  const timed: RawWord[] = []
  const texts: string[] = []
  let untimed = 0
  for (const item of items) {
    if (!isObject(item)) continue
    const value = typeof item.word === 'string' ? item.word : item.text
    if (typeof value !== 'string' || value.trim() === '') continue
    const text = value.trim()
    texts.push(text)
    if (isTime(item.start)) {
      timed.push({ start: item.start, end: isTime(item.end) ? item.end : undefined, text })
    } else {
      untimed++
    }
  }
  return { timed, untimed, allText: texts.join(' ') }
}

function readWords(items: readonly unknown[], path: string, warnings: ParseWarning[]): RawWord[] {
  const read = readWordList(items)
  if (read.untimed > 0) {
    warnings.push({
      message: `${read.untimed} word(s) in "${path}" have no timing; they were left out.`,
    })
  }
  return read.timed
}

/** Puts top-level words (OpenAI API, word-level chunks) into the segment whose span holds their start. */
function assignWords(segments: RawSegment[], words: RawWord[]): RawSegment[] {
  if (words.length === 0 || segments.length === 0) return segments
  const order = segments.map((_, i) => i).sort((a, b) => segments[a]!.start - segments[b]!.start)
  const buckets: RawWord[][] = segments.map(() => [])
  const sorted = [...words].sort((a, b) => a.start - b.start)
  let k = 0
  for (const word of sorted) {
    // Whisper rounds times to 10-20 ms, so a word may start a hair before its segment.
    while (k + 1 < order.length && segments[order[k + 1]!]!.start <= word.start + 0.02) k++
    buckets[order[k]!]!.push(word)
  }
  return segments.map((segment, i) => {
    const bucket = buckets[i]!
    return bucket.length > 0 ? { ...segment, words: bucket } : segment
  })
}

function readWhisperCpp(root: JsonObject, warnings: ParseWarning[]): RawSegment[] {
  const items = root.transcription
  if (!Array.isArray(items)) throw fieldError('transcription', 'an array', items)
  let brokenTokens = 0
  const raw = items.map((item, i): RawSegment => {
    const where = `transcription[${i}]`
    if (!isObject(item)) throw fieldError(where, 'an object', item)
    const span = readCppSpan(item, where)
    if (span === undefined) {
      throw new TranscriptParseError(
        `${where}: expected "offsets" {from, to} in milliseconds or "timestamps" {from, to}.`,
      )
    }
    const text = typeof item.text === 'string' ? item.text : ''
    let words: RawWord[] | undefined
    if (Array.isArray(item.tokens)) {
      const tokens = wordsFromTokens(item.tokens)
      if (tokens === 'broken') brokenTokens++
      else words = tokens
    }
    const speaker = readSpeaker(item.speaker)
    return { start: span.start, end: span.end, text: text.trim(), speaker, words }
  })
  if (brokenTokens > 0) {
    warnings.push({
      message: `${brokenTokens} segment(s) have tokens split inside a character; their word times were left out.`,
    })
  }
  return raw
}

function readCppSpan(item: JsonObject, where: string) {
  const offsets = item.offsets
  if (isObject(offsets) && isTime(offsets.from)) {
    return { start: offsets.from / 1000, end: isTime(offsets.to) ? offsets.to / 1000 : undefined }
  }
  const stamps = item.timestamps
  if (isObject(stamps) && typeof stamps.from === 'string') {
    const start = parseSrtTime(stamps.from)
    if (start === undefined)
      throw fieldError(`${where}.timestamps.from`, '"HH:MM:SS,mmm"', stamps.from)
    const end = typeof stamps.to === 'string' ? parseSrtTime(stamps.to) : undefined
    return { start, end }
  }
  return undefined
}

function parseSrtTime(value: string): number | undefined {
  const match = /^(\d+):(\d{1,2}):(\d{1,2})(?:[,.](\d{1,3}))?$/.exec(value.trim())
  if (!match) return undefined
  const [, h, m, s, ms] = match
  return Number(h) * 3600 + Number(m) * 60 + Number(s) + Number((ms ?? '0').padEnd(3, '0')) / 1000
}

const SPECIAL_TOKEN = /^\s*(\[_[^\]]*\]|<\|[^|]*\|>)\s*$/

/**
 * whisper.cpp `-ojf` tokens are sub-words: a token that starts with a space begins a word, the
 * others (`'s`, `,`) continue it. Special tokens (`[_BEG_]`, `[_TT_150]`) carry no text.
 */
function wordsFromTokens(tokens: readonly unknown[]): RawWord[] | 'broken' | undefined {
  const words: RawWord[] = []
  for (const token of tokens) {
    if (!isObject(token) || typeof token.text !== 'string') continue
    const text = token.text
    if (text.trim() === '' || SPECIAL_TOKEN.test(text)) continue
    if (text.includes('\uFFFD')) return 'broken'
    const offsets = token.offsets
    if (!isObject(offsets) || !isTime(offsets.from) || !isTime(offsets.to)) return undefined
    const last = words[words.length - 1]
    if (last === undefined || /^\s/.test(text)) {
      words.push({ start: offsets.from / 1000, end: offsets.to / 1000, text: text.trim() })
    } else {
      last.text += text
      last.end = offsets.to / 1000
    }
  }
  return words.length > 0 ? words : undefined
}

function readChunks(root: JsonObject, warnings: ParseWarning[]): RawSegment[] {
  const items = root.chunks
  if (!Array.isArray(items)) throw fieldError('chunks', 'an array', items)
  const chunks: { start: number; end: number | undefined; text: string }[] = []
  let offset = 0
  let previous: { start: number; end: number | undefined } | undefined
  let restarted = false
  let untimed = 0
  items.forEach((item, i) => {
    const where = `chunks[${i}]`
    if (!isObject(item)) throw fieldError(where, 'an object', item)
    const stamp = item.timestamp
    if (!Array.isArray(stamp))
      throw fieldError(`${where}.timestamp`, 'an array [start, end]', stamp)
    const [rawStart, rawEnd] = stamp as unknown[]
    if (rawStart === null || rawStart === undefined) {
      untimed++
      return
    }
    if (!isTime(rawStart))
      throw fieldError(`${where}.timestamp[0]`, 'a number of seconds', rawStart)
    const end = optionalTime(rawEnd, `${where}.timestamp[1]`)
    // Chunked long-form inference may restart the clock at each 30 s window.
    if (previous !== undefined && rawStart + offset < previous.start - 1) {
      offset = (previous.end ?? previous.start) - rawStart
      restarted = true
    }
    const text = typeof item.text === 'string' ? item.text : ''
    const chunk = {
      start: rawStart + offset,
      end: end === undefined ? undefined : end + offset,
      text,
    }
    chunks.push(chunk)
    previous = chunk
  })
  if (restarted) {
    warnings.push({
      message:
        'The chunk timestamps restart part-way (chunked long-form inference); later chunks were moved to follow the earlier ones.',
    })
  }
  if (untimed > 0)
    warnings.push({ message: `${untimed} chunk(s) without a start time were skipped.` })
  const last = chunks[chunks.length - 1]
  if (last !== undefined && last.end === undefined) {
    warnings.push({ message: 'The last chunk has no end time (the audio was cut off).' })
  }
  // return_timestamps="word" gives one short chunk per word.
  const wordLevel =
    chunks.length > 1 &&
    chunks.every(
      (chunk) =>
        !/\s/.test(chunk.text.trim()) && (chunk.end === undefined || chunk.end - chunk.start <= 3),
    )
  if (Array.isArray(root.speakers) && root.speakers.length > 0) {
    const speakers = readSpeakerTurns(root.speakers)
    return wordLevel ? assignWords(speakers, chunksAsWords(chunks)) : speakers
  }
  return wordLevel
    ? groupWords(chunksAsWords(chunks))
    : chunks.map((c) => ({ ...c, text: c.text.trim() }))
}

function chunksAsWords(
  chunks: readonly { start: number; end: number | undefined; text: string }[],
) {
  return chunks
    .filter((chunk) => chunk.text.trim() !== '')
    .map((chunk): RawWord => ({ start: chunk.start, end: chunk.end, text: chunk.text.trim() }))
}

/** insanely-fast-whisper's diarized turns: `speakers: [{speaker, timestamp: [s, e], text}]`. */
function readSpeakerTurns(items: readonly unknown[]): RawSegment[] {
  return items.map((item, i): RawSegment => {
    const where = `speakers[${i}]`
    if (!isObject(item) || !Array.isArray(item.timestamp)) {
      throw fieldError(
        `${where}.timestamp`,
        'an array [start, end]',
        isObject(item) ? item.timestamp : item,
      )
    }
    const [start, end] = item.timestamp as unknown[]
    if (!isTime(start)) throw fieldError(`${where}.timestamp[0]`, 'a number of seconds', start)
    const text = typeof item.text === 'string' ? item.text.trim() : ''
    return {
      start,
      end: optionalTime(end, `${where}.timestamp[1]`),
      text,
      speaker: readSpeaker(item.speaker),
    }
  })
}

const SENTENCE_END = /[.?!…。？！]["')\]]*$/
const PAUSE = 1

/** Word-level chunks become sentence-long segments: a break after end punctuation or a pause. */
function groupWords(words: readonly RawWord[]): RawSegment[] {
  const segments: RawSegment[] = []
  let current: RawWord[] = []
  const flush = () => {
    const first = current[0]
    if (first === undefined) return
    const last = current[current.length - 1]!
    segments.push({
      start: first.start,
      end: last.end ?? last.start,
      text: current.map((word) => word.text).join(' '),
      words: current,
    })
    current = []
  }
  words.forEach((word, i) => {
    current.push(word)
    const next = words[i + 1]
    const pause = next !== undefined && next.start - (word.end ?? word.start) >= PAUSE
    if (SENTENCE_END.test(word.text) || pause) flush()
  })
  flush()
  return segments
}

function readSpeaker(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return `Speaker ${value}`
  if (typeof value !== 'string') return undefined
  const name = value.trim()
  if (name === '' || name === '?') return undefined
  // whisper.cpp --diarize numbers the channels.
  return /^\d+$/.test(name) ? `Speaker ${name}` : name
}

function optionalTime(value: unknown, where: string): number | undefined {
  if (value === undefined || value === null) return undefined
  if (!isTime(value)) throw fieldError(where, 'a number of seconds or null', value)
  return value
}

function warnAboutOrder(raw: readonly RawSegment[], warnings: ParseWarning[]) {
  const backwards = raw.findIndex((segment, i) => i > 0 && segment.start < raw[i - 1]!.start)
  if (backwards > 0) {
    warnings.push({
      message: `Segment ${backwards + 1} starts before the one above it; segments were sorted by start time.`,
    })
  }
}

/** Whisper hallucinates on silence: the same short line over and over, or empty spans. */
function warnAboutRepeats(raw: readonly RawSegment[], warnings: ParseWarning[]) {
  let repeated = 0
  let run = 1
  for (let i = 1; i <= raw.length; i++) {
    const same = i < raw.length && raw[i]!.text !== '' && raw[i]!.text === raw[i - 1]!.text
    if (same) {
      run++
    } else {
      if (run >= 3) repeated += run
      run = 1
    }
  }
  if (repeated > 0) {
    warnings.push({
      message: `${repeated} segments repeat the same text back to back; Whisper does this on silence or noise (hallucination).`,
    })
  }
  const empty = raw.filter(
    (segment) => segment.end !== undefined && segment.end <= segment.start && segment.text !== '',
  )
  if (empty.length > 0) {
    warnings.push({ message: `${empty.length} segment(s) last no time at all (end equals start).` })
  }
}

function fieldError(where: string, expected: string, found: unknown): TranscriptParseError {
  return new TranscriptParseError(`"${where}" should be ${expected}, found ${describe(found)}.`)
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return value.length > 30 ? 'a long string' : JSON.stringify(value)
  if (typeof value === 'object') return 'an object'
  return String(value)
}

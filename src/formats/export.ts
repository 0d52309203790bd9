import type { Segment } from '../domain/types'
import { escapeSrtText } from './srt'
import { collapseSpaces, formatVttTimestamp } from './webvtt'

/*
 * Pure string builders for exporting a track. Times are rounded to whole milliseconds. Both
 * subtitle formats end a cue at a blank line, so blank lines inside a segment's text are dropped.
 * SRT has no speaker and no word timing: an SRT export drops both (WebVTT and Verbatim JSON keep them).
 */

function textLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '')
}

const escapeVtt = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** A segment id is a fine cue id unless the parser would read it as something else. */
function vttCueId(id: string): string | undefined {
  const unusable =
    id === '' ||
    id.includes('-->') ||
    /[\r\n]/.test(id) ||
    /^(?:NOTE|STYLE|REGION|WEBVTT)(?:[ \t]|$)/.test(id)
  return unusable ? undefined : id
}

/**
 * The cue payload: escaped text with a karaoke timestamp before each word, placed by finding the
 * words in the text in order (a word not found keeps no time), so that word starts survive a round trip.
 */
function vttPayload(segment: Segment): string {
  const text = textLines(segment.text).join('\n')
  let body = ''
  let cursor = 0
  for (const word of segment.words ?? []) {
    const at = word.text === '' ? -1 : text.indexOf(word.text, cursor)
    if (at < 0) continue
    body += `${escapeVtt(text.slice(cursor, at))}<${formatVttTimestamp(word.start)}>${escapeVtt(word.text)}`
    cursor = at + word.text.length
  }
  body += escapeVtt(text.slice(cursor))
  const speaker = collapseSpaces(segment.speaker ?? '')
  // A voice ending in "-" would close as "-->", which makes the line a timing line: the last
  // hyphen is written as a character reference instead.
  const voice = escapeVtt(speaker).replace(/-$/, '&#45;')
  return speaker === '' ? body : `<v ${voice}>${body}</v>`
}

/** Writes segments as WebVTT: cue ids from segment ids, `<v Speaker>` voices, karaoke word timestamps. */
export function exportWebVtt(segments: readonly Segment[]): string {
  const cues = segments.map((segment) => {
    const id = vttCueId(segment.id)
    const payload = vttPayload(segment)
    return [
      ...(id === undefined ? [] : [id]),
      `${formatVttTimestamp(segment.start)} --> ${formatVttTimestamp(segment.end)}`,
      ...(payload === '' ? [] : [payload]),
    ].join('\n')
  })
  return ['WEBVTT', ...cues].join('\n\n') + '\n'
}

const formatSrtTimestamp = (time: number): string => formatVttTimestamp(time).replace('.', ',')

/** Writes segments as SubRip (`HH:MM:SS,mmm`, renumbered from 1). SRT cannot hold speakers or word times. */
export function exportSrt(segments: readonly Segment[]): string {
  const cues = segments.map((segment, i) =>
    [
      String(i + 1),
      `${formatSrtTimestamp(segment.start)} --> ${formatSrtTimestamp(segment.end)}`,
      ...textLines(segment.text).map(escapeSrtText),
    ].join('\n'),
  )
  return cues.length === 0 ? '' : cues.join('\n\n') + '\n'
}

function formatWholeSeconds(time: number): string {
  const total = Number.isFinite(time) && time > 0 ? Math.floor(time) : 0
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`
}

/**
 * Writes one line per segment, `[hh:mm:ss] Speaker: text`, for reading and for plain-text
 * importers. Only whole seconds (rounded down), so it does not round-trip exactly.
 */
export function exportPlainText(segments: readonly Segment[]): string {
  return segments
    .map((segment) => {
      const speaker = collapseSpaces(segment.speaker ?? '')
      const text = collapseSpaces(segment.text)
      return `[${formatWholeSeconds(segment.start)}] ${speaker === '' ? '' : `${speaker}: `}${text}`
    })
    .map((line) => `${line}\n`)
    .join('')
}

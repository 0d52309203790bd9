import type { Track } from '../domain/types'
import { exportPlainText, exportSrt, exportWebVtt } from './export'
import { EXPORT_FORMATS, type ExportFormat } from './export-formats'
import { serializeVerbatimJson } from './verbatim-json'

/** A track as a file: name from the call and track, contents in the chosen format. */
export function exportTrack(
  callTitle: string,
  track: Track,
  format: ExportFormat,
): { fileName: string; mimeType: string; text: string } {
  const spec = EXPORT_FORMATS.find((f) => f.id === format) ?? EXPORT_FORMATS[0]
  const text =
    format === 'vtt'
      ? exportWebVtt(track.segments)
      : format === 'srt'
        ? exportSrt(track.segments)
        : format === 'txt'
          ? exportPlainText(track.segments)
          : serializeVerbatimJson(track)
  const base = `${callTitle} - ${track.label}`
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120)
  return { fileName: `${base || 'transcript'}.${spec.id}`, mimeType: spec.mimeType, text }
}

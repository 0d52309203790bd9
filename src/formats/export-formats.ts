/** The formats a track can be exported in (kept apart from the exporters, which load lazily). */
export const EXPORT_FORMATS = [
  { id: 'vtt', label: 'WebVTT', mimeType: 'text/vtt' },
  { id: 'srt', label: 'SRT', mimeType: 'application/x-subrip' },
  { id: 'txt', label: 'Plain text', mimeType: 'text/plain' },
  { id: 'json', label: 'Verbatim JSON', mimeType: 'application/json' },
] as const

export type ExportFormat = (typeof EXPORT_FORMATS)[number]['id']

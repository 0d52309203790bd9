import {
  citationLink,
  formatCitation,
  quoteFor,
  trackRevision,
  type CitationTrack,
} from '../domain/citation'
import type { Note } from '../domain/notes'
import { formatPrecise } from '../domain/time'
import type { Call, Provenance, Track } from '../domain/types'
import type { FileRecord } from './archive-files'

/*
 * The evidence bundle's human-readable page. It is opened from a folder on someone's disk, so it
 * must be harmless whatever the transcripts and notes hold: every piece of text goes through
 * `escapeHtml` and only ever lands between tags (never in an attribute, never in a tag name), the
 * style is inline, there is no script, and a Content-Security-Policy forbids loading anything.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Text made safe to place in HTML, between tags or inside a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
}

/** What the sheet shows. */
export interface CitationSheetInput {
  readonly call: Call
  readonly notes: readonly Note[]
  /** The bundle's other files, with their sizes and SHA-256. */
  readonly files: readonly FileRecord[]
  /** ISO 8601 time the bundle was made. */
  readonly createdAt: string
  /** The app's address, for the links in citations; empty gives links relative to the app. */
  readonly appOrigin: string
}

const STYLE = `
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; background: #fff;
  max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 0 0 .25rem; }
.kicker { text-transform: uppercase; letter-spacing: .06em; font-size: .75rem; color: #555; margin: 0; }
.warning { border-left: 4px solid #b35c00; background: #fff5e6; padding: .5rem .75rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dt { font-weight: 600; color: #333; }
dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
code, .hash { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .85rem;
  overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #e2e2e2; padding: .3rem .5rem .3rem 0; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
article { border: 1px solid #d8d8d8; border-radius: 6px; padding: .75rem 1rem; margin: .75rem 0;
  break-inside: avoid; }
blockquote { margin: .5rem 0; padding-left: .75rem; border-left: 3px solid #888; white-space: pre-wrap; }
.note-text { white-space: pre-wrap; margin: .5rem 0; }
.citation { white-space: pre-wrap; background: #f4f4f4; padding: .5rem .75rem; border-radius: 4px;
  font-size: .85rem; overflow-wrap: anywhere; }
footer { margin-top: 2.5rem; font-size: .8rem; color: #555; }
@media print { body { margin: 0; max-width: none; } article { border-color: #999; } }
`

const row = (label: string, value: string | undefined): string =>
  value === undefined || value.trim() === ''
    ? ''
    : `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`

const code = (value: string): string => `<code>${escapeHtml(value)}</code>`

function duration(seconds: number): string {
  return formatPrecise(seconds)
}

function provenanceRows(provenance: Provenance): string {
  const file = provenance.originalFile
  const origin =
    provenance.audioOrigin === 'original'
      ? 'Original recording'
      : 'Synthetic: not the original recording'
  return [
    row('Audio', origin),
    row('Statement', provenance.note),
    row('Publisher', provenance.publisher),
    row('Source', provenance.sourceUrl),
    row('Recorded', provenance.recorded),
    row('Published', provenance.published),
    row('Transcribed by', provenance.transcribedBy),
    row('Translated by', provenance.translatedBy),
    file
      ? row(
          'Original file',
          `${file.name} (${file.size} bytes, ${file.type || 'type unknown'}), imported ${file.importedAt}`,
        )
      : '',
    ...(provenance.edits ?? []).map((edit) =>
      row(
        `Changed ${edit.at}`,
        `${edit.field}: ${edit.from === '' ? '(unset)' : edit.from} → ${edit.to === '' ? '(unset)' : edit.to}`,
      ),
    ),
  ].join('')
}

function citationTracks(call: Call, note: Note): CitationTrack[] {
  const end = note.end ?? note.start
  const quoted = note.quote ? call.tracks.find((t) => t.id === note.quote?.trackId) : undefined
  const ordered: Track[] = quoted
    ? [quoted, ...call.tracks.filter((t) => t !== quoted)]
    : [...call.tracks]
  return ordered.map((track) => {
    const range = quoteFor(track, note.start, end)
    return {
      label: track.label,
      language: track.language,
      kind: track.kind,
      revision: trackRevision(track),
      speakers: range.speakers,
      // The note's own quote stands as written; other lines are whole, with the time they cover.
      ...(track === quoted && note.quote
        ? { quote: note.quote.text }
        : { quote: range.text, ...(range.span && { span: range.span }) }),
    }
  })
}

function noteArticle(call: Call, note: Note, appOrigin: string): string {
  const time =
    note.end === undefined
      ? formatPrecise(note.start)
      : `${formatPrecise(note.start)}–${formatPrecise(note.end)}`
  const tracks = citationTracks(call, note)
  const citation = formatCitation(
    {
      callTitle: call.title,
      recorded: call.recorded,
      audioSha256: call.audio.sha256,
      link: citationLink(
        appOrigin,
        call.id,
        note.start,
        note.end ?? note.start,
        tracks[0]?.revision,
      ),
      start: note.start,
      end: note.end ?? note.start,
      tracks,
    },
    'plain',
  )
  return [
    '<article>',
    `<h3>${escapeHtml(time)} · ${escapeHtml(note.state)}</h3>`,
    note.tags.length > 0
      ? `<p>Tags: ${note.tags.map((tag) => escapeHtml(tag)).join(', ')}</p>`
      : '',
    note.quote && note.quote.text.trim() !== ''
      ? `<blockquote>${escapeHtml(note.quote.text)}</blockquote>`
      : '',
    note.text.trim() !== '' ? `<p class="note-text">${escapeHtml(note.text)}</p>` : '',
    `<p>Cite as:</p><p class="citation">${escapeHtml(citation)}</p>`,
    `<p class="kicker">Note ${escapeHtml(note.id)} · created ${escapeHtml(note.createdAt)} · updated ${escapeHtml(note.updatedAt)}</p>`,
    '</article>',
  ].join('\n')
}

/** The citation sheet: a self-contained HTML page about the call, its hashes and every note. */
export function citationSheetHtml({
  call,
  notes,
  files,
  createdAt,
  appOrigin,
}: CitationSheetInput): string {
  const sorted = [...notes].sort(
    (a, b) =>
      a.start - b.start || (a.end ?? a.start) - (b.end ?? b.start) || (a.id < b.id ? -1 : 1),
  )
  const participants = call.participants
    .map((p) => (p.role ? `${p.name} (${p.role})` : p.name))
    .join(', ')
  const synthetic =
    call.provenance.audioOrigin === 'original'
      ? ''
      : `<p class="warning">The audio of this call is synthetic: it is not the original recording.</p>`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Verbatim">
<title>Citation sheet: ${escapeHtml(call.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="kicker">Verbatim evidence bundle · citation sheet</p>
<h1>${escapeHtml(call.title)}</h1>
${synthetic}
</header>
<main>
<section>
<h2>Call</h2>
<dl>
${row('Call id', call.id)}${row('Recorded', call.recorded || 'date unknown')}${row('Duration', duration(call.duration))}${row('Participants', participants)}${row('Description', call.description)}
</dl>
</section>
<section>
<h2>Provenance</h2>
<dl>
${provenanceRows(call.provenance)}
</dl>
</section>
<section>
<h2>Integrity</h2>
<p>Audio SHA-256: ${code(call.audio.sha256)}</p>
<p>Every file of this bundle is listed below and in <code>manifest.json</code> with its SHA-256. Check a file with <code>sha256sum</code> (Linux), <code>shasum -a 256</code> (macOS) or <code>Get-FileHash</code> (Windows).</p>
<table>
<thead><tr><th>File</th><th>Bytes</th><th>SHA-256</th></tr></thead>
<tbody>
${files.map((f) => `<tr><td>${code(f.path)}</td><td class="number">${f.size}</td><td class="hash">${escapeHtml(f.sha256)}</td></tr>`).join('\n')}
</tbody>
</table>
</section>
<section>
<h2>Transcript tracks</h2>
<table>
<thead><tr><th>Track</th><th>Language</th><th>Kind</th><th>Segments</th><th>Revision</th></tr></thead>
<tbody>
${call.tracks.map((t) => `<tr><td>${escapeHtml(t.label)}</td><td>${escapeHtml(t.language)}</td><td>${escapeHtml(t.kind)}</td><td class="number">${t.segments.length}</td><td class="hash">${escapeHtml(trackRevision(t))}</td></tr>`).join('\n')}
</tbody>
</table>
</section>
<section>
<h2>Notes (${sorted.length})</h2>
${sorted.length === 0 ? '<p>No notes.</p>' : sorted.map((note) => noteArticle(call, note, appOrigin)).join('\n')}
</section>
</main>
<footer>
<p>Made by Verbatim on ${escapeHtml(createdAt)}. Times are hh:mm:ss.s from the start of the audio. This page holds no script and loads nothing.</p>
</footer>
</body>
</html>
`
}

import { useState } from 'react'
import { appOrigin } from '../../components/app-origin'
import { downloadText } from '../../components/download'
import { createNotesRepository } from '../../db/notes-repository'
import {
  callLookup,
  mergeNotes,
  notesToCsv,
  notesToJson,
  notesToMarkdown,
  notesToWebAnnotation,
  parseNotesJson,
} from '../../domain/notes-export'
import { joinSentences } from '../../domain/sentences'
import type { Call } from '../../domain/types'

const notes = createNotesRepository()

const FORMATS = [
  { id: 'md', label: 'Markdown', mimeType: 'text/markdown' },
  { id: 'csv', label: 'CSV', mimeType: 'text/csv' },
  { id: 'json', label: 'JSON', mimeType: 'application/json' },
  { id: 'jsonld', label: 'Web Annotation', mimeType: 'application/ld+json' },
] as const

/** Export the notes of this call or of all calls; import a JSON export back without duplicates. */
export function NotesTransfer({
  call,
  library,
  onStatus,
}: {
  call: Call
  /** Every call in the library, to name the calls in an export. */
  library: readonly Call[]
  onStatus: (message: string) => void
}) {
  const [scope, setScope] = useState<'call' | 'all'>('call')

  const save = async (format: (typeof FORMATS)[number]) => {
    const chosen = scope === 'call' ? await notes.forCall(call.id) : await notes.all()
    const calls = callLookup(library)
    const origin = appOrigin()
    const text =
      format.id === 'md'
        ? notesToMarkdown(chosen, calls, origin)
        : format.id === 'csv'
          ? notesToCsv(chosen, calls)
          : format.id === 'json'
            ? notesToJson(chosen, calls)
            : notesToWebAnnotation(chosen, calls, origin)
    const name = scope === 'call' ? `${call.title} - notes` : 'Verbatim notes'
    const extension = format.id === 'jsonld' ? 'jsonld' : format.id
    downloadText(`${name.replace(/[\\/:*?"<>|]+/g, ' ')}.${extension}`, format.mimeType, text)
    onStatus(`${chosen.length} note${chosen.length === 1 ? '' : 's'} exported as ${format.label}.`)
  }

  const load = async (file: File) => {
    try {
      const incoming = parseNotesJson(await file.text())
      const merged = mergeNotes(await notes.all(), incoming.notes)
      await notes.putMany(merged.toPut)
      onStatus(
        `${file.name}: ${merged.added} added, ${merged.updated} updated, ${merged.unchanged} already here.`,
      )
    } catch (error) {
      onStatus(
        joinSentences(
          `${file.name} was not imported: ${error instanceof Error ? error.message : String(error)}`,
          'Your notes are as they were.',
        ),
      )
    }
  }

  return (
    <details className="export-menu notes-transfer">
      <summary>Export or import notes</summary>
      <div className="export-body">
        <label>
          Notes of
          <select
            aria-label="Notes to export"
            value={scope}
            onChange={(e) => setScope(e.target.value === 'all' ? 'all' : 'call')}
          >
            <option value="call">this call</option>
            <option value="all">all calls</option>
          </select>
        </label>
        <div className="export-buttons">
          {FORMATS.map((format) => (
            <button
              key={format.id}
              type="button"
              className="text-button"
              onClick={() => void save(format)}
            >
              {format.label}
            </button>
          ))}
        </div>
        <label>
          Notes file
          <input
            type="file"
            accept=".json,application/json"
            onChange={(e) => {
              const file = e.target.files?.[0]
              if (file) void load(file)
              e.target.value = ''
            }}
          />
        </label>
      </div>
    </details>
  )
}

import { useEffect, useRef, useState } from 'react'
import type { Autosave } from '../../db/note-autosave'
import { noteDrafts } from '../../db/note-drafts'
import type { NotesRepository } from '../../db/notes-repository'
import { REVIEW_STATES, type Note, type ReviewState } from '../../domain/notes'
import { formatPrecise } from '../../domain/time'
import { useAppStore } from '../../store/store-context'

/** Tags as typed: separated by commas, trimmed, without repeats. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ]
}

/**
 * The open note: its text (saved as you type), tags, review state, and delete. Text typed here
 * wins over a change arriving from another tab until it is saved; after that, the other tab's
 * edits show here too.
 */
export function NoteEditor({
  note,
  autosave,
  notes,
  onDelete,
}: {
  note: Note
  autosave: Autosave
  notes: NotesRepository
  onDelete: (note: Note) => void
}) {
  const [text, setText] = useState(note.text)
  const [tags, setTags] = useState(note.tags.join(', '))
  const textRef = useRef<HTMLTextAreaElement>(null)
  const focusRequest = useAppStore((s) => s.focusRequest)

  // Another tab (or a save here) changed the note: show it, unless this editor has unsaved text.
  const [seen, setSeen] = useState(note)
  if (seen !== note) {
    setSeen(note)
    if (autosave.pending(note.id) === undefined && note.text !== text) setText(note.text)
    if (note.tags.join(', ') !== parseTags(tags).join(', ')) setTags(note.tags.join(', '))
  }

  useEffect(() => {
    if (focusRequest > 0) textRef.current?.focus()
  }, [focusRequest])

  const time =
    note.end === undefined
      ? formatPrecise(note.start)
      : `${formatPrecise(note.start)}–${formatPrecise(note.end)}`

  return (
    <div className="note-editor">
      <div className="note-editor-head">
        <span className="note-time">{time}</span>
        <select
          aria-label="Review state"
          value={note.state}
          onChange={(e) => void notes.update(note.id, { state: e.target.value as ReviewState })}
        >
          {REVIEW_STATES.map((state) => (
            <option key={state} value={state}>
              {state}
            </option>
          ))}
        </select>
        <button type="button" className="text-button danger" onClick={() => onDelete(note)}>
          Delete note
        </button>
      </div>
      {note.quote && <blockquote className="note-quote">{note.quote.text}</blockquote>}
      <textarea
        ref={textRef}
        aria-label="Note"
        rows={4}
        value={text}
        placeholder="What is said here, and what it shows"
        onChange={(e) => {
          setText(e.target.value)
          // Journalled synchronously first: a reload right now must not lose it.
          noteDrafts.write(note.id, e.target.value)
          autosave.change(note.id, e.target.value)
        }}
        onBlur={() => void autosave.flush()}
      />
      <input
        type="text"
        aria-label="Tags"
        placeholder="Tags, separated by commas"
        value={tags}
        onChange={(e) => setTags(e.target.value)}
        onBlur={() => void notes.update(note.id, { tags: parseTags(tags) })}
      />
    </div>
  )
}

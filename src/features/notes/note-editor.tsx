import { useEffect, useRef, useState } from 'react'
import type { Autosave } from '../../db/note-autosave'
import { noteDrafts, type NoteEdit } from '../../db/note-drafts'
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

/** How focus left the editor: Esc pressed in it, or focus moved elsewhere on the page. */
export type LeaveReason = 'escape' | 'blur'

/**
 * The open note: its text and tags (both saved as you type), review state, and delete. What is
 * typed here wins over a change arriving from another tab until it is saved; after that, the other
 * tab's edits show here too. Esc, or focus moving out of the editor, is reported by `onLeave`.
 */
export function NoteEditor({
  note,
  autosave,
  notes,
  onDelete,
  onLeave,
}: {
  note: Note
  autosave: Autosave<NoteEdit>
  notes: NotesRepository
  onDelete: (note: Note) => void
  onLeave: (note: Note, reason: LeaveReason) => void
}) {
  const [text, setText] = useState(note.text)
  const [tags, setTags] = useState(note.tags.join(', '))
  const rootRef = useRef<HTMLDivElement>(null)
  const textRef = useRef<HTMLTextAreaElement>(null)
  const focusRequest = useAppStore((s) => s.focusRequest)

  // Another tab (or a save here) changed the note: show it, unless this editor has unsaved edits.
  const [seen, setSeen] = useState(note)
  if (seen !== note) {
    setSeen(note)
    if (autosave.pending(note.id) === undefined) {
      if (note.text !== text) setText(note.text)
      if (note.tags.join(', ') !== parseTags(tags).join(', ')) setTags(note.tags.join(', '))
    }
  }

  /** Journals the edit synchronously (a reload right now must not lose it), then saves it soon. */
  const edit = (nextText: string, nextTags: string) => {
    const value: NoteEdit = { text: nextText, tags: parseTags(nextTags) }
    noteDrafts.write(note.id, value)
    autosave.change(note.id, value)
  }

  useEffect(() => {
    if (focusRequest > 0) textRef.current?.focus()
  }, [focusRequest])

  const time =
    note.end === undefined
      ? formatPrecise(note.start)
      : `${formatPrecise(note.start)}–${formatPrecise(note.end)}`

  return (
    <div
      ref={rootRef}
      className="note-editor"
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return
        e.preventDefault()
        onLeave(note, 'escape')
      }}
      onBlur={(e) => {
        void autosave.flush()
        const to = e.relatedTarget
        if (to instanceof Node && rootRef.current?.contains(to)) return
        // Focus leaving because the window or tab lost it is not the user leaving the note.
        if (document.hasFocus()) onLeave(note, 'blur')
      }}
    >
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
          edit(e.target.value, tags)
        }}
      />
      <input
        type="text"
        aria-label="Tags"
        placeholder="Tags, separated by commas"
        value={tags}
        onChange={(e) => {
          setTags(e.target.value)
          edit(text, e.target.value)
        }}
      />
    </div>
  )
}

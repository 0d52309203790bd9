import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import type { NoteSession, NoteSync } from '../../db/note-sync'
import type { NotesRepository } from '../../db/notes-repository'
import { useNoteVersion } from '../../db/use-notes'
import { sameTags } from '../../domain/note-edits'
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
 * The open note: its text and tags (both saved as you type, each on its own), review state, and
 * delete. Another tab's edits show here as they are saved, where this editor has not changed the
 * same field; where it has, both versions are shown until the user keeps one or both. A note
 * deleted in another tab stays here with its words and can be restored. Esc, or focus moving out
 * of the editor, is reported by `onLeave`.
 */
export function NoteEditor({
  note: initial,
  sync,
  notes,
  onDelete,
  onLeave,
}: {
  note: Note
  sync: NoteSync
  notes: NotesRepository
  onDelete: (note: Note) => void
  onLeave: (note: Note, reason: LeaveReason) => void
}) {
  const id = initial.id
  // The note as the editor opened it; what follows comes from the sync.
  const [first] = useState(initial)
  const rootRef = useRef<HTMLDivElement>(null)
  const textRef = useRef<HTMLTextAreaElement>(null)
  const focusRequest = useAppStore((s) => s.focusRequest)

  // The sync follows the note for as long as this editor shows it, and saves it on the way out.
  useEffect(() => {
    sync.open(first)
    return () => void sync.close(first.id)
  }, [sync, first])

  const version = useNoteVersion(id)
  useEffect(() => {
    if (version !== undefined) sync.receive(id, version)
  }, [sync, id, version])

  const opening = useMemo<NoteSession>(
    () => ({
      note: first,
      mine: { text: first.text, tags: first.tags },
      theirs: {},
      stored: 'live',
    }),
    [first],
  )
  const session = useSyncExternalStore(sync.subscribe, () => sync.get(id)) ?? opening
  const { note, mine, theirs } = session

  // The tags box keeps what is typed (commas, spaces) and follows the tags when they change
  // from elsewhere (another tab, a choice in a conflict).
  const [tagsText, setTagsText] = useState(mine.tags.join(', '))
  const [shownTags, setShownTags] = useState(mine.tags)
  if (shownTags !== mine.tags) {
    setShownTags(mine.tags)
    if (!sameTags(parseTags(tagsText), mine.tags)) setTagsText(mine.tags.join(', '))
  }

  useEffect(() => {
    if (focusRequest > 0) textRef.current?.focus()
  }, [focusRequest])

  const time =
    note.end === undefined
      ? formatPrecise(note.start)
      : `${formatPrecise(note.start)}–${formatPrecise(note.end)}`
  const conflict = theirs.text !== undefined || theirs.tags !== undefined
  /** After a choice in an alert (which then goes), the keyboard goes back to the text. */
  const settle = (done: Promise<void>) => {
    textRef.current?.focus()
    void done
  }

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
        void sync.flush()
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
          onChange={(e) => void notes.update(id, { state: e.target.value as ReviewState })}
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
      {session.stored !== 'live' && (
        <div role="alert" className="note-alert">
          <p>
            This note was deleted in another tab. Your text and tags are still here; restore the
            note to keep them.
          </p>
          <div className="note-alert-actions">
            <button type="button" onClick={() => settle(sync.restore(id))}>
              Restore note
            </button>
          </div>
        </div>
      )}
      {conflict && (
        <div role="alert" className="note-alert">
          <p>
            Another tab changed this note while you were editing it. Its version is below; yours is
            kept in the boxes underneath until you choose.
          </p>
          {theirs.text !== undefined && (
            <figure className="note-theirs">
              <figcaption>Their text</figcaption>
              <blockquote>{theirs.text === '' ? '(empty)' : theirs.text}</blockquote>
            </figure>
          )}
          {theirs.tags !== undefined && (
            <p className="note-theirs">
              Their tags: {theirs.tags.length > 0 ? theirs.tags.join(', ') : '(none)'}
            </p>
          )}
          <div className="note-alert-actions">
            <button type="button" onClick={() => settle(sync.resolve(id, 'mine'))}>
              Keep mine
            </button>
            <button type="button" onClick={() => settle(sync.resolve(id, 'theirs'))}>
              Keep theirs
            </button>
            <button type="button" onClick={() => settle(sync.resolve(id, 'both'))}>
              Keep both
            </button>
          </div>
        </div>
      )}
      {note.quote && <blockquote className="note-quote">{note.quote.text}</blockquote>}
      <textarea
        ref={textRef}
        aria-label="Note"
        rows={4}
        value={mine.text}
        placeholder="What is said here, and what it shows"
        onChange={(e) => sync.edit(id, { text: e.target.value })}
      />
      <input
        type="text"
        aria-label="Tags"
        placeholder="Tags, separated by commas"
        value={tagsText}
        onChange={(e) => {
          setTagsText(e.target.value)
          sync.edit(id, { tags: parseTags(e.target.value) })
        }}
      />
    </div>
  )
}

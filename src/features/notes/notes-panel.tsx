import { useVirtualizer } from '@tanstack/react-virtual'
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { noteDrafts } from '../../db/note-drafts'
import { createNoteSync } from '../../db/note-sync'
import { createNotesRepository } from '../../db/notes-repository'
import { REVIEW_STATES, type Note, type ReviewState } from '../../domain/notes'
import { formatPrecise } from '../../domain/time'
import type { Call } from '../../domain/types'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { addNote } from './add-note'
import { NoteEditor, type LeaveReason } from './note-editor'
import { NotesTransfer } from './notes-transfer'

const repository = createNotesRepository()

/** `1 note`, `2 notes`, `1 of 3 notes`: the count of notes shown, out of how many. */
export function countNotes(shown: number, total: number): string {
  const noun = total === 1 ? 'note' : 'notes'
  return shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`
}

/**
 * Gives the keyboard back to the transcript (its first track's scrolling list), so that Space
 * plays and pauses again. Found by the UI contract's region name: features do not import each
 * other. With no transcript on screen, focus returns to the page.
 */
function focusTranscript(): void {
  const target = document.querySelector<HTMLElement>(
    'section[aria-label="Transcript"] [tabindex="0"]',
  )
  if (target) target.focus({ preventScroll: true })
  else if (document.activeElement instanceof HTMLElement) document.activeElement.blur()
}

/** Whether a note passes the list's filters (text matches its text, quote or tags). */
export function noteMatches(
  note: Note,
  filter: { text: string; state: ReviewState | ''; tag: string },
): boolean {
  if (filter.state && note.state !== filter.state) return false
  if (filter.tag && !note.tags.includes(filter.tag)) return false
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const haystack = [note.text, note.quote?.text ?? '', ...note.tags].join('\n').toLowerCase()
  return words.every((word) => haystack.includes(word))
}

/**
 * The call's notes: add at the playhead (or on the selected text or range), filter by text, tag
 * and state, edit the open note, delete with undo, export and import. The list is virtualised,
 * so ten thousand notes scroll as lightly as ten.
 */
export function NotesPanel({
  call,
  library,
  notes: all,
}: {
  call: Call
  library: readonly Call[]
  /** The call's notes; undefined while they load. */
  notes: readonly Note[] | undefined
}) {
  const store = useAppStoreApi()
  const openNoteId = useAppStore((s) => s.openNoteId)
  const openNote = useAppStore((s) => s.openNote)
  const [text, setText] = useState('')
  const [state, setState] = useState<ReviewState | ''>('')
  const [tag, setTag] = useState('')
  const [status, setStatus] = useState<{ text: string; undo?: () => void } | null>(null)
  const deferredText = useDeferredValue(text)

  const sync = useMemo(
    () =>
      createNoteSync(repository, {
        onError: () =>
          setStatus({
            text: 'A note could not be saved, perhaps because storage is full. Your text and tags are kept in the editor and will be saved with your next change.',
          }),
      }),
    [],
  )
  // Unsaved text is written before the page can go away.
  useEffect(() => {
    const flush = () => void sync.flush()
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush()
    }
    document.addEventListener('visibilitychange', onVisibility)
    window.addEventListener('pagehide', flush)
    return () => {
      document.removeEventListener('visibilitychange', onVisibility)
      window.removeEventListener('pagehide', flush)
      flush()
    }
  }, [sync])

  const tags = useMemo(() => [...new Set((all ?? []).flatMap((n) => n.tags))].sort(), [all])
  const shown = useMemo(
    () => (all ?? []).filter((n) => noteMatches(n, { text: deferredText, state, tag })),
    [all, deferredText, state, tag],
  )
  // A note deleted in another tab leaves the list but not the editor, which says so and offers
  // to restore it: the editor keeps the last copy of the open note seen in the list.
  const listed = all?.find((n) => n.id === openNoteId)
  const [lastOpen, setLastOpen] = useState<Note | null>(null)
  if (listed && listed !== lastOpen) setLastOpen(listed)
  const open =
    listed ??
    (lastOpen && lastOpen.id === openNoteId && lastOpen.callId === call.id ? lastOpen : undefined)

  /**
   * Esc closes the editor and hands the keyboard to the transcript; focus moving elsewhere keeps
   * it open. Either way a note left without text or tags is not kept.
   */
  const leave = async (note: Note, reason: LeaveReason) => {
    if (reason === 'escape') {
      openNote(null)
      focusTranscript()
    }
    await sync.flush()
    try {
      if (await repository.discardIfEmpty(note.id)) {
        noteDrafts.forget(note.id)
        if (store.getState().openNoteId === note.id) openNote(null)
      }
    } catch {
      // Storage failed: the empty note stays, which loses nothing.
    }
  }

  const remove = async (note: Note) => {
    // Closed first, so that the editor does not take its own deletion for another tab's.
    openNote(null)
    await sync.close(note.id)
    await repository.remove(note.id)
    setStatus({
      text: 'Note deleted.',
      undo: () => {
        void repository.restore(note.id).then(() => openNote(note.id))
        setStatus({ text: 'Note restored.' })
      },
    })
  }

  return (
    <section className="notes" aria-label="Notes">
      <div className="notes-toolbar">
        <button
          type="button"
          className="primary"
          title="Add a note at the playhead, or on the selected text or range (A)"
          onClick={() => void addNote(call, store.getState(), repository)}
        >
          Add note
        </button>
        <NotesTransfer
          call={call}
          library={library}
          onStatus={(message) => setStatus({ text: message })}
        />
      </div>
      <div className="notes-filters">
        <input
          type="search"
          aria-label="Filter notes"
          placeholder="Filter notes"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <select
          aria-label="Filter by state"
          value={state}
          onChange={(e) => setState(e.target.value as ReviewState | '')}
        >
          <option value="">All states</option>
          {REVIEW_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        {tags.length > 0 && (
          <select aria-label="Filter by tag" value={tag} onChange={(e) => setTag(e.target.value)}>
            <option value="">All tags</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        )}
      </div>
      <p role="status" className="notes-status">
        {status?.text}
        {status?.undo && (
          <button type="button" className="text-button" onClick={status.undo}>
            Undo
          </button>
        )}
      </p>
      {open && (
        <NoteEditor
          key={open.id}
          note={open}
          sync={sync}
          notes={repository}
          onDelete={(note) => void remove(note)}
          onLeave={(note, reason) => void leave(note, reason)}
        />
      )}
      {all === undefined ? (
        <p className="loading">Loading notes…</p>
      ) : all.length === 0 ? (
        <p className="empty">
          No notes yet. Add one at the playhead, or select transcript text first.
        </p>
      ) : (
        <NoteList
          notes={shown}
          total={all.length}
          openId={openNoteId}
          onOpen={(note) => {
            void sync.flush()
            openNote(note.id)
            const s = store.getState()
            if (note.end !== undefined) s.selectRange({ start: note.start, end: note.end })
            s.seek(note.start)
            s.play()
          }}
        />
      )}
    </section>
  )
}

function NoteList({
  notes: items,
  total,
  openId,
  onOpen,
}: {
  notes: readonly Note[]
  total: number
  openId: string | null
  onOpen: (note: Note) => void
}) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 56,
    overscan: 6,
    getItemKey: (i) => items[i]?.id ?? i,
  })
  return (
    <>
      <p className="notes-count">{countNotes(items.length, total)}</p>
      <div ref={scrollRef} className="note-list-scroll">
        <ul className="note-list" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const note = items[item.index]
            if (!note) return null
            const time =
              note.end === undefined
                ? formatPrecise(note.start)
                : `${formatPrecise(note.start)}–${formatPrecise(note.end)}`
            return (
              <li
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className="note-item"
                aria-current={note.id === openId ? 'true' : undefined}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <button type="button" className="note-open" onClick={() => onOpen(note)}>
                  <span className="note-time">{time}</span>
                  <span className={`note-state state-${note.state}`}>{note.state}</span>
                  <span className="note-text">{note.text || note.quote?.text || 'Empty note'}</span>
                  {note.tags.length > 0 && (
                    <span className="note-tags">{note.tags.map((t) => `#${t}`).join(' ')}</span>
                  )}
                </button>
              </li>
            )
          })}
        </ul>
      </div>
    </>
  )
}

import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { createLibraryRepository } from '../../db/library-repository'
import { isApproximateDate } from '../../domain/language'
import type { Call, Provenance } from '../../domain/types'
import { addTranscripts, type ImportOutcome } from './run-import'
import { ProvenanceInputs, type BoundField, type ProvenanceInput } from './provenance-inputs'
import { TranscriptPicker } from './transcript-picker'
import { needsLanguage } from './transcript-language'
import { useTranscriptReads } from './use-transcript-reads'

const repository = createLibraryRepository()

/** The provenance fields of the form, as typed. */
interface ProvenanceForm {
  readonly publisher: string
  readonly sourceUrl: string
  readonly published: string
  readonly audioOrigin: Provenance['audioOrigin']
  readonly transcribedBy: string
  readonly translatedBy: string
}

function provenanceForm(provenance: Provenance): ProvenanceForm {
  return {
    publisher: provenance.publisher ?? '',
    sourceUrl: provenance.sourceUrl ?? '',
    published: provenance.published ?? '',
    audioOrigin: provenance.audioOrigin,
    transcribedBy: provenance.transcribedBy ?? '',
    translatedBy: provenance.translatedBy ?? '',
  }
}

/** `{ [key]: value }` trimmed, or nothing when blank: unset fields are left out, not empty. */
function optional<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  const trimmed = value.trim()
  return trimmed ? ({ [key]: trimmed } as Record<K, string>) : {}
}

/**
 * The provenance as edited. The date recorded is the call's, kept in step with the one shown in
 * the provenance panel; the note, the imported file and the history of edits are kept as they are.
 */
function editedProvenance(current: Provenance, form: ProvenanceForm, recorded: string): Provenance {
  const {
    publisher: _publisher,
    sourceUrl: _sourceUrl,
    recorded: _recorded,
    published: _published,
    transcribedBy: _transcribedBy,
    translatedBy: _translatedBy,
    ...kept
  } = current
  return {
    ...kept,
    audioOrigin: form.audioOrigin,
    ...optional('publisher', form.publisher),
    ...optional('sourceUrl', form.sourceUrl),
    ...optional('recorded', recorded),
    ...optional('published', form.published),
    ...optional('transcribedBy', form.transcribedBy),
    ...optional('translatedBy', form.translatedBy),
  }
}

/** Edits an imported call: its details, its tracks (add, remove). */
export function EditCallDialog({
  call,
  onClose,
  onTracksAdded,
}: {
  call: Call
  onClose: () => void
  onTracksAdded: (outcome: ImportOutcome) => void
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const ids = useId()
  const [title, setTitle] = useState(call.title)
  const [recorded, setRecorded] = useState(call.recorded)
  const [participants, setParticipants] = useState(call.participants.map((p) => p.name).join(', '))
  const [description, setDescription] = useState(call.description)
  const [provenance, setProvenance] = useState(() => provenanceForm(call.provenance))
  const reads = useTranscriptReads(call.tracks.length)
  const { picked } = reads
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    ref.current?.showModal()
  }, [])

  const provenanceField = (key: ProvenanceInput): BoundField => ({
    value: provenance[key],
    onChange: (e) =>
      setProvenance({
        ...provenance,
        [key]:
          key === 'audioOrigin'
            ? e.target.value === 'synthetic'
              ? 'synthetic'
              : 'original'
            : e.target.value,
      }),
  })

  const save = async (event: FormEvent) => {
    event.preventDefault()
    if (reads.reading) return
    if (!title.trim()) return setError('A call needs a title.')
    if (!isApproximateDate(recorded.trim())) {
      return setError('Recorded should be a year, a month or a day: 2012, 2012-04 or 2012-04-30.')
    }
    try {
      await repository.updateDetails(call.id, {
        title: title.trim(),
        recorded: recorded.trim(),
        participants: participants
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean)
          .map((name) => ({ name })),
        description: description.trim(),
        provenance: editedProvenance(call.provenance, provenance, recorded),
      })
      if (picked.length > 0) onTracksAdded(await addTranscripts(call, picked))
      onClose()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }

  return (
    <dialog ref={ref} className="import-dialog" aria-labelledby={`${ids}-title`} onClose={onClose}>
      <form onSubmit={(e) => void save(e)} noValidate>
        <div className="dialog-header">
          <h2 id={`${ids}-title`}>Edit “{call.title}”</h2>
          <button type="button" className="text-button" onClick={onClose}>
            Cancel
          </button>
        </div>
        <fieldset className="details">
          <legend>About the recording</legend>
          <label>
            Title
            <input type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label>
            Recorded
            <input type="text" value={recorded} onChange={(e) => setRecorded(e.target.value)} />
          </label>
          <label>
            Participants
            <input
              type="text"
              value={participants}
              onChange={(e) => setParticipants(e.target.value)}
            />
          </label>
          <label>
            Description
            <textarea
              rows={2}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </label>
        </fieldset>
        <fieldset className="details">
          <legend>Provenance</legend>
          <p id={`${ids}-provenance-hint`} className="hint">
            Every change here is kept, with its time, in the call’s provenance history.
          </p>
          <ProvenanceInputs
            bind={provenanceField}
            published={provenanceField('published')}
            describedBy={`${ids}-provenance-hint`}
          />
        </fieldset>
        <fieldset>
          <legend>Tracks</legend>
          {call.tracks.length === 0 && <p className="hint">No transcript yet.</p>}
          <ul className="picked-list">
            {call.tracks.map((track) => (
              <li key={track.id} className="picked">
                <div className="picked-head">
                  <span className="picked-name">{track.label}</span>
                  <span className="picked-facts">
                    {track.language} · {track.kind} · {track.segments.length} segments
                  </span>
                  <button
                    type="button"
                    className="text-button"
                    aria-label={`Remove track ${track.label}`}
                    onClick={() => void repository.removeTrack(call.id, track.id)}
                  >
                    Remove
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </fieldset>
        <TranscriptPicker reads={reads} />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button
            type="submit"
            className="primary"
            disabled={reads.reading || needsLanguage(picked)}
          >
            {reads.reading ? 'Reading transcripts…' : 'Save'}
          </button>
        </div>
      </form>
    </dialog>
  )
}

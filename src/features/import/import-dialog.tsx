import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { formatBytes } from '../../components/storage-meter'
import { DuplicateCallError, StorageFullError } from '../../db/library-repository'
import { isApproximateDate } from '../../domain/language'
import { joinSentences } from '../../domain/sentences'
import type { Call } from '../../domain/types'
import { hashBlob } from '../../workers/hash-client'
import {
  addTranscripts,
  ImportError,
  runImport,
  type CallForm,
  type ImportOutcome,
} from './run-import'
import { ProvenanceInputs } from './provenance-inputs'
import { TranscriptPicker } from './transcript-picker'
import { needsLanguage } from './transcript-language'
import { Progress } from './progress'
import { TranscriptRefusals } from './transcript-refusals'
import { useAudioProbe } from './use-audio-probe'
import { useTranscriptReads } from './use-transcript-reads'

const AUDIO_TYPES = 'audio/*,.mp3,.wav,.ogg,.oga,.opus,.m4a,.aac,.webm,.flac'
const AUDIO_EXTENSIONS = /\.(mp3|wav|ogg|oga|opus|m4a|mp4|aac|webm|flac)$/i

/** Whether a dropped file is audio (by type, or by name when the browser gives no type). */
export function isAudioFile(file: File): boolean {
  return file.type.startsWith('audio/') || AUDIO_EXTENSIONS.test(file.name)
}

/** The file name without its extension, as a first title. */
function titleOf(file: File): string {
  return file.name.replace(/\.[^.]+$/, '')
}

const EMPTY_FORM: CallForm = {
  title: '',
  recorded: '',
  participants: '',
  description: '',
  publisher: '',
  sourceUrl: '',
  audioOrigin: 'original',
  transcribedBy: '',
  translatedBy: '',
}

type Hashing =
  | { state: 'idle' }
  | { state: 'hashing'; fraction: number }
  | { state: 'done'; sha256: string }
  | { state: 'error'; message: string }

/** Hashes a file in a worker as soon as it is chosen; the state follows the latest file. */
function useFileHash(file: File | null): Hashing {
  const [result, setResult] = useState<{ file: File; hashing: Hashing } | null>(null)
  useEffect(() => {
    if (!file) return
    const controller = new AbortController()
    const report = (hashing: Hashing) => {
      if (!controller.signal.aborted) setResult({ file, hashing })
    }
    hashBlob(file, {
      onProgress: (fraction) => report({ state: 'hashing', fraction }),
      signal: controller.signal,
    }).then(
      (sha256) => report({ state: 'done', sha256 }),
      (e: unknown) =>
        report({
          state: 'error',
          message: joinSentences(
            `${file.name} could not be read: ${e instanceof Error ? e.message : String(e)}`,
            'Nothing was saved.',
          ),
        }),
    )
    return () => controller.abort()
  }, [file])
  if (!file) return { state: 'idle' }
  return result?.file === file ? result.hashing : { state: 'hashing', fraction: 0 }
}

/**
 * The Import dialog: an audio file, its transcripts, and what is known of the recording. The
 * audio is hashed as soon as it is chosen, so a recording already in the library is recognised
 * before anything is written; then transcripts can go to that call instead. Mounted for one
 * import, so each opening starts empty (or with the files dropped on the window).
 */
export function ImportDialog({
  initialFiles,
  calls,
  onClose,
  onImported,
}: {
  /** Files dropped on the window: the first audio file is the recording, the rest transcripts. */
  initialFiles: readonly File[]
  /** Every call in the library, to recognise a recording imported before. */
  calls: readonly Call[]
  onClose: () => void
  onImported: (outcome: ImportOutcome, title: string) => void
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const ids = useId()
  const [audio, setAudio] = useState<File | null>(() => initialFiles.find(isAudioFile) ?? null)
  const hashing = useFileHash(audio)
  const audioCheck = useAudioProbe(audio)
  const [dropped] = useState(() => initialFiles.filter((f) => !isAudioFile(f)))
  const reads = useTranscriptReads(0, dropped)
  const transcripts = reads.picked
  const [form, setForm] = useState<CallForm>(() => ({
    ...EMPTY_FORM,
    title: audio ? titleOf(audio) : '',
  }))
  const [busy, setBusy] = useState<{ fraction: number } | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal()
  }, [])

  const chooseAudio = (file: File | null) => {
    setAudio(file)
    setError(null)
    if (file) setForm((f) => ({ ...f, title: f.title || titleOf(file) }))
  }

  const duplicate =
    hashing.state === 'done' ? calls.find((c) => c.audio.sha256 === hashing.sha256) : undefined

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    if (!audio) return setError('Choose an audio file to import.')
    if (hashing.state !== 'done' || audioCheck.state !== 'playable' || reads.reading) return
    if (!isApproximateDate(form.recorded.trim())) {
      return setError('Recorded should be a year, a month or a day: 2012, 2012-04 or 2012-04-30.')
    }
    setBusy({ fraction: 0 })
    try {
      const outcome = await runImport({
        audio,
        sha256: hashing.sha256,
        transcripts,
        form,
        onProgress: (fraction) => setBusy({ fraction }),
        ...(audioCheck.duration === null ? {} : { duration: audioCheck.duration }),
      })
      onImported(outcome, form.title.trim() || audio.name)
    } catch (e) {
      setBusy(null)
      const known =
        e instanceof ImportError || e instanceof StorageFullError || e instanceof DuplicateCallError
      const message = e instanceof Error ? e.message : String(e)
      setError(
        known
          ? message
          : joinSentences(`${audio.name} was not imported: ${message}`, 'Nothing was saved.'),
      )
    }
  }

  const addToExisting = async (call: Call) => {
    try {
      onImported(await addTranscripts(call, transcripts), call.title)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }

  const field = (key: keyof CallForm) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) =>
      setForm((f) => ({ ...f, [key]: e.target.value })),
  })

  return (
    <dialog ref={ref} className="import-dialog" aria-labelledby={`${ids}-title`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="dialog-header">
          <h2 id={`${ids}-title`}>Import</h2>
          <button type="button" className="text-button" onClick={onClose}>
            Cancel
          </button>
        </div>
        <p className="hint">
          Everything stays in this browser. The audio is stored as it is, byte for byte, and
          identified by its SHA-256.
        </p>

        <fieldset>
          <legend>Recording</legend>
          <label htmlFor={`${ids}-audio`}>Audio file</label>
          <input
            id={`${ids}-audio`}
            type="file"
            accept={AUDIO_TYPES}
            onChange={(e) => chooseAudio(e.target.files?.[0] ?? null)}
          />
          {audio && (
            <p className="hint">
              {audio.name} · {formatBytes(audio.size)}
            </p>
          )}
          {hashing.state === 'hashing' && (
            <Progress label="Hashing audio" fraction={hashing.fraction} />
          )}
          {hashing.state === 'done' && (
            <p className="hash-line">
              SHA-256 <code className="hash">{hashing.sha256}</code>
            </p>
          )}
          {hashing.state === 'error' && (
            <p role="alert" className="error">
              {hashing.message}
            </p>
          )}
          {audioCheck.state === 'refused' && (
            <p role="alert" className="error">
              {audioCheck.message}
            </p>
          )}
          {duplicate && (
            <div role="status" className="duplicate">
              <p>This recording is already in the library as “{duplicate.title}” (same SHA-256).</p>
              {duplicate.origin === 'imported' ? (
                <button
                  type="button"
                  className="text-button"
                  disabled={
                    reads.reading ||
                    !transcripts.some((t) => 'parsed' in t) ||
                    needsLanguage(transcripts)
                  }
                  onClick={() => void addToExisting(duplicate)}
                >
                  Add the transcripts to “{duplicate.title}”
                </button>
              ) : (
                <p>Sample calls cannot be changed.</p>
              )}
            </div>
          )}
        </fieldset>

        <TranscriptPicker reads={reads} />

        <fieldset className="details">
          <legend>About the recording</legend>
          <label>
            Title
            <input type="text" {...field('title')} />
          </label>
          <label>
            Recorded
            <input
              type="text"
              placeholder="2012, 2012-04 or 2012-04-30"
              aria-describedby={`${ids}-recorded-hint`}
              {...field('recorded')}
            />
          </label>
          <span id={`${ids}-recorded-hint`} className="hint">
            A year or a month is enough when the day is not known.
          </span>
          <label>
            Participants
            <input
              type="text"
              placeholder="Names, separated by commas"
              {...field('participants')}
            />
          </label>
          <label>
            Description
            <textarea rows={2} {...field('description')} />
          </label>
          <ProvenanceInputs bind={field} />
        </fieldset>

        {audioCheck.state === 'playable' && !duplicate && (
          <TranscriptRefusals picked={transcripts} duration={audioCheck.duration} />
        )}
        {busy && <Progress label="Computing the waveform" fraction={busy.fraction} />}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button
            type="submit"
            className="primary"
            disabled={
              busy !== null ||
              hashing.state === 'hashing' ||
              audioCheck.state === 'checking' ||
              audioCheck.state === 'refused' ||
              reads.reading ||
              Boolean(duplicate) ||
              needsLanguage(transcripts)
            }
          >
            {hashing.state === 'hashing'
              ? 'Hashing…'
              : reads.reading
                ? 'Reading transcripts…'
                : 'Add to library'}
          </button>
        </div>
      </form>
    </dialog>
  )
}

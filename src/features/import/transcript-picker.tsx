import { useId } from 'react'
import { languageName } from '../../domain/language'
import { joinSentences } from '../../domain/sentences'
import type { TrackKind } from '../../domain/types'
import { Progress } from './progress'
import type { PickedTranscript } from './picked-transcript'
import { languageProblem, languageSource, unsureDetail } from './transcript-language'
import type { ReadingTranscript, TranscriptReads } from './use-transcript-reads'

/** Offered as the language is typed (any other tag or name may be typed too). */
const COMMON_LANGUAGES = (
  'ar bn ca cs da de el en es fa fi fr he hi hr hu id it ja ko ms nl no pl pt pt-BR ro ru sk sr ' +
  'sv sw th tl tr uk ur vi yue zh zh-Hans zh-Hant'
).split(' ')

const TRANSCRIPT_TYPES =
  '.vtt,.srt,.json,.otr,.xml,.txt,.textgrid,.TextGrid,.eaf,.tsv,.lab,text/vtt,application/json,text/plain'

/** Warnings listed under a file; a hostile file may have a hundred thousand. */
const WARNINGS_SHOWN = 200

/**
 * The "Transcript files" input and, per file: while it is read (in a worker), its progress and a
 * Cancel; once read, its format, warnings and track settings.
 */
export function TranscriptPicker({ reads }: { reads: TranscriptReads }) {
  const inputId = useId()
  const ids = useId()
  const { chosen, update } = reads

  return (
    <fieldset className="transcripts">
      <legend>Transcripts</legend>
      <label htmlFor={inputId}>Transcript files</label>
      <input
        id={inputId}
        type="file"
        multiple
        accept={TRANSCRIPT_TYPES}
        onChange={(e) => {
          reads.add([...(e.target.files ?? [])])
          e.target.value = ''
        }}
      />
      <p className="hint">
        WebVTT, SRT, Whisper JSON, oTranscribe, OHMS XML, Audacity labels, Praat TextGrid, ELAN,
        aeneas JSON, Verbatim JSON, or text with [hh:mm:ss] stamps. Recognised by content.
      </p>
      {chosen.length > 0 && (
        <ul className="picked-list">
          {chosen.map((p) =>
            'progress' in p ? (
              <ReadingEntry key={p.key} reading={p} onCancel={() => reads.cancel(p.key)} />
            ) : (
              <li key={p.key} className="picked">
                <div className="picked-head">
                  <span className="picked-name">{p.fileName}</span>
                  {'parsed' in p && (
                    <span className="picked-facts">
                      {p.parsed.format} · {p.parsed.segments.length} segments
                    </span>
                  )}
                  <button
                    type="button"
                    className="text-button"
                    aria-label={`Remove ${p.fileName}`}
                    onClick={() => reads.remove(p.key)}
                  >
                    Remove
                  </button>
                </div>
                {'error' in p ? (
                  <p role="alert" className="error">
                    {joinSentences(p.error, 'This file will not be imported.')}
                  </p>
                ) : (
                  <>
                    <div className="picked-fields">
                      <label>
                        Language
                        <input
                          value={p.language}
                          aria-label={`Language of ${p.fileName}`}
                          aria-describedby={`${ids}-${p.key}-language`}
                          aria-invalid={languageProblem(p) !== undefined}
                          required
                          list={`${ids}-languages`}
                          placeholder="e.g. es"
                          autoComplete="off"
                          onChange={(e) => reads.setLanguage(p.key, e.target.value)}
                          size={8}
                        />
                      </label>
                      <label>
                        Kind
                        <select
                          aria-label={`Kind of ${p.fileName}`}
                          value={p.kind}
                          onChange={(e) => update(p.key, { kind: e.target.value as TrackKind })}
                        >
                          <option value="original">original</option>
                          <option value="translation">translation</option>
                        </select>
                      </label>
                      <label>
                        Label
                        <input
                          value={p.label}
                          aria-label={`Label of ${p.fileName}`}
                          onChange={(e) => update(p.key, { label: e.target.value })}
                        />
                      </label>
                    </div>
                    <LanguageNote id={`${ids}-${p.key}-language`} picked={p} />
                    {p.parsed.warnings.length > 0 && (
                      <details className="warnings">
                        <summary>
                          {p.parsed.warnings.length} repair
                          {p.parsed.warnings.length === 1 ? '' : 's'} made while reading{' '}
                          {p.fileName}
                        </summary>
                        <ul>
                          {p.parsed.warnings.slice(0, WARNINGS_SHOWN).map((w, i) => (
                            <li key={i}>
                              {w.line !== undefined && `line ${w.line}: `}
                              {w.message}
                            </li>
                          ))}
                        </ul>
                        {p.parsed.warnings.length > WARNINGS_SHOWN && (
                          <p className="hint">
                            and {p.parsed.warnings.length - WARNINGS_SHOWN} more, not listed here.
                          </p>
                        )}
                      </details>
                    )}
                  </>
                )}
              </li>
            ),
          )}
        </ul>
      )}
      <datalist id={`${ids}-languages`}>
        {COMMON_LANGUAGES.map((tag) => (
          <option key={tag} value={tag} label={languageName(tag)} />
        ))}
      </datalist>
    </fieldset>
  )
}

const STAGES = { reading: 'reading the file', parsing: 'recognising and parsing it' } as const

/** A file being read: its name, how far it is, and a Cancel that stops the worker reading it. */
function ReadingEntry({ reading, onCancel }: { reading: ReadingTranscript; onCancel: () => void }) {
  const { fileName, progress } = reading
  return (
    <li className="picked" aria-busy="true">
      <div className="picked-head">
        <span className="picked-name">{fileName}</span>
        <span className="picked-facts">{STAGES[progress.stage]}…</span>
        <button
          type="button"
          className="text-button"
          aria-label={`Cancel reading ${fileName}`}
          onClick={onCancel}
        >
          Cancel
        </button>
      </div>
      <Progress
        label={`Reading ${fileName}`}
        fraction={progress.stage === 'reading' ? progress.fraction : 0}
      />
    </li>
  )
}

/**
 * Beside a transcript's fields: where its language came from, or, when it has none that can be
 * used, a sentence naming the file that asks for it (adding is held back until then).
 */
function LanguageNote({
  id,
  picked,
}: {
  id: string
  picked: Extract<PickedTranscript, { parsed: unknown }>
}) {
  const problem = languageProblem(picked)
  if (problem === undefined) {
    return (
      <p id={id} className="hint">
        {languageSource(picked)}
      </p>
    )
  }
  const unsure = !picked.languageGuess.sure && picked.language.trim() === ''
  return (
    <p id={id} className="language-needed">
      {problem}
      {unsure && ` ${unsureDetail(picked)}`}
    </p>
  )
}

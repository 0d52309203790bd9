import { useMemo, useState } from 'react'
import { MarkedText } from '../../components/marked-text'
import { languageName } from '../../domain/language'
import { formatRoute } from '../../domain/route'
import { joinSentences } from '../../domain/sentences'
import { formatClock } from '../../domain/time'
import type { Call } from '../../domain/types'
import type { CallMatch, NoteHit, SearchOptions, SegmentHit } from '../../search/index'
import type { Snippet } from '../../search/snippet'
import { useSearchResults, type SearchFunction } from './use-search-results'

/** The id of the results region, which the search box controls. */
export const RESULTS_ID = 'search-results'

/** Hits fetched at first, and added by each "Show more results". */
const PAGE = 50

const primaryLanguage = (tag: string): string => tag.split('-')[0]?.toLowerCase() ?? tag

const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count.toLocaleString('en')} ${count === 1 ? one : many}`

function hitLink(callId: string, start: SegmentHit['start']): string {
  return formatRoute({ kind: 'call', callId, time: { start } })
}

function SnippetText({ snippet, language }: { snippet: Snippet; language?: string }) {
  return (
    <span className="hit-snippet" lang={language}>
      {snippet.clippedStart && '…'}
      <MarkedText text={snippet.text} ranges={snippet.highlights} />
      {snippet.clippedEnd && '…'}
    </span>
  )
}

/**
 * Search across every call: filters, the index's state, and the hits grouped by call (best call
 * first, best hit first within it), then the notes that match. A hit is a link to its moment;
 * following it opens the call there and plays.
 */
export function SearchView({
  query,
  calls,
  search,
  indexing,
  indexVersion,
  onOpenHit,
}: {
  query: string
  calls: readonly Call[]
  search: SearchFunction
  /** The index is still taking in the library: results may be incomplete. */
  indexing: boolean
  /** Changes whenever the index does, so that the shown results are searched again. */
  indexVersion: string
  /** Called as a hit is followed, before the address changes. */
  onOpenHit: () => void
}) {
  const [callId, setCallId] = useState('')
  const [language, setLanguage] = useState('')
  const [chosenSpeaker, setSpeaker] = useState('')
  const [limit, setLimit] = useState(PAGE)
  const byId = useMemo(() => new Map(calls.map((call) => [call.id, call])), [calls])
  const languages = useMemo(
    () => [...new Set(calls.flatMap((c) => c.tracks.map((t) => primaryLanguage(t.language))))],
    [calls],
  )
  const speakers = useMemo(() => {
    const names = new Set<string>()
    for (const call of callId ? calls.filter((c) => c.id === callId) : calls) {
      for (const track of call.tracks) {
        for (const segment of track.segments) if (segment.speaker) names.add(segment.speaker)
      }
    }
    return [...names].sort((a, b) => a.localeCompare(b))
  }, [calls, callId])

  // A speaker of another call than the one now chosen is no longer a filter.
  const speaker = speakers.includes(chosenSpeaker) ? chosenSpeaker : ''
  const options = useMemo<SearchOptions>(
    () => ({
      limit,
      ...(callId ? { callId } : {}),
      ...(language ? { language } : {}),
      ...(speaker ? { speaker } : {}),
    }),
    [limit, callId, language, speaker],
  )
  const state = useSearchResults(search, query, options, indexVersion)
  const results = state.kind === 'results' ? state.results : null
  const shownHits = results ? results.calls.reduce((sum, c) => sum + c.hits.length, 0) : 0
  const callMatches = results ? results.calls.filter((group) => group.match).length : 0
  const found = results ? results.total + callMatches + results.notes.total : 0
  const filtered = Boolean(callId || language || speaker)

  return (
    <section id={RESULTS_ID} className="search-view" aria-label="Search results">
      <h1 className="search-title">{query.trim() ? `Search: ${query.trim()}` : 'Search'}</h1>
      <div className="search-filters">
        <FilterSelect
          label="Call"
          all="All calls"
          value={callId}
          options={calls.map((call) => [call.id, call.title])}
          onChange={setCallId}
        />
        <FilterSelect
          label="Language"
          all="All languages"
          value={language}
          options={languages.map((tag) => [tag, languageName(tag)])}
          onChange={setLanguage}
        />
        <FilterSelect
          label="Speaker"
          all="All speakers"
          value={speaker}
          options={speakers.map((name) => [name, name])}
          onChange={setSpeaker}
        />
      </div>
      <p role="status" className="search-status">
        {indexing && <span className="indexing">Indexing… </span>}
        {results &&
          (results.blank
            ? ''
            : `${plural(found, 'result')}` +
              (results.calls.length > 0 ? ` in ${plural(results.calls.length, 'call')}` : ''))}
      </p>
      {state.kind === 'error' && (
        <p role="alert" className="error">
          {joinSentences(
            `The search failed: ${state.message}`,
            'Your library is unchanged; try the search again.',
          )}
        </p>
      )}
      {state.kind === 'idle' && (
        <p className="search-hint">
          Type words to search every transcript, in every language, and your notes. Put an exact
          phrase in “quotes”. Press <kbd>/</kbd> to come back to the search box.
        </p>
      )}
      {results && !results.blank && found === 0 && (
        <p className="empty">
          Nothing matches “{state.kind === 'results' ? state.query : query}”
          {filtered ? ' with these filters' : ''}
          {indexing ? ' in what is indexed so far.' : '.'}
        </p>
      )}
      {results?.calls.map((group) => {
        const call = byId.get(group.callId)
        const title = call?.title ?? group.callId
        return (
          <section key={group.callId} className="hit-group" aria-label={title}>
            <h2 className="hit-group-title">
              {title}
              <span className="hit-count">
                {plural(group.total + (group.match ? 1 : 0), 'match', 'matches')}
                {call && ` · recorded ${call.recorded}`}
              </span>
            </h2>
            <ol className="hits">
              {group.match && (
                <CallResult callId={group.callId} title={title} match={group.match} />
              )}
              {group.hits.map((hit) => (
                <li key={`${hit.trackId}/${hit.segmentIndex}`}>
                  <a className="hit" href={hitLink(hit.callId, hit.start)} onClick={onOpenHit}>
                    <span className="visually-hidden">{title}, </span>
                    <span className="hit-time">{formatClock(hit.start)}</span>
                    <span className="hit-meta">
                      {[hit.speaker, languageName(hit.language)].filter(Boolean).join(' · ')}
                    </span>
                    <SnippetText snippet={hit.snippet} language={hit.language} />
                  </a>
                </li>
              ))}
            </ol>
          </section>
        )
      })}
      {results && results.total > shownHits && (
        <button type="button" className="text-button" onClick={() => setLimit(limit + PAGE)}>
          Show more results ({(results.total - shownHits).toLocaleString('en')} more)
        </button>
      )}
      {results && results.notes.hits.length > 0 && (
        <section className="hit-group" aria-label="Your notes">
          <h2 className="hit-group-title">
            Your notes
            <span className="hit-count">{plural(results.notes.total, 'match', 'matches')}</span>
          </h2>
          <ol className="hits">
            {results.notes.hits.map((hit) => (
              <NoteResult
                key={hit.noteId}
                hit={hit}
                call={byId.get(hit.callId)}
                onOpen={onOpenHit}
              />
            ))}
          </ol>
        </section>
      )}
    </section>
  )
}

/** One filter: a labelled select whose first choice, "All …", is no filter. */
function FilterSelect({
  label,
  all,
  value,
  options,
  onChange,
}: {
  label: string
  all: string
  value: string
  options: readonly (readonly [value: string, label: string])[]
  onChange: (value: string) => void
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </label>
  )
}

/**
 * The call itself, when its title, participants or speakers matched: a link that opens it (at the
 * start, without playing, as opening it from the library does).
 */
function CallResult({ callId, title, match }: { callId: string; title: string; match: CallMatch }) {
  const clipped = match.snippet.clippedStart || match.snippet.clippedEnd
  return (
    <li>
      <a className="hit" href={formatRoute({ kind: 'call', callId, time: null })}>
        <span className="hit-time">Call</span>
        <span className="visually-hidden">, </span>
        <span className="hit-meta">
          {match.matchedNames.length > 0 ? `With ${match.matchedNames.join(', ')}` : 'Title'}
        </span>
        <span className="visually-hidden">: </span>
        <SnippetText snippet={match.snippet} />
        {clipped && <span className="visually-hidden">, {title}</span>}
        {/* The contract names every result with its title and a time: a call opens at its start. */}
        <span className="visually-hidden">, from 00:00</span>
      </a>
    </li>
  )
}

function NoteResult({
  hit,
  call,
  onOpen,
}: {
  hit: NoteHit
  call: Call | undefined
  onOpen: () => void
}) {
  const body = (
    <>
      <span className="hit-time">{formatClock(hit.start)}</span>
      <span className="hit-meta">
        {call ? call.title : 'A call no longer in this library'}
        {hit.tags.length > 0 && ` · ${hit.tags.map((tag) => `#${tag}`).join(' ')}`}
      </span>
      <SnippetText snippet={hit.snippet} />
    </>
  )
  return (
    <li>
      {call ? (
        <a className="hit" href={hitLink(call.id, hit.start)} onClick={onOpen}>
          <span className="visually-hidden">Note, </span>
          {body}
        </a>
      ) : (
        <div className="hit orphan">{body}</div>
      )}
    </li>
  )
}

import { useDeferredValue, useState } from 'react'
import { formatClock } from '../../domain/time'
import type { Call } from '../../domain/types'
import { callMatches, languagesOf } from './library-filter'

/** The call list with a text filter; each call links to its address. */
export function LibraryNav({
  calls,
  openCallId,
}: {
  calls: readonly Call[]
  openCallId: string | null
}) {
  const [filter, setFilter] = useState('')
  const deferred = useDeferredValue(filter)
  const shown = calls.filter((call) => callMatches(call, deferred))
  return (
    <nav className="library" aria-label="Library">
      <h2 className="library-heading">Library</h2>
      <input
        type="search"
        className="library-filter"
        aria-label="Filter calls"
        placeholder="Filter calls"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      {shown.length === 0 ? (
        <p className="empty">No call matches “{filter}”.</p>
      ) : (
        <ul className="call-list">
          {shown.map((call) => (
            <li key={call.id}>
              <a
                href={`#/call/${encodeURIComponent(call.id)}`}
                className="call-link"
                aria-current={call.id === openCallId ? 'page' : undefined}
              >
                <span className="call-title">{call.title}</span>
                <span className="call-meta">
                  <time dateTime={call.recorded}>{call.recorded}</time>
                  <span aria-label={`duration ${formatClock(call.duration)}`}>
                    {formatClock(call.duration)}
                  </span>
                  <span>{languagesOf(call).join(' · ')}</span>
                  {call.provenance.audioOrigin === 'synthetic' && (
                    <span className="badge">synthetic audio</span>
                  )}
                </span>
                <span className="call-people">
                  {call.participants.map((p) => p.name).join(', ')}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </nav>
  )
}

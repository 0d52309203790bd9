import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { Icon } from '../../components/icons'
import { RESULTS_ID } from './search-view'

const TYPING = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]'

/** The first result link, for Enter and ↓ in the box. */
const firstHit = (): HTMLElement | null =>
  document.getElementById(RESULTS_ID)?.querySelector<HTMLElement>('a.hit') ?? null

/**
 * The search box in the top bar, reached from anywhere with `/` or Ctrl/Cmd+K. Its text is the
 * search route's query: typing shows the results, which follow as you type; Enter opens the first
 * hit and ↓ moves to the list. Leaving for a call keeps the words; Enter there searches them again.
 */
export function SearchBox({
  query,
  searching,
  enabled,
  onQuery,
}: {
  /** The query in the address (the search route's), or the last one typed. */
  query: string
  /** The results are on screen. */
  searching: boolean
  /** False while a dialog is open: the shortcuts are its own then. */
  enabled: boolean
  onQuery: (query: string) => void
}) {
  const input = useRef<HTMLInputElement>(null)
  const [text, setText] = useState(query)
  const [shown, setShown] = useState(query)
  // The address changed under the box (back, forward, a link): show its words.
  if (query !== shown) {
    setShown(query)
    setText(query)
  }

  useEffect(() => {
    if (!enabled) return
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey) return
      const target = event.target instanceof Element ? event.target : null
      const slash =
        event.key === '/' && !event.ctrlKey && !event.metaKey && !target?.closest(TYPING)
      const k = event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey)
      if (!slash && !k) return
      event.preventDefault()
      input.current?.focus()
      input.current?.select()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [enabled])

  const change = (value: string) => {
    setText(value)
    onQuery(value)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      if (!searching) onQuery(text)
      else firstHit()?.click()
    } else if (event.key === 'ArrowDown' && searching) {
      const hit = firstHit()
      if (hit) {
        event.preventDefault()
        hit.focus()
      }
    }
  }

  return (
    <div className="search-box" role="search">
      <Icon name="search" />
      <input
        ref={input}
        type="search"
        aria-label="Search transcripts"
        aria-controls={searching ? RESULTS_ID : undefined}
        placeholder="Search all calls"
        value={text}
        onChange={(event) => change(event.target.value)}
        onKeyDown={onKeyDown}
      />
    </div>
  )
}

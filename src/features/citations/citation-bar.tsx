import { useEffect, useState } from 'react'
import { createSettingsRepository } from '../../db/settings-repository'
import { formatCitation, type CitationStyle } from '../../domain/citation'
import type { Call } from '../../domain/types'
import { formatPrecise } from '../../domain/time'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { Icon } from '../../components/icons'
import { citationInput } from './cite-range'

const settings = createSettingsRepository()

/** How long "Citation copied" and the like stay on screen. */
const STATUS_SHOWN_MS = 5000

/**
 * "Copy citation" and "Copy link" for the selected text, the selected range, or the segment being
 * heard. The style (plain text or Markdown) is remembered; a status line confirms each copy.
 */
export function CitationBar({ call }: { call: Call }) {
  const store = useAppStoreApi()
  const [style, setStyle] = useState<CitationStyle>('plain')
  const [status, setStatus] = useState('')
  const selection = useAppStore((s) => s.textSelection)
  const setTextSelection = useAppStore((s) => s.setTextSelection)

  useEffect(() => {
    settings.loadCitationStyle().then(setStyle, () => undefined)
  }, [])

  // The confirmation floats over the page: it is read out at once and goes after a while.
  useEffect(() => {
    if (!status) return
    const timer = setTimeout(() => setStatus(''), STATUS_SHOWN_MS)
    return () => clearTimeout(timer)
  }, [status])

  const copy = async (what: 'citation' | 'link') => {
    const input = citationInput(call, store.getState())
    if (!input) {
      setStatus(
        'Nothing to cite yet: play the call, select some transcript text, or choose a range.',
      )
      return
    }
    const text = what === 'link' ? input.link : formatCitation(input, style)
    try {
      await navigator.clipboard.writeText(text)
      setStatus(
        what === 'link'
          ? 'Link copied.'
          : `Citation copied as ${style === 'markdown' ? 'Markdown' : 'plain text'}.`,
      )
    } catch {
      setStatus('The clipboard is not available here; nothing was copied.')
    }
  }

  return (
    <div className="citation-bar">
      {/* What will be cited, in a row that is there anyway: appearing during a drag, it moves no
          transcript row. */}
      {selection && (
        <p className="selection-bar">
          Selected {formatPrecise(selection.start)}–{formatPrecise(selection.end)}
          <button type="button" className="text-button" onClick={() => setTextSelection(null)}>
            Clear selection
          </button>
        </p>
      )}
      {/* Named by aria-label too: on a phone the button shows its icon only. */}
      <button
        type="button"
        className="text-button"
        aria-label="Copy citation"
        onClick={() => void copy('citation')}
      >
        <Icon name="copy" /> <span className="button-label">Copy citation</span>
      </button>
      <button
        type="button"
        className="text-button"
        aria-label="Copy link"
        onClick={() => void copy('link')}
      >
        <Icon name="link" /> <span className="button-label">Copy link</span>
      </button>
      <select
        aria-label="Citation style"
        value={style}
        onChange={(e) => {
          const next = e.target.value === 'markdown' ? 'markdown' : 'plain'
          setStyle(next)
          void settings.saveCitationStyle(next)
        }}
      >
        <option value="plain">Plain text</option>
        <option value="markdown">Markdown</option>
      </select>
      <p role="status" className="citation-status">
        {status}
      </p>
    </div>
  )
}

import { Fragment, memo, useMemo } from 'react'
import { MarkedText, rangesWithin, wordOffsets } from '../../components/marked-text'
import { formatClock } from '../../domain/time'
import type { Segment } from '../../domain/types'
import { segmentKey } from '../../search/find-in-call'
import { countRowRender } from '../../store/measure'
import { useAppStore } from '../../store/store-context'
import { INACTIVE, useSegmentState } from './use-segment-state'

interface SegmentRowProps {
  readonly trackId: string
  readonly index: number
  readonly segment: Segment
  readonly language: string
  /** Speaker shown only when it changes from the previous segment. */
  readonly showSpeaker: boolean
  /** A note touches this segment. */
  readonly noted: boolean
  readonly onSeek: (time: number) => void
}

const NO_MARKS: readonly never[] = []

/**
 * One segment: timestamp button, speaker, text with word-level highlight where words are timed,
 * and find-in-call's matches marked.
 */
export const SegmentRow = memo(function SegmentRow({
  trackId,
  index,
  segment,
  language,
  showSpeaker,
  noted,
  onSeek,
}: SegmentRowProps) {
  countRowRender()
  const state = useSegmentState(trackId, index)
  // This selector runs for every drawn row on every store update (each playback tick): the key is
  // made once, and an empty find answers without a lookup.
  const key = useMemo(() => segmentKey(trackId, index), [trackId, index])
  const marks =
    useAppStore((s) => (s.findHighlights.size === 0 ? undefined : s.findHighlights.get(key))) ??
    NO_MARKS
  const offsets = useMemo(
    () => (marks.length > 0 && segment.words ? wordOffsets(segment.text, segment.words) : null),
    [marks, segment],
  )
  const active = state !== INACTIVE
  const clock = formatClock(segment.start)
  return (
    <div
      className="segment"
      data-start={segment.start}
      data-end={segment.end}
      data-noted={noted ? '' : undefined}
      aria-current={active ? 'true' : undefined}
    >
      <button
        type="button"
        className="timestamp"
        aria-label={`Play from ${clock}`}
        onClick={() => onSeek(segment.start)}
      >
        {clock}
      </button>
      <div className="segment-body">
        {((segment.speaker && showSpeaker) || noted) && (
          <div className="speaker">
            {showSpeaker && segment.speaker}
            {noted && (
              <span className="note-marker" title="A note is attached here">
                note
              </span>
            )}
          </div>
        )}
        <p className="segment-text" lang={language}>
          {segment.words && segment.words.length > 0 ? (
            segment.words.map((word, i) => (
              <Fragment key={i}>
                {i > 0 && separator(language)}
                <span
                  className="word"
                  data-word-start={word.start}
                  data-word-end={word.end}
                  data-current={i === state ? '' : undefined}
                  onClick={() => onSeek(word.start)}
                >
                  {offsets ? (
                    <MarkedText
                      text={word.text}
                      ranges={rangesWithin(marks, offsets[i] ?? -1, word.text.length)}
                    />
                  ) : (
                    word.text
                  )}
                </span>
              </Fragment>
            ))
          ) : (
            <MarkedText text={segment.text} ranges={marks} />
          )}
        </p>
      </div>
    </div>
  )
})

/** Words are separated by spaces, except in scripts written without them. */
function separator(language: string): string {
  return /^(zh|ja|th|lo|km|my)\b/i.test(language) ? '' : ' '
}

import { useMemo } from 'react'
import { joinSentences } from '../../domain/sentences'
import type { PickedTranscript } from './picked-transcript'
import { refusedTranscripts } from './run-import'

/**
 * Says, before "Add to library" is pressed, which transcripts the import will leave out for
 * running well past the audio (files that cannot be read say so beside their name) and, when no
 * transcript is left, that the call will be added without one.
 */
export function TranscriptRefusals({
  picked,
  duration,
}: {
  picked: readonly PickedTranscript[]
  /** The audio's length, once the browser has read it. */
  duration: number | null
}) {
  const message = useMemo(() => {
    const tooLong = refusedTranscripts(
      picked.filter((p) => 'parsed' in p),
      duration,
    )
    const unreadable = picked.filter((p) => 'error' in p).length
    if (picked.length > 0 && tooLong.length + unreadable === picked.length) {
      const none =
        picked.length === 1
          ? 'The transcript cannot be added'
          : 'None of the transcripts can be added'
      return joinSentences(...tooLong, `${none}, so the call will be added without a transcript`)
    }
    if (tooLong.length > 0) {
      return joinSentences(
        ...tooLong,
        tooLong.length === 1 ? 'It will be left out' : 'They will be left out',
      )
    }
    return null
  }, [picked, duration])
  if (message === null) return null
  return (
    <p role="status" className="import-warning">
      {message}
    </p>
  )
}

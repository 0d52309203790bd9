import { useEffect, useRef, useState } from 'react'
import type { TrackKind } from '../../domain/types'
import type { TranscriptProgress } from '../../workers/transcript-client'
import { pickTranscript, type PickedTranscript } from './picked-transcript'
import { withLanguage } from './transcript-language'

/** A transcript file still being read (in a worker), in its place among the chosen files. */
export interface ReadingTranscript {
  readonly key: string
  readonly fileName: string
  readonly progress: TranscriptProgress
}

/** A chosen transcript file: being read, read, or refused with a sentence. */
export type ChosenTranscript = PickedTranscript | ReadingTranscript

/** The transcript files of a dialog and what can be done with them. */
export interface TranscriptReads {
  /** Every chosen file, in the order chosen. */
  readonly chosen: readonly ChosenTranscript[]
  /** The files read (or refused) so far, for the import. */
  readonly picked: readonly PickedTranscript[]
  /** Whether some file is still being read. */
  readonly reading: boolean
  /** Starts reading files; resolves nothing, each file takes its place when read. */
  readonly add: (files: readonly File[]) => void
  /** Stops reading a file; it stays in the list with a sentence saying it was left out. */
  readonly cancel: (key: string) => void
  readonly remove: (key: string) => void
  readonly update: (key: string, patch: { kind?: TrackKind; label?: string }) => void
  /** Sets a file's language as typed (a tag or a name), and the label the app made with it. */
  readonly setLanguage: (key: string, typed: string) => void
}

let counter = 0

const isPicked = (chosen: ChosenTranscript): chosen is PickedTranscript => !('progress' in chosen)

/**
 * The transcript files chosen in a dialog, each read in a worker of its own with its progress, and
 * a Cancel for each. `initialFiles` (files dropped on the window) are read on mount. Closing the
 * dialog stops every read.
 */
export function useTranscriptReads(
  existingCount = 0,
  initialFiles: readonly File[] = [],
): TranscriptReads {
  const [chosen, setChosen] = useState<readonly ChosenTranscript[]>([])
  /** Reads under way, by key. `cancelled`: the user's Cancel, which leaves a sentence; otherwise the read is dropped. */
  const running = useRef(new Map<string, { controller: AbortController; cancelled: boolean }>())

  const start = (files: readonly File[], first: number): (() => void) => {
    const keys: string[] = []
    files.forEach((file, i) => {
      const key = `reading-${++counter}`
      const run = { controller: new AbortController(), cancelled: false }
      keys.push(key)
      running.current.set(key, run)
      const replace = (next: ChosenTranscript | null) =>
        setChosen((list) => list.flatMap((c) => (c.key !== key ? [c] : next ? [next] : [])))
      setChosen((list) => [
        ...list,
        { key, fileName: file.name, progress: { stage: 'reading', fraction: 0 } },
      ])
      void pickTranscript(file, first + i, {
        signal: run.controller.signal,
        onProgress: (progress) => replace({ key, fileName: file.name, progress }),
      }).then((picked) => {
        running.current.delete(key)
        replace(run.controller.signal.aborted && !run.cancelled ? null : picked)
      })
    })
    // Drops these reads (the dialog closed, or React unmounted it to mount it again).
    return () => {
      for (const key of keys) running.current.get(key)?.controller.abort()
    }
  }

  useEffect(() => {
    if (initialFiles.length === 0) return
    return start(initialFiles, 0)
  }, [initialFiles])

  useEffect(() => {
    const reads = running.current
    return () => {
      for (const run of reads.values()) run.controller.abort()
    }
  }, [])

  return {
    chosen,
    picked: chosen.filter(isPicked),
    reading: chosen.some((c) => !isPicked(c)),
    add: (files) => void start(files, chosen.length + existingCount),
    cancel: (key) => {
      const run = running.current.get(key)
      if (!run) return
      run.cancelled = true
      run.controller.abort()
    },
    remove: (key) => setChosen((list) => list.filter((c) => c.key !== key)),
    update: (key, patch) =>
      setChosen((list) =>
        list.map((c) => (c.key === key && 'parsed' in c ? { ...c, ...patch } : c)),
      ),
    setLanguage: (key, typed) =>
      setChosen((list) =>
        list.map((c) => (c.key === key && 'parsed' in c ? withLanguage(c, typed) : c)),
      ),
  }
}

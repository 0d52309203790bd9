import { createLibraryRepository, type LibraryRepository } from '../../db/library-repository'
import { createNotesRepository } from '../../db/notes-repository'
import { requestPersistentStorage } from '../../db/storage'
import { formatClock } from '../../domain/time'
import { seconds, type Call, type Provenance, type Track } from '../../domain/types'
import { computePeaks } from '../../workers/peaks-client'
import { toTrack, transcriptEnd, type PickedTranscript } from './picked-transcript'
import { callIdFor } from '../../domain/call-id'

/** What the user typed in the metadata form. */
export interface CallForm {
  readonly title: string
  readonly recorded: string
  readonly participants: string
  readonly description: string
  readonly publisher: string
  readonly sourceUrl: string
  readonly audioOrigin: Provenance['audioOrigin']
  readonly transcribedBy: string
  readonly translatedBy: string
}

/** What an import did: the call, and per file whether it went in. */
export interface ImportOutcome {
  readonly callId: string
  readonly imported: readonly string[]
  /** One sentence per file left out, naming the file and why. */
  readonly notImported: readonly string[]
}

/** An import that wrote nothing; the message names the file and says what to do. */
export class ImportError extends Error {
  override name = 'ImportError'
}

/**
 * A format that gives only start times (plain text, point labels, oTranscribe) leaves the last
 * segment without an end; once the audio's length is known, it runs to the end of the audio.
 */
function closeLastSegment(track: Track, duration: number): Track {
  const last = track.segments.at(-1)
  if (!last || last.end > last.start || duration <= last.start) return track
  return {
    ...track,
    segments: [...track.segments.slice(0, -1), { ...last, end: seconds(duration) }],
  }
}

/** How far a transcript may run past the end of the audio before it is refused. */
function tolerance(duration: number): number {
  return Math.max(5, duration * 0.1)
}

/**
 * Splits picked transcripts into tracks to keep and sentences about the ones refused: files
 * that could not be read, and transcripts running well past the end of the audio. New
 * translations point at the call's original track (an existing one, or the first new one).
 */
export function checkTranscripts(
  picked: readonly PickedTranscript[],
  duration: number,
  existing: readonly Track[] = [],
): { tracks: Track[]; imported: string[]; notImported: string[] } {
  const tracks: Track[] = []
  const imported: string[] = []
  const notImported: string[] = []
  const taken = new Set(existing.map((t) => t.id))
  for (const p of picked) {
    if ('error' in p) {
      notImported.push(p.error)
      continue
    }
    const end = transcriptEnd(p.parsed)
    if (end > duration + tolerance(duration)) {
      notImported.push(
        `${p.fileName}: the transcript runs to ${formatClock(end)} but the audio lasts ${formatClock(duration)}; it belongs to another recording.`,
      )
      continue
    }
    const track = closeLastSegment(toTrack(p, taken), duration)
    taken.add(track.id)
    tracks.push(track)
    imported.push(p.fileName)
  }
  const original = [...existing, ...tracks].find((t) => t.kind === 'original')
  return {
    tracks: tracks.map((t) =>
      t.kind === 'translation' && original ? { ...t, translatedFrom: original.id } : t,
    ),
    imported,
    notImported,
  }
}

function optional<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  const trimmed = value.trim()
  return trimmed ? ({ [key]: trimmed } as Record<K, string>) : {}
}

/**
 * Imports one recording: computes its peaks (which also proves the browser can decode it),
 * checks the transcripts against its length, and writes the call, audio, tracks and peaks in
 * one transaction. Throws ImportError (nothing written) for unreadable audio; lets the
 * repository's DuplicateCallError and StorageFullError through.
 */
export async function runImport(
  request: {
    audio: File
    sha256: string
    transcripts: readonly PickedTranscript[]
    form: CallForm
    onProgress: (fraction: number) => void
    signal?: AbortSignal
  },
  repository: LibraryRepository = createLibraryRepository(),
): Promise<ImportOutcome> {
  const { audio, sha256, form } = request
  let peaks
  try {
    peaks = await computePeaks(audio, {
      onProgress: request.onProgress,
      ...(request.signal ? { signal: request.signal } : {}),
    })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new ImportError(`${audio.name}: ${reason}. Nothing was imported.`)
  }
  const { tracks, imported, notImported } = checkTranscripts(request.transcripts, peaks.duration)
  const callId = callIdFor(sha256)
  const call: Call = {
    id: callId,
    origin: 'imported',
    title: form.title.trim() || audio.name,
    recorded: form.recorded.trim(),
    participants: form.participants
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
      .map((name) => ({ name })),
    description: form.description.trim(),
    duration: seconds(peaks.duration),
    audio: { mimeType: audio.type || 'application/octet-stream', size: audio.size, sha256 },
    provenance: {
      audioOrigin: form.audioOrigin,
      ...optional('publisher', form.publisher),
      ...optional('sourceUrl', form.sourceUrl),
      ...optional('recorded', form.recorded),
      ...optional('transcribedBy', form.transcribedBy),
      ...optional('translatedBy', form.translatedBy),
      originalFile: {
        name: audio.name,
        size: audio.size,
        type: audio.type,
        importedAt: new Date().toISOString(),
      },
    },
    tracks,
  }
  await repository.addCall({
    call,
    audio,
    peaks: { binsPerSecond: peaks.binsPerSecond, duration: peaks.duration, peaks: peaks.peaks },
  })
  // Notes kept from an earlier import of the same audio come back with it.
  await createNotesRepository().reattach(sha256, callId)
  void requestPersistentStorage()
  return { callId, imported, notImported }
}

/** Adds transcripts to a call already in the library, checked against its length. */
export async function addTranscripts(
  call: Call,
  picked: readonly PickedTranscript[],
  repository: LibraryRepository = createLibraryRepository(),
): Promise<ImportOutcome> {
  const { tracks, imported, notImported } = checkTranscripts(picked, call.duration, call.tracks)
  if (tracks.length > 0) await repository.addTracks(call.id, tracks)
  return { callId: call.id, imported, notImported }
}

import { createLibraryRepository, type LibraryRepository } from '../../db/library-repository'
import { createNotesRepository } from '../../db/notes-repository'
import { requestPersistentStorage } from '../../db/storage'
import { joinSentences } from '../../domain/sentences'
import { formatClock } from '../../domain/time'
import { seconds, type Call, type Provenance, type Track } from '../../domain/types'
import { probeMedia } from '../../workers/media-probe'
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
  /** A new call (true), or transcripts added to a call already in the library (false). */
  readonly callAdded: boolean
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

/** The sentence refusing a transcript that runs well past audio of `duration` seconds; or null. */
function tooLong(
  picked: Extract<PickedTranscript, { parsed: unknown }>,
  duration: number,
): string | null {
  const end = transcriptEnd(picked.parsed)
  if (end <= duration + tolerance(duration)) return null
  return `${picked.fileName}: the transcript runs to ${formatClock(end)} but the audio lasts ${formatClock(duration)}; it belongs to another recording.`
}

/**
 * The sentences saying why each transcript will be refused, before the import runs: every one
 * that could not be read and, once the audio's length is known, every one running well past it.
 */
export function refusedTranscripts(
  picked: readonly PickedTranscript[],
  duration: number | null,
): string[] {
  return picked.flatMap((p) => {
    if ('error' in p) return [p.error]
    const refusal = duration === null ? null : tooLong(p, duration)
    return refusal === null ? [] : [refusal]
  })
}

/** The sentence refusing audio the browser cannot play: it names the file and says nothing was kept. */
export function unplayableAudio(fileName: string, reason: string): string {
  return joinSentences(`${fileName} cannot be imported: ${reason}`, 'Nothing was saved.')
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
    const refusal = tooLong(p, duration)
    if (refusal !== null) {
      notImported.push(refusal)
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
 * Imports one recording: proves the browser can open it as the player will (a media element reads
 * its length), computes its peaks (which proves it can be decoded too), checks the transcripts
 * against its length, and writes the call, audio, tracks and peaks in one transaction. Throws
 * ImportError (nothing written) for audio that cannot be played or read; lets the repository's
 * DuplicateCallError and StorageFullError through.
 */
export async function runImport(
  request: {
    audio: File
    sha256: string
    transcripts: readonly PickedTranscript[]
    form: CallForm
    onProgress: (fraction: number) => void
    signal?: AbortSignal
    /** The length a media element read when the file was chosen (probeMedia); read here if not given. */
    duration?: number
  },
  repository: LibraryRepository = createLibraryRepository(),
): Promise<ImportOutcome> {
  const { audio, sha256, form, signal } = request
  let duration = request.duration
  if (duration === undefined) {
    const probe = await probeMedia(audio, { signal })
    if (probe.kind === 'unplayable')
      throw new ImportError(unplayableAudio(audio.name, probe.reason))
    if (probe.kind === 'playable') duration = probe.duration
  }
  let peaks
  try {
    peaks = await computePeaks(audio, { onProgress: request.onProgress, signal, duration })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new ImportError(joinSentences(`${audio.name}: ${reason}`, 'Nothing was imported.'))
  }
  if (!(peaks.duration > 0)) {
    throw new ImportError(unplayableAudio(audio.name, 'it holds no sound'))
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
  return { callId, callAdded: true, imported, notImported }
}

/** Adds transcripts to a call already in the library, checked against its length. */
export async function addTranscripts(
  call: Call,
  picked: readonly PickedTranscript[],
  repository: LibraryRepository = createLibraryRepository(),
): Promise<ImportOutcome> {
  const { tracks, imported, notImported } = checkTranscripts(picked, call.duration, call.tracks)
  if (tracks.length > 0) await repository.addTracks(call.id, tracks)
  return { callId: call.id, callAdded: false, imported, notImported }
}

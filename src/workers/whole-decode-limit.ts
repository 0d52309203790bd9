/**
 * When the page's fallback, decodeAudioData of the whole file, must not run: it holds the whole
 * decoded signal at once (an hour of Opus cost about 2.9 GB in Chromium), so recordings longer
 * than a limit are refused with a sentence that says what to do instead. Pure.
 */

/** Twenty minutes: about 1 GB decoded at 48 kHz stereo in the worst case, survivable on a phone. */
export const maxWholeDecodeSeconds = 20 * 60

/** Whether a file of `durationSeconds` is too long to decode whole (unknown lengths are not refused). */
export function shouldRefuseWholeDecode(durationSeconds: number): boolean {
  return Number.isFinite(durationSeconds) && durationSeconds > maxWholeDecodeSeconds
}

/** A container's name and the file extension it usually has. */
export interface AudioFormat {
  readonly name: string
  readonly extension: string
}

const ascii = (bytes: Uint8Array, at: number, text: string): boolean =>
  Array.from(text).every((c, i) => bytes[at + i] === c.charCodeAt(0))

const includes = (bytes: Uint8Array, text: string): boolean => {
  const first = text.charCodeAt(0)
  for (let at = bytes.indexOf(first); at >= 0; at = bytes.indexOf(first, at + 1)) {
    if (ascii(bytes, at, text)) return true
  }
  return false
}

/** The format of a file from its first bytes (a few KB), or null when it is not recognised. */
export function sniffAudioFormat(head: Uint8Array): AudioFormat | null {
  if (ascii(head, 0, 'fLaC')) return { name: 'FLAC', extension: 'flac' }
  if (ascii(head, 0, 'OggS')) {
    // The first packet of the first stream names the codec.
    const body = 27 + (head[26] ?? 0)
    if (ascii(head, body, 'OpusHead')) return { name: 'Opus', extension: 'opus' }
    if (ascii(head, body, '\x01vorbis')) return { name: 'Ogg Vorbis', extension: 'ogg' }
    if (ascii(head, body, '\x7fFLAC')) return { name: 'Ogg FLAC', extension: 'oga' }
    return { name: 'Ogg', extension: 'ogg' }
  }
  if (ascii(head, 4, 'ftyp')) return { name: 'M4A', extension: 'm4a' }
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) {
    return includes(head.subarray(0, 64), 'webm')
      ? { name: 'WebM', extension: 'webm' }
      : { name: 'Matroska', extension: 'mka' }
  }
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE')) return { name: 'WAV', extension: 'wav' }
  if (ascii(head, 0, 'FORM') && (ascii(head, 8, 'AIFF') || ascii(head, 8, 'AIFC'))) {
    return { name: 'AIFF', extension: 'aiff' }
  }
  if (ascii(head, 0, 'caff')) return { name: 'CAF', extension: 'caf' }
  if (ascii(head, 0, 'ID3')) return { name: 'MP3', extension: 'mp3' }
  // ADTS: a 12-bit sync word, then layer 00 (MP3 frames have a non-zero layer).
  if (head[0] === 0xff && ((head[1] ?? 0) & 0xf6) === 0xf0) return { name: 'AAC', extension: 'aac' }
  if (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0) return { name: 'MP3', extension: 'mp3' }
  return null
}

/** A length in hours and minutes, for sentences: "2 h 13 min", "45 min", "3 h". */
export function formatLength(seconds: number): string {
  const minutes = Math.round(seconds / 60)
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  if (hours === 0) return `${rest} min`
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`
}

/** The sentence that refuses a whole-file decode of a long recording and says what to do instead. */
export function wholeDecodeRefusal(format: AudioFormat | null, durationSeconds: number): string {
  const length = formatLength(durationSeconds)
  const file = format === null ? 'this file' : `this ${format.name} file`
  if (format?.name === 'MP3' || format?.name === 'Opus') {
    // Verbatim streams these through WebCodecs; landing here means this browser cannot.
    return (
      `${file} is ${length} long, and this browser cannot decode ${format.name} a piece at a ` +
      'time (WebCodecs), which Verbatim needs for long recordings — import it in a current ' +
      'Chrome or Edge'
    )
  }
  const input = format === null ? 'your-file' : `in.${format.extension}`
  const which =
    format?.name === 'WAV'
      ? `${file} is ${length} long and in an encoding Verbatim cannot read a piece at a time;`
      : `${file} is ${length} long; Verbatim draws waveforms of long recordings from MP3, Opus or WAV only —`
  return `${which} convert it (e.g. ffmpeg -i ${input} -c:a libopus out.opus) and import that`
}

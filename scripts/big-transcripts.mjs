// Large transcripts, made in memory, for the long-task browser tests
// (tests/budgets/import-long-tasks.spec.ts) and the import benchmark (bench-import.mjs): a WebVTT of
// many short cues and an openai-whisper JSON with word times of a given size; and a long silent
// recording for a transcript to belong to.

const pad = (n, width = 2) => String(n).padStart(width, '0')

/** `hh:mm:ss.mmm` of a time in milliseconds. */
function stamp(ms) {
  const h = Math.floor(ms / 3_600_000)
  const m = Math.floor(ms / 60_000) % 60
  const s = Math.floor(ms / 1000) % 60
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`
}

const WORDS = ['the', 'call', 'was', 'placed', 'at', 'nine', 'she', 'said', 'nobody', 'signed']

/**
 * A WebVTT of `count` cues of `cueMs` milliseconds (0.4 s unless given), five words each (100,000
 * cues make 6.9 MB).
 */
export function manyCuesVtt(count, cueMs = 400) {
  const parts = ['WEBVTT', '']
  for (let i = 0; i < count; i++) {
    const start = i * cueMs
    const words = [i, i * 7 + 3, i * 3 + 1, i * 9 + 5, i * 5 + 7].map((n) => WORDS[n % 10])
    parts.push(
      String(i + 1),
      `${stamp(start)} --> ${stamp(start + cueMs)}`,
      `${words.join(' ')} ${i}`,
      '',
    )
  }
  return parts.join('\n')
}

/**
 * An openai-whisper JSON (segments with tokens and timed words, as `--word_timestamps True`
 * writes it) of at least `bytes` bytes; returns the text and its segment count.
 */
export function whisperJson(bytes) {
  const segments = []
  let size = 0
  let time = 0
  for (let i = 0; size < bytes; i++) {
    const words = Array.from({ length: 12 }, (_, j) => WORDS[(i + j * 3) % 10])
    const start = time
    const timed = words.map((word, j) => ({
      word: ` ${word}`,
      start: Number((start + j * 0.25).toFixed(2)),
      end: Number((start + j * 0.25 + 0.22).toFixed(2)),
      probability: 0.9123,
    }))
    time = start + words.length * 0.25 + 0.5
    const segment = JSON.stringify({
      id: i,
      seek: Math.floor(start * 100),
      start: Number(start.toFixed(2)),
      end: Number((time - 0.5).toFixed(2)),
      text: ` ${words.join(' ')}.`,
      tokens: words.map((_, j) => 50364 + ((i * 12 + j) % 1000)),
      temperature: 0,
      avg_logprob: -0.2345,
      compression_ratio: 1.4567,
      no_speech_prob: 0.0123,
      words: timed,
    })
    segments.push(segment)
    size += segment.length + 1
  }
  return {
    text: `{"text": "", "segments": [${segments.join(',')}], "language": "en"}`,
    segments: segments.length,
  }
}

/**
 * A silent WAV of `seconds`: 8-bit mono PCM at 3 kHz, the lowest rate Chromium plays, so an hour
 * is 10.8 MB.
 */
export function silentWav(seconds) {
  const rate = 3000
  const count = Math.round(seconds * rate)
  const bytes = Buffer.alloc(44 + count, 128)
  bytes.write('RIFF', 0, 'ascii')
  bytes.writeUInt32LE(36 + count, 4)
  bytes.write('WAVEfmt ', 8, 'ascii')
  bytes.writeUInt32LE(16, 16)
  bytes.writeUInt16LE(1, 20) // PCM
  bytes.writeUInt16LE(1, 22) // mono
  bytes.writeUInt32LE(rate, 24)
  bytes.writeUInt32LE(rate, 28) // bytes a second
  bytes.writeUInt16LE(1, 32) // bytes a frame
  bytes.writeUInt16LE(8, 34)
  bytes.write('data', 36, 'ascii')
  bytes.writeUInt32LE(count, 40)
  return bytes
}

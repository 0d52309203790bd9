// 16-bit mono WAV files and espeak-ng's speech in them, for the generators of the sample library
// and the test calls.
import fs from 'node:fs'

/** Reads a 16-bit PCM mono WAV into samples. */
export function readWav16(file) {
  const buf = fs.readFileSync(file)
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${file}: not a WAV file`)
  }
  let offset = 12
  let rate = 0
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4)
    let size = buf.readUInt32LE(offset + 4)
    const body = offset + 8
    if (id === 'fmt ') {
      const format = buf.readUInt16LE(body)
      const channels = buf.readUInt16LE(body + 2)
      const bits = buf.readUInt16LE(body + 14)
      if (format !== 1 || channels !== 1 || bits !== 16) {
        throw new Error(`${file}: expected 16-bit PCM mono`)
      }
      rate = buf.readUInt32LE(body + 4)
    } else if (id === 'data') {
      // Streaming writers may leave the size unset; clamp to the file.
      size = Math.min(size, buf.length - body) & ~1
      const samples = new Int16Array(size / 2)
      for (let i = 0; i < samples.length; i++) samples[i] = buf.readInt16LE(body + i * 2)
      if (!rate) throw new Error(`${file}: data before fmt`)
      return { rate, samples }
    }
    offset = body + size + (size & 1)
  }
  throw new Error(`${file}: no data chunk`)
}

export function writeWav16(file, rate, samples) {
  const buf = Buffer.alloc(44 + samples.length * 2)
  buf.write('RIFF', 0, 'ascii')
  buf.writeUInt32LE(36 + samples.length * 2, 4)
  buf.write('WAVE', 8, 'ascii')
  buf.write('fmt ', 12, 'ascii')
  buf.writeUInt32LE(16, 16)
  buf.writeUInt16LE(1, 20)
  buf.writeUInt16LE(1, 22)
  buf.writeUInt32LE(rate, 24)
  buf.writeUInt32LE(rate * 2, 28)
  buf.writeUInt16LE(2, 32)
  buf.writeUInt16LE(16, 34)
  buf.write('data', 36, 'ascii')
  buf.writeUInt32LE(samples.length * 2, 40)
  for (let i = 0; i < samples.length; i++) buf.writeInt16LE(samples[i], 44 + i * 2)
  fs.writeFileSync(file, buf)
}

/** First and one-past-last non-silent sample (espeak-ng's silence is digital zero). */
export function speechBounds(samples) {
  let first = -1
  let last = -1
  for (let i = 0; i < samples.length; i++) {
    if (samples[i] !== 0) {
      if (first < 0) first = i
      last = i
    }
  }
  if (first < 0) throw new Error('no speech in synthesised audio')
  return { start: first, end: last + 1 }
}

/**
 * What the peaks reader needs to know of Opus in Ogg (RFC 7845) without decoding it: the
 * identification header, and how many samples a packet holds (RFC 6716 §3.1). Pure.
 */

/** The fields of an OpusHead packet that matter here. */
export interface OpusHead {
  readonly channels: number
  /** Samples (at 48 kHz) the decoder outputs before the real start of the audio. */
  readonly preSkip: number
  /** The rate of the audio before encoding (informative: Opus always decodes at 48 kHz). */
  readonly inputSampleRate: number
  readonly mappingFamily: number
}

/** Opus packets count time in samples at 48 kHz, whatever the input rate was. */
export const opusSampleRate = 48_000

/** The longest packet allowed: 120 ms. */
const maxPacketSamples = 5760

const magic = (bytes: Uint8Array, at: number, text: string): boolean =>
  Array.from(text).every((c, i) => bytes[at + i] === c.charCodeAt(0))

/** Reads an OpusHead packet, or returns null when `packet` is not one (or of a version we cannot read). */
export function parseOpusHead(packet: Uint8Array): OpusHead | null {
  if (packet.length < 19 || !magic(packet, 0, 'OpusHead')) return null
  // Versions 0..15 are compatible with version 1; higher major versions are not.
  if ((packet[8] ?? 0) > 15) return null
  const channels = packet[9] ?? 0
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength)
  if (channels === 0) return null
  return {
    channels,
    preSkip: view.getUint16(10, true),
    inputSampleRate: view.getUint32(12, true),
    mappingFamily: packet[18] ?? 0,
  }
}

/** Whether `packet` is the OpusTags comment header. */
export function isOpusTags(packet: Uint8Array): boolean {
  return packet.length >= 8 && magic(packet, 0, 'OpusTags')
}

// Frame sizes by TOC configuration (the top five bits), in samples at 48 kHz: SILK-only 10, 20,
// 40, 60 ms; hybrid 10, 20 ms; CELT-only 2.5, 5, 10, 20 ms.
const frameSamples = [
  ...[0, 1, 2].flatMap(() => [480, 960, 1920, 2880]),
  ...[0, 1].flatMap(() => [480, 960]),
  ...[0, 1, 2, 3].flatMap(() => [120, 240, 480, 960]),
]

/**
 * Samples (at 48 kHz) in an Opus packet, from its TOC byte and, for code 3, the frame count in
 * the next byte. 0 for a packet that is empty or malformed (longer than 120 ms).
 */
export function opusPacketSamples(packet: Uint8Array): number {
  const toc = packet[0]
  if (toc === undefined) return 0
  const perFrame = frameSamples[toc >> 3] ?? 0
  const code = toc & 3
  let frames: number
  if (code === 0) frames = 1
  else if (code !== 3) frames = 2
  else if (packet.length < 2) return 0
  else frames = (packet[1] ?? 0) & 0x3f
  const samples = perFrame * frames
  return samples > maxPacketSamples ? 0 : samples
}

/** Whether the first bytes of a file are an Ogg page holding an OpusHead packet. */
export function sniffOggOpus(head: Uint8Array): boolean {
  if (head.length < 28 || !magic(head, 0, 'OggS')) return false
  const segments = head[26] ?? 0
  return magic(head, 27 + segments, 'OpusHead')
}

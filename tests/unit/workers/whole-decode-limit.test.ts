// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  formatLength,
  maxWholeDecodeSeconds,
  shouldRefuseWholeDecode,
  sniffAudioFormat,
  wholeDecodeRefusal,
} from '../../../src/workers/whole-decode-limit'
import { readAudioFixture } from './ogg-test-files'

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((part) =>
      typeof part === 'string' ? Array.from(part, (c) => c.charCodeAt(0)) : part,
    ),
  )

describe('shouldRefuseWholeDecode', () => {
  it('lets through up to 20 minutes and refuses anything longer', () => {
    expect(maxWholeDecodeSeconds).toBe(1200)
    expect(shouldRefuseWholeDecode(60)).toBe(false)
    expect(shouldRefuseWholeDecode(1200)).toBe(false)
    expect(shouldRefuseWholeDecode(1200.5)).toBe(true)
    expect(shouldRefuseWholeDecode(8 * 3600)).toBe(true)
  })

  it('does not refuse a length it does not know', () => {
    expect(shouldRefuseWholeDecode(Number.NaN)).toBe(false)
    expect(shouldRefuseWholeDecode(Infinity)).toBe(false)
  })
})

describe('formatLength', () => {
  it('says hours and minutes, rounded to the minute', () => {
    expect(formatLength(2 * 3600 + 13 * 60 + 5)).toBe('2 h 13 min')
    expect(formatLength(45 * 60)).toBe('45 min')
    expect(formatLength(3 * 3600)).toBe('3 h')
    expect(formatLength(3599.9)).toBe('1 h')
    expect(formatLength(25 * 60 + 31)).toBe('26 min')
  })
})

describe('sniffAudioFormat', () => {
  it('names the containers that reach the fallback', () => {
    expect(sniffAudioFormat(bytes('fLaC', [0, 0, 0, 34]))?.name).toBe('FLAC')
    expect(sniffAudioFormat(bytes([0, 0, 0, 32], 'ftypM4A ', [0, 0, 2, 0]))?.name).toBe('M4A')
    expect(
      sniffAudioFormat(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], 'webm')),
    ).toEqual({ name: 'WebM', extension: 'webm' })
    expect(
      sniffAudioFormat(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x42, 0x82, 0x88], 'matroska'))?.name,
    ).toBe('Matroska')
    expect(sniffAudioFormat(bytes([0xff, 0xf1, 0x50, 0x80]))?.name).toBe('AAC')
    expect(sniffAudioFormat(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))?.name).toBe('WAV')
    expect(sniffAudioFormat(bytes('FORM', [0, 0, 0, 0], 'AIFF'))?.name).toBe('AIFF')
    expect(sniffAudioFormat(bytes('caff', [0, 1, 0, 0]))?.name).toBe('CAF')
  })

  it('tells Ogg Opus, Ogg Vorbis and Ogg FLAC apart by their first packet', () => {
    const opus = readAudioFixture('speech-mono-24k.opus').subarray(0, 4096)
    expect(sniffAudioFormat(opus)).toEqual({ name: 'Opus', extension: 'opus' })
    const vorbis = opus.slice()
    vorbis.set(bytes('\x01vorbis'), 28)
    expect(sniffAudioFormat(vorbis)).toEqual({ name: 'Ogg Vorbis', extension: 'ogg' })
    const flac = opus.slice()
    flac.set(bytes('\x7fFLAC'), 28)
    expect(sniffAudioFormat(flac)?.name).toBe('Ogg FLAC')
  })

  it('recognises MP3 with and without an ID3 tag', () => {
    expect(sniffAudioFormat(readAudioFixture('id3v2-garbage.mp3'))?.name).toBe('MP3')
    expect(sniffAudioFormat(readAudioFixture('mpeg2-16k-mono-cbr.mp3'))?.name).toBe('MP3')
  })

  it('gives null for anything else', () => {
    expect(sniffAudioFormat(bytes('%PDF-1.7'))).toBeNull()
    expect(sniffAudioFormat(new Uint8Array(0))).toBeNull()
  })
})

describe('wholeDecodeRefusal', () => {
  const long = 2 * 3600 + 13 * 60

  it('tells what to convert a long file to, with the command for its format', () => {
    expect(wholeDecodeRefusal({ name: 'FLAC', extension: 'flac' }, long)).toBe(
      'this FLAC file is 2 h 13 min long; Verbatim draws waveforms of long recordings from ' +
        'MP3, Opus or WAV only — convert it (e.g. ffmpeg -i in.flac -c:a libopus out.opus) and ' +
        'import that',
    )
    expect(wholeDecodeRefusal(null, long)).toBe(
      'this file is 2 h 13 min long; Verbatim draws waveforms of long recordings from MP3, Opus ' +
        'or WAV only — convert it (e.g. ffmpeg -i your-file -c:a libopus out.opus) and import that',
    )
  })

  it('does not tell to convert a WAV file to WAV', () => {
    const message = wholeDecodeRefusal({ name: 'WAV', extension: 'wav' }, 1500)
    expect(message).toMatch(/^this WAV file is 25 min long and in an encoding Verbatim cannot read/)
    expect(message).toContain('ffmpeg -i in.wav -c:a libopus out.opus')
  })

  it('blames the browser, not the file, for MP3 and Opus (which Verbatim streams with WebCodecs)', () => {
    const message = wholeDecodeRefusal({ name: 'MP3', extension: 'mp3' }, long)
    expect(message).toMatch(/^this MP3 file is 2 h 13 min long, and this browser cannot decode MP3/)
    expect(message).not.toContain('convert')
  })
})

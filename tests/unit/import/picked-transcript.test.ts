import { describe, expect, it } from 'vitest'
import {
  MAX_TRANSCRIPT_BYTES,
  pickTranscript,
} from '../../../src/features/import/picked-transcript'

describe('pickTranscript', () => {
  it('reads a transcript and guesses its language', async () => {
    const file = new File(['WEBVTT\n\n00:00.000 --> 00:02.000\nHello there.\n'], 'hello.vtt')
    const picked = await pickTranscript(file, 0)
    expect(picked).toMatchObject({ fileName: 'hello.vtt', kind: 'original' })
    expect('parsed' in picked && picked.parsed.segments.map((s) => s.text)).toEqual([
      'Hello there.',
    ])
  })

  it('refuses a file too large to read on the page, naming it and its size, without reading it', async () => {
    const huge = new File([new Uint8Array(MAX_TRANSCRIPT_BYTES + 1024 * 1024)], 'huge.vtt')
    let read = false
    Object.defineProperty(huge, 'arrayBuffer', {
      value: () => {
        read = true
        return Promise.resolve(new ArrayBuffer(0))
      },
    })
    const picked = await pickTranscript(huge, 0)
    expect('error' in picked && picked.error).toMatch(
      /^huge\.vtt: the file is 26 MB, more than the 25 MB/,
    )
    expect(read).toBe(false)
  })

  it('names the file and line of a transcript it cannot parse', async () => {
    const file = new File(['1\n00:00:01,000 --> soon\nHello\n'], 'broken.srt')
    const picked = await pickTranscript(file, 0)
    expect('error' in picked && picked.error).toMatch(/^broken\.srt: .*line \d+/)
  })
})

describe('pickTranscript, cancelled', () => {
  it('leaves the file out with a sentence naming it', async () => {
    const file = new File(['WEBVTT\n\n00:00.000 --> 00:02.000\nHello there.\n'], 'long.vtt')
    const controller = new AbortController()
    controller.abort()
    const picked = await pickTranscript(file, 0, { signal: controller.signal })
    expect('error' in picked && picked.error).toBe(
      'long.vtt: reading it was cancelled before it finished.',
    )
  })
})

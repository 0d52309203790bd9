import { describe, expect, it } from 'vitest'
import {
  MAX_TRANSCRIPT_BYTES,
  pickTranscript,
  toTrack,
  type PickedTranscript,
} from '../../../src/features/import/picked-transcript'
import {
  languageProblem,
  languageSource,
  needsLanguage,
  unsureDetail,
  withLanguage,
} from '../../../src/features/import/transcript-language'
import { CALL_LINES, srtOf, vttOf } from '../../helpers/language-samples'

type Parsed = Extract<PickedTranscript, { parsed: unknown }>

async function pick(text: string, name: string): Promise<Parsed> {
  const picked = await pickTranscript(new File([text], name), 0)
  if (!('parsed' in picked)) throw new Error(picked.error)
  return picked
}

describe('pickTranscript', () => {
  it('reads a transcript', async () => {
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

describe('the language of a picked transcript', () => {
  it('a Spanish SRT is Spanish, told from the text, and labelled so', async () => {
    const picked = await pick(srtOf(CALL_LINES.es), 'llamada.srt')
    expect(picked).toMatchObject({ language: 'es', label: 'Spanish' })
    expect(picked.languageGuess).toMatchObject({ sure: true, reason: 'detected' })
    expect(languageProblem(picked)).toBeUndefined()
    expect(languageSource(picked)).toBe('Spanish (es), told from the text')
    expect(toTrack(picked, new Set())).toMatchObject({ id: 'es', language: 'es', label: 'Spanish' })
  })

  it('a declared WebVTT Language header is used over the text', async () => {
    const picked = await pick(vttOf(CALL_LINES.short, ['Language: fr']), 'court.vtt')
    expect(picked).toMatchObject({ language: 'fr', label: 'French' })
    expect(languageSource(picked)).toBe('French (fr), as the file declares')
  })

  it('a text too short to tell asks for the language, naming the file, and holds back adding', async () => {
    const picked = await pick(srtOf(CALL_LINES.short), 'short.srt')
    expect(picked).toMatchObject({ language: '', label: 'short.srt' })
    expect(languageProblem(picked)).toBe('We could not tell the language of short.srt: choose it.')
    expect(unsureDetail(picked)).toBe('Its text is too short to tell.')
    expect(needsLanguage([picked])).toBe(true)

    const chosen = withLanguage(picked, 'Spanish')
    expect(chosen).toMatchObject({ language: 'Spanish', label: 'Spanish' })
    expect(languageProblem(chosen)).toBeUndefined()
    expect(languageSource(chosen)).toBe('Spanish (es)')
    expect(needsLanguage([chosen])).toBe(false)
    expect(toTrack(chosen, new Set())).toMatchObject({ language: 'es', label: 'Spanish' })
  })

  it('an unsure text names the closest languages', async () => {
    const picked = await pick(srtOf(CALL_LINES.ca), 'trucada.srt')
    expect(picked.language).toBe('')
    expect(unsureDetail(picked)).toMatch(
      /^It reads closest to .*Spanish.*, but not clearly enough\.$/,
    )
  })

  it('a typed value that is no language is refused in a sentence naming the file', async () => {
    const picked = withLanguage(await pick(srtOf(CALL_LINES.es), 'llamada.srt'), 'en"><img src=x>')
    expect(languageProblem(picked)).toBe(
      'The language of llamada.srt, “en"><img src=x>”, is neither a language tag (such as es or pt-BR) nor a language name (such as Spanish): choose it.',
    )
    expect(needsLanguage([picked])).toBe(true)
    // The label followed the language while it was the one made for it; it is never the typed junk.
    expect(picked.label).toBe('llamada.srt')
    expect(toTrack(picked, new Set()).language).toBe('und')
  })

  it('a label the user typed is kept when the language changes', async () => {
    const picked = { ...(await pick(srtOf(CALL_LINES.es), 'llamada.srt')), label: 'Original' }
    expect(withLanguage(picked, 'pt').label).toBe('Original')
  })

  it('a Verbatim JSON language that is not a tag is ignored with a warning; the text tells it', async () => {
    const file = JSON.stringify({
      format: 'verbatim-transcript',
      version: 1,
      language: 'en"><img src=x>',
      segments: CALL_LINES.de.map((text, i) => ({ start: i * 3, end: i * 3 + 3, text })),
    })
    const picked = await pick(file, 'hostile.json')
    expect(picked).toMatchObject({ language: 'de', label: 'German' })
    expect(picked.parsed.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^\$\.language gives the language as "en"><img src=x>", which is not/),
    ])
    expect(toTrack(picked, new Set()).language).toBe('de')
  })

  it('files that could not be read hold nothing back', () => {
    expect(needsLanguage([{ key: 'k', fileName: 'x.srt', error: 'x.srt: broken' }])).toBe(false)
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

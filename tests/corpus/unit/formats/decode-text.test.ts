// @vitest-environment node
import { relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeText } from '../../../../src/formats/decode-text'
import { corpusPath, readCorpus } from '../../../helpers/corpus'
import { expectEncodingWarnings } from '../../../unit/formats/format-files'
import { filesUnder } from '../corpus-files'

describe('decodeText on the SRT corpus', () => {
  // What shared/corpus/srt/README.md says each file is; everything else is UTF-8.
  const expected: Record<string, string> = {
    'go-astisub/testdata/example-in-non-utf8.srt': 'utf-16le',
    'go-astisub/testdata/example-in-non-utf8.vtt': 'utf-16le',
    'pysrt/tests/static/bom-utf-16-le.srt': 'utf-16le',
    'pysrt/tests/static/bom-utf-16-be.srt': 'utf-16be',
    'pysrt/tests/static/bom-utf-32-le.srt': 'utf-32le',
    'pysrt/tests/static/bom-utf-32-be.srt': 'utf-32be',
    'pysrt/tests/static/windows-1252.srt': 'windows-1252',
    'cdown-srt/srt_tools/tests/files/gb2312.srt': 'gb18030',
  }
  const files = filesUnder(corpusPath('srt')).map((path) => relative(corpusPath('srt'), path))

  it('covers every file of the folder', () => {
    expect(files.length).toBeGreaterThanOrEqual(35)
    for (const name of Object.keys(expected)) expect(files).toContain(name)
  })

  it.each(files)('%s', (name) => {
    const decoded = decodeText(readCorpus('srt', name), name)
    const encoding = expected[name] ?? 'utf-8'
    expect(decoded.encoding).toBe(encoding)
    expect(decoded.text).not.toContain('\uFFFD')
    expect(decoded.text.startsWith('\uFEFF')).toBe(false)
    expectEncodingWarnings(decoded, name)
  })

  it('reads the five BOM-marked copies of one file as the same text', () => {
    const texts = ['utf-8', 'utf-16-le', 'utf-16-be', 'utf-32-le', 'utf-32-be'].map(
      (variant) =>
        decodeText(readCorpus('srt', 'pysrt/tests/static', `bom-${variant}.srt`), 'x').text,
    )
    expect(new Set(texts).size).toBe(1)
    expect(texts[0]?.startsWith('1\n00:00:06,500')).toBe(true)
  })

  it('reads the Windows-1252 film file as the same text as its UTF-8 copy (after CRLF → LF)', () => {
    const cp1252 = decodeText(readCorpus('srt', 'pysrt/tests/static/windows-1252.srt'), 'w.srt')
    const utf = decodeText(readCorpus('srt', 'pysrt/tests/static/utf-8.srt'), 'u.srt')
    expect(cp1252.text.replace(/\r\n/g, '\n')).toBe(utf.text)
    expect(utf.text).toContain('ÉVÉNEMENTS')
  })

  it('reads GB2312 Chinese', () => {
    const gb = decodeText(readCorpus('srt', 'cdown-srt/srt_tools/tests/files/gb2312.srt'), 'gb.srt')
    expect(gb.text).toContain('宇宙守护神  保护我们远离邪恶')
    expect(gb.text).toContain('轻轻一跳就能飞跃高楼')
  })

  it('reads the UTF-16 astisub file as the UTF-8 one without its BOM', () => {
    const wide = decodeText(readCorpus('srt', 'go-astisub/testdata/example-in-non-utf8.srt'), 'a')
    const narrow = decodeText(readCorpus('srt', 'go-astisub/testdata/example-in.srt'), 'b')
    expect(wide.text).toBe(narrow.text)
  })
})

import { describe, expect, it } from 'vitest'
import { citationSheetHtml, escapeHtml } from '../../../src/archive/citation-sheet'
import type { Call } from '../../../src/domain/types'
import { importedSamples, noteOn } from '../../helpers/library'

const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '</style><script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "' onmouseover='alert(1)",
  'Tom & Jerry &amp; &lt;b&gt;',
  '<!-- comment --><![CDATA[x]]>',
  '</title></textarea></p><iframe src=javascript:alert(1)>',
]

describe('escapeHtml', () => {
  it('escapes the five characters that make markup', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    )
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;')
    expect(escapeHtml('</style>')).toBe('&lt;/style&gt;')
    expect(escapeHtml('&amp;')).toBe('&amp;amp;')
    expect(escapeHtml('plain text, 中文 ✓')).toBe('plain text, 中文 ✓')
  })

  it('gives back the same text once parsed, whatever it holds', () => {
    for (const payload of PAYLOADS) {
      const div = document.createElement('div')
      div.innerHTML = escapeHtml(payload)
      expect(div.childElementCount).toBe(0)
      expect(div.textContent).toBe(payload)
    }
  })
})

/** A call whose every user-typed field, and every note, holds markup. */
function hostileCall(): { call: Call; sheet: string } {
  const stored = importedSamples()[0]
  if (!stored) throw new Error('sample missing')
  const payload = PAYLOADS.join(' ')
  const call: Call = {
    ...stored.call,
    title: `Call ${payload}`,
    recorded: payload,
    description: payload,
    participants: [{ name: payload, role: payload }],
    provenance: {
      ...stored.call.provenance,
      audioOrigin: 'synthetic',
      publisher: payload,
      sourceUrl: `javascript:alert(1)//${payload}`,
      note: payload,
      originalFile: { name: payload, size: 1, type: payload, importedAt: payload },
    },
    tracks: stored.call.tracks.map((track) => ({
      ...track,
      label: payload,
      segments: track.segments.map((s) => ({ ...s, text: payload, speaker: payload })),
    })),
  }
  const notes = [
    noteOn(call, { text: payload, tags: PAYLOADS, quote: { trackId: 'en', text: payload } }),
    noteOn(call, { text: payload, quote: undefined, end: undefined }),
  ]
  const sheet = citationSheetHtml({
    call,
    notes,
    files: [{ path: `audio/${payload}`, size: 3, sha256: 'a'.repeat(64) }],
    createdAt: '2026-12-01T09:00:00.000Z',
    appOrigin: 'https://verbatim.example/',
  })
  return { call, sheet }
}

describe('citation sheet', () => {
  it('makes no element out of user text, and shows that text as it was typed', () => {
    const { sheet } = hostileCall()
    const doc = new DOMParser().parseFromString(sheet, 'text/html')

    for (const tag of ['img', 'script', 'svg', 'iframe', 'a', 'textarea', 'link', 'object'])
      expect(doc.querySelectorAll(tag)).toHaveLength(0)
    expect(doc.querySelectorAll('style')).toHaveLength(1)
    expect(doc.querySelectorAll('title')).toHaveLength(1)
    // Only the page's own attributes exist: no handler or URL came from the text.
    const attributes = [...doc.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].map((a) => a.name),
    )
    expect(new Set(attributes)).toEqual(
      new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'class']),
    )
    const text = doc.body.textContent ?? ''
    for (const payload of PAYLOADS) expect(text).toContain(payload)
    expect(doc.title).toContain('<img src=x onerror=alert(1)>')
  })

  it('forbids scripts and loads through its own Content-Security-Policy', () => {
    const { sheet } = hostileCall()
    const doc = new DOMParser().parseFromString(sheet, 'text/html')
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')
    expect(csp?.getAttribute('content')).toBe("default-src 'none'; style-src 'unsafe-inline'")
  })

  it('lists the call, provenance, hashes, tracks and every note with times, quote, tags and a citation', () => {
    const stored = importedSamples().find((s) => s.call.title.includes('Li Changchun'))
    if (!stored) throw new Error('sample missing')
    const { call } = stored
    const note = noteOn(call, {
      start: 7.687 as never,
      end: 10.313 as never,
      quote: { trackId: 'en', text: 'Zhou Yongkang is in charge of this specifically.' },
      text: 'Matches the report.\nSecond line.',
      tags: ['name', 'verified-by-ear'],
      state: 'verified',
    })
    const moment = noteOn(call, {
      start: 3.05 as never,
      end: undefined,
      quote: undefined,
      text: 'Here.',
    })
    const doc = new DOMParser().parseFromString(
      citationSheetHtml({
        call,
        notes: [note, moment],
        files: [{ path: 'audio/call.mp3', size: call.audio.size, sha256: call.audio.sha256 }],
        createdAt: '2026-12-01T09:00:00.000Z',
        appOrigin: 'https://verbatim.example/',
      }),
      'text/html',
    )
    const text = doc.body.textContent ?? ''
    expect(doc.querySelector('h1')?.textContent).toBe(call.title)
    expect(text).toContain(call.audio.sha256)
    expect(text).toContain('Synthetic: not the original recording')
    expect(doc.querySelector('.warning')?.textContent).toMatch(/synthetic/)
    const articles = [...doc.querySelectorAll('article')]
    // In time order: the moment at 3.05 s comes first.
    expect(articles.map((a) => a.querySelector('h3')?.textContent)).toEqual([
      '00:00:03.0 · listened',
      '00:00:07.6–00:00:10.3 · verified',
    ])
    const second = articles[1]
    expect(second?.querySelector('blockquote')?.textContent).toBe(
      'Zhou Yongkang is in charge of this specifically.',
    )
    expect(second?.textContent).toContain('Tags: name, verified-by-ear')
    expect(second?.querySelector('.note-text')?.textContent).toBe(
      'Matches the report.\nSecond line.',
    )
    const citation = second?.querySelector('.citation')?.textContent ?? ''
    expect(citation).toContain('“Zhou Yongkang is in charge of this specifically.”')
    expect(citation).toContain(`${call.title}, recorded 2012-04, 00:00:07.6–00:00:10.3`)
    expect(citation).toContain(`Audio SHA-256 ${call.audio.sha256}`)
    // The Chinese line holds both English lines: it is given whole, with its own times, and says so.
    expect(citation).toContain(
      '“这件事具体是周永康负责的。他知道这件事。” (中文（据英文译出，非原话）, translation) (whole line, 00:00:07.6–00:00:11.3: runs past the cited range)',
    )
    expect(citation).toContain(`https://verbatim.example/#/call/${call.id}?t=7.687,10.313&rev=`)
    expect([...doc.querySelectorAll('tbody tr')].map((r) => r.textContent)).toContain(
      `audio/call.mp3${call.audio.size}${call.audio.sha256}`,
    )
  })
})

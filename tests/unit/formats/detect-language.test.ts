import { describe, expect, it } from 'vitest'
import { detectLanguage, windowsOf } from '../../../src/formats/detect-language'
import { CALL_LINES } from '../../helpers/language-samples'

describe('detectLanguage', () => {
  it.each([
    ['es', CALL_LINES.es],
    ['fr', CALL_LINES.fr],
    ['de', CALL_LINES.de],
    ['en', CALL_LINES.en],
  ])('tells %s from the text of a call', (tag, lines) => {
    expect(detectLanguage(lines)).toEqual({ tag, sure: true, reason: 'detected', candidates: [] })
  })

  it('is not sure of a short text, and says it is too short rather than guessing English', () => {
    expect(detectLanguage(CALL_LINES.short)).toEqual({
      tag: '',
      sure: false,
      reason: 'too-short',
      candidates: [],
    })
    expect(detectLanguage(['Yes. No. Okay, thank you.'])).toMatchObject({ tag: '', sure: false })
    expect(detectLanguage([])).toMatchObject({ tag: '', reason: 'too-short' })
    expect(detectLanguage(['12:30 — 14:45 … ?!'])).toMatchObject({ tag: '', reason: 'too-short' })
  })

  it('is not sure of a language it does not know, and names the closest ones', () => {
    const guess = detectLanguage(CALL_LINES.ca)
    expect(guess).toMatchObject({ tag: '', sure: false, reason: 'unsure' })
    expect(guess.candidates).toContain('es')
    expect(guess.candidates).toContain('pt')
  })

  it('asks for more lead on a shorter text: the first two lines of the Spanish call are not enough', () => {
    // About 60 letters: Spanish leads French by 0.07, where 0.25 is asked for at that length.
    expect(detectLanguage(CALL_LINES.es.slice(0, 2))).toMatchObject({ tag: '', reason: 'unsure' })
    expect(detectLanguage(CALL_LINES.es.slice(0, 3))).toMatchObject({ tag: 'es', sure: true })
  })

  it('names Chinese, Japanese and Korean by their script', () => {
    const zh = ['我想问一下上个星期你们寄来的那份报告。', '我们还没有收到，邮件好几天都没有来了。']
    const ja = ['先週送っていただいた報告書についてお聞きしたいのですが。', 'まだ届いていません。']
    const ko = ['지난주에 보내신 보고서에 대해 여쭤보고 싶습니다.', '아직 받지 못했습니다.']
    expect(detectLanguage(zh)).toMatchObject({ tag: 'zh', sure: true, reason: 'script' })
    expect(detectLanguage(ja)).toMatchObject({ tag: 'ja', sure: true, reason: 'script' })
    expect(detectLanguage(ko)).toMatchObject({ tag: 'ko', sure: true, reason: 'script' })
    expect(detectLanguage(['你好。'])).toMatchObject({ tag: '', reason: 'too-short' })
  })

  it('does not take every Cyrillic text for Russian: Russian and Bulgarian are too close to call here', () => {
    const ru = [
      'Добрый день, вы меня хорошо слышите?',
      'Да, я вас прекрасно слышу. Кто говорит?',
      'Я работаю в бюро по правам человека. Я хотел спросить вас об отчёте, который вы отправили на прошлой неделе.',
      'Мы его до сих пор не получили. Почта не приходит уже несколько дней, и никто не знает почему.',
      'Тогда я пришлю его вам ещё раз завтра утром, вместе с фотографиями и письмами соседей.',
    ]
    expect(detectLanguage(ru)).toEqual({
      tag: '',
      sure: false,
      reason: 'unsure',
      candidates: ['ru', 'bg'],
    })
  })

  it('takes the language the file declares, canonical, over the text', () => {
    expect(detectLanguage(CALL_LINES.es, 'fr')).toEqual({
      tag: 'fr',
      sure: true,
      reason: 'declared',
      candidates: [],
    })
    expect(detectLanguage(CALL_LINES.short, 'pt-br')).toMatchObject({ tag: 'pt-BR', sure: true })
    expect(detectLanguage(CALL_LINES.short, 'spa')).toMatchObject({ tag: 'es', reason: 'declared' })
  })

  it('ignores a declared value that is not a tag, and one that says undetermined', () => {
    expect(detectLanguage(CALL_LINES.es, 'en"><img src=x>')).toMatchObject({
      tag: 'es',
      reason: 'detected',
    })
    expect(detectLanguage(CALL_LINES.de, 'und')).toMatchObject({ tag: 'de', reason: 'detected' })
    expect(detectLanguage(CALL_LINES.short, 'und')).toMatchObject({ tag: '', sure: false })
  })

  it('judges a long transcript on pieces from all of it, not on its first lines', () => {
    const english = Array.from({ length: 200 }, (_, i) => CALL_LINES.en[i % 8] ?? '')
    const spanish = Array.from({ length: 2000 }, (_, i) => CALL_LINES.es[i % 8] ?? '')
    // An English preamble of 200 lines (about 17,000 characters), then a long Spanish call.
    expect(detectLanguage([...english, ...spanish])).toMatchObject({ tag: 'es', sure: true })
    const windows = windowsOf([...english, ...spanish])
    expect(windows).toHaveLength(5)
    expect(windows[0]).toMatch(/^Good afternoon/)
    for (const window of windows) expect(window.length).toBeLessThanOrEqual(440)
  })

  it('reads a 100,000-cue transcript in well under 100 ms', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => CALL_LINES.fr[i % 8] ?? '')
    const started = performance.now()
    expect(detectLanguage(lines)).toMatchObject({ tag: 'fr', sure: true })
    expect(performance.now() - started).toBeLessThan(100)
  })
})

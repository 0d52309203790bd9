// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { seconds } from '../../../src/domain/types'
import type { SegmentDocument } from '../../../src/search/documents'
import {
  SearchService,
  type IndexStatus,
  type SearchResponse,
} from '../../../src/search/search-service'
import { createSearchClient } from '../../../src/workers/search-client'

const docs = (callId: string, count: number, word = 'organs'): SegmentDocument[] =>
  Array.from({ length: count }, (_, i) => ({
    callId,
    trackId: 'en',
    segmentIndex: i,
    start: seconds(i),
    end: seconds(i + 1),
    language: 'en',
    text: `segment ${i} about ${word}`,
  }))

describe('createSearchClient (in-thread, as where Worker does not exist)', () => {
  it('indexes, searches and reports indexing then ready', async () => {
    const client = createSearchClient()
    const states: IndexStatus['state'][] = []
    client.onStatus((status) => states.push(status.state))
    const added = client.add(docs('a', 500))
    expect(client.status().state).toBe('indexing')
    await added
    const results = await client.search('organs', { limit: 3 })
    expect(results.total).toBe(500)
    expect(client.status()).toMatchObject({ state: 'ready', documents: 500 })
    expect(states[0]).toBe('indexing')
    expect(states[states.length - 1]).toBe('ready')
    client.destroy()
  })

  it('applies changes in the order they were made', async () => {
    const client = createSearchClient()
    void client.add(docs('a', 300))
    void client.removeCall('a')
    const added = client.add(docs('b', 2))
    await added
    const results = await client.search('organs')
    expect(results.calls.map((call) => call.callId)).toEqual(['b'])
    client.destroy()
  })

  it('rejects what is pending once destroyed', async () => {
    const client = createSearchClient()
    client.destroy()
    await expect(client.search('x')).rejects.toThrow(/stopped/)
  })
})

describe('SearchService', () => {
  it('answers a search while a large add is still being indexed', async () => {
    const replies: SearchResponse[] = []
    const waiting: (() => void)[] = []
    const service = new SearchService((response) => replies.push(response), {
      sliceMs: 0,
      // Each yield waits until the test lets it go, so the test can search mid-way.
      yieldToEvents: () => new Promise<void>((resolve) => waiting.push(resolve)),
    })
    const replied = (id: number) => replies.find((r) => r.type === 'reply' && r.id === id)
    service.handle({ id: 1, type: 'add', docs: docs('a', 1000) })
    expect(service.status().state).toBe('indexing')
    service.handle({ id: 2, type: 'search', query: 'organs' })
    const early = replied(2)
    const value = early?.type === 'reply' ? early.value : null
    const partial =
      typeof value === 'object' && value !== null && 'total' in value ? value.total : -1
    expect(partial).toBeGreaterThan(0)
    expect(partial).toBeLessThan(1000)
    expect(replied(1)).toBeUndefined()
    for (let turn = 0; turn < 1000 && !(replied(1) && service.status().state === 'ready'); turn++) {
      waiting.splice(0).forEach((release) => release())
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
    expect(replied(1)).toBeDefined()
    expect(service.status()).toMatchObject({ state: 'ready', documents: 1000 })
  })
})

import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { restoreLibrary } from '../../src/domain/restore-library'
import { seconds, type Call } from '../../src/domain/types'
import { SearchView } from '../../src/features/search/search-view'
import { callDocuments, callSummaryDocument } from '../../src/search/documents'
import { SearchIndex, type SearchOptions } from '../../src/search/index'

const library = restoreLibrary(
  JSON.parse(readFileSync(resolve('public', 'samples', 'library.json'), 'utf8')),
)

/** A call of the sample library's shape whose one track holds `texts`, a segment each. */
function callWith(id: string, title: string, texts: readonly string[]): Call {
  const base = library.calls[0]!
  const track = base.tracks[0]!
  const segment = track.segments[0]!
  const segments = texts.map((text, i) => ({
    ...segment,
    id: `s${i}`,
    start: seconds(i),
    end: seconds(i + 1),
    text,
  }))
  return { ...base, id, title, tracks: [{ ...track, segments }] }
}

function indexOf(calls: readonly Call[] = library.calls, { withCalls = false } = {}) {
  const index = new SearchIndex()
  for (const call of calls) {
    index.add([...(withCalls ? [callSummaryDocument(call)] : []), ...callDocuments(call)])
  }
  const asked: SearchOptions[] = []
  const search = vi.fn((query: string, options: SearchOptions = {}) => {
    asked.push(options)
    return Promise.resolve(index.search(query, options))
  })
  return { index, search, asked }
}

function renderView(
  query: string,
  { indexing = false, calls = library.calls, search = indexOf(calls).search } = {},
) {
  const onOpenHit = vi.fn()
  const view = render(
    <SearchView
      query={query}
      calls={calls}
      search={search}
      indexing={indexing}
      indexVersion="v1"
      onOpenHit={onOpenHit}
    />,
  )
  return { ...view, onOpenHit, region: screen.getByRole('region', { name: 'Search results' }) }
}

describe('SearchView', () => {
  it('groups hits by call, names each with its title and time, and marks the matched words', async () => {
    const { region, onOpenHit } = renderView('taking care')
    const group = await within(region).findByRole('region', { name: /^Tang Junjie/ })
    const hits = within(group).getAllByRole('link')
    expect(hits).toHaveLength(1)
    expect(hits[0]).toHaveAccessibleName(/^Tang Junjie on Party Central.*00:08/)
    expect(hits[0]).toHaveAttribute(
      'href',
      expect.stringMatching(/^#\/call\/tang-junjie-2012-04\?t=8\.84\d$/),
    )
    expect([...hits[0]!.querySelectorAll('mark')].map((m) => m.textContent)).toEqual([
      'taking',
      'care',
    ])
    expect(within(region).getByRole('status')).toHaveTextContent('1 result in 1 call')
    await userEvent.click(hits[0]!)
    expect(onOpenHit).toHaveBeenCalledOnce()
  })

  it('shows a call whose title or speakers match as a link that opens it, first in its group', async () => {
    const { search } = indexOf(library.calls, { withCalls: true })
    const { region, onOpenHit } = renderView('Tang Junjie', { search })
    const group = await within(region).findByRole('region', { name: /^Tang Junjie/ })
    const links = within(group).getAllByRole('link')
    expect(links[0]).toHaveAccessibleName(
      /^Call,\s*With Tang Junjie:\s*Tang Junjie on Party Central and the Standing Committee, from 00:00$/,
    )
    expect(links[0]).toHaveAttribute('href', '#/call/tang-junjie-2012-04')
    expect([...links[0]!.querySelectorAll('mark')].map((m) => m.textContent)).toEqual([
      'Tang',
      'Junjie',
    ])
    // Only the call matches: the name is in no line of its transcript.
    expect(links).toHaveLength(1)
    expect(group).toHaveTextContent('1 match')
    expect(within(region).getByRole('status')).toHaveTextContent('1 result in 1 call')
    // Opening a call is not following a hit to a moment: it does not start playback.
    await userEvent.click(links[0]!)
    expect(onOpenHit).not.toHaveBeenCalled()
  })

  it('orders the groups by their best hit and counts each call’s matches', async () => {
    const calls = [
      callWith('sparse', 'Sparse', [
        'an orchid somewhere in a long sentence full of other words and more words',
        'and a second orchid, as far from the start as the first',
      ]),
      callWith('dense', 'Dense', ['orchid orchid']),
    ]
    const { region } = renderView('orchid', { calls })
    await within(region).findAllByRole('link')
    const groups = within(region).getAllByRole('region')
    expect(groups.map((g) => g.getAttribute('aria-label'))).toEqual(['Dense', 'Sparse'])
    expect(groups[0]).toHaveTextContent('1 match')
    expect(groups[1]).toHaveTextContent('2 matches')
    expect(within(region).getByRole('status')).toHaveTextContent('3 results in 2 calls')
  })

  it('shows snippets as text, never as markup', async () => {
    const hostile = callWith('hostile', 'Hostile', ['<img src=x> tulip'])
    const { region } = renderView('tulip', { calls: [hostile] })
    const hit = await within(region).findByRole('link')
    expect(hit).toHaveTextContent('<img src=x> tulip')
    expect(hit.querySelector('img')).toBeNull()
  })

  it('says when nothing matches, and that indexing is still going on', async () => {
    const { region } = renderView('zebra', { indexing: true })
    expect(
      await within(region).findByText(/Nothing matches “zebra” in what is indexed/),
    ).toBeTruthy()
    expect(within(region).getByRole('status')).toHaveTextContent('Indexing…')
  })

  it('passes the filters to the index and narrows the speakers to the chosen call', async () => {
    const { search, asked } = indexOf()
    const { region } = renderView('this', { search })
    await within(region).findAllByRole('link')
    const speaker = within(region).getByLabelText('Speaker')
    expect(
      within(speaker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toContain('Zhou Yongkang')

    await userEvent.selectOptions(within(region).getByLabelText('Call'), 'tang-junjie-2012-04')
    await userEvent.selectOptions(within(region).getByLabelText('Language'), 'en')
    expect(
      within(speaker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['All speakers', 'Investigator', 'Tang Junjie'])
    await userEvent.selectOptions(speaker, 'Tang Junjie')
    expect(asked.at(-1)).toEqual({
      limit: 50,
      callId: 'tang-junjie-2012-04',
      language: 'en',
      speaker: 'Tang Junjie',
    })
    const links = await within(region).findAllByRole('link')
    expect(links.every((link) => /Tang Junjie/.test(link.textContent ?? ''))).toBe(true)
  })

  it('asks for more hits with "Show more results"', async () => {
    const many = callWith(
      'many',
      'Many',
      Array.from({ length: 70 }, (_, i) => `orchid number ${i}`),
    )
    const { region } = renderView('orchid', { calls: [many] })
    expect(await within(region).findAllByRole('link')).toHaveLength(50)
    await userEvent.click(
      within(region).getByRole('button', { name: /Show more results \(20 more\)/ }),
    )
    expect(await within(region).findAllByRole('link')).toHaveLength(70)
    expect(within(region).queryByRole('button', { name: /Show more/ })).toBeNull()
  })
})

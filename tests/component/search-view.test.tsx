import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { restoreLibrary } from '../../src/domain/restore-library'
import { SearchView } from '../../src/features/search/search-view'
import { callDocuments } from '../../src/search/documents'
import { SearchIndex, type SearchOptions } from '../../src/search/index'

const library = restoreLibrary(
  JSON.parse(readFileSync(resolve('public', 'samples', 'library.json'), 'utf8')),
)

function indexOf(calls = library.calls) {
  const index = new SearchIndex()
  for (const call of calls) index.add(callDocuments(call))
  const asked: SearchOptions[] = []
  const search = vi.fn((query: string, options: SearchOptions = {}) => {
    asked.push(options)
    return Promise.resolve(index.search(query, options))
  })
  return { index, search, asked }
}

function renderView(query: string, { indexing = false, search = indexOf().search } = {}) {
  const onOpenHit = vi.fn()
  const view = render(
    <SearchView
      query={query}
      calls={library.calls}
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

  it('orders the groups by their best hit and counts each call’s matches', async () => {
    const { region } = renderView('organs Falun')
    await within(region).findAllByRole('link')
    const groups = within(region).getAllByRole('region')
    expect(groups.map((g) => g.getAttribute('aria-label'))).toEqual([
      expect.stringMatching(/^(Li Changchun|Tang Junjie)/),
      expect.stringMatching(/^(Li Changchun|Tang Junjie)/),
    ])
    for (const group of groups) expect(group).toHaveTextContent('1 match')
    expect(within(region).getByRole('status')).toHaveTextContent('2 results in 2 calls')
  })

  it('shows snippets as text, never as markup', async () => {
    const hostile = {
      ...library.calls[0]!,
      id: 'hostile',
      title: 'Hostile',
      tracks: [
        {
          ...library.calls[0]!.tracks[0]!,
          segments: [{ ...library.calls[0]!.tracks[0]!.segments[0]!, text: '<img src=x> tulip' }],
        },
      ],
    }
    const { search } = indexOf([hostile])
    const { region } = renderView('tulip', { search })
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
    const many = {
      ...library.calls[0]!,
      id: 'many',
      title: 'Many',
      tracks: [
        {
          ...library.calls[0]!.tracks[0]!,
          segments: Array.from({ length: 70 }, (_, i) => ({
            ...library.calls[0]!.tracks[0]!.segments[0]!,
            id: `s${i}`,
            text: `orchid number ${i}`,
          })),
        },
      ],
    }
    const { search } = indexOf([many])
    const { region } = renderView('orchid', { search })
    expect(await within(region).findAllByRole('link')).toHaveLength(50)
    await userEvent.click(
      within(region).getByRole('button', { name: /Show more results \(20 more\)/ }),
    )
    expect(await within(region).findAllByRole('link')).toHaveLength(70)
    expect(within(region).queryByRole('button', { name: /Show more/ })).toBeNull()
  })
})

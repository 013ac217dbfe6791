import type { LoaderFunctionArgs } from '@remix-run/node'
import { describe, expect, test } from 'vitest'
import { createOrganisation } from '~/modules/organisations/organisations.server'
import * as searchRoute from '~/routes/search'
import * as suggestionsRoute from '~/routes/search.suggestions'
import { highlightSegments, HIGHLIGHT_END, HIGHLIGHT_START } from '~search/engine'
import { parseHubSearch } from '~search/hub-search.server'
import { drainOutbox } from '~search/worker.server'
import { makeUser, request } from '../support/users'

const args = (path: string) => ({ request: request(path), params: {}, context: {} }) as unknown as LoaderFunctionArgs

async function market() {
  const { user } = await makeUser()
  const actor = { id: user.id, email: user.email }
  const base = { website: null, merlinStatus: 'not_applicable' as const, capabilities: [] }
  await createOrganisation(actor, {
    ...base,
    name: 'Valleys Employment Trust',
    sector: 'vcse',
    sizeBand: 'small',
    regions: ['wales'],
    description: 'Employment support <b>in</b> the South Wales valleys.',
  })
  await createOrganisation(actor, {
    ...base,
    name: 'Capital Employment Group',
    sector: 'private',
    sizeBand: 'large',
    regions: ['london', 'south-east'],
    description: 'Employment programmes for London boroughs.',
  })
  await createOrganisation(actor, { ...base, name: 'Northern Routes', sector: 'private', sizeBand: 'medium', regions: ['north-east'], description: 'Travel support for jobseekers.' })
  await drainOutbox()
}

describe('the search page (PostgreSQL search)', () => {
  test('counts every type, groups the first results and corrects a misspelling', async () => {
    await market()
    const data = await searchRoute.loader(args('/search?q=employmnet'))
    expect(data.available).toBe(true)
    const organisations = data.groups.find((g) => g.name === 'organisations')!
    expect(organisations.total).toBe(2)
    expect(organisations.hits.map((h) => h.url).sort()).toEqual(['/organisations/capital-employment-group', '/organisations/valleys-employment-trust'])
    expect(data.groups.filter((g) => g.name !== 'organisations').every((g) => g.total === 0)).toBe(true)
    expect(data.results).toBeNull()
  })

  test('a chosen type shows facets counted over its results, and filters narrow them', async () => {
    await market()
    const all = await searchRoute.loader(args('/search?type=organisations'))
    const sector = all.results!.facets.find((f) => f.field === 'sector')!
    expect(sector.options).toEqual([
      { value: 'private', label: 'Private sector', count: 2 },
      { value: 'vcse', label: 'Voluntary, community and social enterprise (VCSE)', count: 1 },
    ])
    const privateOnly = await searchRoute.loader(args('/search?type=organisations&sector=private&region=nowhere'))
    expect(privateOnly.results!.total).toBe(2)
    const london = await searchRoute.loader(args('/search?type=organisations&sector=private&regions=london'))
    expect(london.results!.hits.map((h) => h.url)).toEqual(['/organisations/capital-employment-group'])
    // A chosen value with no matches stays listed, so it can be unticked.
    const none = await searchRoute.loader(args('/search?type=organisations&sector=public'))
    expect(none.results!.total).toBe(0)
    expect(none.results!.facets.find((f) => f.field === 'sector')!.options).toEqual([{ value: 'public', label: 'Public sector', count: 0 }])
  })

  test('highlights are text with markers around the matches', async () => {
    await market()
    const data = await searchRoute.loader(args('/search?q=valleys&type=organisations'))
    const [hit] = data.results!.hits
    expect(highlightSegments(hit.title)).toEqual([
      { text: 'Valleys', match: true },
      { text: ' Employment Trust', match: false },
    ])
    expect(hit.summary).toContain(`${HIGHLIGHT_START}valleys${HIGHLIGHT_END}`)
    // Whatever the stored text holds comes back as text: the page renders it with React, never as HTML.
    expect(highlightSegments(hit.summary).every((segment) => typeof segment.text === 'string')).toBe(true)
  })

  test('suggestions answer as JSON, and short or unknown queries answer with none', async () => {
    await market()
    const response = await suggestionsRoute.loader(args('/search/suggestions?q=capitl'))
    const body = (await response.json()) as { suggestions: Array<{ title: string; url: string; typeLabel: string }> }
    expect(body.suggestions.map((s) => s.url)).toEqual(['/organisations/capital-employment-group'])
    expect(body.suggestions[0].typeLabel).toBe('Organisations')
    expect((await (await suggestionsRoute.loader(args('/search/suggestions?q=c'))).json()).suggestions).toEqual([])
  })

  test('unknown types and silly pages are ignored rather than failing', () => {
    expect(parseHubSearch(new URLSearchParams('type=secrets&page=-4&sector=private'))).toEqual({ q: '', type: null, filters: {}, page: 1 })
  })
})

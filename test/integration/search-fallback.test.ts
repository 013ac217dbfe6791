import { afterEach, describe, expect, test } from 'vitest'
import { sql } from '~/lib/db.server'
import { createOrganisation } from '~/modules/organisations/organisations.server'
import { createNotice, publishNotice } from '~/modules/pipeline/authoring.server'
import * as consultationsPage from '~/routes/consultations._index'
import * as organisationsPage from '~/routes/organisations._index'
import * as pipelinePage from '~/routes/pipeline._index'
import * as searchPage from '~/routes/search'
import * as whatWorksPage from '~/routes/what-works._index'
import { FallbackEngine } from '~search/fallback.server'
import { MeilisearchEngine } from '~search/meilisearch.server'
import { PostgresEngine } from '~search/postgres.server'
import { useSearchEngine } from '~search/search.server'
import { drainOutbox } from '~search/worker.server'
import { makeOpenConsultation } from '../support/consultations'
import { noticeInput } from '../support/pipeline'
import { freePort } from '../support/ports'
import { makeUser, request } from '../support/users'

type Loader = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>
const load = (route: { loader: unknown }, path: string) =>
  (route.loader as Loader)({ request: request(path), params: {}, context: { cspNonce: '', requestId: 'test' } }) as Promise<Record<string, unknown> & { searchFallback: boolean }>

afterEach(() => useSearchEngine(undefined))

describe('Meilisearch down', () => {
  test('the four list pages and site search answer from PostgreSQL and say so', async () => {
    // Nothing listens on this port: every request to "Meilisearch" is refused.
    const down = new MeilisearchEngine({ url: `http://127.0.0.1:${await freePort()}`, apiKey: 'nobody', taskTimeoutMs: 500 })
    useSearchEngine(new FallbackEngine(down, new PostgresEngine({ sql })))

    const { user } = await makeUser({ role: 'staff' })
    const actor = { id: user.id, email: user.email, name: user.name, role: user.role }
    await makeOpenConsultation(actor, { title: 'Fallback consultation on employment support' })
    const notice = await createNotice(actor, noticeInput({ title: 'Fallback pipeline notice' }))
    await publishNotice(actor, notice.id)
    await createOrganisation({ id: user.id, email: user.email }, {
      name: 'Fallback Employment Partnership',
      sector: 'vcse',
      sizeBand: 'small',
      regions: ['wales'],
      capabilities: ['partnership-working'],
      merlinStatus: 'working_towards',
      website: null,
      description: 'Employment support in Wales.',
    })
    // Writes reach PostgreSQL's copy even though Meilisearch refuses them (its rows stay queued to retry).
    const drained = await drainOutbox()
    expect(drained.failed).toBeGreaterThan(0)

    const consultations = await load(consultationsPage, '/consultations')
    expect(consultations.searchFallback).toBe(true)
    expect(JSON.stringify(consultations)).toContain('Fallback consultation on employment support')

    const pipeline = await load(pipelinePage, '/pipeline')
    expect(pipeline.searchFallback).toBe(true)
    expect(JSON.stringify(pipeline)).toContain('Fallback pipeline notice')

    const organisations = await load(organisationsPage, '/organisations')
    expect(organisations.searchFallback).toBe(true)
    expect(JSON.stringify(organisations)).toContain('Fallback Employment Partnership')

    const whatWorks = await load(whatWorksPage, '/what-works')
    expect(whatWorks.searchFallback).toBe(true)

    const search = await load(searchPage, '/search?q=fallback')
    expect(search.searchFallback).toBe(true)
    // Matches come back highlighted, so look for the words around the match.
    expect(JSON.stringify(search)).toContain('pipeline notice')
  })

  test('with Meilisearch up, pages say nothing about a fallback', async () => {
    useSearchEngine(new PostgresEngine({ sql }))
    expect((await load(pipelinePage, '/pipeline')).searchFallback).toBe(false)
  })
})

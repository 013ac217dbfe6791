import { afterAll, describe, expect, inject, test } from 'vitest'
import { sql } from '~/lib/db.server'
import { highlightSegments, type IndexSettings, type SearchDocument, type SearchEngine } from './engine'
import { MeilisearchEngine } from './meilisearch.server'
import { PostgresEngine } from './postgres.server'

const settings: IndexSettings = {
  name: 'contract',
  searchable: ['title', 'summary', 'regions'],
  filterable: ['kind', 'regions', 'publishedAt'],
  sortable: ['publishedAt', 'title'],
  highlight: ['title', 'summary'],
}

const documents: SearchDocument[] = [
  {
    id: 'a',
    title: 'Employment support for disabled people',
    summary: 'A programme for claimants of Employment and Support Allowance in the North East.',
    kind: 'case_study',
    regions: ['north-east'],
    publishedAt: 1,
  },
  { id: 'b', title: 'Restart scheme results', summary: 'Payment by results for Universal Credit claimants across London.', kind: 'case_study', regions: ['london', 'south-east'], publishedAt: 2 },
  { id: 'c', title: 'Commercial pipeline for 2027', summary: 'A dynamic purchasing system for local employability provision.', kind: 'pipeline', regions: ['london'], publishedAt: 3 },
  { id: 'd', title: 'Young people into work', summary: 'Mentoring and apprenticeships for young people.', kind: 'pipeline', regions: ['wales'], publishedAt: 4 },
  { id: 'e', title: 'Supplier survey 2026', summary: 'What suppliers told us about the market this year.', kind: 'survey', regions: [], publishedAt: 5 },
]

let counter = 0
const meiliEngines: MeilisearchEngine[] = []

type Factory = () => Promise<SearchEngine>

const engines: Array<{ name: string; skip: string | null; make: Factory }> = [
  {
    name: 'PostgreSQL',
    skip: null,
    make: async () => new PostgresEngine({ sql }),
  },
  {
    name: 'Meilisearch',
    skip: inject('meiliSkipReason'),
    make: async () => {
      // One server serves every worker: each test has indexes of its own.
      counter += 1
      const engine = new MeilisearchEngine({ url: inject('meiliUrl')!, apiKey: inject('meiliKey')!, indexPrefix: `contract_${process.env.VITEST_POOL_ID ?? 0}_${counter}_${Date.now()}_` })
      meiliEngines.push(engine)
      return engine
    },
  },
]

afterAll(async () => {
  for (const engine of meiliEngines) await engine.dropAll().catch(() => {})
})

for (const { name, skip, make } of engines) {
  if (skip) console.warn(`Search contract on ${name} skipped: ${skip}`)

  describe.skipIf(skip !== null)(`search contract: ${name}`, () => {
    async function seeded() {
      const engine = await make()
      await engine.prepare(settings)
      await engine.upsert(settings, documents)
      return engine
    }

    const ids = (result: { hits: Array<{ id: string }> }) => result.hits.map((h) => h.id).sort()

    test('an exact query finds the documents that contain it', async () => {
      const engine = await seeded()
      expect(ids(await engine.search(settings, { text: 'restart' }))).toEqual(['b'])
      expect(ids(await engine.search(settings, { text: 'young people' }))).toEqual(['d'])
      expect(ids(await engine.search(settings, { text: 'claimants' }))).toEqual(['a', 'b'])
    })

    test('an empty query lists everything, sorted and paginated', async () => {
      const engine = await seeded()
      const first = await engine.search(settings, { sort: [{ field: 'publishedAt', direction: 'desc' }], perPage: 2, page: 1 })
      expect(first.hits.map((h) => h.id)).toEqual(['e', 'd'])
      expect(first).toMatchObject({ total: 5, pageCount: 3, page: 1, perPage: 2 })
      const last = await engine.search(settings, { sort: [{ field: 'publishedAt', direction: 'desc' }], perPage: 2, page: 3 })
      expect(last.hits.map((h) => h.id)).toEqual(['a'])
    })

    test('filters narrow results and facets are counted alike', async () => {
      const engine = await seeded()
      const all = await engine.search(settings, { facets: ['kind', 'regions'] })
      expect(all.facets).toEqual({
        kind: { case_study: 2, pipeline: 2, survey: 1 },
        regions: { 'north-east': 1, london: 2, 'south-east': 1, wales: 1 },
      })
      const london = await engine.search(settings, { filters: { regions: ['london'] }, facets: ['kind'] })
      expect(ids(london)).toEqual(['b', 'c'])
      expect(london.facets).toEqual({ kind: { case_study: 1, pipeline: 1 } })
      const either = await engine.search(settings, { filters: { kind: ['survey', 'pipeline'], regions: ['wales', 'london'] } })
      expect(ids(either)).toEqual(['c', 'd'])
      const textAndFilter = await engine.search(settings, { text: 'claimants', filters: { kind: ['case_study'] }, facets: ['regions'] })
      expect(ids(textAndFilter)).toEqual(['a', 'b'])
      expect(textAndFilter.facets.regions).toEqual({ 'north-east': 1, london: 1, 'south-east': 1 })
    })

    test('several searches at once answer in the order asked, as each would alone', async () => {
      const engine = await seeded()
      const queries = [{ text: 'claimants' }, { text: 'restart', perPage: 0 }, { filters: { regions: ['london'] }, facets: ['kind'] }]
      const together = await engine.searchMany(queries.map((query) => ({ settings, query })))
      const alone = await Promise.all(queries.map((query) => engine.search(settings, query)))
      expect(together).toEqual(alone)
      expect(together.map((r) => r.total)).toEqual([2, 1, 2])
    })

    test('asked for no hits, a search still counts matches and facets', async () => {
      const engine = await seeded()
      const counted = await engine.search(settings, { text: 'claimants', facets: ['regions'], perPage: 0 })
      expect(counted).toMatchObject({ hits: [], total: 2, perPage: 0, pageCount: 1 })
      expect(counted.facets.regions).toEqual({ 'north-east': 1, london: 1, 'south-east': 1 })
    })

    test('number ranges filter at query time, and documents without a value sort last', async () => {
      const engine = await seeded()
      await engine.upsert(settings, [{ id: 'z', title: 'Undated notice', summary: 'No date yet.', kind: 'pipeline', regions: [], publishedAt: null }])
      expect(ids(await engine.search(settings, { ranges: { publishedAt: { gt: 1, lte: 3 } } }))).toEqual(['b', 'c'])
      expect(ids(await engine.search(settings, { ranges: { publishedAt: { gte: 4 } }, filters: { kind: ['pipeline'] } }))).toEqual(['d'])
      expect(ids(await engine.search(settings, { ranges: { publishedAt: { lt: 2 } }, text: 'employment' }))).toEqual(['a'])
      const ascending = await engine.search(settings, { filters: { kind: ['pipeline'] }, sort: [{ field: 'publishedAt', direction: 'asc' }] })
      expect(ascending.hits.map((h) => h.id)).toEqual(['c', 'd', 'z'])
      const descending = await engine.search(settings, { filters: { kind: ['pipeline'] }, sort: [{ field: 'publishedAt', direction: 'desc' }] })
      expect(descending.hits.map((h) => h.id)).toEqual(['d', 'c', 'z'])
    })

    test('a near miss still finds the document', async () => {
      const engine = await seeded()
      expect(ids(await engine.search(settings, { text: 'employmnet' }))).toContain('a')
      expect(ids(await engine.search(settings, { text: 'aprenticeships' }))).toEqual(['d'])
    })

    test('abbreviations find what they stand for', async () => {
      const engine = await seeded()
      expect(ids(await engine.search(settings, { text: 'ESA' }))).toEqual(['a'])
      expect(ids(await engine.search(settings, { text: 'UC' }))).toEqual(['b'])
      expect(ids(await engine.search(settings, { text: 'DPS' }))).toEqual(['c'])
    })

    test('matches are highlighted with markers, never HTML', async () => {
      const engine = await seeded()
      const [hit] = (await engine.search(settings, { text: 'restart' })).hits
      expect(highlightSegments(hit.highlights.title)).toEqual([
        { text: 'Restart', match: true },
        { text: ' scheme results', match: false },
      ])
      expect(hit.document.title).toBe('Restart scheme results')
      expect(hit.highlights.summary).toContain('Universal Credit')
    })

    test('upserts replace and deletes take effect', async () => {
      const engine = await seeded()
      await engine.upsert(settings, [{ ...documents[1], title: 'Renamed programme results' }])
      expect(ids(await engine.search(settings, { text: 'restart' }))).toEqual([])
      expect(ids(await engine.search(settings, { text: 'renamed' }))).toEqual(['b'])
      await engine.delete(settings, ['b', 'c'])
      expect(ids(await engine.search(settings, {}))).toEqual(['a', 'd', 'e'])
      expect((await engine.search(settings, { facets: ['kind'] })).facets.kind).toEqual({ case_study: 1, pipeline: 1, survey: 1 })
    })

    test('a rebuild replaces the whole index at once', async () => {
      const engine = await seeded()
      async function* batches() {
        yield [documents[0]]
        // While the rebuild is under way the live index still answers in full.
        expect((await engine.search(settings, {})).total).toBe(5)
        yield [{ id: 'f', title: 'Rebuilt document', summary: 'Only in the new generation.', kind: 'survey', regions: [], publishedAt: 6 }]
      }
      expect(await engine.rebuild(settings, batches())).toEqual({ documents: 2 })
      expect(ids(await engine.search(settings, {}))).toEqual(['a', 'f'])
      expect(ids(await engine.search(settings, { text: 'rebuilt' }))).toEqual(['f'])
    })

    test('an index that has never been written to answers with nothing', async () => {
      const engine = await make()
      const result = await engine.search({ ...settings, name: 'never_written' }, { text: 'anything', facets: ['kind'] })
      expect(result).toMatchObject({ hits: [], total: 0, facets: { kind: {} } })
    })
  })
}

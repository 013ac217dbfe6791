import { afterAll, describe, expect, inject, test } from 'vitest'
import { db, sql } from '~/lib/db.server'
import { organisations, searchOutbox } from '~db/schema'
import type { SearchEngine } from '~search/engine'
import { INDEXES } from '~search/indexes'
import { MeilisearchEngine } from '~search/meilisearch.server'
import { PostgresEngine } from '~search/postgres.server'
import { reindex } from '~search/reindex.server'
import { drainOutbox } from '~search/worker.server'

const skip = inject('meiliSkipReason')
if (skip) console.warn(`Reindex test against Meilisearch skipped: ${skip}`)

const meili: MeilisearchEngine[] = []
afterAll(async () => {
  for (const engine of meili) await engine.dropAll().catch(() => {})
})

const engines: Array<{ name: string; skip: string | null; make: () => SearchEngine }> = [
  { name: 'PostgreSQL', skip: null, make: () => new PostgresEngine({ sql }) },
  {
    name: 'Meilisearch',
    skip,
    make: () => {
      const engine = new MeilisearchEngine({ url: inject('meiliUrl')!, apiKey: inject('meiliKey')!, indexPrefix: `reindex_${process.env.VITEST_POOL_ID ?? 0}_${Date.now()}_` })
      meili.push(engine)
      return engine
    },
  },
]

async function addOrganisations(from: number, count: number) {
  const rows = Array.from({ length: count }, (_, i) => ({
    slug: `reindex-provider-${from + i}`,
    name: `Reindex Provider ${from + i}`,
    sector: 'private' as const,
    sizeBand: 'medium' as const,
    regions: ['wales'] as string[],
    description: 'Employment support across Wales.',
  }))
  return db.insert(organisations).values(rows).returning({ id: organisations.id })
}

for (const { name, skip: skipReason, make } of engines) {
  describe.skipIf(skipReason !== null)(`reindex on ${name}`, () => {
    test('a rebuild swaps in the new index while searches keep answering', async () => {
      const engine = make()
      await addOrganisations(0, 200)
      expect(await reindex({ engine, only: ['organisations'] })).toMatchObject([{ index: 'organisations', documents: 200 }])
      await addOrganisations(200, 400)

      let rebuilding = true
      const seen: number[] = []
      const searching = (async () => {
        while (rebuilding) {
          const result = await engine.search(INDEXES.organisations, { text: 'reindex provider', perPage: 1 })
          seen.push(result.total)
        }
      })()
      const report = await reindex({ engine, only: ['organisations'] })
      rebuilding = false
      await searching

      expect(report).toMatchObject([{ index: 'organisations', documents: 600 }])
      expect(seen.length).toBeGreaterThan(0)
      // Every search during the rebuild saw the whole old index or the whole new one.
      expect(seen.every((total) => total === 200 || total === 600)).toBe(true)
      expect((await engine.search(INDEXES.organisations, { text: 'reindex provider' })).total).toBe(600)
    }, 120_000)

    test('changes queued during a rebuild wait for it, then reach the new index', async () => {
      const engine = make()
      const [org] = await addOrganisations(0, 1)
      const connection = await sql.reserve()
      try {
        // Hold the lock a rebuild holds: the worker must stand aside.
        const { INDEXING_LOCK } = await import('~search/outbox.server')
        await connection`select pg_advisory_lock(${INDEXING_LOCK})`
        await db.insert(searchOutbox).values({ indexName: 'organisations', documentId: org.id, operation: 'upsert' })
        expect(await drainOutbox(engine)).toMatchObject({ paused: true, applied: 0 })
        await connection`select pg_advisory_unlock(${INDEXING_LOCK})`
      } finally {
        connection.release()
      }
      expect(await drainOutbox(engine)).toMatchObject({ paused: false, applied: 1 })
      expect((await engine.search(INDEXES.organisations, { text: 'reindex provider' })).hits.map((h) => h.id)).toEqual([org.id])
    })
  })
}

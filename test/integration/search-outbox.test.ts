import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, inject, test } from 'vitest'
import { db, sql } from '~/lib/db.server'
import { createOrganisation } from '~/modules/organisations/organisations.server'
import { searchOutbox } from '~db/schema'
import { INDEXES } from '~search/indexes'
import { MeilisearchEngine } from '~search/meilisearch.server'
import { startLocalMeilisearch, type LocalMeilisearch } from '~search/meilisearch-server'
import { PostgresEngine } from '~search/postgres.server'
import { drainOutbox } from '~search/worker.server'
import { makeUser } from '../support/users'
import { freePort } from '../support/ports'

const skip = inject('meiliSkipReason')
if (skip) console.warn(`Search outbox test against Meilisearch skipped: ${skip}`)

function profile(n: number) {
  return {
    name: `Outbox Employment Partners ${n}`,
    sector: 'vcse' as const,
    sizeBand: 'small' as const,
    regions: ['london' as const],
    capabilities: ['partnership-working' as const],
    merlinStatus: 'working_towards' as const,
    website: null,
    description: `Employment support partner number ${n} for the outbox test.`,
  }
}

async function outboxRows() {
  return db.select().from(searchOutbox)
}

const dirs: string[] = []
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

describe.skipIf(skip !== null)('search outbox with Meilisearch going away and coming back', () => {
  test('writes succeed while Meilisearch is down, and the index catches up with nothing lost or duplicated', async () => {
    // A server of this test's own, so stopping it cannot disturb other tests.
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-outbox-meili-'))
    dirs.push(dataDir)
    const port = await freePort()
    let meili: LocalMeilisearch = await startLocalMeilisearch({ port, dataDir })
    const engine = new MeilisearchEngine({ url: meili.url, apiKey: meili.masterKey, indexPrefix: 'outbox_' })
    try {
      await engine.prepare(INDEXES.organisations)
      await meili.stop()

      const { user } = await makeUser()
      const created = []
      for (let n = 1; n <= 10; n++) created.push(await createOrganisation({ id: user.id, email: user.email }, profile(n)))
      expect(await outboxRows()).toHaveLength(10)

      const whileDown = await drainOutbox(engine)
      expect(whileDown).toMatchObject({ applied: 0, failed: 10 })
      const failedRows = await outboxRows()
      expect(failedRows).toHaveLength(10)
      for (const row of failedRows) {
        expect(row.attempts).toBe(1)
        expect(row.lastError).toMatch(/fetch|connect|ECONNREFUSED|request/i)
        expect(row.availableAt.getTime()).toBeGreaterThan(Date.now())
      }
      // Backing off: nothing is retried before its time.
      expect(await drainOutbox(engine)).toMatchObject({ applied: 0, failed: 0 })

      meili = await startLocalMeilisearch({ port, dataDir })
      await db.update(searchOutbox).set({ availableAt: new Date() })
      const afterRestart = await drainOutbox(engine)
      expect(afterRestart, JSON.stringify((await outboxRows()).map((r) => r.lastError))).toMatchObject({ applied: 10, failed: 0 })
      expect(await outboxRows()).toHaveLength(0)

      const result = await engine.search(INDEXES.organisations, { text: 'outbox', perPage: 50 })
      expect(result.total).toBe(10)
      expect(result.hits.map((h) => h.id).sort()).toEqual(created.map((o) => o.id).sort())
      const filtered = await engine.search(INDEXES.organisations, { filters: { sector: ['vcse'] }, facets: ['regions'] })
      expect(filtered.facets.regions).toEqual({ london: 10 })
      const typo = await engine.search(INDEXES.organisations, { text: 'Employmnet partners 7' })
      expect(typo.hits[0]?.document.title).toBe('Outbox Employment Partners 7')
    } finally {
      await meili.stop()
    }
  })

  test('failures back off further with each attempt', async () => {
    const engine = new MeilisearchEngine({ url: `http://127.0.0.1:${await freePort()}`, apiKey: 'nobody', taskTimeoutMs: 1000 })
    const { user } = await makeUser()
    await createOrganisation({ id: user.id, email: user.email }, profile(1))
    await drainOutbox(engine)
    await db.update(searchOutbox).set({ availableAt: new Date() })
    await drainOutbox(engine)
    const [row] = await outboxRows()
    expect(row.attempts).toBe(2)
    const delay = row.availableAt.getTime() - Date.now()
    expect(delay).toBeGreaterThan(2000)
    expect(delay).toBeLessThanOrEqual(4000)
  })
})

describe('search outbox with PostgreSQL search', () => {
  test('repeated rows for a document are applied once, and deletes remove it', async () => {
    const engine = new PostgresEngine({ sql })
    const { user } = await makeUser()
    const org = await createOrganisation({ id: user.id, email: user.email }, profile(3))
    // Several changes to one document collapse into one upsert.
    await db.insert(searchOutbox).values([
      { indexName: 'organisations', documentId: org.id, operation: 'upsert' },
      { indexName: 'organisations', documentId: org.id, operation: 'upsert' },
    ])
    expect(await drainOutbox(engine)).toMatchObject({ applied: 3, failed: 0 })
    expect((await engine.search(INDEXES.organisations, { text: 'outbox' })).hits.map((h) => h.id)).toEqual([org.id])
    await db.insert(searchOutbox).values({ indexName: 'organisations', documentId: org.id, operation: 'delete' })
    await drainOutbox(engine)
    expect((await engine.search(INDEXES.organisations, { text: 'outbox' })).total).toBe(0)
  })
})

import { sql as drizzleSql } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import { defineJob } from '~/lib/jobs.server'
import { logger } from '~/lib/logger.server'
import type { SearchEngine } from './engine'
import { INDEXES, isIndexName } from './indexes'
import { searchSource } from './sources.server'
import { INDEXING_LOCK } from './outbox.server'
import { reindex } from './reindex.server'
import { searchEngine } from './search.server'

const BATCH_SIZE = 200

type OutboxRow = { id: number; index_name: string; document_id: string; operation: 'upsert' | 'delete'; attempts: number }

export type DrainResult = { applied: number; failed: number; paused: boolean }

/**
 * Applies one batch of waiting outbox rows to the engine. Rows are claimed
 * with SKIP LOCKED, so several workers can drain at once. Each index's
 * changes are applied together; when the engine fails, that index's rows
 * stay in the outbox with the error, the attempt count and a later
 * `available_at`, and the rest of the batch still goes through.
 */
export async function drainOutboxBatch(engine: SearchEngine = searchEngine()): Promise<DrainResult> {
  return db.transaction(async (tx) => {
    const [lock] = await tx.execute<{ locked: boolean }>(drizzleSql`select pg_try_advisory_xact_lock_shared(${INDEXING_LOCK}) as locked`)
    if (!lock.locked) return { applied: 0, failed: 0, paused: true }
    const rows = await tx.execute<OutboxRow>(drizzleSql`
      select id, index_name, document_id, operation, attempts from search_outbox
      where available_at <= now() order by id limit ${BATCH_SIZE} for update skip locked`)
    let applied = 0
    let failed = 0
    const byIndex = new Map<string, OutboxRow[]>()
    for (const row of rows) byIndex.set(row.index_name, [...(byIndex.get(row.index_name) ?? []), row])
    for (const [indexName, group] of byIndex) {
      const outboxIds = group.map((r) => r.id)
      try {
        if (!isIndexName(indexName)) throw new Error(`Unknown search index ${indexName}`)
        const source = searchSource(indexName)
        if (!source) throw new Error(`No search source registered for ${indexName}`)
        // The latest row for a document decides; the document itself is read afresh.
        const latest = new Map<string, OutboxRow['operation']>()
        for (const row of group) latest.set(row.document_id, row.operation)
        const toLoad = [...latest].filter(([, op]) => op === 'upsert').map(([id]) => id)
        const documents = toLoad.length ? await source.load(tx, toLoad) : []
        const present = new Set(documents.map((d) => d.id))
        const toDelete = [...latest.keys()].filter((id) => !present.has(id))
        await engine.upsert(INDEXES[indexName], documents)
        await engine.delete(INDEXES[indexName], toDelete)
        await tx.execute(drizzleSql`delete from search_outbox where id = any(${drizzleSql.raw(`array[${outboxIds.join(',')}]::bigint[]`)})`)
        applied += group.length
      } catch (error) {
        failed += group.length
        const message = error instanceof Error ? error.message : String(error)
        logger.warn({ err: error, indexName, rows: group.length }, 'search indexing failed; will retry')
        // Backoff of 2s, 4s, 8s … capped at ten minutes, so a long outage costs one attempt every ten minutes.
        await tx.execute(drizzleSql`
          update search_outbox set attempts = attempts + 1, last_error = ${message.slice(0, 2000)},
            available_at = now() + make_interval(secs => least(power(2, greatest(attempts + 1, 1)), 600))
          where id = any(${drizzleSql.raw(`array[${outboxIds.join(',')}]::bigint[]`)})`)
      }
    }
    return { applied, failed, paused: false }
  })
}

/** Drains until nothing is ready (or every ready row has just failed). */
export async function drainOutbox(engine: SearchEngine = searchEngine()): Promise<DrainResult> {
  const total: DrainResult = { applied: 0, failed: 0, paused: false }
  for (;;) {
    const batch = await drainOutboxBatch(engine)
    total.applied += batch.applied
    total.failed += batch.failed
    total.paused ||= batch.paused
    if (batch.paused || batch.applied + batch.failed === 0) return total
    if (batch.applied === 0) return total
  }
}

const RUN_SECONDS = 55

const started = { caughtUp: false, stopping: false }

/**
 * pg-boss schedules at most once a minute, so each scheduled run drains
 * every second for most of a minute. If a process dies mid-run the rows are
 * still in the outbox and the next minute's run picks them up.
 */
export const searchIndexingJob = defineJob({
  name: 'search-indexing',
  schedule: '* * * * *',
  async handler() {
    const until = Date.now() + RUN_SECONDS * 1000
    if (!started.caughtUp) {
      // The job library cannot tell a running handler to stop, so the drain loop listens for shutdown itself.
      for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => (started.stopping = true))
      // A fresh Meilisearch (or one whose data was lost) starts empty while PostgreSQL has content;
      // an index built before a field was added lacks it in every document.
      started.caughtUp = true
      await reindex({ onlyEmpty: true }).catch((error) => logger.error({ err: error }, 'rebuilding empty search indexes failed'))
    }
    while (Date.now() < until && !started.stopping) {
      try {
        await drainOutbox()
      } catch (error) {
        logger.error({ err: error }, 'search outbox drain failed')
      }
      await new Promise((r) => setTimeout(r, 1000))
    }
  },
})

/**
 * `npm run reindex`: rebuilds every search index from PostgreSQL without
 * downtime. Uses DATABASE_URL, or the demo's embedded database (joining it
 * if the demo is running, starting it if not), and the same engine the app
 * would choose: MEILI_URL, else the demo's embedded Meilisearch when the
 * database is the demo's, else PostgreSQL full-text search.
 */
import path from 'node:path'
import postgres from 'postgres'
import { config, useDatabaseUrl } from '~/lib/config.server'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '~db/embedded'
import { runMigrations } from '~db/migrate'

// The demo runs with MEILI_EMBEDDED=true; rebuilding the demo's database means rebuilding its search.
if (!process.env.DATABASE_URL) process.env.MEILI_EMBEDDED ??= 'true'

const cfg = config()
let embedded: EmbeddedDatabase | undefined
if (!cfg.DATABASE_URL) {
  const url = `postgres://hub:hub@127.0.0.1:${cfg.EMBEDDED_PG_PORT}/hub`
  const probe = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 2 })
  const running = await probe`select 1`.then(
    () => true,
    () => false,
  )
  await probe.end()
  if (!running) {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(cfg.DATA_DIR, 'postgres'), port: cfg.EMBEDDED_PG_PORT })
    await embedded.createDatabase('hub')
  }
  useDatabaseUrl(url)
}
await runMigrations(config().DATABASE_URL!)
const { useEmbeddedMeilisearch } = await import('~search/embedded.server')
const meilisearch = await useEmbeddedMeilisearch()

const { sql } = await import('~/lib/db.server')
const { reindex } = await import('~search/reindex.server')
const { searchEngine } = await import('~search/search.server')
try {
  const engine = searchEngine()
  console.log(`Rebuilding search indexes in ${engine.kind === 'meilisearch' ? `Meilisearch at ${config().MEILI_URL}` : 'PostgreSQL'}`)
  for (const { index, documents, seconds } of await reindex({ engine })) {
    console.log(`  ${index.padEnd(14)} ${String(documents).padStart(6)} documents in ${seconds.toFixed(1)}s`)
  }
} finally {
  await sql.end({ timeout: 5 })
  await meilisearch?.stop()
  await embedded?.stop()
}

import path from 'node:path'
import { config, useDatabaseUrl } from '~/lib/config.server'
import { logger } from '~/lib/logger.server'
import { startEmbeddedPostgres } from '~db/embedded'
import { runMigrations } from '~db/migrate'

/**
 * What every start needs before it serves, whether one process (server/index.ts)
 * or the primary of a cluster (server/cluster.ts): the embedded PostgreSQL when no
 * address is given, the migrations, and the embedded Meilisearch when asked for.
 * Stop what it returns on the way out.
 */
export async function startServices() {
  const cfg = config()
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined
  if (!cfg.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(cfg.DATA_DIR, 'postgres'), port: cfg.EMBEDDED_PG_PORT })
    await embedded.createDatabase('hub')
    useDatabaseUrl(embedded.url('hub'))
    logger.info({ port: cfg.EMBEDDED_PG_PORT }, 'embedded PostgreSQL started')
  }
  await runMigrations(config().DATABASE_URL!)
  const { useEmbeddedMeilisearch } = await import('~search/embedded.server')
  const meilisearch = await useEmbeddedMeilisearch()
  return {
    async stop() {
      await meilisearch?.stop().catch(() => {})
      await embedded?.stop().catch(() => {})
    },
  }
}

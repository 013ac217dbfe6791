import { afterAll, beforeAll, inject } from 'vitest'
import type { Env } from './hub-process'

export { spawnHub, waitForHub, type SpawnedHub } from './hub-process'

/** The browser tests' database and search engine, for a hub a test file starts of its own. */
export function e2eEnv(): Env {
  const meiliUrl = inject('meiliUrl')
  return { DATABASE_URL: inject('e2eDatabaseUrl'), ...(meiliUrl ? { MEILI_URL: meiliUrl, MEILI_MASTER_KEY: inject('meiliKey') ?? '' } : {}) }
}

/**
 * For a browser test file that calls the hub's own modules (to arrange what
 * its journeys meet): points them at the e2e database, and afterwards closes
 * the database client they opened and forgets it. Browser test files share
 * one process and app/lib/singleton.server.ts keeps clients on globalThis, so
 * otherwise the next file would be handed the closed client.
 */
export function useAppModules() {
  beforeAll(() => {
    Object.assign(process.env, e2eEnv())
  })
  afterAll(async () => {
    const store = globalThis as { __singletons?: Map<string, unknown> }
    const sql = store.__singletons?.get('postgres') as { end(options: { timeout: number }): Promise<void> } | undefined
    await sql?.end({ timeout: 1 })
    delete store.__singletons
  })
}

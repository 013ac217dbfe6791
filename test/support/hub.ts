import { spawn, type ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, inject } from 'vitest'
import { freePort } from './ports'

export type SpawnedHub = { url: string; port: number; child: ChildProcess }
type Env = Record<string, string | undefined>

/**
 * Starts the hub as `npm start` would (server/index.ts, or server/cluster.ts
 * for the cluster), in production mode on a free port, with `env` on top.
 */
export async function spawnHub({ entry = 'server/index.ts', env = {}, ipc = false, port }: { entry?: string; env?: Env; ipc?: boolean; port?: number } = {}): Promise<SpawnedHub> {
  port ??= await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), APP_URL: url, LOG_LEVEL: 'warn', ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'inherit', 'inherit', ...(ipc ? (['ipc'] as const) : [])],
  })
  return { url, port, child }
}

/** Waits until the hub answers /readyz (and `ready`, if given, holds); fails if it exits or the time runs out. */
export async function waitForHub(hub: SpawnedHub, { timeout = 60_000, ready }: { timeout?: number; ready?: () => Promise<boolean> } = {}) {
  const deadline = Date.now() + timeout
  for (;;) {
    const up = await fetch(`${hub.url}/readyz`).then(
      (r) => r.ok,
      () => false,
    )
    if (up && (!ready || (await ready()))) return
    if (hub.child.exitCode !== null || Date.now() > deadline) throw new Error(`The app process (${hub.url}) did not start`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

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

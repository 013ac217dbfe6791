import { spawn, type ChildProcess } from 'node:child_process'
import { freePort } from './ports'

// No vitest here: the browser tests' global setup starts its hub with these too.

export type SpawnedHub = { url: string; port: number; child: ChildProcess }
export type Env = Record<string, string | undefined>

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

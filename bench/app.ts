import { spawn, type ChildProcess } from 'node:child_process'

export type AppProcess = { url: string; pid: number; /** The processes serving requests: the app, or a cluster's workers. */ pids: number[]; stop: () => Promise<void> }

/**
 * The production build in a child process of its own: `server/index.ts`
 * (one process), or with `workers` the cluster `npm start` runs.
 */
export async function startApp({
  port,
  env,
  workers,
  cwd,
}: {
  port: number
  env: Record<string, string | undefined>
  workers?: number
  /** Another checkout's built copy. */ cwd?: string
}): Promise<AppProcess> {
  const url = `http://127.0.0.1:${port}`
  // BENCH_PROFILE=<dir>: each app process writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []
  const child: ChildProcess = spawn(process.execPath, [...profile, '--import', 'tsx', workers ? 'server/cluster.ts' : 'server/index.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', APP_URL: url, ...env, NODE_ENV: 'production', PORT: String(port), ...(workers ? { WEB_CONCURRENCY: String(workers) } : {}) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    cwd,
  })
  let pids = [child.pid!]
  child.on('message', (message) => {
    const listening = (message as { listening?: { pid: number }[] }).listening
    if (listening) pids = listening.map((w) => w.pid)
  })
  const deadline = Date.now() + 90_000
  for (;;) {
    try {
      if ((await fetch(`${url}/readyz`)).ok && (!workers || pids.length === workers)) break
    } catch {
      // starting
    }
    if (child.exitCode !== null) throw new Error(`The app exited with ${child.exitCode}`)
    if (Date.now() > deadline) throw new Error('The app did not start within 90 seconds')
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    url,
    pid: pids[0],
    pids,
    stop: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))])
    },
  }
}

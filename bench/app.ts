import { spawn, type ChildProcess } from 'node:child_process'

export type AppProcess = { url: string; pid: number; stop: () => Promise<void> }

/** The production build as `npm start` runs it, in a child process of its own. */
export async function startApp({ port, env }: { port: number; env: Record<string, string | undefined> }): Promise<AppProcess> {
  const url = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', APP_URL: url, ...env, NODE_ENV: 'production', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const deadline = Date.now() + 90_000
  for (;;) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break
    } catch {
      // starting
    }
    if (child.exitCode !== null) throw new Error(`The app exited with ${child.exitCode}`)
    if (Date.now() > deadline) throw new Error('The app did not start within 90 seconds')
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))])
    },
  }
}

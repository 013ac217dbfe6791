import { type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { afterAll, expect, test } from 'vitest'
import { e2eEnv, spawnHub } from '../support/hub'

type WorkerInfo = { pid: number; jobs: boolean }

const primaries: ChildProcess[] = []
afterAll(() => {
  // A test that timed out leaves no cluster behind.
  for (const primary of primaries) if (primary.exitCode === null) primary.kill('SIGTERM')
})

test('npm start runs a worker per core, one of them running jobs, and SIGHUP replaces them without dropping a request', { timeout: 480_000 }, async () => {
  const { url, child: primary } = await spawnHub({ entry: 'server/cluster.ts', env: { ...e2eEnv(), WEB_CONCURRENCY: '2' }, ipc: true })
  primaries.push(primary)
  const messages: Record<string, WorkerInfo[]>[] = []
  primary.on('message', (m) => messages.push(m as Record<string, WorkerInfo[]>))
  const message = async (key: string, timeout = 240_000) => {
    const deadline = Date.now() + timeout
    for (;;) {
      const found = messages.find((m) => key in m)
      if (found) return found[key]
      if (primary.exitCode !== null || Date.now() > deadline) throw new Error(`no ${key} message from the primary`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  try {
    const before = await message('listening')
    expect(before).toHaveLength(2)
    expect(before.filter((w) => w.jobs)).toHaveLength(1)

    // Visitors from the cache, and pages rendered afresh (any cookie bypasses the cache), all the way through a rolling restart.
    let running = true
    const outcomes: string[] = []
    const client = async (path: string, headers: Record<string, string>) => {
      while (running) {
        try {
          const response = await fetch(`${url}${path}`, { headers })
          await response.arrayBuffer()
          outcomes.push(String(response.status))
        } catch (error) {
          outcomes.push(`error: ${(error as Error).cause ?? error}`)
        }
      }
    }
    const clients = [
      ...Array.from({ length: 4 }, () => client('/cookies', {})),
      ...Array.from({ length: 4 }, () => client('/pipeline', { Cookie: 'consent=yes' })),
    ]
    await new Promise((r) => setTimeout(r, 1000))
    primary.kill('SIGHUP')
    const after = await message('restarted')
    await new Promise((r) => setTimeout(r, 1000))
    running = false
    await Promise.all(clients)

    expect(after).toHaveLength(2)
    expect(after.filter((w) => w.jobs)).toHaveLength(1)
    expect(after.map((w) => w.pid).filter((pid) => before.some((b) => b.pid === pid))).toEqual([])
    for (const { pid } of before) expect(() => process.kill(pid, 0)).toThrow()
    const failures = outcomes.filter((o) => o !== '200')
    expect(failures).toEqual([])
    expect(outcomes.length).toBeGreaterThan(100)
  } finally {
    const exited = once(primary, 'exit')
    primary.kill('SIGTERM')
    // Workers finish their requests and jobs first; on a busy machine one may need its own deadline.
    await exited
  }
})

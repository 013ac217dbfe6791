import { spawn, type ChildProcess } from 'node:child_process'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '~db/embedded'
import { runMigrations } from '~db/migrate'
import { freePort } from '../support/ports'

/**
 * The production build against a PostgreSQL of its own, which the test stops
 * and starts again while the app keeps running.
 */
let dir: string
let pgPort: number
let pg: EmbeddedDatabase | undefined
let server: ChildProcess | undefined
let base: string
let output = ''

// Persistent: a throw-away cluster deletes its data directory when it stops, and this one must come back.
async function startDatabase() {
  pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: pgPort })
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hub-faults-'))
  await chmod(dir, 0o755)
  pgPort = await freePort()
  await startDatabase()
  await pg!.createDatabase('hub')
  await runMigrations(pg!.url('hub'))
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: pg!.url('hub'), PORT: String(port), APP_URL: base, LOG_LEVEL: 'error', RUN_WORKERS: 'false', MEILI_URL: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  server.stdout!.on('data', (d: Buffer) => (output += d.toString()))
  server.stderr!.on('data', (d: Buffer) => (output += d.toString()))
  await waitFor(async () => (await fetch(`${base}/readyz`)).ok, 60_000)
})

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r))
    server.kill('SIGTERM')
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
  }
  await pg?.stop().catch(() => {})
  await rm(dir, { recursive: true, force: true })
})

async function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      if (await check()) return
    } catch {
      // not yet
    }
    if (server?.exitCode !== null && server?.exitCode !== undefined) throw new Error(`The app server exited:\n${output}`)
    if (Date.now() > deadline) throw new Error('Timed out')
    await new Promise((r) => setTimeout(r, 250))
  }
}

describe('PostgreSQL unreachable', () => {
  test('readiness says 503, pages show the GOV.UK problem page without a stack trace, and the app recovers by itself', async () => {
    expect((await fetch(`${base}/consultations`)).status).toBe(200)
    await pg!.stop()

    const ready = await fetch(`${base}/readyz`)
    expect(ready.status).toBe(503)
    expect((await fetch(`${base}/healthz`)).status).toBe(200)

    for (const page of ['/consultations', '/what-works', '/pipeline']) {
      const res = await fetch(`${base}${page}`)
      const html = await res.text()
      expect(res.status, page).toBeGreaterThanOrEqual(500)
      expect(html, page).toContain('Sorry, there is a problem with the service')
      expect(html, page).toContain('govuk-template')
      expect(html, page).not.toMatch(/ECONNREFUSED|at [\w.<>]+ \(|node_modules|\.ts:\d+/)
    }
    // A form post that needs the database while it is away fails cleanly too.
    const post = await fetch(`${base}/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
      body: new URLSearchParams({ email: 'someone@example.com', password: 'a long enough password' }),
      redirect: 'manual',
    })
    expect(post.status).toBeGreaterThanOrEqual(500)
    const postHtml = await post.text()
    expect(postHtml).toContain('Sorry, there is a problem with the service')
    expect(postHtml).not.toMatch(/ECONNREFUSED|at [\w.<>]+ \(/)
    expect(server!.exitCode).toBeNull()

    await startDatabase()
    await waitFor(async () => (await fetch(`${base}/readyz`)).ok, 30_000)
    expect((await fetch(`${base}/consultations`)).status).toBe(200)
  })
})

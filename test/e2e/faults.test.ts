import { spawn, type ChildProcess } from 'node:child_process'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '~db/embedded'
import { runMigrations } from '~db/migrate'
import { freePort } from '../support/ports'

/**
 * The production build against a PostgreSQL of its own, reached through a
 * TCP proxy, which the test stops and starts again, or freezes, while the app
 * keeps running.
 */
let dir: string
let pgPort: number
let pg: EmbeddedDatabase | undefined
let server: ChildProcess | undefined
let base: string
let output = ''
let proxy: Server | undefined
/** While frozen the proxy accepts connections and passes nothing either way, like a PostgreSQL stopped with SIGSTOP. */
let frozen = false
const links = new Set<Socket>()

/** Passes bytes to PostgreSQL and back; a refused upstream resets the client, as PostgreSQL's absence would. */
function startProxy(port: number) {
  proxy = createServer((client) => {
    links.add(client)
    client.once('close', () => links.delete(client))
    const upstream = connect(pgPort, '127.0.0.1')
    links.add(upstream)
    upstream.once('close', () => links.delete(upstream))
    upstream.on('error', () => client.resetAndDestroy())
    client.on('error', () => upstream.destroy())
    upstream.on('data', (d) => void (frozen || client.write(d)))
    client.on('data', (d) => void (frozen || upstream.write(d)))
    upstream.on('close', () => client.destroy())
    client.on('close', () => upstream.destroy())
  })
  return new Promise<void>((resolve) => proxy!.listen(port, '127.0.0.1', resolve))
}

/** A page that needs no database, rendered afresh: how slow this machine is right now. */
async function baselineMs() {
  const times: number[] = []
  for (let i = 0; i < 3; i++) {
    const started = Date.now()
    await (await fetch(`${base}/cookies?baseline=${Date.now()}-${i}`)).text()
    times.push(Date.now() - started)
  }
  return times.sort((a, b) => a - b)[1]
}

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
  const proxyPort = await freePort()
  await startProxy(proxyPort)
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: pg!.url('hub').replace(`:${pgPort}/`, `:${proxyPort}/`),
      PORT: String(port),
      APP_URL: base,
      LOG_LEVEL: 'error',
      RUN_WORKERS: 'false',
      MEILI_URL: undefined,
    },
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
  for (const link of links) link.destroy()
  proxy?.close()
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

describe('request bodies', () => {
  test('a form post over 1 MB gets the GOV.UK "too large" page (413), with or without a declared length, and nothing of it is echoed; a NUL byte gets the GOV.UK 400 page', async () => {
    const huge = 'z'.repeat(2 * 1024 * 1024)
    const declared = await fetch(`${base}/feedback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
      body: new URLSearchParams({ satisfaction: 'satisfied', comments: huge }),
    })
    const html = await declared.text()
    expect(declared.status).toBe(413)
    expect(html).toContain('govuk-template')
    expect(html).toContain('What you sent was too large')
    expect(html).not.toContain('zzzzzzzzzz')
    expect(html.length).toBeLessThan(100_000)
    // Sent in chunks with no Content-Length, as a client streaming a body would.
    const bytes = new TextEncoder().encode(`satisfaction=satisfied&comments=${huge}`)
    const chunked = await fetch(`${base}/feedback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.subarray(i, i + 64 * 1024))
          controller.close()
        },
      }),
      duplex: 'half',
    } as RequestInit)
    expect(chunked.status).toBe(413)
    expect(await chunked.text()).toContain('What you sent was too large')
    // Just under the limit, the form is read and refused for what it says.
    const under = await fetch(`${base}/feedback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
      body: new URLSearchParams({ satisfaction: 'satisfied', comments: 'z'.repeat(900_000) }),
    })
    expect(under.status).toBe(400)
    expect(await under.text()).toContain('How we could improve the hub must be 1200 characters or fewer')
    // A NUL byte in the address or a form is refused before any page sees it, with the GOV.UK page for it.
    const nuls = [
      await fetch(`${base}/consultations/a%00b`),
      await fetch(`${base}/pipeline?q=%00`),
      await fetch(`${base}/feedback`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
        body: 'satisfaction=satisfied&comments=a%00b',
      }),
    ]
    for (const nul of nuls) {
      expect(nul.status).toBe(400)
      expect(nul.headers.get('Content-Type')).toMatch(/^text\/html/)
      const page = await nul.text()
      expect(page).toContain('govuk-template')
      expect(page).toContain('Sorry, we could not read what you sent')
    }
  })
})

describe('PostgreSQL unreachable', () => {
  test('readiness says 503, pages answer the GOV.UK "unavailable" page (503) within 2 seconds, and the app recovers by itself', async () => {
    expect((await fetch(`${base}/consultations`)).status).toBe(200)
    const bound = await unavailableBound()
    await pg!.stop()
    await expectUnavailable('stopped', bound)
    expect((await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(5000) })).status).toBe(503)
    expect((await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) })).status).toBe(200)
    // A form post that needs the database while it is away fails cleanly too.
    const post = await fetch(`${base}/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
      body: new URLSearchParams({ email: 'someone@example.com', password: 'a long enough password' }),
      redirect: 'manual',
      signal: AbortSignal.timeout(5000),
    })
    expect(post.status).toBe(503)
    const postHtml = await post.text()
    expect(postHtml).toContain('Sorry, the service is unavailable')
    expect(postHtml).not.toMatch(/ECONNREFUSED|at [\w.<>]+ \(/)
    expect(server!.exitCode).toBeNull()

    await startDatabase()
    const back = Date.now()
    await waitFor(async () => (await fetch(`${base}/consultations`, { signal: AbortSignal.timeout(5000) })).status === 200, 30_000)
    console.log(`PostgreSQL back: pages answered 200 again after ${Date.now() - back} ms`)
    expect((await fetch(`${base}/readyz`)).status).toBe(200)
  })

  test('a PostgreSQL that accepts connections and never answers: pages answer the 503 page within about 2 seconds, and the app recovers when it answers again', async () => {
    // Warm, several pages at once: the pool holds several open connections, which the freeze leaves waiting for an
    // answer that never comes; those idle when it is found out are the ones later pages pick up.
    const warm = ['/consultations', '/what-works', '/pipeline'].flatMap((page) => [page, `${page}?page=2`, `${page}?warm=1`])
    for (const res of await Promise.all(warm.map((page) => fetch(`${base}${page}`)))) expect(res.status).toBe(200)
    const bound = await unavailableBound()
    frozen = true
    await expectUnavailable('frozen', bound)
    expect(server!.exitCode).toBeNull()
    // PostgreSQL comes back: the stuck connections are gone and new ones are answered.
    for (const link of links) link.destroy()
    frozen = false
    const back = Date.now()
    await waitFor(async () => (await fetch(`${base}/consultations`, { signal: AbortSignal.timeout(5000) })).status === 200, 30_000)
    console.log(`PostgreSQL answering again: pages answered 200 after ${Date.now() - back} ms`)
  })
})

/**
 * The time a page may take to say the service is unavailable: 2 seconds,
 * plus what the machine adds right now. On a quiet machine a page with no
 * database renders in milliseconds; on a loaded one (this once failed at
 * 4.4 s while another server started on the same 2 cores) it takes hundreds,
 * and a 503 page costs several renders (the failed page, then the GOV.UK
 * page). A hang (before: 5 to 18 s) still fails.
 */
async function unavailableBound() {
  const baseline = await baselineMs()
  return 2500 + 4 * baseline
}

async function expectUnavailable(how: string, bound: number) {
  // The first page after the fault is the one that finds PostgreSQL gone, the slowest case.
  for (const page of ['/consultations', '/what-works', '/pipeline', '/consultations?page=2', '/sign-in']) {
    const started = Date.now()
    // A query of its own, so no page the cache kept from before the fault answers for it.
    const res = await fetch(`${base}${page}${page.includes('?') ? '&' : '?'}fault=${how}`, { signal: AbortSignal.timeout(30_000) })
    const html = await res.text()
    const took = Date.now() - started
    console.log(`PostgreSQL ${how}: ${page} answered ${res.status} in ${took} ms (bound ${bound} ms)`)
    expect(res.status, page).toBe(503)
    expect(took, page).toBeLessThan(bound)
    expect(html, page).toContain('Sorry, the service is unavailable')
    expect(html, page).toContain('govuk-template')
    expect(html, page).not.toMatch(/ECONNREFUSED|at [\w.<>]+ \(|node_modules|\.ts:\d+/)
  }
}

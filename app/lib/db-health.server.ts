import { Socket, connect } from 'node:net'
import postgres from 'postgres'
import { logger } from './logger.server'
import { singleton } from './singleton.server'

/**
 * Whether PostgreSQL answers. The first failure to reach it marks it down;
 * while it is marked, the pool's new connections fail at once instead of
 * each page waiting for a timeout, and pages answer the GOV.UK 503 page. A
 * probe on a connection of its own asks every second and lifts the mark when
 * PostgreSQL answers again, so the hub recovers without a restart.
 */
const state = singleton('db-health', () => ({ down: false, since: 0, url: '', probing: false }))

const PROBE_INTERVAL_MS = 1000

/** Long enough for a busy server to accept a connection, short enough for a page to fail inside two seconds. */
export const CONNECT_TIMEOUT_MS = 1500

const CONNECTION_FAILURES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'DATABASE_UNAVAILABLE',
  // admin_shutdown, crash_shutdown, cannot_connect_now
  '57P01',
  '57P02',
  '57P03',
])

export function databaseDown(): boolean {
  return state.down
}

export function isConnectionFailure(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && CONNECTION_FAILURES.has(code)) return true
    e = (e as { cause?: unknown }).cause
  }
  return false
}

/** Called with errors requests meet; only a failure to reach PostgreSQL marks it down. */
export function reportDatabaseError(error: unknown) {
  if (state.down || !state.url || !isConnectionFailure(error)) return
  state.down = true
  state.since = Date.now()
  logger.error({ err: error }, 'PostgreSQL unreachable; answering 503 until it returns')
  void probe()
}

async function probe() {
  if (state.probing) return
  state.probing = true
  try {
    while (state.down) {
      await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS).unref())
      const client = postgres(state.url, { max: 1, connect_timeout: CONNECT_TIMEOUT_MS / 1000, idle_timeout: 1, onnotice: () => {} })
      try {
        await client`select 1`
        state.down = false
        logger.info({ downForMs: Date.now() - state.since }, 'PostgreSQL reachable again')
      } catch {
        // still away
      } finally {
        await client.end({ timeout: 1 }).catch(() => {})
      }
    }
  } finally {
    state.probing = false
  }
}

/**
 * The pool's socket factory: while PostgreSQL is marked down a new connection
 * fails at once; otherwise it connects as postgres.js would, and a refusal
 * marks it down. A failure is always an error on the socket, never a rejected
 * promise: postgres.js leaves a connection whose factory rejected stuck out of
 * its pool, which after a few failures leaves every later query waiting.
 * (postgres.js's own connect_timeout still bounds a connection that hangs.)
 */
export function databaseSocket(url: string) {
  state.url = url
  return (options: { host: string[]; port: number[]; path?: string | false }): Socket => {
    if (state.down) {
      const socket = new Socket()
      setImmediate(() => socket.destroy(Object.assign(new Error('PostgreSQL is unavailable'), { code: 'DATABASE_UNAVAILABLE' })))
      return socket
    }
    const socket = options.path ? connect(options.path) : connect(options.port[0]!, options.host[0]!)
    socket.once('error', reportDatabaseError)
    return socket
  }
}

import { connect, type Socket } from 'node:net'
import postgres from 'postgres'
import { logger } from './logger.server'
import { singleton } from './singleton.server'

/**
 * Whether PostgreSQL answers. The first query that fails to reach it marks
 * it down; from then on new connections fail at once instead of each page
 * waiting for a connection timeout, and pages answer 503 straight away. A
 * probe on its own connection asks every second and lifts the mark when
 * PostgreSQL answers again, so the hub recovers without a restart.
 */
const state = singleton('db-health', () => ({ down: false, since: 0, url: '', probing: false }))

const PROBE_INTERVAL_MS = 1000

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

/** Called with every error a request meets; only a failure to reach PostgreSQL marks it down. */
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
      await new Promise((r) => setTimeout(r, PROBE_INTERVAL_MS).unref())
      const client = postgres(state.url, { max: 1, connect_timeout: 1, idle_timeout: 1, onnotice: () => {} })
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
 * fails at once (the probe, on its own client, decides when it is back).
 */
export function databaseSocket(url: string, connectTimeoutMs: number) {
  state.url = url
  return (options: { host: string[]; port: number[]; path?: string | false }): Promise<Socket> => {
    if (state.down) return Promise.reject(Object.assign(new Error('PostgreSQL is unavailable'), { code: 'DATABASE_UNAVAILABLE' }))
    return new Promise((resolve, reject) => {
      const socket = options.path ? connect(options.path) : connect(options.port[0]!, options.host[0]!)
      const fail = (error: Error) => {
        clearTimeout(timer)
        socket.destroy()
        reportDatabaseError(error)
        reject(error)
      }
      const timer = setTimeout(() => fail(Object.assign(new Error('Connecting to PostgreSQL timed out'), { code: 'CONNECT_TIMEOUT' })), connectTimeoutMs)
      socket.once('error', fail)
      socket.once('connect', () => {
        clearTimeout(timer)
        socket.removeListener('error', fail)
        resolve(socket)
      })
    })
  }
}

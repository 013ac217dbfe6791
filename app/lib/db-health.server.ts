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
const state = singleton('db-health', () => ({
  down: false,
  since: 0,
  url: '',
  probing: false,
  /** When any pooled connection last heard from PostgreSQL. */
  lastHeard: 0,
  checking: false,
  waiting: new Map<Socket, number>(),
  watchdog: null as NodeJS.Timeout | null,
}))

const PROBE_INTERVAL_MS = 1000

/** Long enough for a busy server to accept a connection, short enough for a page to fail inside two seconds. */
export const CONNECT_TIMEOUT_MS = 1500

/**
 * A connection that has sent a query and heard nothing for this long, while
 * no other connection has heard anything either, makes the watchdog ask
 * PostgreSQL on a new connection whether it is there at all.
 */
export const SILENCE_MS = 500
/** How long that question may take: a server that accepts connections but never answers is found out by then. */
export const CHECK_TIMEOUT_MS = 1200

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

/** One `select 1` on a connection of its own, within `timeoutMs`. */
async function answers(timeoutMs: number): Promise<boolean> {
  const client = postgres(state.url, { max: 1, connect_timeout: timeoutMs / 1000, idle_timeout: 1, onnotice: () => {} })
  try {
    await client`select 1`
    return true
  } catch {
    return false
  } finally {
    await client.end({ timeout: 1 }).catch(() => {})
  }
}

/**
 * A PostgreSQL that accepts connections and then never answers (stopped with
 * SIGSTOP, its machine frozen, a network that drops packets) leaves queries
 * on open connections waiting for ever; postgres.js has no client-side query
 * timeout, and a server-side statement_timeout needs a server that answers.
 * When queries have waited SILENCE_MS and no connection has heard anything
 * since they were sent, the watchdog asks on a new connection; if that gets
 * no answer within CHECK_TIMEOUT_MS, the database is marked down and the
 * waiting connections are closed with a connection error, so their pages
 * answer 503; while it stays marked, a query on a pooled connection that was
 * idle then fails as it is written, since the watchdog no longer times it. A
 * slow query on a server that answers the question is left alone.
 */
function watch() {
  if (state.watchdog) return
  state.watchdog = setInterval(() => {
    if (state.down || state.checking || !state.waiting.size) return
    const oldest = Math.min(...state.waiting.values())
    if (Date.now() - oldest < SILENCE_MS || state.lastHeard > oldest) return
    state.checking = true
    void answers(CHECK_TIMEOUT_MS)
      .then((alive) => {
        if (alive) {
          state.lastHeard = Date.now()
          return
        }
        const error = Object.assign(new Error('PostgreSQL accepted a connection but did not answer'), { code: 'DATABASE_UNAVAILABLE' })
        reportDatabaseError(error)
        for (const socket of state.waiting.keys()) socket.destroy(error)
      })
      .finally(() => (state.checking = false))
  }, 100)
  state.watchdog.unref()
}

async function probe() {
  if (state.probing) return
  state.probing = true
  try {
    while (state.down) {
      await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS).unref())
      if (await answers(CONNECT_TIMEOUT_MS)) {
        state.down = false
        state.lastHeard = Date.now()
        logger.info({ downForMs: Date.now() - state.since }, 'PostgreSQL reachable again')
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
    // Every message the client sends expects an answer; the watchdog times the wait.
    const write = socket.write.bind(socket) as (...args: unknown[]) => boolean
    socket.write = ((...args: unknown[]) => {
      // A pooled connection opened before PostgreSQL went away would wait for ever once the watchdog stops looking.
      if (state.down) {
        socket.destroy(Object.assign(new Error('PostgreSQL is unavailable'), { code: 'DATABASE_UNAVAILABLE' }))
        return false
      }
      if (!state.waiting.has(socket)) state.waiting.set(socket, Date.now())
      return write(...args)
    }) as Socket['write']
    socket.on('data', () => {
      state.lastHeard = Date.now()
      state.waiting.delete(socket)
    })
    socket.once('close', () => state.waiting.delete(socket))
    watch()
    return socket
  }
}

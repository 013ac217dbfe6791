import cluster, { type Worker } from 'node:cluster'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { config } from '~/lib/config.server'
import { logger } from '~/lib/logger.server'
import { startServices } from './services'

/**
 * `npm start`: one app process per core (WEB_CONCURRENCY), all sharing the
 * port. This primary process only starts what the workers share (the
 * embedded PostgreSQL and Meilisearch when no address is given), applies
 * the migrations and seeds once, then keeps the workers running: the first
 * runs the background jobs, a worker that dies is replaced, and SIGHUP
 * replaces them one at a time, each new one listening before the old one
 * stops taking connections and finishes the requests it has.
 */
const cfg = config()
const size = Math.max(1, Number.parseInt(process.env.WEB_CONCURRENCY ?? '', 10) || availableParallelism())

const services = await startServices()
if (cfg.SEED_DEMO) {
  const { seedDemo } = await import('~db/seed/index')
  const { sql } = await import('~/lib/db.server')
  if (await seedDemo()) logger.info('demo content added')
  await sql.end({ timeout: 5 })
}

cluster.setupPrimary({ exec: path.resolve('server/index.ts') })

/** Which worker runs the background jobs: slot 0. */
const slots = new Map<Worker, number>()
let stopping = false

function fork(slot: number): Worker {
  const worker = cluster.fork({
    DATABASE_URL: config().DATABASE_URL,
    ...(config().MEILI_URL ? { MEILI_URL: config().MEILI_URL, MEILI_MASTER_KEY: config().MEILI_MASTER_KEY ?? '' } : {}),
    MEILI_EMBEDDED: 'false',
    SEED_DEMO: 'false',
    RUN_WORKERS: slot === 0 && cfg.RUN_WORKERS ? 'true' : 'false',
  })
  slots.set(worker, slot)
  return worker
}

/** For a parent process (a test, a supervisor) that started this one with an IPC channel. */
function describeWorkers() {
  return [...slots].map(([worker, slot]) => ({ pid: worker.process.pid, jobs: slot === 0 && cfg.RUN_WORKERS }))
}

function listening(worker: Worker) {
  return new Promise<void>((resolve, reject) => {
    worker.once('listening', () => resolve())
    worker.once('exit', (code) => reject(new Error(`worker ${worker.process.pid} exited with ${code} before listening`)))
  })
}

function exited(worker: Worker) {
  return worker.isDead() ? Promise.resolve() : new Promise<void>((resolve) => worker.once('exit', () => resolve()))
}

cluster.on('exit', (worker, code, signal) => {
  const slot = slots.get(worker)
  slots.delete(worker)
  if (stopping || slot === undefined || replacing.has(worker)) return
  logger.error({ pid: worker.process.pid, code, signal, slot }, 'worker died; starting another')
  setTimeout(() => !stopping && fork(slot), 1000)
})

const replacing = new Set<Worker>()
let restarting: Promise<void> | undefined

/** One worker at a time: the new one listens first, then the old one drains and stops. */
async function restart() {
  for (const [old, slot] of [...slots]) {
    if (stopping) return
    replacing.add(old)
    const next = fork(slot)
    try {
      await listening(next)
    } catch (error) {
      replacing.delete(old)
      logger.error({ err: error }, 'a new worker failed to start; keeping the old one')
      return
    }
    old.process.kill('SIGTERM')
    await exited(old)
    replacing.delete(old)
  }
  logger.info({ workers: describeWorkers() }, 'workers restarted')
  process.send?.({ restarted: describeWorkers() })
}

let again = false
process.on('SIGHUP', () => {
  // A restart asked for during one runs after it, so the newest code is what ends up running.
  if (restarting) {
    again = true
    return
  }
  restarting = restart().finally(() => {
    restarting = undefined
    if (again) {
      again = false
      process.emit('SIGHUP', 'SIGHUP')
    }
  })
})

async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'stopping workers')
  const force = setTimeout(() => process.exit(1), 30_000).unref()
  const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w))
  for (const worker of workers) worker.process.kill('SIGTERM')
  await Promise.all(workers.map(exited))
  await services.stop()
  clearTimeout(force)
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))

await Promise.all(Array.from({ length: size }, (_, slot) => listening(fork(slot))))
logger.info({ workers: size, port: cfg.PORT }, 'Commissioning Hub workers listening')
process.send?.({ listening: describeWorkers() })

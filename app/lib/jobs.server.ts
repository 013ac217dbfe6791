import { sql as dsql } from 'drizzle-orm'
import PgBoss from 'pg-boss'
import { config } from './config.server'
import type { DbOrTx } from './db.server'
import { logger } from './logger.server'
import { singleton } from './singleton.server'

export type JobHandler<T extends object = object> = (data: T) => Promise<void>

type Registration = {
  name: string
  // Each job's data has its own shape; defineJob types it for the module that declares the job.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handler: JobHandler<any>
  batchSize?: number
  pollingIntervalSeconds?: number
  /** Cron schedule in Europe/London, for work that runs on its own. */
  schedule?: string
}

/** What the worker needs of a job to run it. */
export type Job = { name: string; registration: Registration }

/**
 * Domain modules declare their jobs with this; the worker process runs the
 * ones listed in app/jobs.server.ts. Queue and send are available to every
 * process; only workers consume.
 */
export function defineJob<T extends object>(registration: Omit<Registration, 'handler'> & { handler: JobHandler<T> }) {
  return {
    name: registration.name,
    registration: registration as Registration,
    send: (data: T, options?: PgBoss.SendOptions) => sendJob(registration.name, data, options),
    /** Many jobs in one statement, e.g. one per row of a batch. */
    sendMany: (items: T[], options: SendManyOptions<T> = {}) => sendJobs(registration.name, items, options),
  }
}

/**
 * Runs pg-boss's insert inside the caller's transaction: a job sent with
 * `{ db: inTransaction(tx) }` exists only if that transaction commits, and
 * no worker can pick it up before then.
 */
export function inTransaction(tx: DbOrTx): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const chunks = text.split(/\$(\d+)/).map((part, i) => (i % 2 ? dsql`${values[Number(part) - 1]}` : dsql.raw(part)))
      return { rows: [...(await tx.execute(dsql.join(chunks)))] }
    },
  }
}

const state = singleton('job-boss', () => ({ boss: undefined as PgBoss | undefined, starting: undefined as Promise<PgBoss> | undefined }))

async function boss(): Promise<PgBoss> {
  if (state.boss) return state.boss
  state.starting ??= (async () => {
    const instance = new PgBoss({ connectionString: config().DATABASE_URL, max: 4, schema: 'pgboss' })
    instance.on('error', (err) => logger.error({ err }, 'job queue error'))
    await instance.start()
    state.boss = instance
    return instance
  })()
  return state.starting
}

/** Queues are never removed, so each is looked up once per process rather than on every send. */
const knownQueues = singleton('job-queues-known', () => new Set<string>())

async function ensureQueue(instance: PgBoss, name: string) {
  if (knownQueues.has(name)) return
  if (!(await instance.getQueue(name))) {
    await instance.createQueue(name, { retryLimit: 8, retryDelay: 5, retryBackoff: true, retryDelayMax: 600 })
  }
  knownQueues.add(name)
}

export async function sendJob(name: string, data: object, options: PgBoss.SendOptions = {}) {
  const instance = await boss()
  await ensureQueue(instance, name)
  return instance.send(name, data, options)
}

type SendManyOptions<T> = { priority?: number; singletonKey?: (item: T) => string } & PgBoss.InsertOptions

async function sendJobs<T extends object>(name: string, items: T[], { priority, singletonKey, ...options }: SendManyOptions<T>) {
  if (!items.length) return
  const instance = await boss()
  await ensureQueue(instance, name)
  await instance.insert(
    name,
    items.map((data) => ({ name, data, priority, singletonKey: singletonKey?.(data) })),
    options,
  )
}

export async function startJobs(jobs: Job[]) {
  const instance = await boss()
  for (const { registration: job } of jobs) {
    await ensureQueue(instance, job.name)
    await instance.work(job.name, { batchSize: job.batchSize ?? 1, pollingIntervalSeconds: job.pollingIntervalSeconds ?? 1 }, async (jobs) => {
      for (const item of jobs) await job.handler(item.data as object)
    })
    if (job.schedule) await instance.schedule(job.name, job.schedule, {}, { tz: 'Europe/London' })
  }
  logger.info({ jobs: jobs.map((job) => job.name) }, 'job workers started')
}

export async function stopJobs() {
  if (!state.boss) return
  await state.boss.stop({ graceful: true, wait: true, timeout: 10_000 })
  state.boss = undefined
  state.starting = undefined
}

import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as schema from '~db/schema'
import { config } from './config.server'
import { CONNECT_TIMEOUT_MS, databaseSocket } from './db-health.server'
import { preparedQueries } from './prepared-queries.server'
import { singleton } from './singleton.server'

function databaseUrl(): string {
  const url = config().DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set: start the server through server/index.ts, which starts the embedded database')
  return url
}

export const sql = singleton('postgres', () =>
  postgres(databaseUrl(), {
    max: config().DATABASE_POOL_SIZE,
    onnotice: () => {},
    connect_timeout: CONNECT_TIMEOUT_MS / 1000,
    // postgres.js takes a socket factory but does not declare it in its types.
    ...({ socket: databaseSocket(databaseUrl()) } as object),
    connection: { TimeZone: 'UTC' },
  }),
)

export const db = singleton('drizzle', () => drizzle(preparedQueries(sql), { schema, casing: 'snake_case' }))

export type Db = typeof db
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
/** Domain functions take either the pool or an open transaction. */
export type DbOrTx = Db | Tx

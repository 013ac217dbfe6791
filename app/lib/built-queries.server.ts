import { db, type DbOrTx } from './db.server'
import { singleton } from './singleton.server'

type Prepared = { execute(placeholders?: Record<string, unknown>): Promise<unknown> }
type Preparable<P extends Prepared> = { prepare(name: string): P }

/**
 * A query drizzle turns into SQL once, to run on the pool or inside a
 * transaction. drizzle builds a query's SQL afresh every time it runs (a
 * sixth of the app's CPU in a consultation's final-day surge); `.prepare()`
 * keeps what it built but ties it to the pool, so in a transaction the kept
 * query is run on the transaction's own connection instead. `build` returns
 * the query on `db`, with `sql.placeholder` for its values; it is prepared
 * under `name`.
 */
export function builtQuery<P extends Prepared>(name: string, build: () => Preparable<P>): (on: DbOrTx) => P {
  const prepared = singleton(`built-query:${name}`, () => build().prepare(name))
  return (on) => (on === db ? prepared : Object.create(prepared, { client: { value: transactionConnection(on) } }))
}

function transactionConnection(tx: DbOrTx): unknown {
  // drizzle's postgres.js session holds the connection the transaction reserved as `client`.
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client
  if (!client) throw new Error('builtQuery: this drizzle version keeps a transaction’s connection elsewhere')
  return client
}

import type { Sql } from 'postgres'

/**
 * Queries with more parameters than this (a batch of search documents, a
 * bulk import) are seldom sent twice with the same shape, so they are not
 * kept as prepared statements on the connection.
 */
export const MAX_PREPARED_PARAMETERS = 100

type Unsafe = (query: string, parameters?: unknown[], options?: { prepare?: boolean }) => unknown
type Callback = (client: Sql) => unknown

/**
 * The postgres.js client as drizzle should see it. drizzle sends every query
 * it builds as an unnamed statement unless the query is given a name, so
 * PostgreSQL parses and plans it afresh each time, and postgres.js first asks
 * for its parameters' types: two round trips for every query. Through this
 * view each query text is prepared once per connection and its plan kept,
 * in transactions and their savepoints too.
 */
export function preparedQueries<T extends Sql>(client: T): T {
  return new Proxy(client, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown
      if (key === 'unsafe') {
        const unsafe = value as Unsafe
        return (query: string, parameters: unknown[] = [], options: { prepare?: boolean } = {}) =>
          unsafe.call(target, query, parameters, { ...options, prepare: parameters.length <= MAX_PREPARED_PARAMETERS })
      }
      if (key === 'begin' || key === 'savepoint') {
        const open = value as (...args: unknown[]) => unknown
        return (...args: unknown[]) => {
          const callback = args.pop() as Callback
          return open.call(target, ...args, (inner: Sql) => callback(preparedQueries(inner)))
        }
      }
      return value
    },
  })
}

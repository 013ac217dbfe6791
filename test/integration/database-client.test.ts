import { eq, inArray, sql as dsql } from 'drizzle-orm'
import postgres from 'postgres'
import { describe, expect, test } from 'vitest'
import { builtQuery } from '~/lib/built-queries.server'
import { db } from '~/lib/db.server'
import { MAX_PREPARED_PARAMETERS } from '~/lib/prepared-queries.server'
import { users } from '~db/schema'

/**
 * The database client underneath every page: queries drizzle builds are
 * prepared once per connection, and a transaction keeps its connection to
 * itself however busy the pool is.
 */

async function preparedStatements(tx: Parameters<Parameters<typeof db.transaction>[0]>[0]) {
  const rows = await tx.execute<{ statement: string }>(dsql`select statement from pg_prepared_statements`)
  return [...rows].map((r) => r.statement)
}

describe('prepared queries', () => {
  test('a query drizzle builds is prepared on its connection and its plan kept, in a transaction and its savepoint', async () => {
    const found = await db.transaction(async (tx) => {
      const email = `nobody-${Date.now()}@example.com`
      await tx.select({ id: users.id }).from(users).where(eq(users.email, email))
      await tx.transaction(async (inner) => {
        await inner.select({ name: users.name }).from(users).where(eq(users.email, email))
      })
      return preparedStatements(tx)
    })
    expect(found.some((s) => s.startsWith('select "id" from "users" where "users"."email" = $1'))).toBe(true)
    expect(found.some((s) => s.startsWith('select "name" from "users" where "users"."email" = $1'))).toBe(true)
  })

  test(`a query with more than ${MAX_PREPARED_PARAMETERS} parameters, seldom repeated, is not kept`, async () => {
    const ids = Array.from({ length: MAX_PREPARED_PARAMETERS + 1 }, () => crypto.randomUUID())
    const found = await db.transaction(async (tx) => {
      await tx.select({ id: users.id }).from(users).where(inArray(users.id, ids))
      return preparedStatements(tx)
    })
    expect(found.filter((s) => s.includes('"users"."id" in ('))).toEqual([])
  })
})

describe('queries built once', () => {
  const userByEmail = builtQuery('test_user_by_email', () =>
    db
      .select({ name: users.name })
      .from(users)
      .where(eq(users.email, dsql.placeholder('email'))),
  )

  test('run in a transaction or its savepoint, a built query reads on that connection, and on the pool outside it', async () => {
    const email = `built-${Date.now()}@example.com`
    class RolledBack extends Error {}
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(users).values({ email, name: 'Bea Built', passwordHash: 'x' })
        // The transaction sees its own row; the pool cannot until it commits.
        expect(await userByEmail(tx).execute({ email })).toEqual([{ name: 'Bea Built' }])
        expect(await userByEmail(db).execute({ email })).toEqual([])
        await tx.transaction(async (savepoint) => {
          expect(await userByEmail(savepoint).execute({ email })).toEqual([{ name: 'Bea Built' }])
        })
        throw new RolledBack()
      }),
    ).rejects.toBeInstanceOf(RolledBack)
    expect(await userByEmail(db).execute({ email })).toEqual([])
  })
})

describe('transactions on a busy pool', () => {
  // With no pipelining every BEGIN meets a full pipeline, the case that on a busy pool left a transaction open
  // on a connection back in the pool, for other requests' queries to run inside it.
  test('a transaction keeps its connection when it begins on a full pipeline', async () => {
    const client = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {}, ...({ max_pipeline: 0 } as object) })
    try {
      expect(await client.begin(async (tx) => (await tx<{ ok: number }[]>`select 1 as ok`)[0].ok)).toBe(1)
    } finally {
      await client.end()
    }
  })
})

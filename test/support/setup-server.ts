import { beforeEach } from 'vitest'
import { cloneTemplate } from './database'

// Each worker has a database of its own; every test starts from empty tables.
const url = await cloneTemplate(`test_${process.env.VITEST_POOL_ID ?? '0'}`)
process.env.DATABASE_URL = url
process.env.NODE_ENV = 'test'
process.env.APP_URL ??= 'http://localhost:3000'
delete process.env.MEILI_URL

const { sql } = await import('~/lib/db.server')

const tables = await sql<{ name: string }[]>`
  select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = 'public'`

beforeEach(async () => {
  if (tables.length) await sql.unsafe(`truncate ${tables.map((t) => t.name).join(', ')} restart identity cascade`)
  const [boss] = await sql`select 1 from pg_namespace where nspname = 'pgboss'`
  if (boss) await sql.unsafe(`truncate pgboss.job cascade`).catch(() => {})
})

import postgres from 'postgres'
import { inject } from 'vitest'

export function databaseUrl(database: string): string {
  return `postgres://hub:hub@127.0.0.1:${inject('pgPort')}/${database}`
}

/**
 * Clones the migrated template into a database of this worker's own. Two
 * clones of one template cannot start at the same moment, so a busy template
 * is retried.
 */
export async function cloneTemplate(name: string): Promise<string> {
  const admin = postgres(databaseUrl('postgres'), { max: 1, onnotice: () => {} })
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`
    if (!exists) {
      for (let attempt = 0; ; attempt++) {
        try {
          await admin.unsafe(`create database "${name}" template "${inject('templateDatabase')}"`)
          break
        } catch (error) {
          if (attempt > 50 || !String(error).includes('being accessed by other users')) throw error
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200))
        }
      }
    }
  } finally {
    await admin.end()
  }
  return databaseUrl(name)
}

/** Empties every table of the app's database (and the job queue), as the harness does before each test. */
let tables: Array<{ name: string }> | undefined

export async function emptyTables() {
  const { sql } = await import('~/lib/db.server')
  tables ??= await sql<{ name: string }[]>`select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = 'public'`
  if (tables.length) await sql.unsafe(`truncate ${tables.map((t) => t.name).join(', ')} restart identity cascade`)
  const [boss] = await sql`select 1 from pg_namespace where nspname = 'pgboss'`
  if (boss) await sql.unsafe(`truncate pgboss.job cascade`).catch(() => {})
}

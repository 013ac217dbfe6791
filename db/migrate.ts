import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

export const MIGRATIONS_FOLDER = migrationsFolder

/** Applies committed SQL migrations over a connection of its own (from another folder when testing a data migration). */
export async function runMigrations(databaseUrl: string, folder = migrationsFolder) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
  try {
    await migrate(drizzle(sql), { migrationsFolder: folder })
  } finally {
    await sql.end()
  }
}

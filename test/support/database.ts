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

/**
 * Creates the first admin, or promotes an existing account, without prompts:
 *
 *   npm run create-admin -- --email ada@example.gov.uk --name "Ada Admin" --password "…"
 *   ADMIN_PASSWORD="…" npm run create-admin -- --email ada@example.gov.uk --name "Ada Admin"
 *
 * Uses DATABASE_URL when set. Otherwise it uses the embedded database in
 * DATA_DIR: the running hub's if it is up, else it starts it for the moment.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { config, useDatabaseUrl } from '~/lib/config.server'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '~db/embedded'
import { runMigrations } from '~db/migrate'

function fail(message: string): never {
  console.error(`create-admin: ${message}`)
  process.exit(1)
}

let args: { email?: string; name?: string; password?: string }
try {
  args = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } }, strict: true }).values
} catch (error) {
  fail(`${(error as Error).message}\nUsage: npm run create-admin -- --email <address> --name <full name> [--password <password>]`)
}
if (!args.email) fail('Give the admin’s email address with --email')

async function reachable(url: string) {
  const probe = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} })
  try {
    await probe`select 1`
    return true
  } catch {
    return false
  } finally {
    await probe.end({ timeout: 1 })
  }
}

const cfg = config()
let embedded: EmbeddedDatabase | undefined
if (!cfg.DATABASE_URL) {
  const running = `postgres://hub:hub@127.0.0.1:${cfg.EMBEDDED_PG_PORT}/hub`
  if (await reachable(running)) {
    useDatabaseUrl(running)
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(cfg.DATA_DIR, 'postgres'), port: cfg.EMBEDDED_PG_PORT })
    await embedded.createDatabase('hub')
    useDatabaseUrl(embedded.url('hub'))
  }
}
await runMigrations(config().DATABASE_URL!)

const { sql } = await import('~/lib/db.server')
const { createOrPromoteAdmin } = await import('~/modules/accounts/admin.server')
let exitCode = 0
try {
  const result = await createOrPromoteAdmin({ email: args.email, name: args.name, password: args.password ?? process.env.ADMIN_PASSWORD })
  if (!result.ok) {
    console.error(`create-admin: ${Object.values(result.errors).join('; ')}`)
    exitCode = 1
  } else {
    const what = result.created ? 'Created admin' : result.promoted ? 'Made admin' : 'Already an admin:'
    console.log(`${what} ${args.email.trim().toLowerCase()}`)
  }
} finally {
  await sql.end({ timeout: 5 })
  await embedded?.stop()
}
process.exit(exitCode)

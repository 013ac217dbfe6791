/**
 * Records bounces reported by the mail provider, so the hub stops writing to
 * those addresses at once (their queued newsletter copies are cancelled):
 *
 *   npx tsx scripts/record-bounce.ts --reason "550 5.1.1 mailbox unavailable" ada@example.org bob@example.org
 *
 * Uses DATABASE_URL when set, otherwise the running hub's embedded database.
 * Staff can record one bounce at a time on /staff/newsletters.
 */
import { parseArgs } from 'node:util'
import { config, useDatabaseUrl } from '~/lib/config.server'

const { values, positionals } = parseArgs({ options: { reason: { type: 'string' } }, allowPositionals: true, strict: true })
if (!positionals.length) {
  console.error('record-bounce: give one or more email addresses')
  process.exit(1)
}
if (!config().DATABASE_URL) useDatabaseUrl(`postgres://hub:hub@127.0.0.1:${config().EMBEDDED_PG_PORT}/hub`)

const { sql } = await import('~/lib/db.server')
const { recordBounce } = await import('~/modules/newsletters/subscriptions.server')
let exitCode = 0
try {
  for (const address of positionals) {
    const found = await recordBounce(address, values.reason ?? 'Reported by the mail provider')
    console.log(found ? `Bounced: ${address}` : `No subscriber: ${address}`)
    if (!found) exitCode = 1
  }
} finally {
  await sql.end({ timeout: 5 })
}
process.exit(exitCode)

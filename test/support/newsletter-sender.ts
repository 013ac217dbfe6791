/**
 * A newsletter worker in a process of its own, so a test can kill it with
 * SIGKILL halfway through a send and start another. It keeps going until the
 * send is finished, waiting out leases left by a worker that died.
 * Usage: node --import tsx test/support/newsletter-sender.ts <newsletterId>
 * with DATABASE_URL and SMTP_URL set; LEASE_SECONDS and RATE optional.
 */
const { dispatchNewsletter } = await import('~/modules/newsletters/sending.server')
const { sql } = await import('~/lib/db.server')

const newsletterId = process.argv[2]
for (;;) {
  const result = await dispatchNewsletter(newsletterId, {
    ratePerSecond: Number(process.env.RATE ?? 1000),
    leaseSeconds: Number(process.env.LEASE_SECONDS ?? 5),
  })
  if (result.done) break
  const wait = Math.max(100, (result.nextAttemptAt?.getTime() ?? Date.now()) - Date.now() + 50)
  await new Promise((r) => setTimeout(r, wait))
}
await sql.end()
process.exit(0)
export {}

import { and, eq, sql as dsql } from 'drizzle-orm'
import { config } from '~/lib/config.server'
import { db } from '~/lib/db.server'
import { claimCampaignBatch, DEFAULT_LEASE_SECONDS, sendClaimed } from '~/lib/email.server'
import { logger } from '~/lib/logger.server'
import { newsletters } from '~db/schema'
import { queueIndexing } from '~search/outbox.server'
import { campaignFor } from './newsletters.server'

export type DispatchOptions = {
  /** Messages per second; MAIL_RATE_PER_SECOND by default. */
  ratePerSecond?: number
  leaseSeconds?: number
  /** Messages in flight at once within a batch. */
  concurrency?: number
  /** Stop after this long and let the queue run the rest, so one job never holds a worker for hours. */
  budgetMs?: number
}

export type DispatchResult = { sent: number; done: boolean; nextAttemptAt: Date | null }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Sends a newsletter's due deliveries at the configured rate, claiming only
 * as many rows as it has messages in flight (`concurrency`) and recording
 * each SMTP 250 before that connection sends again. Rows are claimed
 * atomically with a lease, so workers can share a send, and a worker that
 * dies leaves at most its in-flight rows, which another takes over once
 * their lease runs out; rows already marked sent are never taken. Only a
 * message the SMTP server had accepted when the worker died, before the
 * update, is sent twice, and it keeps its Message-ID, so the receiving mail
 * system sees the same message.
 */
export async function dispatchNewsletter(newsletterId: string, options: DispatchOptions = {}): Promise<DispatchResult> {
  const rate = options.ratePerSecond ?? config().MAIL_RATE_PER_SECOND
  const lease = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS
  const concurrency = Math.max(1, options.concurrency ?? 4)
  const started = Date.now()
  const campaign = campaignFor(newsletterId)
  let sent = 0
  let drained = false
  while (!drained) {
    if (options.budgetMs !== undefined && Date.now() - started > options.budgetMs) break
    const secondStarted = Date.now()
    let claimed = 0
    // One second's worth at the rate, claimed a few at a time: what a crash leaves leased is only what was in flight.
    while (claimed < rate) {
      const batch = await claimCampaignBatch(campaign, Math.min(concurrency, rate - claimed), lease)
      if (!batch.length) {
        drained = true
        break
      }
      claimed += batch.length
      // sendClaimed records each message's outcome as soon as its own SMTP reply arrives.
      const outcomes = await Promise.all(batch.map(sendClaimed))
      sent += outcomes.filter((o) => o === 'sent').length
    }
    const elapsed = Date.now() - secondStarted
    if (!drained && elapsed < 1000) await sleep(1000 - elapsed)
  }
  const [pending] = [
    ...(await db.execute<{ waiting: number; next: string | null }>(dsql`
      select count(*)::int as waiting, min(case when status = 'queued' then coalesce(next_attempt_at, now()) else lease_expires_at end) as next
      from mail_deliveries where campaign = ${campaign} and status in ('queued', 'sending')`)),
  ]
  if (pending.waiting === 0) {
    await db.transaction(async (tx) => {
      const [finished] = await tx
        .update(newsletters)
        .set({ status: 'sent', completedAt: new Date() })
        .where(and(eq(newsletters.id, newsletterId), eq(newsletters.status, 'sending')))
        .returning({ id: newsletters.id })
      if (finished) await queueIndexing(tx, 'newsletters', newsletterId)
    })
    logger.info({ newsletterId, sent }, 'newsletter send finished')
    return { sent, done: true, nextAttemptAt: null }
  }
  return { sent, done: false, nextAttemptAt: pending.next ? new Date(pending.next) : new Date() }
}

/** When an issue goes out: scheduling it, cancelling the schedule, or sending it now. */
import { and, eq, inArray } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { db } from '~/lib/db.server'
import { RuleError } from '~/lib/result'
import { newsletters, type Newsletter } from '~db/schema'
import { dispatchNewsletterJob, startNewsletterJob } from './jobs.server'
import { EDITABLE, startSend } from './newsletters.server'
import type { Actor } from '~/lib/actor'

export async function scheduleNewsletter(id: string, at: Date, actor: Actor, { now = new Date() } = {}): Promise<Newsletter> {
  if (at.getTime() <= now.getTime()) throw new RuleError('The send time must be in the future')
  const row = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(newsletters)
      .set({ status: 'scheduled', scheduledAt: at, cancelledAt: null })
      .where(and(eq(newsletters.id, id), inArray(newsletters.status, [...EDITABLE])))
      .returning()
    if (!row) throw new RuleError('Only a draft or scheduled newsletter can be scheduled')
    await recordAudit(tx, { actor, action: 'newsletter.schedule', subjectType: 'newsletter', subjectId: id, after: { scheduledAt: at.toISOString() } })
    return row
  })
  await startNewsletterJob.send({ newsletterId: id }, { startAfter: at })
  return row
}

export async function cancelSchedule(id: string, actor: Actor, { now = new Date() } = {}): Promise<Newsletter> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(newsletters)
      .set({ status: 'draft', scheduledAt: null, cancelledAt: now })
      .where(and(eq(newsletters.id, id), eq(newsletters.status, 'scheduled')))
      .returning()
    if (!row) throw new RuleError('Only a scheduled newsletter can be cancelled; this one has already started sending')
    await recordAudit(tx, { actor, action: 'newsletter.cancel', subjectType: 'newsletter', subjectId: id })
    return row
  })
}

/**
 * Sends the issue now: marks it scheduled for this instant and starts it at
 * once, so "send now" and a schedule that falls due take the same path.
 */
export async function sendNow(id: string, actor: Actor, { now = new Date() } = {}) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(newsletters)
      .set({ status: 'scheduled', scheduledAt: now })
      .where(and(eq(newsletters.id, id), inArray(newsletters.status, [...EDITABLE])))
      .returning({ id: newsletters.id })
    if (!row) throw new RuleError('This newsletter has already been sent')
    await recordAudit(tx, { actor, action: 'newsletter.send', subjectType: 'newsletter', subjectId: id })
  })
  const started = await startSend(id, { now })
  if (started) {
    await dispatchNewsletterJob.send({ newsletterId: id })
  }
}

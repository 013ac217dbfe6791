/** When an issue goes out: scheduling it, cancelling the schedule, or sending it now. */
import { and, eq, inArray } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { db } from '~/lib/db.server'
import { RuleError } from '~/lib/result'
import { formatTime } from '~/lib/time'
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
    if (!row) {
      // A colleague who cancelled first has done what was asked; a send that has started cannot be undone.
      const [current] = await tx.select({ status: newsletters.status }).from(newsletters).where(eq(newsletters.id, id))
      if (current?.status === 'draft') throw new RuleError('The schedule had already been cancelled. The newsletter is a draft', { code: 'already_cancelled' })
      throw new RuleError('Only a scheduled newsletter can be cancelled; this one has already started sending')
    }
    await recordAudit(tx, { actor, action: 'newsletter.cancel', subjectType: 'newsletter', subjectId: id })
    return row
  })
}

/**
 * Sends the issue now: marks it scheduled for this instant and starts it at
 * once, so "send now" and a schedule that falls due take the same path.
 * `seenVersion` is when the issue was last changed as the confirming staff
 * member saw it: if a colleague has changed it since, nothing is sent and
 * they are asked to look again. A second confirmation (a double click, or
 * two staff at once) finds it already sending and sends nothing more.
 */
export async function sendNow(id: string, actor: Actor, { now = new Date(), seenVersion }: { now?: Date; seenVersion?: string } = {}) {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(newsletters).where(eq(newsletters.id, id)).for('update')
    if (!current) throw new RuleError('Newsletter not found', { code: 'not_found' })
    // A schedule whose time has come is already on its way out, just not started yet. The clock is read again
    // after the lock: a second click that waited for the first sees the first's "now" as past, not future.
    const lockedAt = Math.max(now.getTime(), Date.now())
    const goingOut = current.status === 'scheduled' && current.scheduledAt !== null && current.scheduledAt.getTime() <= lockedAt
    if (goingOut || !(EDITABLE as readonly string[]).includes(current.status)) throw new RuleError('This newsletter has already been sent', { code: 'already_sent' })
    if (seenVersion && current.updatedAt.toISOString() !== seenVersion) {
      throw new RuleError(`Someone changed this newsletter at ${formatTime(current.updatedAt)}, after you opened this page. Check it below and confirm again`, { code: 'changed' })
    }
    await tx.update(newsletters).set({ status: 'scheduled', scheduledAt: now }).where(eq(newsletters.id, id))
    await recordAudit(tx, { actor, action: 'newsletter.send', subjectType: 'newsletter', subjectId: id })
  })
  const started = await startSend(id, { now })
  if (started) {
    await dispatchNewsletterJob.send({ newsletterId: id })
  }
}

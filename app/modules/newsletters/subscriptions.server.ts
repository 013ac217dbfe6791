import crypto from 'node:crypto'
import { and, eq, gt, like, or, sql as dsql } from 'drizzle-orm'
import { config } from '~/lib/config.server'
import { db, type DbOrTx } from '~/lib/db.server'
import { recordAudit, type AuditEntry } from '~/lib/audit.server'
import { onBounce, queueEmail } from '~/lib/email.server'
import { assertMailAllowed, type MailRequester } from '~/lib/unconfirmed-mail.server'
import { auditExport } from '~/lib/export-audit.server'
import { mailDeliveries, subscribers, type Subscriber, type SubscriptionTopic } from '~db/schema'
import { campaignPrefix, TOPICS } from './topics'

/** A second confirmation email to one address is held back for this long, so a form cannot flood a stranger's inbox. */
export const CONFIRMATION_RESEND_MINUTES = 15
const CONFIRMATION_VALID_DAYS = 7

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex')
const newToken = () => crypto.randomBytes(32).toString('base64url')

export function manageUrl(token: string) {
  return `${config().APP_URL}/subscriptions/${token}`
}

export function unsubscribeUrl(token: string, topic?: SubscriptionTopic) {
  return `${config().APP_URL}/unsubscribe/${token}${topic ? `?topic=${topic}` : ''}`
}

/** The RFC 8058 headers: mail providers show an unsubscribe button that POSTs to the link. */
export function listUnsubscribeHeaders(token: string, topic?: SubscriptionTopic): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeUrl(token, topic)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
}

export type SubscribeOutcome = 'confirmation_sent' | 'confirmation_recently_sent' | 'already_subscribed'

/**
 * Starts a subscription. The outcome is for tests and logs: the person sees
 * the same "check your email" page whatever it is, so the form does not
 * reveal who is subscribed.
 */
export async function subscribe(
  { email, topics, userId = null }: { email: string; topics: SubscriptionTopic[]; userId?: string | null },
  { now = new Date(), requester = {} }: { now?: Date; requester?: MailRequester } = {},
): Promise<SubscribeOutcome> {
  const address = email.trim().toLowerCase()
  return db.transaction(async (tx) => {
    await tx.execute(dsql`select pg_advisory_xact_lock(hashtext(${`subscribe:${address}`}))`)
    // Counted before anything is read, so the limit says nothing about who is subscribed.
    await assertMailAllowed(tx, address, 'subscription', requester, { now })
    const [existing] = await tx.select().from(subscribers).where(eq(subscribers.email, address))
    const recentlySent = existing?.confirmationSentAt && now.getTime() - existing.confirmationSentAt.getTime() < CONFIRMATION_RESEND_MINUTES * 60_000
    if (existing?.status === 'confirmed') {
      if (!recentlySent) {
        await tx.update(subscribers).set({ confirmationSentAt: now }).where(eq(subscribers.id, existing.id))
        await queueEmail(alreadySubscribedEmail(existing, now), { tx })
      }
      return 'already_subscribed'
    }
    if (existing && recentlySent) {
      await tx
        .update(subscribers)
        .set({ topics: mergeTopics(existing.topics, topics) })
        .where(eq(subscribers.id, existing.id))
      return 'confirmation_recently_sent'
    }
    const confirmToken = newToken()
    let subscriber: Subscriber
    if (existing) {
      ;[subscriber] = await tx
        .update(subscribers)
        .set({
          status: 'pending',
          topics: mergeTopics(existing.status === 'pending' ? existing.topics : [], topics),
          confirmTokenHash: hash(confirmToken),
          confirmationSentAt: now,
          userId: existing.userId ?? userId,
        })
        .where(eq(subscribers.id, existing.id))
        .returning()
    } else {
      ;[subscriber] = await tx
        .insert(subscribers)
        .values({ email: address, topics, userId, token: newToken(), confirmTokenHash: hash(confirmToken), confirmationSentAt: now })
        .returning()
    }
    await queueEmail(confirmationEmail(subscriber, confirmToken), { tx })
    return 'confirmation_sent'
  })
}

function mergeTopics(a: SubscriptionTopic[], b: SubscriptionTopic[]): SubscriptionTopic[] {
  return [...new Set([...a, ...b])]
}

function confirmationEmail(subscriber: Subscriber, confirmToken: string) {
  const link = `${config().APP_URL}/subscribe/confirm/${confirmToken}`
  return {
    to: subscriber.email,
    subject: 'Confirm your subscription to Commissioning Hub emails',
    text: [
      'Someone, probably you, asked to get emails from the Commissioning Hub at this address.',
      `To confirm, open this link within ${CONFIRMATION_VALID_DAYS} days:`,
      link,
      'If it was not you, ignore this email: you will get nothing else from us.',
    ].join('\n\n'),
    idempotencyKey: `subscription-confirm:${subscriber.id}:${hash(confirmToken).slice(0, 16)}`,
  }
}

function alreadySubscribedEmail(subscriber: Subscriber, now: Date) {
  return {
    to: subscriber.email,
    subject: 'You already get Commissioning Hub emails',
    text: ['Someone asked to subscribe this address, which is already subscribed.', 'Choose what you get, or unsubscribe, here:', manageUrl(subscriber.token)].join('\n\n'),
    headers: listUnsubscribeHeaders(subscriber.token),
    idempotencyKey: `subscription-reminder:${subscriber.id}:${now.toISOString()}`,
  }
}

/** Follows the emailed link. Null for a link that is forged, expired or already used. */
export async function confirmSubscription(confirmToken: string, { now = new Date() } = {}): Promise<Subscriber | null> {
  const [row] = await db
    .update(subscribers)
    .set({ status: 'confirmed', confirmedAt: now, confirmTokenHash: null, unsubscribedAt: null, bouncedAt: null, bounceReason: null })
    .where(
      and(eq(subscribers.confirmTokenHash, hash(confirmToken)), eq(subscribers.status, 'pending'), gt(subscribers.confirmationSentAt, new Date(now.getTime() - CONFIRMATION_VALID_DAYS * 86_400_000))),
    )
    .returning()
  return row ?? null
}

export async function findConfirmable(confirmToken: string): Promise<Subscriber | null> {
  const [row] = await db
    .select()
    .from(subscribers)
    .where(and(eq(subscribers.confirmTokenHash, hash(confirmToken)), eq(subscribers.status, 'pending')))
  return row ?? null
}

export async function findByToken(token: string): Promise<Subscriber | null> {
  if (!token || token.length > 100) return null
  const [row] = await db.select().from(subscribers).where(eq(subscribers.token, token))
  return row ?? null
}

/** Copies of bulk email still waiting for this address, for topics it no longer gets, are not sent. */
async function cancelQueued(tx: DbOrTx, address: string, keep: SubscriptionTopic[] = []) {
  const prefixes = TOPICS.filter((t) => !keep.includes(t)).map((t) => `${campaignPrefix(t)}%`)
  if (!prefixes.length) return
  await tx
    .update(mailDeliveries)
    .set({ status: 'cancelled', nextAttemptAt: null })
    .where(and(eq(mailDeliveries.toAddress, address), eq(mailDeliveries.status, 'queued'), or(...prefixes.map((p) => like(mailDeliveries.campaign, p)))))
}

export type UnsubscribeOutcome = 'unsubscribed' | 'already_unsubscribed' | 'not_found'

/** Honoured at once: queued copies for the address are cancelled in the same transaction. */
export async function unsubscribe(token: string, topic?: SubscriptionTopic | null, { now = new Date() } = {}): Promise<UnsubscribeOutcome> {
  const subscriber = await findByToken(token)
  if (!subscriber) return 'not_found'
  if (subscriber.status === 'unsubscribed' || (topic && !subscriber.topics.includes(topic))) return 'already_unsubscribed'
  const topics = topic ? subscriber.topics.filter((t) => t !== topic) : []
  await db.transaction(async (tx) => {
    await tx
      .update(subscribers)
      .set(topics.length ? { topics } : { topics: [], status: 'unsubscribed', unsubscribedAt: now, confirmTokenHash: null })
      .where(eq(subscribers.id, subscriber.id))
    await cancelQueued(tx, subscriber.email, topics)
  })
  return 'unsubscribed'
}

/**
 * Saves the topics chosen on the preferences page. The link came in an
 * email to the address, so following it is as good as confirming it.
 */
export async function updatePreferences(token: string, topics: SubscriptionTopic[], { now = new Date() } = {}): Promise<Subscriber | null> {
  const subscriber = await findByToken(token)
  if (!subscriber) return null
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(subscribers)
      .set(
        topics.length
          ? { topics, status: 'confirmed', confirmedAt: subscriber.confirmedAt ?? now, unsubscribedAt: null, bouncedAt: null, bounceReason: null, confirmTokenHash: null }
          : { topics: [], status: 'unsubscribed', unsubscribedAt: now },
      )
      .where(eq(subscribers.id, subscriber.id))
      .returning()
    await cancelQueued(tx, subscriber.email, topics)
    return row
  })
}

/**
 * An address the mail system says cannot be delivered to. Nothing more is
 * sent to it until its owner subscribes again and confirms.
 */
/** Stops mail to a bounced address. Staff reporting a bounce by hand leave an audit entry; the mail server's own reports do not. */
export async function recordBounce(address: string, reason: string, { now = new Date(), actor }: { now?: Date; actor?: AuditEntry['actor'] } = {}): Promise<boolean> {
  const email = address.trim().toLowerCase()
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(subscribers)
      .set({ status: 'bounced', bouncedAt: now, bounceReason: reason.slice(0, 500) })
      .where(and(eq(subscribers.email, email), dsql`${subscribers.status} <> 'unsubscribed'`))
      .returning({ id: subscribers.id })
    await cancelQueued(tx, email)
    // The latest copy that went out is the one that came back.
    await tx.execute(dsql`
      update mail_deliveries set status = 'bounced', last_error = ${reason.slice(0, 1000)}
      where id = (select id from mail_deliveries where to_address = ${email} and status = 'sent' and campaign is not null order by sent_at desc limit 1)`)
    if (row && actor) await recordAudit(tx, { actor, action: 'subscriber.bounce', subjectType: 'subscriber', after: { email: address } })
    return Boolean(row)
  })
}

onBounce(async (address, reason) => {
  await recordBounce(address, reason)
})

/** Everything held about an address, for its owner. */
export async function exportSubscriberData(tx: DbOrTx, subscriber: Subscriber) {
  const deliveries = await tx
    .select({ subject: mailDeliveries.subject, status: mailDeliveries.status, sentAt: mailDeliveries.sentAt, createdAt: mailDeliveries.createdAt })
    .from(mailDeliveries)
    .where(
      and(
        eq(mailDeliveries.toAddress, subscriber.email),
        dsql`(${mailDeliveries.campaign} like 'newsletter:%' or ${mailDeliveries.campaign} like 'alert:%' or ${mailDeliveries.idempotencyKey} like 'subscription-%')`,
      ),
    )
  return {
    email: subscriber.email,
    status: subscriber.status,
    topics: subscriber.topics,
    subscribedAt: subscriber.createdAt,
    confirmedAt: subscriber.confirmedAt,
    unsubscribedAt: subscriber.unsubscribedAt,
    bouncedAt: subscriber.bouncedAt,
    bounceReason: subscriber.bounceReason,
    importedAt: subscriber.importedAt,
    consentRecordedAtImport: subscriber.consentSource,
    emails: deliveries,
  }
}

/** The owner's download of everything held about the address; the download is audited. */
export async function downloadSubscriberData(subscriber: Subscriber) {
  const data = await exportSubscriberData(db, subscriber)
  await auditExport(null, 'subscriber.export', { type: 'subscriber', id: subscriber.id })
  return data
}

/** Removes the address and the record of what was sent to it. */
export async function eraseSubscription(subscriber: Subscriber) {
  await db.transaction((tx) => eraseSubscriber(tx, subscriber))
}

export async function eraseSubscriber(tx: DbOrTx, subscriber: Subscriber) {
  await tx
    .delete(mailDeliveries)
    .where(
      and(
        eq(mailDeliveries.toAddress, subscriber.email),
        dsql`(${mailDeliveries.campaign} like 'newsletter:%' or ${mailDeliveries.campaign} like 'alert:%' or ${mailDeliveries.idempotencyKey} like 'subscription-%')`,
      ),
    )
  await tx.delete(subscribers).where(eq(subscribers.id, subscriber.id))
}

export async function subscriberCounts() {
  const rows = await db
    .select({ status: subscribers.status, n: dsql<number>`count(*)::int` })
    .from(subscribers)
    .groupBy(subscribers.status)
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<Subscriber['status'], number>>
}

/** A member's subscription: the one linked to their account, or else the one for their address. */
export async function subscriptionForUser(user: { id: string; email: string }): Promise<Subscriber | null> {
  const rows = await db
    .select()
    .from(subscribers)
    .where(dsql`${subscribers.userId} = ${user.id} or ${subscribers.email} = ${user.email.toLowerCase()}`)
  return rows.find((r) => r.userId === user.id) ?? rows[0] ?? null
}

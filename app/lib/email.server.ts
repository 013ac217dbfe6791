import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, or, sql as dsql, type SQL } from 'drizzle-orm'
import nodemailer, { type Transporter } from 'nodemailer'
import { mailDeliveries, type MailAttachment, type MailDelivery } from '~db/schema'
import { config } from './config.server'
import { db, type DbOrTx } from './db.server'
import { deliveryHtml } from './email-layout.server'
import { logger } from './logger.server'
import { singleton } from './singleton.server'

export type OutgoingEmail = {
  to: string
  subject: string
  text: string
  /** A fragment laid out by app/lib/email-layout.server.ts, or a whole document; without it the text is laid out as HTML. */
  html?: string
  headers?: Record<string, string>
  attachments?: MailAttachment[]
  /** One delivery per key: the same message to the same person is never sent twice. */
  idempotencyKey: string
  campaign?: string
}

const TRANSACTIONAL_PRIORITY = 10
/** Mail to many subscribers at once queues below transactional email, so a receipt never waits behind an alert. */
export const BULK_PRIORITY = 0

const transports = singleton('mail-transports', () => ({ override: undefined as string | null | undefined, byUrl: new Map<string, Transporter>() }))

/** The SMTP transport for SMTP_URL, made on first use; null means the development mailbox. */
function transport(): Transporter | null {
  const url = transports.override === undefined ? config().SMTP_URL : transports.override
  if (!url) return null
  let made = transports.byUrl.get(url)
  if (!made) {
    // Pooled: a newsletter goes out over a few reused connections, not one per message.
    // Timeouts stay well inside DEFAULT_LEASE_SECONDS, so a hung send fails before another worker may take its row.
    made = nodemailer.createTransport({ url, pool: true, maxConnections: 4, connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 } as Parameters<
      typeof nodemailer.createTransport
    >[0])
    made.on('error', (err) => logger.warn({ err }, 'mail connection error'))
    transports.byUrl.set(url, made)
  }
  return made
}

/**
 * Whether mail leaves the hub over SMTP. When it does, the copies in the
 * database are real people's live links, so the mailbox shows no content.
 */
export function smtpConfigured(): boolean {
  return Boolean(transports.override === undefined ? config().SMTP_URL : transports.override)
}

/** Points this process at another SMTP server (tests run one in-process); null for the mailbox. */
export function useSmtpUrl(url: string | null | undefined) {
  transports.override = url
  for (const made of transports.byUrl.values()) made.close()
  transports.byUrl.clear()
}

/**
 * Records the message for the mail pump to send. Given a transaction, the
 * delivery row commits or rolls back with the change that caused it, and no
 * worker sees it before then.
 */
export async function queueEmail(message: OutgoingEmail, options: { tx?: DbOrTx; priority?: number } = {}) {
  const [id] = await queueEmails([message], options)
  return id ?? null
}

/**
 * Records many messages in one statement; the row is the queue (see
 * sendDueMail). A message whose idempotency key is already recorded is
 * skipped; the ids of the new deliveries are returned.
 */
export async function queueEmails(messages: OutgoingEmail[], { tx = db, priority = TRANSACTIONAL_PRIORITY }: { tx?: DbOrTx; priority?: number } = {}) {
  if (!messages.length) return []
  const rows = await tx
    .insert(mailDeliveries)
    .values(
      messages.map((message) => ({
        idempotencyKey: message.idempotencyKey,
        toAddress: message.to.toLowerCase(),
        subject: message.subject,
        textBody: message.text,
        htmlBody: message.html ?? null,
        headers: message.headers ?? {},
        attachments: message.attachments ?? [],
        campaign: message.campaign ?? null,
        priority,
      })),
    )
    .onConflictDoNothing({ target: mailDeliveries.idempotencyKey })
    .returning({ id: mailDeliveries.id })
  return rows.map((row) => row.id)
}

export class PermanentMailError extends Error {}

/** How long a worker owns a row it is sending before another may take it over. */
export const DEFAULT_LEASE_SECONDS = 120
const MAX_ATTEMPTS = 8

const bounceHandlers = singleton('mail-bounce-handlers', () => [] as Array<(address: string, reason: string) => Promise<void>>)

/** Domains that keep addresses (subscriptions) hear about addresses that bounce. */
export function onBounce(handler: (address: string, reason: string) => Promise<void>) {
  bounceHandlers.push(handler)
}

/**
 * Takes up to `limit` rows that are due (queued and past any retry wait, or
 * left 'sending' by a worker whose lease ran out), oldest first, skipping
 * rows other workers hold, so any number of workers can share the queue and
 * two never hold the same row.
 */
async function claimDue(which: SQL, order: SQL[], limit: number, leaseSeconds: number): Promise<MailDelivery[]> {
  const due = db
    .select({ id: mailDeliveries.id })
    .from(mailDeliveries)
    .where(
      and(
        which,
        or(
          and(eq(mailDeliveries.status, 'queued'), or(isNull(mailDeliveries.nextAttemptAt), lte(mailDeliveries.nextAttemptAt, dsql`now()`))),
          and(eq(mailDeliveries.status, 'sending'), dsql`${mailDeliveries.leaseExpiresAt} < now()`),
        ),
      ),
    )
    .orderBy(...order, asc(mailDeliveries.createdAt), asc(mailDeliveries.id))
    .limit(limit)
    .for('update', { skipLocked: true })
  return db
    .update(mailDeliveries)
    .set({
      status: 'sending',
      attempts: dsql`${mailDeliveries.attempts} + 1`,
      leaseExpiresAt: dsql`now() + make_interval(secs => ${leaseSeconds})`,
      updatedAt: dsql`now()`,
    })
    .where(inArray(mailDeliveries.id, due))
    .returning()
}

/** Claims up to `limit` due rows of one bulk send, whose dispatcher paces it (newsletters). */
export function claimCampaignBatch(campaign: string, limit: number, leaseSeconds = DEFAULT_LEASE_SECONDS): Promise<MailDelivery[]> {
  return claimDue(eq(mailDeliveries.campaign, campaign), [], limit, leaseSeconds)
}

/** The Message-ID is fixed per delivery, so a copy re-sent after a crash is recognisably the same message. */
export function messageIdFor(deliveryId: string) {
  return `<${deliveryId}@commissioning-hub>`
}

export type SendOutcome = 'sent' | 'retry' | 'failed' | 'bounced' | 'skipped'

/**
 * Sends a delivery this worker has claimed and records the outcome. Marking
 * sent only succeeds while the row is still 'sending', so a row another
 * worker has since taken over is never recorded twice.
 */
export async function sendClaimed(delivery: MailDelivery): Promise<SendOutcome> {
  try {
    const mailer = transport()
    if (mailer) {
      await mailer.sendMail({
        from: config().MAIL_FROM,
        to: delivery.toAddress,
        subject: delivery.subject,
        text: delivery.textBody,
        html: deliveryHtml(delivery),
        headers: delivery.headers,
        attachments: delivery.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        messageId: messageIdFor(delivery.id),
      })
    }
    await db
      .update(mailDeliveries)
      .set({ status: 'sent', sentAt: new Date(), lastError: null, leaseExpiresAt: null })
      .where(dsql`${mailDeliveries.id} = ${delivery.id} and ${mailDeliveries.status} = 'sending'`)
    return 'sent'
  } catch (error) {
    const kind = classify(error)
    const giveUp = kind !== 'temporary' || delivery.attempts >= MAX_ATTEMPTS
    const status = kind === 'bounce' ? 'bounced' : giveUp ? 'failed' : 'queued'
    // Backoff doubles from 30 seconds, capped at an hour.
    const waitSeconds = Math.min(3600, 30 * 2 ** Math.max(0, delivery.attempts - 1))
    await db
      .update(mailDeliveries)
      .set({
        status,
        lastError: String(error).slice(0, 1000),
        leaseExpiresAt: null,
        nextAttemptAt: status === 'queued' ? new Date(Date.now() + waitSeconds * 1000) : null,
      })
      .where(eq(mailDeliveries.id, delivery.id))
    logger.warn({ err: error, deliveryId: delivery.id, status }, 'email delivery failed')
    if (status === 'bounced') for (const handler of bounceHandlers) await handler(delivery.toAddress, String(error).slice(0, 500))
    return status === 'queued' ? 'retry' : status
  }
}

/**
 * Sends up to `limit` due messages the pump takes (those queued with a
 * priority), highest priority first, each recorded as its own SMTP reply
 * arrives. A row already sent, or held by a live worker, is not taken, so
 * nothing is sent twice; a temporary failure waits for its next attempt.
 * With no SMTP_URL the messages stay in the development mailbox, marked sent.
 */
export async function sendDueMail(limit = pumpBatch(), leaseSeconds = DEFAULT_LEASE_SECONDS): Promise<SendOutcome[]> {
  const claimed = await claimDue(isNotNull(mailDeliveries.priority), [desc(mailDeliveries.priority)], limit, leaseSeconds)
  // An update returns its rows in no particular order.
  claimed.sort((a, b) => b.priority! - a.priority! || a.createdAt.getTime() - b.createdAt.getTime())
  const outcomes: SendOutcome[] = []
  for (const delivery of claimed) outcomes.push(await sendClaimed(delivery))
  return outcomes
}

const PUMP_INTERVAL_MS = 500
/** Half a second's worth of MAIL_RATE_PER_SECOND (50 by default: GOV.UK Notify's 3,000 a minute). */
const pumpBatch = () => Math.max(1, Math.round((config().MAIL_RATE_PER_SECOND * PUMP_INTERVAL_MS) / 1000))

const pump = singleton('mail-pump', () => ({ running: undefined as Promise<void> | undefined, stopping: false, wake: undefined as (() => void) | undefined }))

/**
 * Runs in the worker that runs jobs: every half second it sends what is due,
 * at most MAIL_RATE_PER_SECOND, so a consultation's last day answers its
 * respondents first and their acknowledgements follow at the mail server's pace.
 */
export function startMailPump() {
  if (pump.running) return
  pump.stopping = false
  pump.running = (async () => {
    while (!pump.stopping) {
      const started = Date.now()
      try {
        await sendDueMail()
      } catch (error) {
        logger.error({ err: error }, 'mail pump: sending due mail failed; trying again')
      }
      const wait = PUMP_INTERVAL_MS - (Date.now() - started)
      if (wait > 0 && !pump.stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait)
          pump.wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
      }
    }
  })()
}

/** Finishes the batch being sent, then stops. */
export async function stopMailPump() {
  pump.stopping = true
  pump.wake?.()
  await pump.running
  pump.running = undefined
}

/**
 * 5xx replies are permanent; of those, the ones about the mailbox itself
 * (550-553) mean the address bounced and should not be written to again.
 */
function classify(error: unknown): 'temporary' | 'permanent' | 'bounce' {
  if (error instanceof PermanentMailError) return 'permanent'
  const code = (error as { responseCode?: number }).responseCode
  if (typeof code === 'number' && code >= 550 && code <= 553) return 'bounce'
  if (typeof code === 'number' && code >= 500 && code < 600) return 'permanent'
  return 'temporary'
}

import { eq, sql as dsql } from 'drizzle-orm'
import nodemailer, { type Transporter } from 'nodemailer'
import { mailDeliveries } from '~db/schema'
import { config } from './config.server'
import { db, type DbOrTx } from './db.server'
import { defineJob } from './jobs.server'
import { logger } from './logger.server'
import { singleton } from './singleton.server'

export type OutgoingEmail = {
  to: string
  subject: string
  text: string
  html?: string
  headers?: Record<string, string>
  /** One delivery per key: the same message to the same person is never sent twice. */
  idempotencyKey: string
}

const TRANSACTIONAL_PRIORITY = 10

const transport = singleton('mail-transport', (): Transporter | null => {
  const url = config().SMTP_URL
  return url ? nodemailer.createTransport(url) : null
})

/**
 * Records the message and queues its delivery. Given a transaction, the
 * delivery row commits or rolls back with the change that caused it.
 */
export async function queueEmail(message: OutgoingEmail, { tx = db, priority = TRANSACTIONAL_PRIORITY }: { tx?: DbOrTx; priority?: number } = {}) {
  const [row] = await tx
    .insert(mailDeliveries)
    .values({
      idempotencyKey: message.idempotencyKey,
      toAddress: message.to.toLowerCase(),
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html ?? null,
      headers: message.headers ?? {},
    })
    .onConflictDoNothing({ target: mailDeliveries.idempotencyKey })
    .returning({ id: mailDeliveries.id })
  if (row) await deliverEmail.send({ deliveryId: row.id }, { priority, singletonKey: row.id })
  return row?.id ?? null
}

export class PermanentMailError extends Error {}

/**
 * Sends one queued delivery. A row already marked sent is skipped, so a
 * retried or duplicated job never sends twice. With no SMTP_URL the message
 * stays in the development mailbox, marked sent.
 */
export async function sendDelivery(deliveryId: string) {
  const claimed = await db
    .update(mailDeliveries)
    .set({ attempts: dsql`${mailDeliveries.attempts} + 1` })
    .where(dsql`${mailDeliveries.id} = ${deliveryId} and ${mailDeliveries.status} = 'queued'`)
    .returning()
  const delivery = claimed[0]
  if (!delivery) return
  try {
    if (transport) {
      await transport.sendMail({
        from: config().MAIL_FROM,
        to: delivery.toAddress,
        subject: delivery.subject,
        text: delivery.textBody,
        html: delivery.htmlBody ?? undefined,
        headers: delivery.headers,
        messageId: `<${delivery.id}@commissioning-hub>`,
      })
    }
    await db.update(mailDeliveries).set({ status: 'sent', sentAt: new Date(), lastError: null }).where(eq(mailDeliveries.id, deliveryId))
  } catch (error) {
    const permanent = isPermanent(error)
    await db
      .update(mailDeliveries)
      .set({ status: permanent ? 'failed' : 'queued', lastError: String(error).slice(0, 1000) })
      .where(eq(mailDeliveries.id, deliveryId))
    logger.warn({ err: error, deliveryId, permanent }, 'email delivery failed')
    if (!permanent) throw error
  }
}

function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode
  return error instanceof PermanentMailError || (typeof code === 'number' && code >= 500 && code < 600)
}

export const deliverEmail = defineJob<{ deliveryId: string }>({
  name: 'mail.deliver',
  batchSize: 10,
  pollingIntervalSeconds: 0.5,
  handler: ({ deliveryId }) => sendDelivery(deliveryId),
})

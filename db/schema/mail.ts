import { index, integer, jsonb, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { id, timestamps } from './columns'

export const deliveryStatusEnum = pgEnum('delivery_status', ['queued', 'sending', 'sent', 'failed', 'bounced', 'cancelled'])

export type MailAttachment = { filename: string; contentType: string; content: string }

/**
 * One row per message and recipient. The idempotency key makes every send
 * happen at most once however often a job is retried.
 */
export const mailDeliveries = pgTable(
  'mail_deliveries',
  {
    id: id(),
    idempotencyKey: text().notNull(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    textBody: text().notNull(),
    /** As given: a whole document or a fragment to lay out; null for a message laid out from its text when sent (deliveryHtml). */
    htmlBody: text(),
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    /** Small text attachments, such as a calendar file; kept with the message so a retry sends the same thing. */
    attachments: jsonb().$type<MailAttachment[]>().notNull().default([]),
    status: deliveryStatusEnum().notNull().default('queued'),
    /**
     * The mail pump sends rows with a priority, highest first (app/lib/email.server.ts);
     * null for a bulk send's rows, which its own dispatcher paces (newsletters).
     */
    priority: smallint(),
    attempts: integer().notNull().default(0),
    /** Groups a bulk send's rows, such as `newsletter:<id>`; null for transactional email. */
    campaign: text(),
    /**
     * While a worker holds a row in 'sending' it owns it until this time; a
     * row whose lease ran out belonged to a worker that died mid-send.
     */
    leaseExpiresAt: timestamp({ withTimezone: true }),
    /** A temporary failure waits until this time before the next try. */
    nextAttemptAt: timestamp({ withTimezone: true }),
    lastError: text(),
    sentAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('mail_deliveries_idempotency_key_idx').on(t.idempotencyKey),
    index('mail_deliveries_to_address_idx').on(t.toAddress),
    index('mail_deliveries_status_idx').on(t.status),
    index('mail_deliveries_campaign_status_idx').on(t.campaign, t.status),
    // The pump's queue: only rows still to send, in the order it takes them.
    index('mail_deliveries_pump_idx')
      .on(t.priority.desc(), t.createdAt, t.id)
      .where(sql`${t.priority} is not null and ${t.status} in ('queued', 'sending')`),
  ],
)

export type MailDelivery = typeof mailDeliveries.$inferSelect
export type NewMailDelivery = typeof mailDeliveries.$inferInsert

/**
 * Each request, by anyone, for an email to an address nobody has confirmed
 * (a registration, a resume link, an invitation …), counted against the
 * limits in app/lib/unconfirmed-mail.server.ts. Rows hold keyed hashes, not
 * addresses: the table must say only whether two requests came from the same
 * place or went to the same inbox, and rows older than a day are deleted.
 */
export const mailRequests = pgTable(
  'mail_requests',
  {
    id: id(),
    kind: text().notNull(),
    recipientHash: text().notNull(),
    clientHash: text(),
    senderHash: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mail_requests_recipient_idx').on(t.recipientHash, t.createdAt),
    index('mail_requests_client_idx').on(t.clientHash, t.createdAt),
    index('mail_requests_sender_idx').on(t.senderHash, t.createdAt),
  ],
)

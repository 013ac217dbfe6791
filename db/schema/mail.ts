import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { id, timestamps } from './columns'

export const deliveryStatusEnum = pgEnum('delivery_status', ['queued', 'sent', 'failed', 'bounced'])

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
    htmlBody: text(),
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    status: deliveryStatusEnum().notNull().default('queued'),
    attempts: integer().notNull().default(0),
    lastError: text(),
    sentAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('mail_deliveries_idempotency_key_idx').on(t.idempotencyKey),
    index('mail_deliveries_to_address_idx').on(t.toAddress),
    index('mail_deliveries_status_idx').on(t.status),
  ],
)

export type MailDelivery = typeof mailDeliveries.$inferSelect
export type NewMailDelivery = typeof mailDeliveries.$inferInsert

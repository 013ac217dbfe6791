import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { id, timestamps } from './columns'

export const subscriptionTopicEnum = pgEnum('subscription_topic', ['newsletter', 'consultations', 'pipeline', 'case_studies'])
export const subscriberStatusEnum = pgEnum('subscriber_status', ['pending', 'confirmed', 'unsubscribed', 'bounced'])
export const newsletterStatusEnum = pgEnum('newsletter_status', ['draft', 'scheduled', 'sending', 'sent', 'cancelled'])

/**
 * One row per email address. Nothing is sent to a pending address but the
 * confirmation link (double opt-in). The token is the address's key to its
 * preferences and one-click unsubscribe, so those work without signing in.
 */
export const subscribers = pgTable(
  'subscribers',
  {
    id: id(),
    email: text().notNull(),
    status: subscriberStatusEnum().notNull().default('pending'),
    topics: subscriptionTopicEnum().array().notNull().default([]),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    token: text().notNull(),
    confirmTokenHash: text(),
    confirmationSentAt: timestamp({ withTimezone: true }),
    confirmedAt: timestamp({ withTimezone: true }),
    unsubscribedAt: timestamp({ withTimezone: true }),
    bouncedAt: timestamp({ withTimezone: true }),
    bounceReason: text(),
    /** For an address staff imported: how the person agreed, in the words staff recorded; null for those who confirmed by email. */
    consentSource: text(),
    importedAt: timestamp({ withTimezone: true }),
    importedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('subscribers_email_idx').on(t.email),
    uniqueIndex('subscribers_token_idx').on(t.token),
    uniqueIndex('subscribers_confirm_token_hash_idx').on(t.confirmTokenHash),
    index('subscribers_status_idx').on(t.status),
    index('subscribers_user_id_idx').on(t.userId),
    index('subscribers_imported_by_id_idx').on(t.importedById),
  ],
)

export type NewsletterBlock = 'open_consultations' | 'new_pipeline_notices' | 'top_case_studies'

/**
 * An issue of the Employment Category Newsletter. The body is the editor's
 * document; live blocks are rendered when the issue goes out and frozen into
 * issueHtml and issueText, which the archive and every email are made from.
 */
export const newsletters = pgTable(
  'newsletters',
  {
    id: id(),
    slug: text().notNull(),
    title: text().notNull(),
    summary: text().notNull().default(''),
    bodyJson: jsonb().notNull(),
    bodyHtml: text().notNull(),
    bodyText: text().notNull(),
    blocks: text().array().$type<NewsletterBlock[]>().notNull().default([]),
    status: newsletterStatusEnum().notNull().default('draft'),
    scheduledAt: timestamp({ withTimezone: true }),
    sentAt: timestamp({ withTimezone: true }),
    completedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    issueHtml: text(),
    issueText: text(),
    recipientCount: integer().notNull().default(0),
    createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('newsletters_slug_idx').on(t.slug),
    index('newsletters_status_scheduled_idx').on(t.status, t.scheduledAt),
    index('newsletters_sent_at_idx').on(t.sentAt),
    index('newsletters_created_by_id_idx').on(t.createdById),
  ],
)

export type Subscriber = typeof subscribers.$inferSelect
export type NewSubscriber = typeof subscribers.$inferInsert
export type SubscriptionTopic = (typeof subscriptionTopicEnum.enumValues)[number]
export type Newsletter = typeof newsletters.$inferSelect
export type NewNewsletter = typeof newsletters.$inferInsert

import { boolean, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { id } from './columns'
import { consultationResponses, consultations } from './consultations'

export const campaignStatusEnum = pgEnum('consultation_campaign_status', ['suggested', 'confirmed', 'dismissed'])

/**
 * A group of responses sharing the same, or nearly the same, words: found by
 * the hub, then confirmed or dismissed by staff. The fingerprint of the shared
 * text keeps a decision when the search runs again over more responses.
 */
export const consultationCampaigns = pgTable(
  'consultation_campaigns',
  {
    id: id(),
    consultationId: uuid()
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    fingerprint: text().notNull(),
    status: campaignStatusEnum().notNull().default('suggested'),
    sharedText: text().notNull(),
    size: integer().notNull(),
    detectedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('consultation_campaigns_fingerprint_idx').on(t.consultationId, t.fingerprint)],
)

export const consultationCampaignMembers = pgTable(
  'consultation_campaign_members',
  {
    campaignId: uuid()
      .notNull()
      .references(() => consultationCampaigns.id, { onDelete: 'cascade' }),
    responseId: uuid()
      .notNull()
      .references(() => consultationResponses.id, { onDelete: 'cascade' }),
    /** False for a variation: the shared words, edited. */
    identical: boolean().notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.responseId] }), index('consultation_campaign_members_response_idx').on(t.responseId)],
)

export type ConsultationCampaign = typeof consultationCampaigns.$inferSelect

/** The latest search for campaigns in a consultation: asked for by staff, done by the worker. */
export const consultationCampaignChecks = pgTable('consultation_campaign_checks', {
  consultationId: uuid()
    .primaryKey()
    .references(() => consultations.id, { onDelete: 'cascade' }),
  requestedAt: timestamp({ withTimezone: true }).notNull(),
  requestedById: uuid().references(() => users.id, { onDelete: 'set null' }),
  finishedAt: timestamp({ withTimezone: true }),
  /** How many responses had enough free text to compare, at the last finished check. */
  responsesCompared: integer(),
})

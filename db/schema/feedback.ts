import { index, pgEnum, pgTable, text } from 'drizzle-orm/pg-core'
import { id, timestamps } from './columns'

export const satisfactionEnum = pgEnum('satisfaction', ['very_satisfied', 'satisfied', 'neither', 'dissatisfied', 'very_dissatisfied'])

/** Feedback about the hub itself, sent from the phase banner and footer link. */
export const serviceFeedback = pgTable(
  'service_feedback',
  {
    id: id(),
    satisfaction: satisfactionEnum().notNull(),
    comments: text().notNull(),
    // Where the person was when they chose to give feedback, for context only.
    fromPath: text(),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('service_feedback_created_at_idx').on(t.createdAt)],
)

export type ServiceFeedback = typeof serviceFeedback.$inferSelect
export type NewServiceFeedback = typeof serviceFeedback.$inferInsert
export type Satisfaction = (typeof satisfactionEnum.enumValues)[number]

import { index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { id } from './columns'
import { consultationResponses, consultations } from './consultations'
import { questionnaireQuestions } from './questionnaires'

export const publicationDecisionEnum = pgEnum('publication_decision', ['publish', 'withhold'])

/**
 * A staff decision on one consented response in the publication queue.
 * No row means not yet reviewed; releasedAt is set once it is public.
 */
export const consultationResponseReviews = pgTable(
  'consultation_response_reviews',
  {
    responseId: uuid()
      .primaryKey()
      .references(() => consultationResponses.id, { onDelete: 'cascade' }),
    consultationId: uuid()
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    decision: publicationDecisionEnum().notNull(),
    withheldReason: text(),
    reviewedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp({ withTimezone: true }).notNull(),
    releasedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('consultation_response_reviews_consultation_idx').on(t.consultationId, t.decision)],
)

/** Words, or a whole answer, kept out of the published copy of a response; shown publicly as "[redacted]". */
export const consultationRedactions = pgTable(
  'consultation_redactions',
  {
    id: id(),
    responseId: uuid()
      .notNull()
      .references(() => consultationResponses.id, { onDelete: 'cascade' }),
    questionId: uuid()
      .notNull()
      .references(() => questionnaireQuestions.id, { onDelete: 'cascade' }),
    /** The words to hide; null hides the whole answer. */
    phrase: text(),
    reason: text().notNull(),
    createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consultation_redactions_response_idx').on(t.responseId, t.questionId)],
)

/** A release set for later: the queue's reviewed responses go public at this time. */
export const consultationScheduledReleases = pgTable('consultation_scheduled_releases', {
  consultationId: uuid()
    .primaryKey()
    .references(() => consultations.id, { onDelete: 'cascade' }),
  releaseAt: timestamp({ withTimezone: true }).notNull(),
  scheduledById: uuid().references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})

export type PublishedAnswer = { questionId: string; label: string; question: string; answer: string; redacted: boolean }

/**
 * The public copy of a released response, written at release with its
 * redactions applied. Public pages, open data and search read only this
 * table, so nothing unreleased or redacted can reach them.
 */
export const consultationPublishedResponses = pgTable(
  'consultation_published_responses',
  {
    responseId: uuid()
      .primaryKey()
      .references(() => consultationResponses.id, { onDelete: 'cascade' }),
    consultationId: uuid()
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    reference: text().notNull(),
    respondent: text().notNull(),
    respondentType: text().$type<'individual' | 'organisation'>().notNull(),
    /** Named organisation, null when anonymous or an individual. */
    organisation: text(),
    /** Named individual, null when anonymous or an organisation. */
    name: text(),
    answers: jsonb().$type<PublishedAnswer[]>().notNull(),
    searchText: text().notNull(),
    submittedAt: timestamp({ withTimezone: true }).notNull(),
    releasedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('consultation_published_responses_consultation_idx').on(t.consultationId, t.submittedAt)],
)

/** Which published answers carry which theme, copied at release so the public filter never reads staff tables. */
export const consultationPublishedThemes = pgTable(
  'consultation_published_themes',
  {
    responseId: uuid()
      .notNull()
      .references(() => consultationPublishedResponses.responseId, { onDelete: 'cascade' }),
    questionId: uuid().notNull(),
    themeId: uuid().notNull(),
    theme: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.questionId, t.themeId] }), index('consultation_published_themes_theme_idx').on(t.themeId)],
)

export type ConsultationRedaction = typeof consultationRedactions.$inferSelect
export type ConsultationResponseReview = typeof consultationResponseReviews.$inferSelect

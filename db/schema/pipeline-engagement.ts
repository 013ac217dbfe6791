import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { id, timestamps } from './columns'
import { organisations } from './organisations'
import { pipelineNotices } from './pipeline'

/**
 * A market engagement event on a notice: a briefing, a workshop, a webinar.
 * Places are one per organisation, so capacity counts organisations.
 */
export const pipelineEvents = pgTable(
  'pipeline_events',
  {
    id: id(),
    noticeId: uuid()
      .notNull()
      .references(() => pipelineNotices.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    place: text().notNull().default(''),
    onlineUrl: text().notNull().default(''),
    capacity: integer().notNull(),
    description: text().notNull().default(''),
    cancelledAt: timestamp({ withTimezone: true }),
    /** Counts staff edits, so an edit from a stale form is refused instead of replacing a colleague's. */
    editVersion: integer().notNull().default(0),
    /** Counts changes that matter to attendees, so each calendar file supersedes the last (RFC 5545 SEQUENCE). */
    sequence: integer().notNull().default(0),
    ...timestamps,
  },
  (t) => [index('pipeline_events_notice_id_idx').on(t.noticeId, t.startsAt), index('pipeline_events_starts_at_idx').on(t.startsAt)],
)

/** An organisation's place at an event, taken by one of its members. */
export const pipelineEventPlaces = pgTable(
  'pipeline_event_places',
  {
    id: id(),
    eventId: uuid()
      .notNull()
      .references(() => pipelineEvents.id, { onDelete: 'cascade' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex('pipeline_event_places_event_organisation_idx').on(t.eventId, t.organisationId), index('pipeline_event_places_user_id_idx').on(t.userId)],
)

/**
 * A clarification question asked privately about a notice. Who asked stays
 * here: the public sees only `publishedQuestion` (staff's wording) and the
 * answer, never the asker or their own words.
 */
export const pipelineQuestions = pgTable(
  'pipeline_questions',
  {
    id: id(),
    noticeId: uuid()
      .notNull()
      .references(() => pipelineNotices.id, { onDelete: 'cascade' }),
    askedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    question: text().notNull(),
    publishedQuestion: text().notNull().default(''),
    answer: text().notNull().default(''),
    publishedAt: timestamp({ withTimezone: true }),
    answeredById: uuid().references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('pipeline_questions_notice_id_idx').on(t.noticeId, t.publishedAt),
    index('pipeline_questions_asked_by_id_idx').on(t.askedById),
    index('pipeline_questions_answered_by_id_idx').on(t.answeredById),
  ],
)

export type PipelineEvent = typeof pipelineEvents.$inferSelect
export type PipelineQuestion = typeof pipelineQuestions.$inferSelect

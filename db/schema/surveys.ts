import { relations, sql } from 'drizzle-orm'
import { type AnyPgColumn, boolean, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { id, timestamps } from './columns'
import { organisations, sectorEnum, sizeBandEnum } from './organisations'
import { questionnaires, questionnaireSubmissions } from './questionnaires'

export const surveyAudienceEnum = pgEnum('survey_audience', ['members', 'invited_organisations'])
export const surveyRespondAsEnum = pgEnum('survey_respond_as', ['organisation', 'person'])
export const surveyParticipationStatusEnum = pgEnum('survey_participation_status', ['draft', 'submitted'])

export const surveys = pgTable(
  'surveys',
  {
    id: id(),
    slug: text().notNull(),
    title: text().notNull(),
    year: integer().notNull(),
    summary: text().notNull().default(''),
    questionnaireId: uuid()
      .notNull()
      .references(() => questionnaires.id, { onDelete: 'restrict' }),
    /** The survey this one was copied from, so linked questions can be compared year on year. */
    previousSurveyId: uuid().references((): AnyPgColumn => surveys.id, { onDelete: 'set null' }),
    audience: surveyAudienceEnum().notNull().default('invited_organisations'),
    respondAs: surveyRespondAsEnum().notNull().default('organisation'),
    /** Answers are stored with no link to a person or organisation and only the day they were given. */
    anonymous: boolean().notNull().default(false),
    /** Breakdowns never show a group with fewer responses than this. */
    minGroupSize: integer().notNull().default(5),
    opensAt: timestamp({ withTimezone: true }),
    closesAt: timestamp({ withTimezone: true }),
    createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
    resultsSummaryJson: jsonb(),
    resultsSummaryHtml: text(),
    resultsSummaryText: text(),
    /** Questions whose charts appear on the public results page, in this order. */
    resultsChartQuestionIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    resultsPublishedAt: timestamp({ withTimezone: true }),
    /** An anonymous survey's answers were rewritten as one shuffled batch after it closed. */
    anonymousAnswersSettled: boolean().notNull().default(false),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('surveys_slug_idx').on(t.slug),
    uniqueIndex('surveys_questionnaire_id_idx').on(t.questionnaireId),
    index('surveys_previous_survey_id_idx').on(t.previousSurveyId),
    index('surveys_created_by_id_idx').on(t.createdById),
    index('surveys_results_published_at_idx').on(t.resultsPublishedAt),
  ],
)

export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: id(),
    surveyId: uuid()
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    invitedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    lastRemindedAt: timestamp({ withTimezone: true }),
    reminders: integer().notNull().default(0),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex('survey_invitations_survey_organisation_idx').on(t.surveyId, t.organisationId),
    index('survey_invitations_organisation_id_idx').on(t.organisationId),
    index('survey_invitations_invited_by_id_idx').on(t.invitedById),
  ],
)

/**
 * Who is taking part: one row per organisation (or person) per survey, which
 * is what enforces one response each. While a draft, it points at the
 * draft's submission. For an anonymous survey the submitted answers are
 * copied to a fresh submission this row never points at, and the draft is
 * deleted, so it records that someone responded but not what they said.
 */
export const surveyParticipations = pgTable(
  'survey_participations',
  {
    id: id(),
    surveyId: uuid()
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    /** "organisation:<id>" or "person:<id>": the unit that may respond once. */
    respondentKey: text().notNull(),
    organisationId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    submissionId: uuid().references(() => questionnaireSubmissions.id, { onDelete: 'set null' }),
    status: surveyParticipationStatusEnum().notNull().default('draft'),
    /** The London day of submission; a finer time would let it be matched to answers. */
    submittedOn: date({ mode: 'string' }),
    /** Where "continue your response" opens: the page last saved, or one past the last page for checking answers. */
    resumePage: integer().notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('survey_participations_survey_respondent_idx').on(t.surveyId, t.respondentKey),
    index('survey_participations_organisation_id_idx').on(t.organisationId),
    index('survey_participations_user_id_idx').on(t.userId),
    index('survey_participations_submission_id_idx').on(t.submissionId),
  ],
)

/**
 * Every submitted response, anonymous or not, with only what results need:
 * the day and the sector and size used for breakdowns. Nothing here names a
 * person or organisation.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    submissionId: uuid()
      .primaryKey()
      .references(() => questionnaireSubmissions.id, { onDelete: 'cascade' }),
    surveyId: uuid()
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    sector: sectorEnum(),
    sizeBand: sizeBandEnum(),
    /** The London day of an attributed response; null for anonymous answers, which carry no time. */
    submittedOn: date({ mode: 'string' }),
  },
  (t) => [index('survey_responses_survey_id_idx').on(t.surveyId, t.sector, t.sizeBand)],
)

/**
 * Anonymous answers waiting to be written as a response: sealed in the
 * submitting transaction, then flushed with others in shuffled batches by a
 * job (see app/modules/surveys/sealed-answers.server.ts). No id of a person,
 * organisation or participation and no time is stored, and each row is
 * deleted when it is flushed.
 */
export const surveySealedAnswers = pgTable(
  'survey_sealed_answers',
  {
    id: id(),
    surveyId: uuid()
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    sector: sectorEnum(),
    sizeBand: sizeBandEnum(),
    /** The answers as the respondent gave them: question id, text, choices, other text. */
    answers: jsonb().notNull(),
  },
  (t) => [index('survey_sealed_answers_survey_id_idx').on(t.surveyId)],
)

export const surveysRelations = relations(surveys, ({ one, many }) => ({
  questionnaire: one(questionnaires, { fields: [surveys.questionnaireId], references: [questionnaires.id] }),
  invitations: many(surveyInvitations),
  participations: many(surveyParticipations),
}))

export const surveyInvitationsRelations = relations(surveyInvitations, ({ one }) => ({
  survey: one(surveys, { fields: [surveyInvitations.surveyId], references: [surveys.id] }),
  organisation: one(organisations, { fields: [surveyInvitations.organisationId], references: [organisations.id] }),
}))

export const surveyParticipationsRelations = relations(surveyParticipations, ({ one }) => ({
  survey: one(surveys, { fields: [surveyParticipations.surveyId], references: [surveys.id] }),
}))

export type Survey = typeof surveys.$inferSelect
export type NewSurvey = typeof surveys.$inferInsert
export type SurveyInvitation = typeof surveyInvitations.$inferSelect
export type SurveyParticipation = typeof surveyParticipations.$inferSelect
export type SurveyResponse = typeof surveyResponses.$inferSelect
export type SurveyAudience = (typeof surveyAudienceEnum.enumValues)[number]
export type SurveyRespondAs = (typeof surveyRespondAsEnum.enumValues)[number]

import { relations, sql } from 'drizzle-orm'
import { check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { id, timestamps } from './columns'
import { organisations } from './organisations'

export const caseStudyStatusEnum = pgEnum('case_study_status', ['draft', 'published'])
/** How the outcome figures were gathered; the evidence level shown to readers is derived from it. */
export const evidenceMethodEnum = pgEnum('evidence_method', ['self_reported', 'management_information', 'independent_evaluation', 'comparison_study'])
export const caseStudyReportStatusEnum = pgEnum('case_study_report_status', ['open', 'hidden', 'dismissed'])

export const caseStudies = pgTable(
  'case_studies',
  {
    id: id(),
    slug: text().notNull(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    status: caseStudyStatusEnum().notNull().default('draft'),
    title: text().notNull(),
    summary: text().notNull(),
    storyJson: jsonb().notNull(),
    storyHtml: text().notNull(),
    storyText: text().notNull(),
    // Values come from the fixed lists in app/modules/case-studies/options.ts; the module refuses others.
    claimantGroups: text().array().notNull().default([]),
    journeyStages: text().array().notNull().default([]),
    interventionTypes: text().array().notNull().default([]),
    regions: text().array().notNull().default([]),
    programme: text().notNull(),
    periodFrom: date({ mode: 'string' }).notNull(),
    periodTo: date({ mode: 'string' }).notNull(),
    cohortSize: integer().notNull(),
    evidenceMethod: evidenceMethodEnum().notNull(),
    publishedAt: timestamp({ withTimezone: true }),
    lastEditedAt: timestamp({ withTimezone: true }),
    hiddenAt: timestamp({ withTimezone: true }),
    hiddenReason: text(),
    verifiedAt: timestamp({ withTimezone: true }),
    verifiedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('case_studies_slug_idx').on(t.slug),
    index('case_studies_organisation_id_idx').on(t.organisationId),
    index('case_studies_author_id_idx').on(t.authorId),
    index('case_studies_verified_by_id_idx').on(t.verifiedById),
    index('case_studies_status_idx').on(t.status, t.hiddenAt),
    index('case_studies_published_at_idx').on(t.publishedAt),
    index('case_studies_claimant_groups_idx').using('gin', t.claimantGroups),
    index('case_studies_journey_stages_idx').using('gin', t.journeyStages),
    index('case_studies_intervention_types_idx').using('gin', t.interventionTypes),
    index('case_studies_regions_idx').using('gin', t.regions),
    index('case_studies_evidence_method_idx').on(t.evidenceMethod),
    check('case_studies_period_check', sql`${t.periodFrom} <= ${t.periodTo}`),
    check('case_studies_cohort_size_check', sql`${t.cohortSize} >= 0`),
  ],
)

export const caseStudyOutcomes = pgTable(
  'case_study_outcomes',
  {
    id: id(),
    caseStudyId: uuid()
      .notNull()
      .references(() => caseStudies.id, { onDelete: 'cascade' }),
    position: smallint().notNull(),
    measure: text().notNull(),
    target: integer(),
    achieved: integer().notNull(),
  },
  (t) => [
    index('case_study_outcomes_case_study_id_idx').on(t.caseStudyId, t.position),
    check('case_study_outcomes_numbers_check', sql`${t.achieved} >= 0 and (${t.target} is null or ${t.target} >= 0)`),
  ],
)

/** One row per saved edit of a published case study: what changed and the values before. */
export const caseStudyRevisions = pgTable(
  'case_study_revisions',
  {
    id: id(),
    caseStudyId: uuid()
      .notNull()
      .references(() => caseStudies.id, { onDelete: 'cascade' }),
    editorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    changedFields: text().array().notNull(),
    before: jsonb().notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('case_study_revisions_case_study_id_idx').on(t.caseStudyId, t.createdAt), index('case_study_revisions_editor_id_idx').on(t.editorId)],
)

export const caseStudyRatings = pgTable(
  'case_study_ratings',
  {
    caseStudyId: uuid()
      .notNull()
      .references(() => caseStudies.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    score: smallint().notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.caseStudyId, t.userId] }), index('case_study_ratings_user_id_idx').on(t.userId), check('case_study_ratings_score_check', sql`${t.score} between 1 and 5`)],
)

export const caseStudyComments = pgTable(
  'case_study_comments',
  {
    id: id(),
    caseStudyId: uuid()
      .notNull()
      .references(() => caseStudies.id, { onDelete: 'cascade' }),
    authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** Replies are one level deep: a reply's parent is always a top-level comment. */
    parentId: uuid().references((): AnyPgColumn => caseStudyComments.id, { onDelete: 'cascade' }),
    quotedCommentId: uuid().references((): AnyPgColumn => caseStudyComments.id, { onDelete: 'set null' }),
    quoteText: text(),
    body: text().notNull(),
    editedAt: timestamp({ withTimezone: true }),
    hiddenAt: timestamp({ withTimezone: true }),
    hiddenReason: text(),
    ...timestamps,
  },
  (t) => [
    index('case_study_comments_case_study_id_idx').on(t.caseStudyId, t.createdAt),
    index('case_study_comments_author_id_idx').on(t.authorId, t.createdAt),
    index('case_study_comments_parent_id_idx').on(t.parentId),
    index('case_study_comments_quoted_comment_id_idx').on(t.quotedCommentId),
  ],
)

/** A member of another organisation vouching that they have seen the evidence behind the outcome figures. */
export const caseStudyValidations = pgTable(
  'case_study_validations',
  {
    caseStudyId: uuid()
      .notNull()
      .references(() => caseStudies.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    note: text().notNull().default(''),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.caseStudyId, t.userId] }), index('case_study_validations_user_id_idx').on(t.userId), index('case_study_validations_organisation_id_idx').on(t.organisationId)],
)

export const caseStudyReports = pgTable(
  'case_study_reports',
  {
    id: id(),
    caseStudyId: uuid()
      .notNull()
      .references(() => caseStudies.id, { onDelete: 'cascade' }),
    /** Null when the case study itself is reported. */
    commentId: uuid().references(() => caseStudyComments.id, { onDelete: 'cascade' }),
    reporterId: uuid().references(() => users.id, { onDelete: 'set null' }),
    reason: text().notNull(),
    status: caseStudyReportStatusEnum().notNull().default('open'),
    resolvedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: timestamp({ withTimezone: true }),
    resolution: text(),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index('case_study_reports_case_study_id_idx').on(t.caseStudyId),
    index('case_study_reports_comment_id_idx').on(t.commentId),
    index('case_study_reports_reporter_id_idx').on(t.reporterId),
    index('case_study_reports_resolved_by_id_idx').on(t.resolvedById),
    index('case_study_reports_status_idx').on(t.status, t.createdAt),
  ],
)

export const caseStudiesRelations = relations(caseStudies, ({ one, many }) => ({
  organisation: one(organisations, { fields: [caseStudies.organisationId], references: [organisations.id] }),
  author: one(users, { fields: [caseStudies.authorId], references: [users.id] }),
  outcomes: many(caseStudyOutcomes),
  revisions: many(caseStudyRevisions),
  ratings: many(caseStudyRatings),
  comments: many(caseStudyComments),
  validations: many(caseStudyValidations),
}))

export const caseStudyOutcomesRelations = relations(caseStudyOutcomes, ({ one }) => ({
  caseStudy: one(caseStudies, { fields: [caseStudyOutcomes.caseStudyId], references: [caseStudies.id] }),
}))

export const caseStudyRevisionsRelations = relations(caseStudyRevisions, ({ one }) => ({
  caseStudy: one(caseStudies, { fields: [caseStudyRevisions.caseStudyId], references: [caseStudies.id] }),
}))

export const caseStudyRatingsRelations = relations(caseStudyRatings, ({ one }) => ({
  caseStudy: one(caseStudies, { fields: [caseStudyRatings.caseStudyId], references: [caseStudies.id] }),
}))

export const caseStudyCommentsRelations = relations(caseStudyComments, ({ one }) => ({
  caseStudy: one(caseStudies, { fields: [caseStudyComments.caseStudyId], references: [caseStudies.id] }),
}))

export const caseStudyValidationsRelations = relations(caseStudyValidations, ({ one }) => ({
  caseStudy: one(caseStudies, { fields: [caseStudyValidations.caseStudyId], references: [caseStudies.id] }),
}))

export type CaseStudy = typeof caseStudies.$inferSelect
export type NewCaseStudy = typeof caseStudies.$inferInsert
export type CaseStudyOutcome = typeof caseStudyOutcomes.$inferSelect
export type NewCaseStudyOutcome = typeof caseStudyOutcomes.$inferInsert
export type CaseStudyRevision = typeof caseStudyRevisions.$inferSelect
export type CaseStudyRating = typeof caseStudyRatings.$inferSelect
export type CaseStudyComment = typeof caseStudyComments.$inferSelect
export type CaseStudyValidation = typeof caseStudyValidations.$inferSelect
export type CaseStudyReport = typeof caseStudyReports.$inferSelect
export type EvidenceMethod = (typeof evidenceMethodEnum.enumValues)[number]

import { relations } from 'drizzle-orm'
import { bigint, boolean, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { id, timestamps } from './columns'
import { storedFiles } from './files'
import { organisations } from './organisations'

export const pipelineStatusEnum = pgEnum('pipeline_status', ['planned', 'market_engagement', 'tender_published', 'evaluation', 'awarded', 'cancelled', 'withdrawn'])
export const procurementRouteEnum = pgEnum('procurement_route', ['caehrs_call_off', 'test_and_learn_dps', 'open_procedure', 'competitive_flexible', 'framework_call_off', 'direct_award', 'grant'])
export const datePrecisionEnum = pgEnum('date_precision', ['month', 'day'])
export const interestRoleEnum = pgEnum('interest_role', ['prime', 'subcontractor', 'either'])
/** The Procurement Act 2023 notice a publication is: UK1 pipeline, UK2 preliminary market engagement, UK3 planned procurement, UK6 contract award. */
export const pipelineNoticeTypeEnum = pgEnum('pipeline_notice_type', ['pipeline', 'preliminary_market_engagement', 'planned_procurement', 'contract_award'])
export const alertFrequencyEnum = pgEnum('alert_frequency', ['instant', 'weekly'])

/** A key date the Category can only estimate: stored as a date with how precise it is. */
export type KeyDate = { date: string; precision: 'month' | 'day' }
export type RelatedLink = { title: string; url: string }

/**
 * A pipeline notice. Money is integer pence (bigint: programmes run to
 * billions of pounds). Drafts have no publishedAt; once published every
 * change is recorded in pipeline_revisions.
 */
export const pipelineNotices = pgTable(
  'pipeline_notices',
  {
    id: id(),
    slug: text().notNull(),
    reference: text().notNull(),
    title: text().notNull(),
    summary: text().notNull(),
    descriptionJson: jsonb().$type<Record<string, unknown>>(),
    descriptionHtml: text().notNull().default(''),
    descriptionText: text().notNull().default(''),
    programme: text().notNull().default(''),
    buyer: text().notNull(),
    cpvCodes: text().array().notNull(),
    valueMinPence: bigint({ mode: 'number' }).notNull(),
    valueMaxPence: bigint({ mode: 'number' }).notNull(),
    contractMonths: integer(),
    extensionMonths: integer(),
    extensionNote: text().notNull().default(''),
    route: procurementRouteEnum().notNull(),
    regions: text().array().notNull().default([]),
    suitableForSme: boolean().notNull().default(false),
    suitableForVcse: boolean().notNull().default(false),
    marketEngagementDate: date(),
    marketEngagementPrecision: datePrecisionEnum(),
    tenderNoticeDate: date(),
    tenderNoticePrecision: datePrecisionEnum(),
    awardDate: date(),
    awardPrecision: datePrecisionEnum(),
    serviceStartDate: date(),
    serviceStartPrecision: datePrecisionEnum(),
    relatedLinks: jsonb().$type<RelatedLink[]>().notNull().default([]),
    noticeType: pipelineNoticeTypeEnum().notNull().default('pipeline'),
    /** UK2: how suppliers take part in the engagement, and by when. */
    engagementDetails: text().notNull().default(''),
    engagementDeadline: date(),
    contactName: text().notNull().default(''),
    contactEmail: text().notNull().default(''),
    contactPhone: text().notNull().default(''),
    /** Counts staff edits, so an edit made from a stale form is caught instead of overwriting a colleague's. */
    editVersion: integer().notNull().default(0),
    status: pipelineStatusEnum().notNull().default('planned'),
    publishedAt: timestamp({ withTimezone: true }),
    lastUpdatedAt: timestamp({ withTimezone: true }),
    revision: integer().notNull().default(0),
    createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('pipeline_notices_slug_idx').on(t.slug),
    uniqueIndex('pipeline_notices_reference_idx').on(t.reference),
    index('pipeline_notices_status_idx').on(t.status),
    index('pipeline_notices_route_idx').on(t.route),
    index('pipeline_notices_published_at_idx').on(t.publishedAt),
    index('pipeline_notices_service_start_idx').on(t.serviceStartDate),
    index('pipeline_notices_created_by_id_idx').on(t.createdById),
  ],
)

export const pipelineLots = pgTable(
  'pipeline_lots',
  {
    id: id(),
    noticeId: uuid()
      .notNull()
      .references(() => pipelineNotices.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    title: text().notNull(),
    valueMinPence: bigint({ mode: 'number' }).notNull(),
    valueMaxPence: bigint({ mode: 'number' }).notNull(),
    contractPackageAreas: text().array().notNull().default([]),
  },
  (t) => [index('pipeline_lots_notice_id_idx').on(t.noticeId, t.position)],
)

/** The top three KPIs of a live contract, with target and latest published value. */
export const pipelineKpis = pgTable(
  'pipeline_kpis',
  {
    id: id(),
    noticeId: uuid()
      .notNull()
      .references(() => pipelineNotices.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    name: text().notNull(),
    target: text().notNull(),
    latestValue: text().notNull().default(''),
    latestPeriod: text().notNull().default(''),
  },
  (t) => [uniqueIndex('pipeline_kpis_notice_position_idx').on(t.noticeId, t.position)],
)

export type RevisionChange = { field: string; label: string; from: string; to: string }

/** One published version of a notice: what changed, in words, and the notice as it then stood. */
export const pipelineRevisions = pgTable(
  'pipeline_revisions',
  {
    id: id(),
    noticeId: uuid()
      .notNull()
      .references(() => pipelineNotices.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    kind: text().$type<'published' | 'updated' | 'status' | 'awarded'>().notNull(),
    changes: jsonb().$type<RevisionChange[]>().notNull().default([]),
    snapshot: jsonb().$type<Record<string, unknown>>().notNull(),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex('pipeline_revisions_notice_number_idx').on(t.noticeId, t.number),
    index('pipeline_revisions_created_at_idx').on(t.createdAt),
    index('pipeline_revisions_actor_id_idx').on(t.actorId),
  ],
)

/** An organisation's interest in a notice; one per organisation and notice. */
export const pipelineInterests = pgTable(
  'pipeline_interests',
  {
    id: id(),
    noticeId: uuid()
      .notNull()
      .references(() => pipelineNotices.id, { onDelete: 'cascade' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    role: interestRoleEnum().notNull(),
    seekingPartners: boolean().notNull().default(false),
    capabilitiesOffered: text().array().notNull().default([]),
    capabilitiesSought: text().array().notNull().default([]),
    note: text().notNull().default(''),
    /** Counts changes, so a colleague's stale form cannot undo an edit or a withdrawal. */
    version: integer().notNull().default(0),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('pipeline_interests_notice_organisation_idx').on(t.noticeId, t.organisationId),
    index('pipeline_interests_organisation_id_idx').on(t.organisationId),
    index('pipeline_interests_user_id_idx').on(t.userId),
  ],
)

/**
 * A request from one interested organisation to another. Email addresses
 * are shown to both only once the receiver accepts.
 */
export const pipelineContactRequests = pgTable(
  'pipeline_contact_requests',
  {
    id: id(),
    fromInterestId: uuid()
      .notNull()
      .references(() => pipelineInterests.id, { onDelete: 'cascade' }),
    toInterestId: uuid()
      .notNull()
      .references(() => pipelineInterests.id, { onDelete: 'cascade' }),
    message: text().notNull().default(''),
    acceptedAt: timestamp({ withTimezone: true }),
    declinedAt: timestamp({ withTimezone: true }),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex('pipeline_contact_requests_pair_idx').on(t.fromInterestId, t.toInterestId), index('pipeline_contact_requests_to_idx').on(t.toInterestId)],
)

/** A document attached to a notice (specification, questionnaire, data), in the order staff added them. */
export const pipelineDocuments = pgTable(
  'pipeline_documents',
  {
    id: id(),
    noticeId: uuid()
      .notNull()
      .references(() => pipelineNotices.id, { onDelete: 'cascade' }),
    fileId: uuid()
      .notNull()
      .references(() => storedFiles.id, { onDelete: 'restrict' }),
    title: text().notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('pipeline_documents_notice_id_idx').on(t.noticeId, t.createdAt), uniqueIndex('pipeline_documents_file_id_idx').on(t.fileId)],
)

/**
 * The contract a notice was awarded as: one per notice, its value in minor
 * units of its currency (pence for GBP) and its dates. Suppliers are in
 * pipeline_award_suppliers.
 */
export const pipelineAwards = pgTable(
  'pipeline_awards',
  {
    id: id(),
    noticeId: uuid()
      .notNull()
      .references(() => pipelineNotices.id, { onDelete: 'cascade' }),
    valueMinor: bigint({ mode: 'number' }).notNull(),
    currency: text().notNull().default('GBP'),
    awardDate: date().notNull(),
    contractStart: date().notNull(),
    contractEnd: date().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('pipeline_awards_notice_id_idx').on(t.noticeId)],
)

/**
 * A supplier the contract is awarded to: an organisation in the directory or
 * one named with its Companies House number. The name is kept as awarded, so
 * the public record stands if the organisation is renamed or leaves.
 */
export const pipelineAwardSuppliers = pgTable(
  'pipeline_award_suppliers',
  {
    id: id(),
    awardId: uuid()
      .notNull()
      .references(() => pipelineAwards.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    organisationId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
    name: text().notNull(),
    companyNumber: text().notNull().default(''),
    streetAddress: text().notNull().default(''),
    locality: text().notNull().default(''),
    postalCode: text().notNull().default(''),
  },
  (t) => [uniqueIndex('pipeline_award_suppliers_award_position_idx').on(t.awardId, t.position), index('pipeline_award_suppliers_organisation_id_idx').on(t.organisationId)],
)

export type PipelineFilterSet = {
  q?: string
  status?: string[]
  route?: string[]
  region?: string[]
  band?: string[]
  /** Financial years of the expected service start, by the year they begin ("2027" is April 2027 to March 2028). */
  start?: string[]
  sme?: boolean
  vcse?: boolean
}

export const pipelineSavedSearches = pgTable(
  'pipeline_saved_searches',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    filters: jsonb().$type<PipelineFilterSet>().notNull(),
    frequency: alertFrequencyEnum().notNull().default('instant'),
    lastDigestAt: timestamp({ withTimezone: true }),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('pipeline_saved_searches_user_id_idx').on(t.userId), index('pipeline_saved_searches_frequency_idx').on(t.frequency)],
)

export const pipelineNoticesRelations = relations(pipelineNotices, ({ one, many }) => ({
  lots: many(pipelineLots),
  kpis: many(pipelineKpis),
  revisions: many(pipelineRevisions),
  interests: many(pipelineInterests),
  documents: many(pipelineDocuments),
  award: one(pipelineAwards),
}))

export const pipelineAwardsRelations = relations(pipelineAwards, ({ one, many }) => ({
  notice: one(pipelineNotices, { fields: [pipelineAwards.noticeId], references: [pipelineNotices.id] }),
  suppliers: many(pipelineAwardSuppliers),
}))

export const pipelineAwardSuppliersRelations = relations(pipelineAwardSuppliers, ({ one }) => ({
  award: one(pipelineAwards, { fields: [pipelineAwardSuppliers.awardId], references: [pipelineAwards.id] }),
  organisation: one(organisations, { fields: [pipelineAwardSuppliers.organisationId], references: [organisations.id] }),
}))

export const pipelineDocumentsRelations = relations(pipelineDocuments, ({ one }) => ({
  notice: one(pipelineNotices, { fields: [pipelineDocuments.noticeId], references: [pipelineNotices.id] }),
  file: one(storedFiles, { fields: [pipelineDocuments.fileId], references: [storedFiles.id] }),
}))

export const pipelineLotsRelations = relations(pipelineLots, ({ one }) => ({
  notice: one(pipelineNotices, { fields: [pipelineLots.noticeId], references: [pipelineNotices.id] }),
}))

export const pipelineKpisRelations = relations(pipelineKpis, ({ one }) => ({
  notice: one(pipelineNotices, { fields: [pipelineKpis.noticeId], references: [pipelineNotices.id] }),
}))

export const pipelineRevisionsRelations = relations(pipelineRevisions, ({ one }) => ({
  notice: one(pipelineNotices, { fields: [pipelineRevisions.noticeId], references: [pipelineNotices.id] }),
}))

export const pipelineInterestsRelations = relations(pipelineInterests, ({ one }) => ({
  notice: one(pipelineNotices, { fields: [pipelineInterests.noticeId], references: [pipelineNotices.id] }),
  organisation: one(organisations, { fields: [pipelineInterests.organisationId], references: [organisations.id] }),
}))

export type PipelineNotice = typeof pipelineNotices.$inferSelect
export type NewPipelineNotice = typeof pipelineNotices.$inferInsert
export type PipelineLot = typeof pipelineLots.$inferSelect
export type PipelineKpi = typeof pipelineKpis.$inferSelect
export type PipelineDocument = typeof pipelineDocuments.$inferSelect
export type PipelineRevision = typeof pipelineRevisions.$inferSelect
export type PipelineAward = typeof pipelineAwards.$inferSelect
export type PipelineAwardSupplier = typeof pipelineAwardSuppliers.$inferSelect
export type PipelineInterest = typeof pipelineInterests.$inferSelect
export type PipelineSavedSearch = typeof pipelineSavedSearches.$inferSelect
export type PipelineStatus = (typeof pipelineStatusEnum.enumValues)[number]
export type ProcurementRoute = (typeof procurementRouteEnum.enumValues)[number]
export type PipelineNoticeType = (typeof pipelineNoticeTypeEnum.enumValues)[number]
export type DatePrecision = (typeof datePrecisionEnum.enumValues)[number]
export type InterestRole = (typeof interestRoleEnum.enumValues)[number]
export type AlertFrequency = (typeof alertFrequencyEnum.enumValues)[number]

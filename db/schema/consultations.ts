import { sql } from 'drizzle-orm'
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { id, timestamps } from './columns'
import { storedFiles } from './files'
import { organisations } from './organisations'
import { questionnaireQuestions, questionnaires, questionnaireSubmissions } from './questionnaires'

export const consultationStatusEnum = pgEnum('consultation_status', ['draft', 'published'])
export const respondentTypeEnum = pgEnum('respondent_type', ['individual', 'organisation'])
export const publishingConsentEnum = pgEnum('publishing_consent', ['named', 'anonymous', 'none'])
export const responseStatusEnum = pgEnum('consultation_response_status', ['draft', 'submitted', 'withdrawn'])
/** How a response reached the hub: typed by its author, entered by staff from an email or a letter, or imported from a file. */
export const responseChannelEnum = pgEnum('consultation_response_channel', ['online', 'email', 'post', 'imported'])
export const consultationRequestKindEnum = pgEnum('consultation_request_kind', ['process_feedback', 'accessible_format'])

/** A tiptap document with the HTML the server rendered from it and its plain text. */
export type StoredRichText = { json: { type: 'doc'; content?: unknown[] }; html: string; text: string }

export const CONSULTATION_PAGES = ['aimedAt', 'purpose', 'scope', 'howToRespond', 'confidentiality'] as const
export type ConsultationPageKey = (typeof CONSULTATION_PAGES)[number]
export type ConsultationPages = Partial<Record<ConsultationPageKey, StoredRichText | null>>

export const consultations = pgTable(
  'consultations',
  {
    id: id(),
    slug: text().notNull(),
    title: text().notNull(),
    summary: text().notNull().default(''),
    status: consultationStatusEnum().notNull().default('draft'),
    questionnaireId: uuid()
      .notNull()
      .references(() => questionnaires.id, { onDelete: 'restrict' }),
    pages: jsonb().$type<ConsultationPages>().notNull(),
    /** Plain text of the pages, for search and email. */
    pagesText: text().notNull().default(''),
    nations: text().array().notNull().default([]),
    contactEmail: text().notNull().default(''),
    contactAddress: text().notNull().default(''),
    opensAt: timestamp({ withTimezone: true }).notNull(),
    closesAt: timestamp({ withTimezone: true }).notNull(),
    publishedAt: timestamp({ withTimezone: true }),
    outcomeIntro: text().notNull().default(''),
    outcomePublishedAt: timestamp({ withTimezone: true }),
    /** How the outcome report counts a campaign staff have confirmed: by its number of responses, or once. */
    outcomeCampaignCounting: text().$type<'each' | 'once'>().notNull().default('each'),
    /** How many days before closing respondents with an unsubmitted draft are reminded; 0 sends no reminder. */
    reminderDays: integer().notNull().default(3),
    ...timestamps,
  },
  (t) => [uniqueIndex('consultations_slug_idx').on(t.slug), uniqueIndex('consultations_questionnaire_id_idx').on(t.questionnaireId), index('consultations_status_closes_idx').on(t.status, t.closesAt)],
)

/** Every change to a closing date after publishing, with the reason shown to the public. */
export const consultationExtensions = pgTable(
  'consultation_extensions',
  {
    id: id(),
    consultationId: uuid()
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    previousClosesAt: timestamp({ withTimezone: true }).notNull(),
    newClosesAt: timestamp({ withTimezone: true }).notNull(),
    reason: text().notNull(),
    createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('consultation_extensions_consultation_id_idx').on(t.consultationId)],
)

export const consultationResponses = pgTable(
  'consultation_responses',
  {
    id: id(),
    consultationId: uuid()
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    submissionId: uuid()
      .notNull()
      .references(() => questionnaireSubmissions.id, { onDelete: 'cascade' }),
    reference: text().notNull(),
    status: responseStatusEnum().notNull().default('draft'),
    respondentType: respondentTypeEnum().notNull(),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    name: text().notNull(),
    email: text().notNull(),
    organisationId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
    organisationName: text(),
    represents: text(),
    howViewsAssembled: text(),
    publishingConsent: publishingConsentEnum().notNull().default('none'),
    confidential: boolean().notNull().default(false),
    confidentialReason: text(),
    /** The respondent asked to be emailed when the responses and the outcome are published. */
    notifyOnPublication: boolean().notNull().default(false),
    /** Hash of the link in the latest acknowledgement (or, for a draft, its closing reminder), which shows a signed-out respondent their response at any time. */
    receiptTokenHash: text(),
    /** Only a hash of the emailed resume link is kept; the link stops working at closing. */
    resumeTokenHash: text(),
    /** When a signed-out respondent asked for their draft's link by email, so the address is one they chose to be written to. */
    resumeEmailedAt: timestamp({ withTimezone: true }),
    /** When the draft's closing reminder was queued; set once, by whichever worker claims it first. */
    reminderSentAt: timestamp({ withTimezone: true }),
    submittedAt: timestamp({ withTimezone: true }),
    submittedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    amendedAt: timestamp({ withTimezone: true }),
    /**
     * Changes to a submitted response, kept apart until someone with the right
     * submits them: staff, exports and publication read only submissionId.
     */
    draftSubmissionId: uuid().references(() => questionnaireSubmissions.id, { onDelete: 'set null' }),
    /** When changes that were never submitted were thrown away at closing. */
    amendmentDiscardedAt: timestamp({ withTimezone: true }),
    signOffRequestedAt: timestamp({ withTimezone: true }),
    withdrawnAt: timestamp({ withTimezone: true }),
    channel: responseChannelEnum().notNull().default('online'),
    /** The day an emailed or posted response arrived (London midnight). */
    receivedAt: timestamp({ withTimezone: true }),
    /** The scanned letter or saved email, for staff only. */
    originalFileId: uuid().references(() => storedFiles.id, { onDelete: 'set null' }),
    /** The staff member who entered or imported the response. */
    enteredById: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** An imported row's stable key, so importing the same file again adds nothing. */
    importKey: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('consultation_responses_reference_idx').on(t.reference),
    uniqueIndex('consultation_responses_import_key_idx').on(t.consultationId, t.importKey),
    index('consultation_responses_original_file_id_idx').on(t.originalFileId),
    index('consultation_responses_entered_by_id_idx').on(t.enteredById),
    uniqueIndex('consultation_responses_submission_id_idx').on(t.submissionId),
    uniqueIndex('consultation_responses_resume_token_idx').on(t.resumeTokenHash),
    uniqueIndex('consultation_responses_receipt_token_idx').on(t.receiptTokenHash),
    uniqueIndex('consultation_responses_draft_submission_id_idx').on(t.draftSubmissionId),
    index('consultation_responses_consultation_status_idx').on(t.consultationId, t.status),
    index('consultation_responses_user_id_idx').on(t.userId),
    index('consultation_responses_organisation_id_idx').on(t.organisationId),
    // An organisation has one live response per consultation: its members share the draft and it is submitted once.
    uniqueIndex('consultation_responses_one_per_organisation_idx')
      .on(t.consultationId, t.organisationId)
      .where(sql`organisation_id is not null and status <> 'withdrawn'`),
  ],
)

/** Each earlier submitted version of a response, kept when an amendment replaces it. */
export const consultationResponseRevisions = pgTable(
  'consultation_response_revisions',
  {
    id: id(),
    responseId: uuid()
      .notNull()
      .references(() => consultationResponses.id, { onDelete: 'cascade' }),
    submissionId: uuid()
      .notNull()
      .references(() => questionnaireSubmissions.id, { onDelete: 'cascade' }),
    submittedAt: timestamp({ withTimezone: true }).notNull(),
    /** When the next submitted version took its place. */
    replacedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('consultation_response_revisions_response_id_idx').on(t.responseId, t.replacedAt), uniqueIndex('consultation_response_revisions_submission_id_idx').on(t.submissionId)],
)

export const responseActivityKindEnum = pgEnum('consultation_response_activity_kind', ['changed', 'asked_sign_off', 'submitted', 'amended', 'discarded'])

/** What the people drafting a shared response did, shown to the organisation. */
export const consultationResponseActivity = pgTable(
  'consultation_response_activity',
  {
    id: id(),
    responseId: uuid()
      .notNull()
      .references(() => consultationResponses.id, { onDelete: 'cascade' }),
    kind: responseActivityKindEnum().notNull(),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    actorName: text().notNull(),
    questionId: uuid().references(() => questionnaireQuestions.id, { onDelete: 'cascade' }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consultation_response_activity_response_id_idx').on(t.responseId, t.at)],
)

/** Feedback on the consultation process, and requests for an accessible format or other help. */
export const consultationRequests = pgTable(
  'consultation_requests',
  {
    id: id(),
    consultationId: uuid()
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    kind: consultationRequestKindEnum().notNull(),
    name: text().notNull(),
    email: text().notNull(),
    format: text(),
    message: text().notNull(),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** When staff marked the request dealt with; null while it waits. */
    handledAt: timestamp({ withTimezone: true }),
    handledById: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('consultation_requests_consultation_id_idx').on(t.consultationId, t.kind), index('consultation_requests_handled_by_id_idx').on(t.handledById)],
)

/** "You said, we did": per question, what respondents said and what the department will do. */
export const consultationOutcomeAnswers = pgTable(
  'consultation_outcome_answers',
  {
    id: id(),
    consultationId: uuid()
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    questionId: uuid()
      .notNull()
      .references(() => questionnaireQuestions.id, { onDelete: 'cascade' }),
    youSaid: text().notNull().default(''),
    weDid: text().notNull().default(''),
    ...timestamps,
  },
  (t) => [uniqueIndex('consultation_outcome_answers_question_idx').on(t.consultationId, t.questionId)],
)

/**
 * The summary of responses: a draft staff generate from the analysis and
 * edit, and the copy published with the outcome. `version` refuses a save
 * made from a page opened before someone else's save.
 */
export const consultationSummaries = pgTable('consultation_summaries', {
  consultationId: uuid()
    .primaryKey()
    .references(() => consultations.id, { onDelete: 'cascade' }),
  draft: jsonb().$type<StoredRichText>().notNull(),
  version: integer().notNull().default(1),
  updatedById: uuid().references(() => users.id, { onDelete: 'set null' }),
  published: jsonb().$type<StoredRichText>(),
  publishedAt: timestamp({ withTimezone: true }),
  ...timestamps,
})

export type ConsultationSummary = typeof consultationSummaries.$inferSelect
export type ResponseChannel = (typeof responseChannelEnum.enumValues)[number]
export type Consultation = typeof consultations.$inferSelect
export type NewConsultation = typeof consultations.$inferInsert
export type ConsultationResponse = typeof consultationResponses.$inferSelect
export type ConsultationResponseActivity = typeof consultationResponseActivity.$inferSelect
export type ConsultationRequest = typeof consultationRequests.$inferSelect
export type ConsultationRequestKind = (typeof consultationRequestKindEnum.enumValues)[number]
export type PublishingConsent = (typeof publishingConsentEnum.enumValues)[number]
export type RespondentType = (typeof respondentTypeEnum.enumValues)[number]

export type ConsultationTallyData = {
  answered: Record<string, number>
  choices: Record<string, Record<string, number>>
  overTime: Array<{ day: string; count: number }>
  byType: Array<{ type: 'individual' | 'organisation'; count: number }>
  /** Absent from counts kept before responses had a channel. */
  byChannel?: Array<{ channel: 'online' | 'email' | 'post' | 'imported'; count: number }>
  bySector: Array<{ sector: string; count: number }>
  bySize: Array<{ size: string; count: number }>
}

/**
 * Counts over a consultation's submitted responses, kept with a signature of
 * the set they were counted from. Counting a popular consultation's answers
 * reads over a million rows, so it is done once per change to that set.
 */
export const consultationTallies = pgTable('consultation_tallies', {
  consultationId: uuid()
    .primaryKey()
    .references(() => consultations.id, { onDelete: 'cascade' }),
  signature: text().notNull(),
  data: jsonb().$type<ConsultationTallyData>().notNull(),
  computedAt: timestamp({ withTimezone: true }).notNull(),
})

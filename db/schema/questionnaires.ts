import { relations, sql } from 'drizzle-orm'
import { type AnyPgColumn, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { storedFiles } from './files'
import { id, timestamps } from './columns'

/**
 * The questionnaire engine: questions in sections, submissions and answers.
 * It knows nothing of consultations or surveys; they point at it.
 */

export const questionTypeEnum = pgEnum('question_type', ['long_text', 'short_text', 'single_choice', 'multiple_choice', 'agree_scale', 'rating', 'ranking', 'grid', 'file_upload', 'number', 'date'])

export type QuestionOption = { value: string; label: string }

export const questionnaires = pgTable('questionnaires', {
  id: id(),
  title: text().notNull(),
  /** Set when the owner publishes: from then on wording and structure are frozen. */
  lockedAt: timestamp({ withTimezone: true }),
  ...timestamps,
})

export const questionnaireSections = pgTable(
  'questionnaire_sections',
  {
    id: id(),
    questionnaireId: uuid()
      .notNull()
      .references(() => questionnaires.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    title: text().notNull(),
    intro: text().notNull().default(''),
    ...timestamps,
  },
  (t) => [index('questionnaire_sections_questionnaire_id_idx').on(t.questionnaireId, t.position)],
)

export const questionnaireQuestions = pgTable(
  'questionnaire_questions',
  {
    id: id(),
    questionnaireId: uuid()
      .notNull()
      .references(() => questionnaires.id, { onDelete: 'cascade' }),
    sectionId: uuid()
      .notNull()
      .references(() => questionnaireSections.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    type: questionTypeEnum().notNull(),
    text: text().notNull(),
    hint: text().notNull().default(''),
    required: boolean().notNull().default(false),
    options: jsonb().$type<QuestionOption[]>().notNull().default([]),
    allowOther: boolean().notNull().default(false),
    maxWords: integer(),
    /** Routing for a single choice question: an option's value to the later question a respondent who chooses it goes to next. */
    skipTo: jsonb().$type<Record<string, string>>().notNull().default({}),
    /** The same question in an earlier questionnaire this one was copied from, so answers compare across years. */
    predecessorQuestionId: uuid().references((): AnyPgColumn => questionnaireQuestions.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('questionnaire_questions_questionnaire_id_idx').on(t.questionnaireId),
    index('questionnaire_questions_section_id_idx').on(t.sectionId, t.position),
    index('questionnaire_questions_predecessor_question_id_idx').on(t.predecessorQuestionId),
  ],
)

export const questionnaireSubmissions = pgTable(
  'questionnaire_submissions',
  {
    id: id(),
    questionnaireId: uuid()
      .notNull()
      .references(() => questionnaires.id, { onDelete: 'cascade' }),
    lastChangedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    lastChangedByName: text(),
    ...timestamps,
  },
  (t) => [index('questionnaire_submissions_questionnaire_id_idx').on(t.questionnaireId)],
)

export const questionnaireAnswers = pgTable(
  'questionnaire_answers',
  {
    submissionId: uuid()
      .notNull()
      .references(() => questionnaireSubmissions.id, { onDelete: 'cascade' }),
    questionId: uuid()
      .notNull()
      .references(() => questionnaireQuestions.id, { onDelete: 'cascade' }),
    text: text(),
    /** Chosen option values; one for single choice and scales. */
    choices: text().array().notNull().default([]),
    otherText: text(),
    confidential: boolean().notNull().default(false),
    confidentialReason: text(),
    /** A document the respondent attached (a file upload question); `text` then describes it. */
    fileId: uuid().references(() => storedFiles.id, { onDelete: 'set null' }),
    changedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    changedByName: text(),
    /** Goes up by one with every change, so a save made from an older copy of the answer can be told apart. */
    version: integer().notNull().default(1),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.questionId] }), index('questionnaire_answers_question_id_idx').on(t.questionId), index('questionnaire_answers_file_id_idx').on(t.fileId)],
)

/**
 * The coding frame: themes defined once for a questionnaire (a consultation
 * has one) and applied to the answers of any of its free-text questions.
 */
export const questionnaireThemes = pgTable(
  'questionnaire_themes',
  {
    id: id(),
    questionnaireId: uuid()
      .notNull()
      .references(() => questionnaires.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    description: text().notNull().default(''),
    ...timestamps,
  },
  (t) => [uniqueIndex('questionnaire_themes_name_idx').on(t.questionnaireId, sql`lower(${t.name})`)],
)

export const answerThemes = pgTable(
  'answer_themes',
  {
    submissionId: uuid()
      .notNull()
      .references(() => questionnaireSubmissions.id, { onDelete: 'cascade' }),
    questionId: uuid()
      .notNull()
      .references(() => questionnaireQuestions.id, { onDelete: 'cascade' }),
    themeId: uuid()
      .notNull()
      .references(() => questionnaireThemes.id, { onDelete: 'cascade' }),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.questionId, t.themeId] }), index('answer_themes_theme_id_idx').on(t.themeId)],
)

export const questionnairesRelations = relations(questionnaires, ({ many }) => ({
  sections: many(questionnaireSections),
  questions: many(questionnaireQuestions),
}))

export const questionnaireSectionsRelations = relations(questionnaireSections, ({ one, many }) => ({
  questionnaire: one(questionnaires, { fields: [questionnaireSections.questionnaireId], references: [questionnaires.id] }),
  questions: many(questionnaireQuestions),
}))

export const questionnaireQuestionsRelations = relations(questionnaireQuestions, ({ one }) => ({
  section: one(questionnaireSections, { fields: [questionnaireQuestions.sectionId], references: [questionnaireSections.id] }),
}))

export type Questionnaire = typeof questionnaires.$inferSelect
export type QuestionnaireSection = typeof questionnaireSections.$inferSelect
export type QuestionnaireQuestion = typeof questionnaireQuestions.$inferSelect
export type NewQuestionnaireQuestion = typeof questionnaireQuestions.$inferInsert
export type QuestionType = (typeof questionTypeEnum.enumValues)[number]
export type QuestionnaireAnswer = typeof questionnaireAnswers.$inferSelect
export type QuestionnaireTheme = typeof questionnaireThemes.$inferSelect

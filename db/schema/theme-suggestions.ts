import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { id } from './columns'
import { questionnaireQuestions, questionnaireSubmissions, questionnaireThemes } from './questionnaires'

export const themeSuggestionStatusEnum = pgEnum('theme_suggestion_status', ['suggested', 'accepted', 'rejected', 'merged'])

/**
 * A theme the hub proposes for one free-text question from its answers' own
 * words. It tags nothing until a person accepts it; then the answers it
 * covers are tagged with the theme it became.
 */
export const themeSuggestions = pgTable(
  'theme_suggestions',
  {
    id: id(),
    questionId: uuid()
      .notNull()
      .references(() => questionnaireQuestions.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    label: text().notNull(),
    /** The key phrases that define it, most telling first. */
    phrases: text().array().notNull(),
    size: integer().notNull(),
    /** A few of the answers it covers, to read before deciding. */
    exampleSubmissionIds: uuid().array().notNull(),
    status: themeSuggestionStatusEnum().notNull().default('suggested'),
    themeId: uuid().references(() => questionnaireThemes.id, { onDelete: 'set null' }),
    /** The suggestion a merged one went into. */
    mergedIntoId: uuid().references((): AnyPgColumn => themeSuggestions.id, { onDelete: 'set null' }),
    decidedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('theme_suggestions_question_idx').on(t.questionId, t.position)],
)

export const themeSuggestionAnswers = pgTable(
  'theme_suggestion_answers',
  {
    suggestionId: uuid()
      .notNull()
      .references(() => themeSuggestions.id, { onDelete: 'cascade' }),
    submissionId: uuid()
      .notNull()
      .references(() => questionnaireSubmissions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.suggestionId, t.submissionId] })],
)

/** The latest run of suggestions for a question: asked for by staff, done by the worker. */
export const themeSuggestionRuns = pgTable('theme_suggestion_runs', {
  questionId: uuid()
    .primaryKey()
    .references(() => questionnaireQuestions.id, { onDelete: 'cascade' }),
  requestedAt: timestamp({ withTimezone: true }).notNull(),
  requestedById: uuid().references(() => users.id, { onDelete: 'set null' }),
  finishedAt: timestamp({ withTimezone: true }),
  answersRead: integer(),
  /** 'phrases' when the hub's own key-phrase clustering made them; 'model' when the configured language model named them. */
  method: text(),
})

export type ThemeSuggestion = typeof themeSuggestions.$inferSelect

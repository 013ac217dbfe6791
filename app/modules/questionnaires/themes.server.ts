import { and, eq, inArray, sql, type SQLWrapper } from 'drizzle-orm'
import type { DbOrTx } from '~/lib/db.server'
import { answerThemes, questionnaireQuestions, questionnaireThemes } from '~db/schema'
import type { QuestionType } from '~db/schema'

/** The question types whose answers are the respondent's own words, which themes describe. */
export const FREE_TEXT_TYPES: QuestionType[] = ['long_text', 'short_text']

export function isFreeText(type: QuestionType) {
  return FREE_TEXT_TYPES.includes(type)
}

/**
 * The coding frame with, for each theme, how many answers in `scope` (a
 * subquery of submission ids) carry it: over every question, or one.
 */
export async function listThemes(tx: DbOrTx, questionnaireId: string, scope: SQLWrapper, questionId?: string) {
  const forQuestion = questionId ? sql`and ${answerThemes.questionId} = ${questionId}` : sql``
  return tx
    .select({
      id: questionnaireThemes.id,
      name: questionnaireThemes.name,
      description: questionnaireThemes.description,
      count: sql<number>`(select count(*) from ${answerThemes} where ${answerThemes.themeId} = ${questionnaireThemes.id} ${forQuestion} and ${inArray(answerThemes.submissionId, scope)})`.mapWith(
        Number,
      ),
    })
    .from(questionnaireThemes)
    .where(eq(questionnaireThemes.questionnaireId, questionnaireId))
    .orderBy(sql`lower(${questionnaireThemes.name})`)
}

/** How many answers in `scope` carry each theme, question by question. */
export async function themeCountsByQuestion(tx: DbOrTx, questionnaireId: string, scope: SQLWrapper) {
  return tx
    .select({ themeId: answerThemes.themeId, questionId: answerThemes.questionId, count: sql<number>`count(*)`.mapWith(Number) })
    .from(answerThemes)
    .innerJoin(questionnaireThemes, eq(questionnaireThemes.id, answerThemes.themeId))
    .where(and(eq(questionnaireThemes.questionnaireId, questionnaireId), inArray(answerThemes.submissionId, scope)))
    .groupBy(answerThemes.themeId, answerThemes.questionId)
}

/** Adds a theme to the frame; a name already there (in any case) adds nothing and gives null. */
export async function addTheme(tx: DbOrTx, questionnaireId: string, name: string, description = '') {
  const [row] = await tx.insert(questionnaireThemes).values({ questionnaireId, name, description }).onConflictDoNothing().returning()
  return row ?? null
}

export async function findTheme(tx: DbOrTx, questionnaireId: string, themeId: string) {
  const [row] = await tx
    .select()
    .from(questionnaireThemes)
    .where(and(eq(questionnaireThemes.id, themeId), eq(questionnaireThemes.questionnaireId, questionnaireId)))
  return row ?? null
}

export async function themeNamed(tx: DbOrTx, questionnaireId: string, name: string) {
  const [row] = await tx
    .select()
    .from(questionnaireThemes)
    .where(and(eq(questionnaireThemes.questionnaireId, questionnaireId), sql`lower(${questionnaireThemes.name}) = lower(${name})`))
  return row ?? null
}

export async function removeTheme(tx: DbOrTx, questionnaireId: string, themeId: string) {
  await tx.delete(questionnaireThemes).where(and(eq(questionnaireThemes.id, themeId), eq(questionnaireThemes.questionnaireId, questionnaireId)))
}

/** The themes of the question's own frame among `themeIds`: any other id is ignored. */
async function ownThemes(tx: DbOrTx, questionId: string, themeIds: string[]) {
  if (!themeIds.length) return []
  const rows = await tx
    .select({ id: questionnaireThemes.id })
    .from(questionnaireThemes)
    .innerJoin(questionnaireQuestions, eq(questionnaireQuestions.questionnaireId, questionnaireThemes.questionnaireId))
    .where(and(eq(questionnaireQuestions.id, questionId), inArray(questionnaireThemes.id, themeIds)))
  return rows.map((r) => r.id)
}

/** Replaces the themes on one answer. */
export async function setAnswerThemes(tx: DbOrTx, submissionId: string, questionId: string, themeIds: string[]) {
  await tx.delete(answerThemes).where(and(eq(answerThemes.submissionId, submissionId), eq(answerThemes.questionId, questionId)))
  const valid = await ownThemes(tx, questionId, themeIds)
  if (valid.length) await tx.insert(answerThemes).values(valid.map((themeId) => ({ submissionId, questionId, themeId })))
}

/**
 * Adds and removes themes on one answer, leaving the rest as they are: a
 * person who saves an answer's themes changes only what they changed, so
 * someone else's tag made meanwhile stays.
 */
export async function changeAnswerThemes(tx: DbOrTx, submissionId: string, questionId: string, change: { add: string[]; remove: string[] }) {
  if (change.remove.length) {
    await tx.delete(answerThemes).where(and(eq(answerThemes.submissionId, submissionId), eq(answerThemes.questionId, questionId), inArray(answerThemes.themeId, change.remove)))
  }
  const add = await ownThemes(tx, questionId, change.add)
  if (add.length) {
    await tx
      .insert(answerThemes)
      .values(add.map((themeId) => ({ submissionId, questionId, themeId })))
      .onConflictDoNothing()
  }
}

/** Tags every answer to the question in `submissions` (a subquery of submission ids with an answer) at once; gives how many gained the tag. */
export async function tagAnswers(tx: DbOrTx, questionId: string, themeId: string, submissions: SQLWrapper) {
  const [theme] = await ownThemes(tx, questionId, [themeId])
  if (!theme) return 0
  const rows = await tx.execute(sql`
    insert into answer_themes (submission_id, question_id, theme_id)
    select s.id, ${questionId}::uuid, ${theme}::uuid from ${submissions} s(id)
    on conflict do nothing`)
  return rows.count ?? 0
}

/** Takes a theme off every answer to the question in `submissions`; gives how many lost it. */
export async function untagAnswers(tx: DbOrTx, questionId: string, themeId: string, submissions: SQLWrapper) {
  const rows = await tx.execute(sql`
    delete from answer_themes
     where question_id = ${questionId} and theme_id = ${themeId} and submission_id in ${submissions}`)
  return rows.count ?? 0
}

export async function themesBySubmission(tx: DbOrTx, questionId: string, submissionIds: string[]) {
  if (!submissionIds.length) return {} as Record<string, string[]>
  const rows = await tx
    .select({ submissionId: answerThemes.submissionId, themeId: answerThemes.themeId })
    .from(answerThemes)
    .where(and(eq(answerThemes.questionId, questionId), inArray(answerThemes.submissionId, submissionIds)))
  const result: Record<string, string[]> = {}
  for (const r of rows) (result[r.submissionId] ??= []).push(r.themeId)
  return result
}

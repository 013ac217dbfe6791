import { and, count, eq } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { db, type DbOrTx } from '~/lib/db.server'
import { isUuid } from '~/lib/ids'
import { RuleError } from '~/lib/result'
import { questionnaireQuestions, questionnaires, surveyParticipations, surveys, type QuestionnaireQuestion, type Survey } from '~db/schema'
import { addQuestion, addSection, getStructure, moveQuestion, removeQuestion, updateQuestion, type QuestionInput } from '../questionnaires/structure.server'
import { phaseOf } from './surveys.server'
import type { Actor } from '~/lib/actor'

/** A survey's pages and questions, which change only until it opens, someone answers or anyone is invited. */

const OPENED = 'The questions cannot be changed once the survey has opened or someone has started answering'

/** Why the questions can no longer change, or null while they can. */
export async function questionsLockedReason(survey: Pick<Survey, 'id' | 'questionnaireId' | 'opensAt' | 'closesAt'>, tx: DbOrTx = db): Promise<string | null> {
  const phase = phaseOf(survey)
  if (phase === 'open' || phase === 'closed') return OPENED
  const [{ n }] = await tx.select({ n: count() }).from(surveyParticipations).where(eq(surveyParticipations.surveyId, survey.id))
  if (n > 0) return OPENED
  const [questionnaire] = await tx.select({ lockedAt: questionnaires.lockedAt }).from(questionnaires).where(eq(questionnaires.id, survey.questionnaireId))
  if (questionnaire?.lockedAt) return 'The questions cannot be changed once organisations have been invited, because they were invited to answer them as they stand'
  return null
}

/**
 * Refuses a change to the questions unless the survey is still a draft or
 * upcoming, nobody has started answering and nobody has been invited.
 * Starting a response and inviting both lock the questionnaire's row, so
 * holding that row here means neither can slip in during the change.
 */
async function assertQuestionsEditable(tx: DbOrTx, survey: Survey) {
  await tx.select({ id: questionnaires.id }).from(questionnaires).where(eq(questionnaires.id, survey.questionnaireId)).for('update')
  const [current] = await tx.select().from(surveys).where(eq(surveys.id, survey.id))
  const reason = await questionsLockedReason(current ?? survey, tx)
  if (reason) throw new RuleError(reason, { code: 'questions_locked' })
}

export async function addSurveySection(survey: Survey, title: string) {
  return db.transaction(async (tx) => {
    await assertQuestionsEditable(tx, survey)
    return addSection(tx, survey.questionnaireId, { title })
  })
}

export type SurveyQuestionInput = QuestionInput & { sectionId: string }

/** What the audit log keeps of a question: enough to see what changed. */
function questionSnapshot(q: QuestionnaireQuestion) {
  const { id, type, text, hint, required, options, allowOther, maxWords, predecessorQuestionId } = q
  return { id, type, text, hint, required, options: options.map((o) => o.label), allowOther, maxWords, predecessorQuestionId }
}

async function questionOf(tx: DbOrTx, survey: Survey, questionId: string) {
  if (!isUuid(questionId)) return null
  const [q] = await tx
    .select()
    .from(questionnaireQuestions)
    .where(and(eq(questionnaireQuestions.id, questionId), eq(questionnaireQuestions.questionnaireId, survey.questionnaireId)))
  return q ?? null
}

const questionNotFound = () => new RuleError('That question is not in this survey. Choose a question from the list', { code: 'invalid' })

export async function addSurveyQuestion(actor: Actor, survey: Survey, input: SurveyQuestionInput) {
  return db.transaction(async (tx) => {
    await assertQuestionsEditable(tx, survey)
    const question = await addQuestion(tx, survey.questionnaireId, input.sectionId, input)
    await recordAudit(tx, { actor, action: 'survey.question_added', subjectType: 'survey', subjectId: survey.id, after: questionSnapshot(question) })
    return question
  })
}

/**
 * Changes a question's wording, hint, type, options or whether it must be
 * answered. A question copied from last year keeps its link unless its type
 * changes, since answers of another type cannot be compared year on year.
 */
export async function updateSurveyQuestion(actor: Actor, survey: Survey, questionId: string, input: QuestionInput) {
  return db.transaction(async (tx) => {
    await assertQuestionsEditable(tx, survey)
    const before = await questionOf(tx, survey, questionId)
    if (!before) throw questionNotFound()
    const predecessorQuestionId = before.type === input.type ? undefined : null
    await updateQuestion(tx, survey.questionnaireId, questionId, { ...input, predecessorQuestionId })
    const after = (await questionOf(tx, survey, questionId))!
    await recordAudit(tx, { actor, action: 'survey.question_changed', subjectType: 'survey', subjectId: survey.id, before: questionSnapshot(before), after: questionSnapshot(after) })
    return after
  })
}

/** Moves a question one place up or down within its page; at either end of the page nothing changes. */
export async function moveSurveyQuestion(actor: Actor, survey: Survey, questionId: string, direction: 'up' | 'down') {
  return db.transaction(async (tx) => {
    await assertQuestionsEditable(tx, survey)
    const labelOf = async () => (await getStructure(tx, survey.questionnaireId))!.questions.find((q) => q.id === questionId)?.label
    const from = await labelOf()
    if (!from) throw questionNotFound()
    await moveQuestion(tx, survey.questionnaireId, questionId, direction)
    const to = (await labelOf())!
    if (to !== from) {
      await recordAudit(tx, { actor, action: 'survey.question_moved', subjectType: 'survey', subjectId: survey.id, before: { questionId, label: from }, after: { questionId, label: to } })
    }
    return { from, to }
  })
}

export async function removeSurveyQuestion(actor: Actor, survey: Survey, questionId: string) {
  return db.transaction(async (tx) => {
    await assertQuestionsEditable(tx, survey)
    const before = await questionOf(tx, survey, questionId)
    if (!before) throw questionNotFound()
    await removeQuestion(tx, survey.questionnaireId, questionId)
    await recordAudit(tx, { actor, action: 'survey.question_removed', subjectType: 'survey', subjectId: survey.id, before: questionSnapshot(before) })
  })
}

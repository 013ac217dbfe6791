import { and, asc, eq, gt, isNull, lt, desc, sql, type SQL } from 'drizzle-orm'
import { db, type DbOrTx } from '~/lib/db.server'
import { singleton } from '~/lib/singleton.server'
import { questionnaireQuestions, questionnaires, questionnaireSections, type QuestionType } from '~db/schema'
import { hasOwnOptions, SKIP_TO_END, skippedQuestionIds, slugOption, type EngineQuestion } from './questions'
import { RuleError } from '~/lib/result'

/** What a question asks and how it is answered, in its place: what a page shows and a copy keeps. */
function questionContent(q: typeof questionnaireQuestions.$inferSelect) {
  const { position, type, text, hint, required, options, allowOther, maxWords } = q
  return { position, type, text, hint, required, options, allowOther, maxWords }
}

export type NumberedQuestion = EngineQuestion & { number: number; label: string; sectionId: string; position: number }
export type StructuredSection = { id: string; position: number; number: number; title: string; intro: string; questions: NumberedQuestion[] }
export type Structure = { id: string; title: string; lockedAt: Date | null; sections: StructuredSection[]; questions: NumberedQuestion[] }

export async function createQuestionnaire(tx: DbOrTx, title: string) {
  const [row] = await tx.insert(questionnaires).values({ title }).returning()
  return row
}

/**
 * A locked questionnaire never changes again, so its structure is read once
 * per process: every submission on a consultation's last day needs it. Kept
 * frozen, so a caller that changed it would fail loudly rather than alter it
 * for everyone.
 */
const lockedStructures = singleton('locked-questionnaire-structures', () => new Map<string, Structure>())

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}

/** Sections in order, each with its questions numbered Q1, Q2 … across the whole questionnaire. */
export async function getStructure(tx: DbOrTx, questionnaireId: string): Promise<Structure | null> {
  const kept = lockedStructures.get(questionnaireId)
  if (kept) return kept
  const structure = await readStructure(tx, questionnaireId)
  // Only outside a transaction: a lock made in one that rolls back never happened.
  if (structure?.lockedAt && tx === db) {
    if (lockedStructures.size >= 1000) lockedStructures.clear()
    lockedStructures.set(questionnaireId, deepFreeze(structure))
  }
  return structure
}

async function readStructure(tx: DbOrTx, questionnaireId: string): Promise<Structure | null> {
  const [questionnaire] = await tx.select().from(questionnaires).where(eq(questionnaires.id, questionnaireId))
  if (!questionnaire) return null
  const sections = await tx.select().from(questionnaireSections).where(eq(questionnaireSections.questionnaireId, questionnaireId)).orderBy(asc(questionnaireSections.position))
  const questions = await tx.select().from(questionnaireQuestions).where(eq(questionnaireQuestions.questionnaireId, questionnaireId)).orderBy(asc(questionnaireQuestions.position))
  let number = 0
  const all: NumberedQuestion[] = []
  const structured = sections.map((section, index) => ({
    id: section.id,
    position: section.position,
    number: index + 1,
    title: section.title,
    intro: section.intro,
    questions: questions
      .filter((q) => q.sectionId === section.id)
      .map((q) => {
        number += 1
        const numbered: NumberedQuestion = {
          id: q.id,
          sectionId: q.sectionId,
          ...questionContent(q),
          predecessorQuestionId: q.predecessorQuestionId,
          // Only the options the question still has: an option reworded since has a new value.
          skipTo: Object.fromEntries(Object.entries(q.skipTo).filter(([value]) => q.type === 'single_choice' && q.options.some((o) => o.value === value))),
          number,
          label: `Q${number}`,
        }
        all.push(numbered)
        return numbered
      }),
  }))
  // A route to a question removed or moved before the routing question no longer applies.
  const at = new Map(all.map((q, i) => [q.id, i]))
  for (const [i, q] of all.entries()) {
    q.skipTo = Object.fromEntries(Object.entries(q.skipTo ?? {}).filter(([, target]) => target === SKIP_TO_END || (at.get(target) ?? -1) > i + 1))
  }
  return { id: questionnaire.id, title: questionnaire.title, lockedAt: questionnaire.lockedAt, sections: structured, questions: all }
}

/** The sections as one respondent is asked them: the questions their answers skip left out, each section keeping its number. */
export function askedSections(structure: Structure, answers: Record<string, { choices: string[] } | undefined>) {
  const skipped = skippedQuestionIds(structure.questions, answers)
  return { skipped, sections: structure.sections.map((s) => ({ ...s, questions: s.questions.filter((q) => !skipped.has(q.id)) })) }
}

async function assertEditable(tx: DbOrTx, questionnaireId: string) {
  const [row] = await tx.select({ lockedAt: questionnaires.lockedAt }).from(questionnaires).where(eq(questionnaires.id, questionnaireId)).for('update')
  if (!row) throw new Error('Questionnaire not found')
  if (row.lockedAt) throw new RuleError('The questions cannot be changed after publishing', { code: 'questions_locked' })
}

/** Freezes the wording; the first lock's time is kept. */
export async function lockQuestionnaire(tx: DbOrTx, questionnaireId: string) {
  await tx
    .update(questionnaires)
    .set({ lockedAt: new Date() })
    .where(and(eq(questionnaires.id, questionnaireId), isNull(questionnaires.lockedAt)))
}

export async function addSection(tx: DbOrTx, questionnaireId: string, input: { title: string; intro?: string }) {
  await assertEditable(tx, questionnaireId)
  const [{ next }] = await tx
    .select({ next: sql<number>`coalesce(max(${questionnaireSections.position}), 0) + 1`.mapWith(Number) })
    .from(questionnaireSections)
    .where(eq(questionnaireSections.questionnaireId, questionnaireId))
  const [row] = await tx
    .insert(questionnaireSections)
    .values({ questionnaireId, position: next, title: input.title, intro: input.intro ?? '' })
    .returning()
  return row
}

export async function updateSection(tx: DbOrTx, questionnaireId: string, sectionId: string, input: { title: string; intro: string }) {
  await assertEditable(tx, questionnaireId)
  await tx
    .update(questionnaireSections)
    .set(input)
    .where(and(eq(questionnaireSections.id, sectionId), eq(questionnaireSections.questionnaireId, questionnaireId)))
}

export async function removeSection(tx: DbOrTx, questionnaireId: string, sectionId: string) {
  await assertEditable(tx, questionnaireId)
  await tx.delete(questionnaireSections).where(and(eq(questionnaireSections.id, sectionId), eq(questionnaireSections.questionnaireId, questionnaireId)))
}

export type QuestionInput = {
  type: QuestionType
  text: string
  hint?: string
  required?: boolean
  /** Option labels, one per choice; values are derived from them. */
  optionLabels?: string[]
  allowOther?: boolean
  maxWords?: number | null
  /** Left unchanged when undefined. */
  predecessorQuestionId?: string | null
}

function questionValues(input: QuestionInput) {
  const taken = new Set<string>()
  const hasOptions = hasOwnOptions(input.type)
  const allowsOther = input.type === 'single_choice' || input.type === 'multiple_choice'
  return {
    ...(input.predecessorQuestionId !== undefined ? { predecessorQuestionId: input.predecessorQuestionId } : {}),
    type: input.type,
    text: input.text,
    hint: input.hint ?? '',
    required: input.required ?? false,
    options: hasOptions ? (input.optionLabels ?? []).map((label) => ({ value: slugOption(label, taken), label })) : [],
    allowOther: allowsOther ? (input.allowOther ?? false) : false,
    maxWords: input.type === 'long_text' ? (input.maxWords ?? null) : null,
  }
}

/**
 * The position after every question of the questionnaire. Positions are
 * global, and questions are ordered by position within their section, so
 * this puts a question last in whichever section it is in.
 */
async function lastPositionIn(tx: DbOrTx, questionnaireId: string, sectionId: string) {
  const [section] = await tx
    .select({ id: questionnaireSections.id })
    .from(questionnaireSections)
    .where(and(eq(questionnaireSections.id, sectionId), eq(questionnaireSections.questionnaireId, questionnaireId)))
  if (!section) throw new Error('Section not found')
  const [{ next }] = await tx
    .select({ next: sql<number>`coalesce(max(${questionnaireQuestions.position}), 0) + 1`.mapWith(Number) })
    .from(questionnaireQuestions)
    .where(eq(questionnaireQuestions.questionnaireId, questionnaireId))
  return next
}

export async function addQuestion(tx: DbOrTx, questionnaireId: string, sectionId: string, input: QuestionInput) {
  await assertEditable(tx, questionnaireId)
  const position = await lastPositionIn(tx, questionnaireId, sectionId)
  const [row] = await tx
    .insert(questionnaireQuestions)
    .values({ questionnaireId, sectionId, position, ...questionValues(input) })
    .returning()
  return row
}

/**
 * Moves a question to the end of another section of the same questionnaire.
 * Returns the section it left, or null when it was already there.
 */
export async function moveQuestionToSection(tx: DbOrTx, questionnaireId: string, questionId: string, sectionId: string) {
  await assertEditable(tx, questionnaireId)
  const [question] = await tx
    .select({ sectionId: questionnaireQuestions.sectionId })
    .from(questionnaireQuestions)
    .where(and(eq(questionnaireQuestions.id, questionId), eq(questionnaireQuestions.questionnaireId, questionnaireId)))
  if (!question) throw new Error('Question not found')
  if (question.sectionId === sectionId) return null
  const position = await lastPositionIn(tx, questionnaireId, sectionId)
  await tx.update(questionnaireQuestions).set({ sectionId, position }).where(eq(questionnaireQuestions.id, questionId))
  return question.sectionId
}

export async function updateQuestion(tx: DbOrTx, questionnaireId: string, questionId: string, input: QuestionInput) {
  await assertEditable(tx, questionnaireId)
  await tx
    .update(questionnaireQuestions)
    .set(questionValues(input))
    .where(and(eq(questionnaireQuestions.id, questionId), eq(questionnaireQuestions.questionnaireId, questionnaireId)))
}

/**
 * Sets a single choice question's routing: for each option, the later
 * question to go to, or none to carry on in order. The question must be the
 * last in its section, so that every question it skips is on a later page.
 */
export async function setSkipRules(tx: DbOrTx, questionnaireId: string, questionId: string, rules: Record<string, string>) {
  await assertEditable(tx, questionnaireId)
  const structure = (await readStructure(tx, questionnaireId))!
  const question = structure.questions.find((q) => q.id === questionId)
  if (!question) throw new Error('Question not found')
  if (question.type !== 'single_choice') throw new RuleError('Only a question answered by choosing one option can skip to another question')
  const section = structure.sections.find((s) => s.id === question.sectionId)!
  const set = Object.entries(rules).filter(([, target]) => target)
  if (set.length && section.questions.at(-1)?.id !== questionId) {
    throw new RuleError(`${question.label} must be the last question in its section to skip to another question, so that the questions it skips are on later pages`)
  }
  const later = new Set([SKIP_TO_END, ...structure.questions.filter((q) => q.number > question.number + 1).map((q) => q.id)])
  const errors: Record<string, string> = {}
  for (const [i, option] of question.options.entries()) {
    const target = rules[option.value]
    if (target && !later.has(target))
      errors[`skip-${i + 1}`] = `Choose a question after ${structure.questions.find((q) => q.number === question.number + 1)?.label ?? question.label} for “${option.label}”`
  }
  if (Object.keys(errors).length) throw new RuleError(errors)
  const skipTo = Object.fromEntries(set.filter(([value]) => question.options.some((o) => o.value === value)))
  await tx.update(questionnaireQuestions).set({ skipTo }).where(eq(questionnaireQuestions.id, questionId))
  return { before: question.skipTo ?? {}, after: skipTo }
}

export async function removeQuestion(tx: DbOrTx, questionnaireId: string, questionId: string) {
  await assertEditable(tx, questionnaireId)
  await tx.delete(questionnaireQuestions).where(and(eq(questionnaireQuestions.id, questionId), eq(questionnaireQuestions.questionnaireId, questionnaireId)))
}

/** Swaps a row's position with the nearest row before or after it among those in scope. */
async function swapWithNeighbour(tx: DbOrTx, table: typeof questionnaireQuestions | typeof questionnaireSections, row: { id: string; position: number }, scope: SQL, direction: 'up' | 'down') {
  const [neighbour] = await tx
    .select({ id: table.id, position: table.position })
    .from(table)
    .where(and(scope, direction === 'up' ? lt(table.position, row.position) : gt(table.position, row.position)))
    .orderBy(direction === 'up' ? desc(table.position) : asc(table.position))
    .limit(1)
  if (!neighbour) return
  await tx.update(table).set({ position: neighbour.position }).where(eq(table.id, row.id))
  await tx.update(table).set({ position: row.position }).where(eq(table.id, neighbour.id))
}

/**
 * Moves a question up or down by swapping positions with its neighbour.
 * Positions are global, so a question moved past the edge of its section
 * stays in it: numbering follows section order first.
 */
export async function moveQuestion(tx: DbOrTx, questionnaireId: string, questionId: string, direction: 'up' | 'down') {
  await assertEditable(tx, questionnaireId)
  const [question] = await tx
    .select()
    .from(questionnaireQuestions)
    .where(and(eq(questionnaireQuestions.id, questionId), eq(questionnaireQuestions.questionnaireId, questionnaireId)))
  if (!question) return
  await swapWithNeighbour(tx, questionnaireQuestions, question, eq(questionnaireQuestions.sectionId, question.sectionId), direction)
}

export async function moveSection(tx: DbOrTx, questionnaireId: string, sectionId: string, direction: 'up' | 'down') {
  await assertEditable(tx, questionnaireId)
  const [section] = await tx
    .select()
    .from(questionnaireSections)
    .where(and(eq(questionnaireSections.id, sectionId), eq(questionnaireSections.questionnaireId, questionnaireId)))
  if (!section) return
  await swapWithNeighbour(tx, questionnaireSections, section, eq(questionnaireSections.questionnaireId, questionnaireId), direction)
}

/**
 * A new, unlocked questionnaire with the same sections and questions. Each
 * copied question points at the one it was copied from, so an owner can
 * compare answers to the same question across questionnaires.
 */
export async function copyQuestionnaire(tx: DbOrTx, sourceId: string, title: string) {
  const copy = await createQuestionnaire(tx, title)
  const sections = await tx.select().from(questionnaireSections).where(eq(questionnaireSections.questionnaireId, sourceId)).orderBy(asc(questionnaireSections.position))
  const questions = await tx.select().from(questionnaireQuestions).where(eq(questionnaireQuestions.questionnaireId, sourceId)).orderBy(asc(questionnaireQuestions.position))
  for (const section of sections) {
    const [newSection] = await tx.insert(questionnaireSections).values({ questionnaireId: copy.id, position: section.position, title: section.title, intro: section.intro }).returning()
    const inSection = questions.filter((q) => q.sectionId === section.id)
    if (!inSection.length) continue
    await tx.insert(questionnaireQuestions).values(
      inSection.map((q) => ({
        questionnaireId: copy.id,
        sectionId: newSection.id,
        ...questionContent(q),
        predecessorQuestionId: q.id,
      })),
    )
  }
  return copy
}

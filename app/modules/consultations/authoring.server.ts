import { and, count, eq } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { db } from '~/lib/db.server'
import { consultationResponses, consultations, questionnaires, type Consultation } from '~db/schema'
import { queueIndexing } from '~search/outbox.server'
import {
  addQuestion,
  addSection,
  getStructure,
  moveQuestion,
  moveQuestionToSection,
  moveSection,
  removeQuestion,
  removeSection,
  setSkipRules,
  updateQuestion,
  updateSection,
  type NumberedQuestion,
  type QuestionInput,
  type StructuredSection,
} from '../questionnaires/structure.server'
import { phaseOf, publishConsultation } from './consultations.server'
import type { Actor } from '~/lib/actor'
import { RuleError } from '~/lib/result'

/**
 * Authoring: the questions and sections, and the steps that need a
 * confirmation (removing a section or a question, deleting a draft, taking
 * an upcoming consultation back to draft). Each is one transaction with its
 * checks and its audit entry. The questionnaire refuses changes once locked
 * (QuestionnaireLockedError).
 */

export async function responseCount(consultationId: string) {
  const [{ n }] = await db.select({ n: count() }).from(consultationResponses).where(eq(consultationResponses.consultationId, consultationId))
  return n
}

/** What a removal would take away, for its confirmation page; null when there is no such part. */
export async function removalTarget(consultation: Consultation, kind: 'section' | 'question', targetId: string) {
  const structure = (await getStructure(db, consultation.questionnaireId))!
  if (kind === 'section') {
    const index = structure.sections.findIndex((s) => s.id === targetId)
    if (index < 0) return null
    const section = structure.sections[index]
    return { title: `Section ${index + 1}: ${section.title}`, questions: section.questions.map((q) => `${q.label}: ${q.text}`) }
  }
  const question = structure.questions.find((q) => q.id === targetId)
  return question ? { title: `${question.label}: ${question.text}`, questions: [] } : null
}

export async function removeFromConsultation(actor: Actor, consultation: Consultation, kind: 'section' | 'question', targetId: string) {
  if (consultation.status !== 'draft') throw new RuleError('This consultation is published, so its questions can no longer be changed')
  const target = await removalTarget(consultation, kind, targetId)
  if (!target) throw new RuleError(`That ${kind} has already been removed`)
  await db.transaction(async (tx) => {
    if (kind === 'section') await removeSection(tx, consultation.questionnaireId, targetId)
    else await removeQuestion(tx, consultation.questionnaireId, targetId)
    await recordAudit(tx, { actor, action: `consultation.questions.remove-${kind}`, subjectType: 'consultation', subjectId: consultation.id, before: { target: targetId, title: target.title } })
  })
  return target
}

/** A draft that was never published can be deleted outright, with its questions. */
export async function deleteDraftConsultation(actor: Actor, consultationId: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(consultations).where(eq(consultations.id, consultationId)).for('update')
    if (!row) throw new RuleError('That consultation has already been deleted')
    if (row.status !== 'draft') throw new RuleError('Only a draft can be deleted. A published consultation can be taken back to draft while it is upcoming and has no responses')
    if (row.publishedAt) throw new RuleError('This consultation has been published before, so it is kept. You can change it and publish it again')
    await tx.delete(consultations).where(eq(consultations.id, consultationId))
    await tx.delete(questionnaires).where(eq(questionnaires.id, row.questionnaireId))
    await recordAudit(tx, { actor, action: 'consultation.delete', subjectType: 'consultation', subjectId: consultationId, before: { title: row.title } })
    await queueIndexing(tx, 'consultations', consultationId)
    return row
  })
}

/**
 * Takes a published consultation back to draft, so its questions and dates
 * can change: only while it has not opened and nobody has responded.
 */
export async function unpublishConsultation(actor: Actor, consultationId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(consultations).where(eq(consultations.id, consultationId)).for('update')
    if (!row) throw new RuleError('Consultation not found')
    if (phaseOf(row, now) !== 'upcoming') throw new RuleError('Only a consultation that has not opened yet can be taken back to draft')
    const [{ n }] = await tx.select({ n: count() }).from(consultationResponses).where(eq(consultationResponses.consultationId, consultationId))
    if (n > 0) throw new RuleError('Someone has started a response, so this consultation can no longer be taken back to draft')
    const [after] = await tx
      .update(consultations)
      .set({ status: 'draft' })
      .where(and(eq(consultations.id, consultationId), eq(consultations.status, 'published')))
      .returning()
    await tx.update(questionnaires).set({ lockedAt: null }).where(eq(questionnaires.id, row.questionnaireId))
    await recordAudit(tx, { actor, action: 'consultation.unpublish', subjectType: 'consultation', subjectId: consultationId, before: { status: 'published' }, after: { status: 'draft' } })
    await queueIndexing(tx, 'consultations', consultationId)
    return after
  })
}

export async function publishWithConfirmation(actor: Actor, consultationId: string) {
  await db.transaction((tx) => publishConsultation(tx, actor, consultationId))
}

export async function addConsultationSection(actor: Actor, consultation: Consultation, title: string) {
  if (!title.trim()) throw new RuleError('Enter a title for the section')
  await db.transaction(async (tx) => {
    await addSection(tx, consultation.questionnaireId, { title: title.trim().slice(0, 200) })
    await recordAudit(tx, { actor, action: 'consultation.questions.add-section', subjectType: 'consultation', subjectId: consultation.id, after: { target: '' } })
  })
}

export async function updateConsultationSection(actor: Actor, consultation: Consultation, section: Pick<StructuredSection, 'id' | 'title'>, input: { title: string; intro: string }) {
  await db.transaction(async (tx) => {
    await updateSection(tx, consultation.questionnaireId, section.id, input)
    await recordAudit(tx, { actor, action: 'consultation.section.update', subjectType: 'consultation', subjectId: consultation.id, before: { title: section.title }, after: { title: input.title } })
  })
}

/** Moves a section or a question one place up or down. */
export async function moveInConsultation(actor: Actor, consultation: Consultation, kind: 'section' | 'question', targetId: string, direction: 'up' | 'down') {
  await db.transaction(async (tx) => {
    if (kind === 'section') await moveSection(tx, consultation.questionnaireId, targetId, direction)
    else await moveQuestion(tx, consultation.questionnaireId, targetId, direction)
    await recordAudit(tx, { actor, action: `consultation.questions.move-${kind}-${direction}`, subjectType: 'consultation', subjectId: consultation.id, after: { target: targetId } })
  })
}

export async function addConsultationQuestion(actor: Actor, consultation: Consultation, sectionId: string, input: QuestionInput) {
  return db.transaction(async (tx) => {
    const q = await addQuestion(tx, consultation.questionnaireId, sectionId, input)
    await recordAudit(tx, { actor, action: 'consultation.question.add', subjectType: 'consultation', subjectId: consultation.id, after: { questionId: q.id, text: q.text } })
    return q
  })
}

/** Changes a question and, when another section is chosen, moves it to the end of that section. */
/** Sets where each option of a single choice question sends a respondent next; audited with the rules before and after. */
export async function setConsultationSkipRules(actor: Actor, consultation: Consultation, question: Pick<NumberedQuestion, 'id' | 'label'>, rules: Record<string, string>) {
  await db.transaction(async (tx) => {
    const { before, after } = await setSkipRules(tx, consultation.questionnaireId, question.id, rules)
    await recordAudit(tx, {
      actor,
      action: 'consultation.question.routing',
      subjectType: 'consultation',
      subjectId: consultation.id,
      before: { questionId: question.id, skipTo: before },
      after: { questionId: question.id, skipTo: after },
    })
  })
}

export async function updateConsultationQuestion(actor: Actor, consultation: Consultation, question: Pick<NumberedQuestion, 'id' | 'text'>, input: QuestionInput & { sectionId: string }) {
  const { sectionId, ...changes } = input
  await db.transaction(async (tx) => {
    await updateQuestion(tx, consultation.questionnaireId, question.id, changes)
    await recordAudit(tx, { actor, action: 'consultation.question.update', subjectType: 'consultation', subjectId: consultation.id, before: { text: question.text }, after: { text: changes.text } })
    const left = await moveQuestionToSection(tx, consultation.questionnaireId, question.id, sectionId)
    if (!left) return
    const sections = (await getStructure(tx, consultation.questionnaireId))!.sections
    const title = (id: string) => sections.find((s) => s.id === id)?.title
    await recordAudit(tx, {
      actor,
      action: 'consultation.question.move-section',
      subjectType: 'consultation',
      subjectId: consultation.id,
      before: { questionId: question.id, sectionId: left, section: title(left) },
      after: { questionId: question.id, sectionId, section: title(sectionId) },
    })
  })
}

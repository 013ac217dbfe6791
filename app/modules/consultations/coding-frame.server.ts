import { and, eq, inArray } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { db, type Tx } from '~/lib/db.server'
import { insertJsonRows } from '~/lib/json-rows.server'
import { isUuid } from '~/lib/ids'
import { RuleError } from '~/lib/result'
import type { Actor } from '~/lib/actor'
import { consultationResponses, questionnaireAnswers, questionnaireThemes, type Consultation } from '~db/schema'
import { addTheme, changeAnswerThemes, findTheme, listThemes, removeTheme, tagAnswers, themeNamed, untagAnswers } from '../questionnaires/themes.server'
import { isFreeText } from '../questionnaires/themes.server'
import type { NumberedQuestion } from '../questionnaires/structure.server'
import { answerConditions, submittedScope, type AnswerFilters } from './analysis.server'

export const THEME_NAME_MAX = 100
export const THEME_DESCRIPTION_MAX = 500

type ThemedQuestion = Pick<NumberedQuestion, 'id' | 'label' | 'type'>

/** The consultation's themes, each with how many submitted answers (to any question) carry it. */
export async function codingFrame(consultation: Consultation) {
  return listThemes(db, consultation.questionnaireId, submittedScope(consultation.id))
}

/** What is wrong with a theme's name, if anything. A semicolon separates themes in the CSV export, so a name cannot hold one. */
export function themeNameError(name: string): string | null {
  if (!name) return 'Enter a name for the theme'
  if (name.length > THEME_NAME_MAX) return `The theme name must be ${THEME_NAME_MAX} characters or fewer`
  if (name.includes(';')) return 'The theme name cannot contain a semicolon (;): the CSV export uses it to separate themes'
  return null
}

function checkTheme(input: { name: string; description: string }) {
  const name = input.name.trim()
  const description = input.description.trim()
  const errors: Record<string, string> = {}
  const nameError = themeNameError(name)
  if (nameError) errors.name = nameError
  if (description.length > THEME_DESCRIPTION_MAX) errors.description = `The description must be ${THEME_DESCRIPTION_MAX} characters or fewer`
  if (Object.keys(errors).length) throw new RuleError(errors)
  return { name, description }
}

/** Adds a theme to the consultation's coding frame; a name already there is refused, whatever its case. */
export async function addConsultationTheme(actor: Actor, consultation: Consultation, input: { name: string; description: string }) {
  const values = checkTheme(input)
  return db.transaction(async (tx) => {
    const theme = await addTheme(tx, consultation.questionnaireId, values.name, values.description)
    if (!theme) throw new RuleError({ name: `There is already a theme called “${values.name}”` })
    await recordAudit(tx, { actor, action: 'consultation.theme.add', subjectType: 'consultation', subjectId: consultation.id, after: { themeId: theme.id, ...values } })
    return theme
  })
}

export async function updateConsultationTheme(actor: Actor, consultation: Consultation, themeId: string, input: { name: string; description: string }) {
  const values = checkTheme(input)
  return db.transaction(async (tx) => {
    const before = isUuid(themeId) ? await findTheme(tx, consultation.questionnaireId, themeId) : null
    if (!before) throw new RuleError('This theme has been removed')
    const clash = await themeNamed(tx, consultation.questionnaireId, values.name)
    if (clash && clash.id !== themeId) throw new RuleError({ name: `There is already a theme called “${values.name}”` })
    await tx.update(questionnaireThemes).set(values).where(eq(questionnaireThemes.id, themeId))
    await recordAudit(tx, {
      actor,
      action: 'consultation.theme.update',
      subjectType: 'consultation',
      subjectId: consultation.id,
      before: { themeId, name: before.name, description: before.description },
      after: values,
    })
  })
}

/** Removes a theme and its tags on every answer. */
export async function removeConsultationTheme(actor: Actor, consultation: Consultation, themeId: string) {
  if (!isUuid(themeId)) return
  await db.transaction(async (tx) => {
    const theme = await findTheme(tx, consultation.questionnaireId, themeId)
    if (!theme) return
    await removeTheme(tx, consultation.questionnaireId, themeId)
    await recordAudit(tx, { actor, action: 'consultation.theme.remove', subjectType: 'consultation', subjectId: consultation.id, before: { themeId, name: theme.name } })
  })
}

function assertFreeText(question: ThemedQuestion) {
  if (!isFreeText(question.type)) throw new RuleError('Themes describe free-text answers: this question has none')
}

/**
 * Saves the themes ticked on one answer. `shown` are the themes the person's
 * page showed as ticked: only what they changed from that is applied, so two
 * staff tagging the same answer keep each other's tags. False when the
 * submission is not a response to this consultation.
 */
export async function tagAnswer(consultation: Consultation, question: ThemedQuestion, submissionId: string, ticked: string[], shown: string[]) {
  assertFreeText(question)
  if (!isUuid(submissionId)) return false
  const now = new Set(ticked.filter(isUuid))
  const before = new Set(shown.filter(isUuid))
  return db.transaction(async (tx) => {
    const [response] = await tx
      .select({ id: consultationResponses.id })
      .from(consultationResponses)
      .where(and(eq(consultationResponses.submissionId, submissionId), eq(consultationResponses.consultationId, consultation.id)))
    if (!response) return false
    await changeAnswerThemes(tx, submissionId, question.id, { add: [...now].filter((t) => !before.has(t)), remove: [...before].filter((t) => !now.has(t)) })
    return true
  })
}

/** Which answers a bulk action covers: those ticked, or every answer matching the page's filters. */
export type AnswerSelection = { submissionIds: string[] } | { filters: AnswerFilters }

export const BULK_ACTIONS = ['tag', 'untag'] as const

/**
 * Adds a theme to (or takes it off) many answers to one question in one
 * statement. Tags only ever get added or removed one theme at a time, so two
 * staff doing this at once, or one doing it while another tags one answer,
 * lose nothing of each other's. Gives how many answers changed.
 */
export async function bulkTagAnswers(
  actor: Actor,
  consultation: Consultation,
  question: ThemedQuestion,
  input: { themeId: string; action: (typeof BULK_ACTIONS)[number]; selection: AnswerSelection },
) {
  assertFreeText(question)
  const ids = 'submissionIds' in input.selection ? input.selection.submissionIds.filter(isUuid) : null
  if (!isUuid(input.themeId)) throw new RuleError({ themeId: 'Choose a theme' })
  if (ids && !ids.length) throw new RuleError({ scope: 'Tick the answers to tag, or select all the answers that match the filters' })
  const where = ids
    ? and(
        eq(consultationResponses.consultationId, consultation.id),
        eq(consultationResponses.status, 'submitted'),
        eq(questionnaireAnswers.questionId, question.id),
        inArray(questionnaireAnswers.submissionId, ids),
      )
    : answerConditions(consultation, question, (input.selection as { filters: AnswerFilters }).filters)
  return db.transaction(async (tx) => {
    const theme = await findTheme(tx, consultation.questionnaireId, input.themeId)
    if (!theme) throw new RuleError({ themeId: 'This theme has been removed: choose another' })
    const submissions = tx
      .select({ id: questionnaireAnswers.submissionId })
      .from(questionnaireAnswers)
      .innerJoin(consultationResponses, eq(consultationResponses.submissionId, questionnaireAnswers.submissionId))
      .where(where)
    const changed = input.action === 'tag' ? await tagAnswers(tx, question.id, theme.id, submissions) : await untagAnswers(tx, question.id, theme.id, submissions)
    await recordAudit(tx, {
      actor,
      action: `consultation.answers.${input.action}`,
      subjectType: 'consultation',
      subjectId: consultation.id,
      after: { question: question.label, themeId: theme.id, theme: theme.name, changed, selected: ids ? ids.length : 'all matching' },
    })
    return { changed, theme: theme.name }
  })
}

/**
 * Tags imported answers with the themes their file named, adding to the
 * coding frame any theme it does not have yet (names match whatever their
 * case), so that an export imported elsewhere exports again the same. Runs in
 * the import's transaction; gives the names of the themes it added.
 */
export async function tagImportedAnswers(tx: Tx, consultation: Consultation, rows: Array<{ submissionId: string; themes: Record<string, string[]> }>) {
  const ids = new Map<string, string>()
  const added: string[] = []
  const tags: Array<{ submission_id: string; question_id: string; theme_id: string }> = []
  for (const row of rows) {
    for (const [questionId, names] of Object.entries(row.themes)) {
      for (const name of names) {
        const key = name.toLowerCase()
        let themeId = ids.get(key)
        if (!themeId) {
          let theme = await themeNamed(tx, consultation.questionnaireId, name)
          if (!theme) {
            theme = await addTheme(tx, consultation.questionnaireId, name)
            // Someone added the same name a moment ago: the unique index refused ours, so theirs is used.
            theme ??= await themeNamed(tx, consultation.questionnaireId, name)
            if (!theme) throw new RuleError(`The theme “${name}” could not be added`)
            added.push(theme.name)
          }
          themeId = theme.id
          ids.set(key, themeId)
        }
        tags.push({ submission_id: row.submissionId, question_id: questionId, theme_id: themeId })
      }
    }
  }
  for (let i = 0; i < tags.length; i += 10_000) await insertJsonRows(tx, 'answer_themes', tags.slice(i, i + 10_000), { skipConflicts: true })
  return added
}

import { and, asc, desc, eq, gt, isNotNull, lte } from 'drizzle-orm'
import type { Actor } from '~/lib/actor'
import { slugify } from '~/lib/slug'
import { recordAudit } from '~/lib/audit.server'
import { config } from '~/lib/config.server'
import { db, type DbOrTx } from '~/lib/db.server'
import { isUuid } from '~/lib/ids'
import { RuleError } from '~/lib/result'
import { fromLondon, londonParts } from '~/lib/time'
import { surveys, type Survey, type SurveyAudience, type SurveyRespondAs } from '~db/schema'
import { queueIndexing } from '~search/outbox.server'
import { copyQuestionnaire, createQuestionnaire, getStructure } from '../questionnaires/structure.server'
import { PHASE_LABELS, type SurveyPhase } from './phases'

/**
 * Surveys themselves: phases, finding, creating and dating them. Their
 * questions are in authoring.server.ts, invitations and reminders in
 * invitations.server.ts, answering in responses.server.ts, results in
 * results.server.ts and publication.server.ts.
 */

export type { Survey }

export { PHASE_LABELS, type SurveyPhase }

export function phaseOf(s: Pick<Survey, 'opensAt' | 'closesAt'>, now = new Date()): SurveyPhase {
  if (!s.opensAt || !s.closesAt) return 'draft'
  if (now < s.opensAt) return 'upcoming'
  if (now < s.closesAt) return 'open'
  return 'closed'
}

export const isOpen = (s: Pick<Survey, 'opensAt' | 'closesAt'>, now = new Date()) => phaseOf(s, now) === 'open'

/** The London calendar day, as PostgreSQL's date text. */
export function londonDay(date: Date): string {
  const p = londonParts(date)
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
}

export function startOfLondonDay(date: Date): Date {
  const p = londonParts(date)
  return fromLondon(p.year, p.month, p.day)
}

async function uniqueSlug(tx: DbOrTx, title: string) {
  const base = slugify(title, 'survey')
  for (let i = 1; ; i++) {
    const slug = i === 1 ? base : `${base}-${i}`
    const [taken] = await tx.select({ id: surveys.id }).from(surveys).where(eq(surveys.slug, slug))
    if (!taken) return slug
  }
}

export async function getSurvey(id: string) {
  if (!isUuid(id)) return null
  const [row] = await db.select().from(surveys).where(eq(surveys.id, id))
  return row ?? null
}

export async function getSurveyBySlug(slug: string) {
  const [row] = await db.select().from(surveys).where(eq(surveys.slug, slug))
  return row ?? null
}

/** The survey's pages and numbered questions. */
export async function surveyStructure(survey: Pick<Survey, 'questionnaireId'>) {
  return (await getStructure(db, survey.questionnaireId))!
}

export async function listSurveys() {
  return db.select().from(surveys).orderBy(desc(surveys.year), asc(surveys.title))
}

export type SurveyInput = {
  title: string
  year: number
  summary: string
  audience: SurveyAudience
  respondAs: SurveyRespondAs
  anonymous: boolean
  minGroupSize: number
  opensAt: Date | null
  closesAt: Date | null
  /** Copy this survey's questions, each keeping a link to the question it came from. */
  copyFromId?: string | null
}

function checkDates(input: Pick<SurveyInput, 'opensAt' | 'closesAt'>) {
  if (input.opensAt && input.closesAt && input.closesAt <= input.opensAt) {
    throw new RuleError({ closesAt: 'The closing date must be after the opening date' }, { code: 'invalid' })
  }
}

export async function createSurvey(actor: Actor, input: SurveyInput) {
  checkDates(input)
  return db.transaction(async (tx) => {
    const source = input.copyFromId ? (await tx.select().from(surveys).where(eq(surveys.id, input.copyFromId)))[0] : null
    if (input.copyFromId && !source) throw new RuleError({ copyFrom: 'Select a survey to copy from the list' }, { code: 'invalid' })
    const questionnaire = source ? await copyQuestionnaire(tx, source.questionnaireId, input.title) : await createQuestionnaire(tx, input.title)
    const [survey] = await tx
      .insert(surveys)
      .values({
        slug: await uniqueSlug(tx, input.title),
        title: input.title,
        year: input.year,
        summary: input.summary,
        questionnaireId: questionnaire.id,
        previousSurveyId: source?.id ?? null,
        audience: input.audience,
        // Open surveys have no organisations to speak for, so everyone answers for themselves.
        respondAs: input.audience === 'members' ? 'person' : input.respondAs,
        anonymous: input.anonymous,
        minGroupSize: input.minGroupSize,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        createdById: actor.id,
      })
      .returning()
    await queueIndexing(tx, 'surveys', survey.id)
    await recordAudit(tx, { actor, action: source ? 'survey.copied' : 'survey.created', subjectType: 'survey', subjectId: survey.id, after: { title: survey.title, copiedFrom: source?.id ?? null } })
    return survey
  })
}

export async function updateSurveyDates(actor: Actor, surveyId: string, input: { opensAt: Date; closesAt: Date }) {
  checkDates(input)
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(surveys).where(eq(surveys.id, surveyId)).for('update')
    if (!before) throw new RuleError('Survey not found', { code: 'invalid' })
    // Reopened, it may take more answers, which must be settled with the rest when it closes again.
    const reopened = before.anonymousAnswersSettled && input.closesAt > new Date()
    const [after] = await tx
      .update(surveys)
      .set({ ...input, ...(reopened ? { anonymousAnswersSettled: false } : {}) })
      .where(eq(surveys.id, surveyId))
      .returning()
    await queueIndexing(tx, 'surveys', surveyId)
    await recordAudit(tx, { actor, action: 'survey.dates_changed', subjectType: 'survey', subjectId: surveyId, before: { opensAt: before.opensAt, closesAt: before.closesAt }, after: input })
    return after
  })
}

export function surveyUrl(survey: Survey) {
  return `${config().APP_URL}/surveys/${survey.slug}`
}

/** Surveys a signed-in person can answer now, and published results for everyone. */
export async function openSurveys(now = new Date()) {
  return db
    .select()
    .from(surveys)
    .where(and(isNotNull(surveys.opensAt), lte(surveys.opensAt, now), gt(surveys.closesAt, now)))
    .orderBy(desc(surveys.year))
}

export async function publishedResults() {
  return db.select().from(surveys).where(isNotNull(surveys.resultsPublishedAt)).orderBy(desc(surveys.year), desc(surveys.resultsPublishedAt))
}

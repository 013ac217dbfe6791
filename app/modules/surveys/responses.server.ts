import { and, asc, eq, inArray } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import { queueEmail } from '~/lib/email.server'
import type { FormValues } from '~/lib/forms'
import { isUuid } from '~/lib/ids'
import { RuleError } from '~/lib/result'
import { formatDateTime } from '~/lib/time'
import { organisationMembers, organisations, questionnaireSubmissions, surveyInvitations, surveyParticipations, surveyResponses, type Survey, type SurveyParticipation } from '~db/schema'
import { createSubmission, missingRequired, readAnswers, saveAnswers, validateAnswers } from '../questionnaires/answers.server'
import { getStructure, lockQuestionnaire } from '../questionnaires/structure.server'
import { sealAnswers } from './sealed-answers.server'
import { isOpen, londonDay, phaseOf, startOfLondonDay, surveyUrl } from './surveys.server'
import { surveyResponsePath } from '~/lib/paths'

/** Answering a survey: who may respond as whom, drafts page by page, and submitting. */

export type RespondentOption = { key: string; organisationId: string | null; label: string }

/** Who this person may respond as: themselves, or an invited organisation they administer. */
export async function respondentOptions(survey: Survey, user: { id: string }): Promise<RespondentOption[]> {
  const memberships = await db
    .select({ organisationId: organisationMembers.organisationId, role: organisationMembers.role, name: organisations.name })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(eq(organisationMembers.userId, user.id))
    .orderBy(asc(organisations.name))
  if (survey.audience === 'members') {
    return [{ key: `person:${user.id}`, organisationId: memberships[0]?.organisationId ?? null, label: 'Yourself' }]
  }
  const invited = new Set((await db.select({ id: surveyInvitations.organisationId }).from(surveyInvitations).where(eq(surveyInvitations.surveyId, survey.id))).map((r) => r.id))
  const eligible = memberships.filter((m) => invited.has(m.organisationId) && (survey.respondAs === 'person' || m.role === 'admin'))
  if (survey.respondAs === 'person') {
    return eligible.length ? [{ key: `person:${user.id}`, organisationId: eligible[0].organisationId, label: `Yourself, at ${eligible[0].name}` }] : []
  }
  return eligible.map((m) => ({ key: `organisation:${m.organisationId}`, organisationId: m.organisationId, label: m.name }))
}

export async function participationsFor(survey: Survey, options: RespondentOption[]) {
  if (!options.length) return []
  return db
    .select()
    .from(surveyParticipations)
    .where(
      and(
        eq(surveyParticipations.surveyId, survey.id),
        inArray(
          surveyParticipations.respondentKey,
          options.map((o) => o.key),
        ),
      ),
    )
}

function alreadyResponded(survey: Survey, option: RespondentOption) {
  return new RuleError(
    option.key.startsWith('organisation:')
      ? `${option.label} has already responded to the ${survey.title}. Each organisation can respond once`
      : `You have already responded to the ${survey.title}. Each person can respond once`,
    { code: 'already_responded' },
  )
}

function closedError(survey: Survey) {
  const phase = phaseOf(survey)
  if (phase === 'closed') return new RuleError(`The ${survey.title} closed at ${formatDateTime(survey.closesAt!)}, so answers can no longer be accepted`, { code: 'closed' })
  if (phase === 'upcoming') return new RuleError(`The ${survey.title} opens at ${formatDateTime(survey.opensAt!)}`, { code: 'closed' })
  return new RuleError(`The ${survey.title} is not open`, { code: 'closed' })
}

/** Starts a response for this person or organisation, or returns the draft already started. */
export async function startResponse(survey: Survey, user: { id: string; name: string }, respondentKey: string) {
  if (!isOpen(survey)) throw closedError(survey)
  const option = (await respondentOptions(survey, user)).find((o) => o.key === respondentKey)
  if (!option) throw new RuleError('You cannot respond to this survey for that organisation. Only an administrator of an invited organisation can', { code: 'not_eligible' })
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(surveyParticipations)
      .where(and(eq(surveyParticipations.surveyId, survey.id), eq(surveyParticipations.respondentKey, option.key)))
      .for('update')
    if (existing?.status === 'submitted') throw alreadyResponded(survey, option)
    if (existing) return existing
    const submission = await createSubmission(tx, survey.questionnaireId, { id: user.id, name: user.name })
    await lockQuestionnaire(tx, survey.questionnaireId)
    const [created] = await tx
      .insert(surveyParticipations)
      .values({ surveyId: survey.id, respondentKey: option.key, organisationId: option.organisationId, userId: user.id, submissionId: submission.id })
      .onConflictDoNothing()
      .returning()
    if (created) return created
    // Someone else at the organisation started at the same moment: share their draft.
    await tx.delete(questionnaireSubmissions).where(eq(questionnaireSubmissions.id, submission.id))
    const [theirs] = await tx
      .select()
      .from(surveyParticipations)
      .where(and(eq(surveyParticipations.surveyId, survey.id), eq(surveyParticipations.respondentKey, option.key)))
    if (theirs.status === 'submitted') throw alreadyResponded(survey, option)
    return theirs
  })
}

/** The participation if this person may work on it; null otherwise (the route answers 404). */
export async function participationForUser(survey: Survey, participationId: string, user: { id: string }) {
  if (!isUuid(participationId)) return null
  const [p] = await db
    .select()
    .from(surveyParticipations)
    .where(and(eq(surveyParticipations.id, participationId), eq(surveyParticipations.surveyId, survey.id)))
  if (!p) return null
  const options = await respondentOptions(survey, user)
  return options.some((o) => o.key === p.respondentKey) ? p : null
}

export async function draftAnswers(p: SurveyParticipation): Promise<Awaited<ReturnType<typeof readAnswers>>> {
  return p.submissionId ? readAnswers(db, p.submissionId) : {}
}

/**
 * Saves one page of answers and where "continue your response" opens next.
 * With `enforceRequired` off (save and come back later) a required question
 * may stay blank, the response resumes on this page, and the person is
 * emailed a link back to it (at most once a day for one draft).
 */
export async function saveSurveyPage(
  survey: Survey,
  p: SurveyParticipation,
  page: number,
  values: FormValues,
  actor: { id: string; name: string; email: string },
  { enforceRequired }: { enforceRequired: boolean },
  now = new Date(),
) {
  if (!isOpen(survey, now)) throw closedError(survey)
  if (p.status === 'submitted' || !p.submissionId) throw new RuleError('This response has already been submitted and cannot be changed', { code: 'already_responded' })
  const structure = (await getStructure(db, survey.questionnaireId))!
  const section = structure.sections[page - 1]
  if (!section) throw new RuleError('There is no such page in this survey', { code: 'invalid' })
  const result = validateAnswers(section.questions, values, { enforceRequired })
  if (!result.ok) return result
  await db.transaction(async (tx) => {
    // A colleague may have submitted since this person's page was loaded: decided under the row's lock, as submitting is.
    const [current] = await tx.select().from(surveyParticipations).where(eq(surveyParticipations.id, p.id)).for('update')
    if (current?.status !== 'draft' || current.submissionId !== p.submissionId) {
      throw new RuleError('A colleague has already submitted this response, so it can no longer be changed', { code: 'already_responded' })
    }
    await saveAnswers(tx, p.submissionId!, result.answers, actor)
    await tx
      .update(surveyParticipations)
      .set({ resumePage: enforceRequired ? page + 1 : page, updatedAt: now })
      .where(eq(surveyParticipations.id, p.id))
    if (!enforceRequired) await queueEmail(resumeEmail(survey, p, actor.email, now), { tx })
  })
  return { ok: true as const }
}

/** The signed-in link back to a draft; it opens the page the response was saved on. */
export function resumeUrl(survey: Survey, p: Pick<SurveyParticipation, 'id'>) {
  return `${surveyUrl(survey)}/response/${p.id}`
}

/** Where a draft continues: the page last saved, or checking answers once every page has been saved. */
export function resumePath(survey: Survey, p: Pick<SurveyParticipation, 'id' | 'resumePage'>, pageCount: number) {
  return surveyResponsePath(survey.slug, p.id, p.resumePage > pageCount ? 'check' : `page/${Math.max(1, p.resumePage)}`)
}

function resumeEmail(survey: Survey, p: SurveyParticipation, to: string, now: Date) {
  return {
    to,
    subject: `Continue your response to the ${survey.title}`,
    text: [
      `Your answers to the ${survey.title} have been saved.`,
      '',
      'Use this link to continue where you left off. You will be asked to sign in if you are not already.',
      resumeUrl(survey, p),
      '',
      `Submit your response before the survey closes at ${formatDateTime(survey.closesAt!)}. Until then you can change any answer.`,
    ].join('\n'),
    idempotencyKey: `survey-resume:${p.id}:${londonDay(now)}`,
  }
}

/**
 * Submits the response. For an anonymous survey the answers are sealed for
 * a later batch (sealed-answers.server.ts), the draft is deleted, and the
 * participation keeps only the fact and day of responding: nothing joins who
 * responded to what they said.
 */
export async function submitSurveyResponse(survey: Survey, participationId: string, actor: { id: string; email: string }, now = new Date()) {
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(surveyParticipations).where(eq(surveyParticipations.id, participationId)).for('update')
    if (!p) throw new RuleError('Response not found', { code: 'invalid' })
    if (p.status === 'submitted' || !p.submissionId) {
      throw new RuleError('This response has already been submitted. Each organisation or person can respond once', { code: 'already_responded' })
    }
    if (!isOpen(survey, now)) throw closedError(survey)
    const structure = (await getStructure(tx, survey.questionnaireId))!
    const answers = await readAnswers(tx, p.submissionId)
    const missing = missingRequired(structure.questions, answers)
    if (missing.length) {
      throw new RuleError(`Answer ${missing.map((q) => q.label).join(', ')} before submitting`, { code: 'incomplete' })
    }
    const [org] = p.organisationId ? await tx.select({ sector: organisations.sector, sizeBand: organisations.sizeBand }).from(organisations).where(eq(organisations.id, p.organisationId)) : []
    const day = londonDay(now)
    const who = { sector: org?.sector ?? null, sizeBand: org?.sizeBand ?? null }
    if (survey.anonymous) {
      // Sealed here, written as a response later in a shuffled batch, so
      // nothing this transaction writes holds the answers as a response.
      await sealAnswers(tx, survey.id, who, Object.values(answers))
      await tx.update(surveyParticipations).set({ submissionId: null }).where(eq(surveyParticipations.id, p.id))
      await tx.delete(questionnaireSubmissions).where(eq(questionnaireSubmissions.id, p.submissionId))
    } else {
      await tx.insert(surveyResponses).values({ submissionId: p.submissionId, surveyId: survey.id, ...who, submittedOn: day })
    }
    await tx
      .update(surveyParticipations)
      // userId becomes whoever submitted: their receipt says where the confirmation went, a colleague's says it went to them.
      .set({ status: 'submitted', submittedOn: day, userId: actor.id, ...(survey.anonymous ? { updatedAt: startOfLondonDay(now) } : {}) })
      .where(eq(surveyParticipations.id, p.id))
    await queueEmail(
      {
        to: actor.email,
        subject: `We have received your response to the ${survey.title}`,
        text: `Thank you for responding to the ${survey.title}.\n\n${survey.anonymous ? 'Your answers are stored anonymously: they carry no link to you or your organisation.\n\n' : ''}The results will be published at ${surveyUrl(survey)}/results once the survey has closed.`,
        idempotencyKey: `survey-receipt:${p.id}`,
      },
      { tx },
    )
    return { participationId: p.id, submittedOn: day }
  })
}

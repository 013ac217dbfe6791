import { and, asc, count, desc, eq, gt, inArray, isNotNull, lte, sql } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { config } from '~/lib/config.server'
import { db, type DbOrTx } from '~/lib/db.server'
import { queueEmail } from '~/lib/email.server'
import type { FormValues } from '~/lib/forms'
import { formatDateTime, fromLondon, londonParts } from '~/lib/time'
import {
  organisationMembers,
  organisations,
  questionnaireQuestions,
  questionnaires,
  questionnaireSubmissions,
  surveyInvitations,
  surveyParticipations,
  surveyResponses,
  surveys,
  users,
  type QuestionnaireQuestion,
  type Survey,
  type SurveyAudience,
  type SurveyParticipation,
  type SurveyRespondAs,
} from '~db/schema'
import { queueIndexing } from '~search/outbox.server'
import { PHASE_LABELS, type SurveyPhase } from './phases'
import { sealAnswers } from './sealed-answers.server'
import { createSubmission, missingRequired, readAnswers, saveAnswers, validateAnswers } from '../questionnaires/answers.server'
import {
  addQuestion,
  addSection,
  copyQuestionnaire,
  createQuestionnaire,
  getStructure,
  lockQuestionnaire,
  moveQuestion,
  removeQuestion,
  updateQuestion,
  type QuestionInput,
} from '../questionnaires/structure.server'
import { isUuid } from '~/lib/ids'
import { RuleError } from '~/lib/result'

export type Actor = { id: string; email: string; name?: string }

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

export function slugify(title: string) {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'survey'
}

async function uniqueSlug(tx: DbOrTx, title: string) {
  const base = slugify(title)
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

const OPENED = 'The questions cannot be changed once the survey has opened or someone has started answering'

/** Why the questions can no longer change, or null while they can. */
export async function questionsLockedReason(tx: DbOrTx, survey: Pick<Survey, 'id' | 'questionnaireId' | 'opensAt' | 'closesAt'>): Promise<string | null> {
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
  const reason = await questionsLockedReason(tx, current ?? survey)
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

async function organisationAdmins(tx: DbOrTx, organisationIds: string[]) {
  if (!organisationIds.length) return []
  return tx
    .select({ organisationId: organisationMembers.organisationId, userId: users.id, email: users.email, name: users.name, organisation: organisations.name })
    .from(organisationMembers)
    .innerJoin(users, eq(users.id, organisationMembers.userId))
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(and(inArray(organisationMembers.organisationId, organisationIds), eq(organisationMembers.role, 'admin')))
}

function surveyUrl(survey: Survey) {
  return `${config().APP_URL}/surveys/${survey.slug}`
}

/**
 * Invites organisations and emails their administrators. Inviting an
 * organisation twice changes nothing and sends nothing more.
 */
export async function inviteOrganisations(actor: Actor, survey: Survey, organisationIds: string[]) {
  if (survey.audience !== 'invited_organisations') throw new RuleError('This survey is open to every member, so organisations are not invited', { code: 'invalid' })
  if (phaseOf(survey) === 'closed') throw new RuleError('The survey has closed, so no more organisations can be invited', { code: 'closed' })
  if (!organisationIds.length) throw new RuleError('Select at least one organisation to invite', { code: 'invalid' })
  return db.transaction(async (tx) => {
    const added = await tx
      .insert(surveyInvitations)
      .values(organisationIds.map((organisationId) => ({ surveyId: survey.id, organisationId, invitedById: actor.id })))
      .onConflictDoNothing()
      .returning({ organisationId: surveyInvitations.organisationId })
    const admins = await organisationAdmins(
      tx,
      added.map((a) => a.organisationId),
    )
    for (const admin of admins) {
      await queueEmail(
        {
          to: admin.email,
          subject: `You are invited to respond to the ${survey.title}`,
          text: [
            `Dear ${admin.name},`,
            '',
            `${admin.organisation} is invited to respond to the ${survey.title}. It is your chance to feed back to the Employment Category on how we are doing.`,
            survey.respondAs === 'organisation' ? 'One response is counted for each organisation; an administrator of the organisation submits it.' : 'Each member of your organisation can respond once.',
            survey.anonymous ? 'The survey is anonymous: answers are stored with no link to you or your organisation.' : '',
            survey.opensAt ? `The survey opens at ${formatDateTime(survey.opensAt)}${survey.closesAt ? ` and closes at ${formatDateTime(survey.closesAt)}` : ''}.` : '',
            '',
            `Respond at ${surveyUrl(survey)}`,
          ]
            .filter((line, i, all) => line !== '' || all[i - 1] !== '')
            .join('\n'),
          idempotencyKey: `survey-invitation:${survey.id}:${admin.organisationId}:${admin.userId}`,
        },
        { tx },
      )
    }
    // Once anyone is invited the wording must stay as they were told.
    await lockQuestionnaire(tx, survey.questionnaireId)
    await recordAudit(tx, { actor, action: 'survey.invited', subjectType: 'survey', subjectId: survey.id, after: { organisationIds: added.map((a) => a.organisationId) } })
    return { invited: added.length, emailed: admins.length }
  })
}

/** Reminds the administrators of invited organisations that have not responded; at most one reminder a day. */
export async function sendReminders(actor: Actor, survey: Survey, now = new Date()) {
  if (!isOpen(survey, now)) throw new RuleError('Reminders can only be sent while the survey is open', { code: 'closed' })
  return db.transaction(async (tx) => {
    const pending = await tx
      .select({ organisationId: surveyInvitations.organisationId })
      .from(surveyInvitations)
      .where(
        and(
          eq(surveyInvitations.surveyId, survey.id),
          sql`not exists (select 1 from ${surveyParticipations} p where p.survey_id = ${survey.id} and p.organisation_id = ${surveyInvitations.organisationId} and p.status = 'submitted')`,
        ),
      )
    const ids = pending.map((p) => p.organisationId)
    const admins = await organisationAdmins(tx, ids)
    for (const admin of admins) {
      await queueEmail(
        {
          to: admin.email,
          subject: `Reminder: the ${survey.title} closes at ${formatDateTime(survey.closesAt!)}`,
          text: `Dear ${admin.name},\n\nWe have not yet had a response from ${admin.organisation} to the ${survey.title}. It closes at ${formatDateTime(survey.closesAt!)}.\n\nRespond at ${surveyUrl(survey)}`,
          idempotencyKey: `survey-reminder:${survey.id}:${admin.organisationId}:${admin.userId}:${londonDay(now)}`,
        },
        { tx },
      )
    }
    if (ids.length) {
      await tx
        .update(surveyInvitations)
        .set({ lastRemindedAt: now, reminders: sql`${surveyInvitations.reminders} + 1` })
        .where(and(eq(surveyInvitations.surveyId, survey.id), inArray(surveyInvitations.organisationId, ids)))
    }
    // For an anonymous survey the list of who was reminded is the list of who had not responded, so only the number is kept.
    await recordAudit(tx, { actor, action: 'survey.reminded', subjectType: 'survey', subjectId: survey.id, after: survey.anonymous ? { organisations: ids.length } : { organisationIds: ids } })
    return { organisations: ids.length, emailed: admins.length }
  })
}

/**
 * The invited organisations. For an anonymous survey, whether each has
 * responded is not given, nor how many reminders each had (reminders go only
 * to those that have not responded, so their count would tell): staff see how
 * many responded, and the last reminder, for the survey as a whole.
 */
export async function listInvitations(survey: Pick<Survey, 'id' | 'anonymous'>) {
  const rows = await db
    .select({
      organisationId: organisations.id,
      name: organisations.name,
      slug: organisations.slug,
      invitedAt: surveyInvitations.createdAt,
      reminders: surveyInvitations.reminders,
      lastRemindedAt: surveyInvitations.lastRemindedAt,
      responded: sql<boolean>`exists (select 1 from ${surveyParticipations} p where p.survey_id = ${survey.id} and p.organisation_id = ${organisations.id} and p.status = 'submitted')`,
    })
    .from(surveyInvitations)
    .innerJoin(organisations, eq(organisations.id, surveyInvitations.organisationId))
    .where(eq(surveyInvitations.surveyId, survey.id))
    .orderBy(asc(organisations.name))
  const responded = rows.filter((r) => r.responded).length
  const reminded = rows.map((r) => r.lastRemindedAt).filter((d): d is Date => d !== null)
  const lastReminder = reminded.length ? new Date(Math.max(...reminded.map((d) => d.getTime()))) : null
  const invitations = rows.map(({ lastRemindedAt: _, ...r }) => (survey.anonymous ? { ...r, responded: null, reminders: null } : r))
  return { invitations, responded, lastReminder }
}

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
  const invited = new Set(
    (await db.select({ id: surveyInvitations.organisationId }).from(surveyInvitations).where(eq(surveyInvitations.surveyId, survey.id))).map((r) => r.id),
  )
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
    .where(and(eq(surveyParticipations.surveyId, survey.id), inArray(surveyParticipations.respondentKey, options.map((o) => o.key))))
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

/** Saves one page of answers. With `enforceRequired` off (save and come back later) a required question may stay blank. */
export async function saveSurveyPage(
  survey: Survey,
  p: SurveyParticipation,
  page: number,
  values: FormValues,
  actor: { id: string; name: string },
  { enforceRequired }: { enforceRequired: boolean },
) {
  if (!isOpen(survey)) throw closedError(survey)
  if (p.status === 'submitted' || !p.submissionId) throw new RuleError('This response has already been submitted and cannot be changed', { code: 'already_responded' })
  const structure = (await getStructure(db, survey.questionnaireId))!
  const section = structure.sections[page - 1]
  if (!section) throw new RuleError('There is no such page in this survey', { code: 'invalid' })
  const result = validateAnswers(section.questions, values, { enforceRequired })
  if (!result.ok) return result
  await db.transaction((tx) => saveAnswers(tx, p.submissionId!, result.answers, actor))
  return { ok: true as const }
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
    const [org] = p.organisationId
      ? await tx.select({ sector: organisations.sector, sizeBand: organisations.sizeBand }).from(organisations).where(eq(organisations.id, p.organisationId))
      : []
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
      .set({ status: 'submitted', submittedOn: day, ...(survey.anonymous ? { updatedAt: startOfLondonDay(now) } : {}) })
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

import { createHash, randomBytes, randomInt } from 'node:crypto'
import { and, asc, desc, eq, inArray, isNotNull, lt, ne, or, sql } from 'drizzle-orm'
import { config } from '~/lib/config.server'
import { db, type DbOrTx } from '~/lib/db.server'
import { builtQuery } from '~/lib/built-queries.server'
import { queueEmail, queueEmails } from '~/lib/email.server'
import type { FormValues } from '~/lib/forms'
import { formatDateTime } from '~/lib/time'
import {
  consultationResponseActivity,
  consultationResponseRevisions,
  consultationResponses,
  consultations,
  mailDeliveries,
  organisationMembers,
  organisations,
  questionnaireAnswers,
  questionnaireSubmissions,
  users,
  type Consultation,
  type ConsultationResponse,
  type PublishingConsent,
  type RespondentType,
} from '~db/schema'
import {
  answerDigest,
  answerText,
  copySubmission,
  createSubmission,
  missingRequired,
  postedBases,
  readAnswers,
  saveChangedAnswers,
  validateAnswers,
  type Answer,
  type AnswerInput,
} from '../questionnaires/answers.server'
import { answerLines, answerPlace, fieldName, resolveFieldName } from '../questionnaires/questions'
import { askedSections, getStructure, lockQuestionnaire, type Structure } from '../questionnaires/structure.server'
import { isOpen } from './consultations.server'
import { chooseAgain, dropUnheldFiles, postedFiles, storeAnswerFiles } from './answer-files.server'
import { CONSENT_OPTIONS } from './options'
import { isUuid } from '~/lib/ids'
import { ForbiddenError, RuleError } from '~/lib/result'
import { allowMailToNow, allowMailUnlessConfirmed, assertMailAllowed, echoToUnconfirmed, type MailRequester } from '~/lib/unconfirmed-mail.server'

export type Respondent = { id: string; name: string; email: string } | null

export type RespondentDetails = {
  respondentType: RespondentType
  name: string
  email: string
  organisationId: string | null
  organisationName: string | null
  represents: string | null
  howViewsAssembled: string | null
  publishingConsent: PublishingConsent
  confidential: boolean
  confidentialReason: string | null
  notifyOnPublication?: boolean
}

const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'

/** Short enough to read out on the phone, with no 0/O or 1/I to confuse. */
export function newReference() {
  let ref = ''
  for (let i = 0; i < 8; i++) ref += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]
  return `HUB-${ref.slice(0, 4)}-${ref.slice(4)}`
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')
export const newToken = () => randomBytes(32).toString('base64url')

export async function organisationsOf(userId: string) {
  return db
    .select({ id: organisations.id, name: organisations.name, role: organisationMembers.role, sector: organisations.sector })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(eq(organisationMembers.userId, userId))
    .orderBy(organisations.name)
}

async function membership(tx: DbOrTx, userId: string, organisationId: string) {
  const [row] = await tx
    .select({ role: organisationMembers.role })
    .from(organisationMembers)
    .where(and(eq(organisationMembers.userId, userId), eq(organisationMembers.organisationId, organisationId)))
  return row?.role ?? null
}

export type Access = { response: ConsultationResponse; role: 'owner' | 'org_member' | 'org_admin' }

// Read on every request of a response's pages and twice by its submission: built once (app/lib/built-queries.server.ts).
const selectResponseById = () =>
  db
    .select()
    .from(consultationResponses)
    .where(eq(consultationResponses.id, sql.placeholder('id')))
const responseById = builtQuery('consultation_response_by_id', selectResponseById)
const responseForUpdate = builtQuery('consultation_response_for_update', () => selectResponseById().for('update'))

/**
 * Who may see and change a response: the signed-in person who started it,
 * members of the organisation it speaks for, or (signed out) whoever holds
 * its secret resume token. Anyone else gets nothing, not even its existence.
 */
export async function accessResponse(tx: DbOrTx, responseId: string, who: { user: Respondent; token: string | null }): Promise<Access | null> {
  if (!isUuid(responseId)) return null
  const [response] = await responseById(tx).execute({ id: responseId })
  if (!response) return null
  if (who.user) {
    if (response.organisationId) {
      const role = await membership(tx, who.user.id, response.organisationId)
      if (role) return { response, role: role === 'admin' ? 'org_admin' : 'org_member' }
    } else if (response.userId === who.user.id) return { response, role: 'owner' }
  }
  if (!response.userId && who.token) {
    const hash = hashToken(who.token)
    if (hash === response.resumeTokenHash || hash === response.receiptTokenHash) return { response, role: 'owner' }
  }
  return null
}

export async function responseForConsultation(consultationId: string, responseId: string, who: { user: Respondent; token: string | null }) {
  const access = await accessResponse(db, responseId, who)
  return access && access.response.consultationId === consultationId ? access : null
}

/**
 * Starts a response, or for an organisation joins the one its members are
 * already drafting: an organisation has one live response per consultation.
 * Signed out, the returned token is the only key to the draft.
 */
export async function startResponse(consultation: Consultation, user: Respondent, details: RespondentDetails, now = new Date()) {
  if (!isOpen(consultation, now)) throw new RuleError('This consultation is not open for responses', { code: 'not_open' })
  return db.transaction(async (tx) => {
    if (details.respondentType === 'organisation' && details.organisationId) {
      if (!user || !(await membership(tx, user.id, details.organisationId))) {
        throw new ForbiddenError('You can only respond for an organisation you belong to')
      }
      const [existing] = await tx
        .select()
        .from(consultationResponses)
        .where(and(eq(consultationResponses.consultationId, consultation.id), eq(consultationResponses.organisationId, details.organisationId), ne(consultationResponses.status, 'withdrawn')))
      if (existing) return { response: await fillBlankDetails(tx, existing, details), token: null, joined: true, existing: false }
    }
    if (user && details.respondentType === 'individual') {
      // One individual response per person: a second start (another tab, a double click) leads back to the first.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`individual-response:${consultation.id}:${user.id}`}))`)
      const [own] = await tx
        .select()
        .from(consultationResponses)
        .where(
          and(
            eq(consultationResponses.consultationId, consultation.id),
            eq(consultationResponses.userId, user.id),
            eq(consultationResponses.respondentType, 'individual'),
            ne(consultationResponses.status, 'withdrawn'),
          ),
        )
        .limit(1)
      if (own) return { response: own, token: null, joined: false, existing: true }
    }
    // The first response freezes the wording: an upcoming consultation's questions could change until now.
    await lockQuestionnaire(tx, consultation.questionnaireId)
    const submission = await createSubmission(tx, consultation.questionnaireId, { id: user?.id ?? null, name: details.name })
    const token = user ? null : newToken()
    const inserted = await tx
      .insert(consultationResponses)
      .values({
        consultationId: consultation.id,
        submissionId: submission.id,
        reference: newReference(),
        userId: user?.id ?? null,
        ...details,
        resumeTokenHash: token ? hashToken(token) : null,
      })
      .onConflictDoNothing()
      .returning()
    if (!inserted[0]) {
      // Another member started the organisation's draft at the same moment: join theirs.
      const [theirs] = await tx
        .select()
        .from(consultationResponses)
        .where(and(eq(consultationResponses.consultationId, consultation.id), eq(consultationResponses.organisationId, details.organisationId!), ne(consultationResponses.status, 'withdrawn')))
      return { response: await fillBlankDetails(tx, theirs, details), token: null, joined: true, existing: false }
    }
    return { response: inserted[0], token, joined: false, existing: false }
  })
}

/** The organisation's details one drafter may type differently from another. */
export const SHARED_DETAILS = [
  { field: 'represents', label: 'Who the organisation represents' },
  { field: 'howViewsAssembled', label: 'How the views of members were assembled' },
  { field: 'publishingConsent', label: 'Publishing' },
  { field: 'confidential', label: 'Whole response confidential' },
] as const
export type SharedDetail = (typeof SHARED_DETAILS)[number]['field']

const CONSENT_WORDS = { named: 'Publish with the organisation’s name', anonymous: 'Publish without any names', none: 'Do not publish' } as const

function detailWords(field: SharedDetail, d: Pick<RespondentDetails, SharedDetail | 'confidentialReason'>) {
  if (field === 'publishingConsent') return CONSENT_WORDS[d.publishingConsent]
  if (field === 'confidential') return d.confidential ? `Yes: ${d.confidentialReason ?? ''}` : 'No'
  return d[field] ?? ''
}

/**
 * Where details typed by someone joining an organisation's response differ
 * from those it already has, both versions, for them to choose between.
 */
export function detailsDifferences(existing: ConsultationResponse, typed: RespondentDetails) {
  return SHARED_DETAILS.map(({ field, label }) => ({ field, label, theirs: detailWords(field, existing), yours: detailWords(field, typed) })).filter((d) => d.theirs !== d.yours)
}

/** Details the shared response lacks are taken from what the person joining typed; nothing already there is replaced. */
async function fillBlankDetails(tx: DbOrTx, existing: ConsultationResponse, typed: RespondentDetails) {
  if (existing.status !== 'draft' || existing.howViewsAssembled || !typed.howViewsAssembled) return existing
  const [row] = await tx.update(consultationResponses).set({ howViewsAssembled: typed.howViewsAssembled }).where(eq(consultationResponses.id, existing.id)).returning()
  return row
}

/** Takes the chosen details from what the person joining typed; the others stay as they were. */
export async function mergeJoinedDetails(consultation: Consultation, access: Access, typed: RespondentDetails, take: SharedDetail[], now = new Date()) {
  assertEditable(consultation, access.response, now)
  assertMayChangeDetails(access)
  const set: Partial<RespondentDetails> = {}
  for (const field of take) {
    if (field === 'confidential') Object.assign(set, { confidential: typed.confidential, confidentialReason: typed.confidentialReason })
    else Object.assign(set, { [field]: typed[field] })
  }
  if (Object.keys(set).length) await db.update(consultationResponses).set(set).where(eq(consultationResponses.id, access.response.id))
}

/** A submitted organisation response is the administrators' to change, details as much as answers. */
function assertMayChangeDetails(access: Access) {
  if (access.response.status === 'submitted' && access.role === 'org_member') {
    throw new RuleError('Only an administrator of your organisation can change the details of its submitted response', { code: 'not_allowed' })
  }
}

function assertEditable(consultation: Consultation, response: ConsultationResponse, now: Date) {
  if (response.status === 'withdrawn') throw new RuleError('This response has been withdrawn', { code: 'withdrawn' })
  if (!isOpen(consultation, now)) throw new RuleError(`This consultation closed at ${formatDateTime(consultation.closesAt)}`, { code: 'closed' })
}

export async function updateDetails(consultation: Consultation, access: Access, user: Respondent, details: RespondentDetails, now = new Date()) {
  assertEditable(consultation, access.response, now)
  assertMayChangeDetails(access)
  const { organisationId: _keep, respondentType: _type, ...changeable } = details
  await db.update(consultationResponses).set(changeable).where(eq(consultationResponses.id, access.response.id))
  void user
}

export type SectionConflict = { questionId: string; label: string; mine: AnswerInput; theirs: string; changedByName: string | null; changedAt: Date }

export type SectionSave = { ok: true; conflicts: [] } | { ok: false; errors: Record<string, string>; conflicts: SectionConflict[] }

/**
 * The submission a respondent's pages show and change: the draft, or for a
 * submitted response the changes waiting to be submitted, if any.
 */
export function workingSubmissionId(response: ConsultationResponse) {
  return response.draftSubmissionId ?? response.submissionId
}

/** A submitted response with saved changes that nobody has submitted yet. */
export function hasUnsubmittedChanges(response: ConsultationResponse) {
  return response.status === 'submitted' && response.draftSubmissionId !== null
}

/**
 * Saves the answers on one section that the person changed. Nothing is
 * written unless every answer on the page is valid. A submitted response is
 * never changed here: its changes go to a working copy that only a submit
 * makes live. An answer a colleague changed since the page was shown is not
 * written; it comes back as a conflict with both texts, and the rest of the
 * page is saved.
 */
export async function saveSection(
  consultation: Consultation,
  access: Access,
  sectionNumber: number,
  values: FormValues,
  actor: { id: string | null; name: string },
  { enforceRequired, uploads = {} }: { enforceRequired: boolean; uploads?: Record<string, File | undefined> },
  now = new Date(),
): Promise<SectionSave> {
  assertEditable(consultation, access.response, now)
  const structure = await getStructure(db, consultation.questionnaireId)
  const section = structure?.sections[sectionNumber - 1]
  if (!section) throw new RuleError('There is no such section', { code: 'not_allowed' })
  const held = await readAnswers(db, workingSubmissionId(access.response))
  // A page shown before an earlier answer changed may post questions that are no longer asked: those are left out.
  const { skipped } = askedSections(structure, held)
  const asked = section.questions.filter((q) => !skipped.has(q.id))
  const noLongerAsked = section.questions.filter((q) => skipped.has(q.id) && Object.entries(values).some(([k, v]) => k.startsWith(fieldName(q.id)) && v !== '' && !k.endsWith('-confidential-reason')))
  const pageValues = Object.fromEntries(Object.entries(values).filter(([k]) => !section.questions.some((q) => skipped.has(q.id) && k.startsWith(fieldName(q.id)))))
  const hasFiles = asked.some((q) => q.type === 'file_upload')
  const attached = await postedFiles(asked, pageValues, uploads, held)
  const result = validateAnswers(asked, pageValues, { enforceRequired, files: hasFiles ? attached.files : undefined })
  if (!result.ok || Object.keys(attached.errors).length) {
    return { ok: false, errors: chooseAgain(attached.checked, asked, { ...(result.ok ? {} : result.errors), ...attached.errors }), conflicts: [] }
  }
  for (const q of section.questions) {
    if (values[resolveFieldName(q.id)] === 'theirs') result.answers.delete(q.id)
  }
  const bases = postedBases(
    section.questions.map((q) => q.id),
    values,
  )
  const conflicts = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(consultationResponses).where(eq(consultationResponses.id, access.response.id)).for('update')
    assertEditable(consultation, row, now)
    let submissionId = row.status === 'draft' ? row.submissionId : row.draftSubmissionId
    const copied = !submissionId
    if (!submissionId) submissionId = (await copySubmission(tx, row.submissionId)).id
    const before = Object.values(await readAnswers(tx, submissionId)).map((a) => a.fileId ?? '')
    const stored = await storeAnswerFiles(tx, result.answers, attached.checked, actor.id)
    const saved = await saveChangedAnswers(tx, submissionId, result.answers, bases, actor, now)
    // Answers to the questions the response now skips are not kept, so changing a route back asks them afresh.
    const unasked = [...askedSections(structure, await readAnswers(tx, submissionId)).skipped]
    if (unasked.length) await tx.delete(questionnaireAnswers).where(and(eq(questionnaireAnswers.submissionId, submissionId), inArray(questionnaireAnswers.questionId, unasked)))
    await dropUnheldFiles(tx, [...before, ...stored])
    if (copied && !saved.changed.length) {
      await tx.delete(questionnaireSubmissions).where(eq(questionnaireSubmissions.id, submissionId))
    } else if (copied) {
      await tx.update(consultationResponses).set({ draftSubmissionId: submissionId }).where(eq(consultationResponses.id, row.id))
    } else if (row.status === 'draft' && saved.changed.length) {
      await tx.update(consultationResponses).set({ updatedAt: now }).where(eq(consultationResponses.id, row.id))
    }
    if (saved.changed.length) {
      await tx
        .insert(consultationResponseActivity)
        .values(saved.changed.map((questionId) => ({ responseId: row.id, kind: 'changed' as const, actorId: actor.id, actorName: actor.name, questionId, at: now })))
    }
    return saved.conflicts
  })
  if (noLongerAsked.length) {
    const labels = noLongerAsked.map((q) => q.label)
    const list = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)} are` : `${labels[0]} is`
    return { ok: false, conflicts: [], errors: { form: `${list} no longer asked, because an earlier answer in this response changed. Your answers to them were not kept` } }
  }
  if (!conflicts.length) return { ok: true, conflicts: [] }
  const byId = new Map(section.questions.map((q) => [q.id, q]))
  const found = conflicts.map((c) => {
    const q = byId.get(c.questionId)!
    return { questionId: q.id, label: q.label, mine: result.answers.get(q.id)!, theirs: answerLines(q, c.theirs ?? undefined).join('\n'), changedByName: c.changedByName, changedAt: c.changedAt }
  })
  return {
    ok: false,
    conflicts: found,
    errors: Object.fromEntries(
      found.map((c) => [
        fieldName(c.questionId),
        `${c.changedByName ?? 'Someone else'} changed ${c.label} at ${formatDateTime(c.changedAt)}, after you opened this page. Your ${answerPlace(byId.get(c.questionId)!.type).where}; theirs is below it. Choose which to keep`,
      ]),
    ),
  }
}

/**
 * Submits a response, or the changes waiting on a submitted one. The row is
 * locked, so a double submit makes one response and one acknowledgement; a
 * submit with no changes waiting changes nothing. An amendment keeps the
 * version it replaces, so staff can see what changed.
 */
export async function submitResponse(consultation: Consultation, access: Access, actor: Respondent, now = new Date(), requester: MailRequester = {}) {
  assertEditable(consultation, access.response, now)
  if (access.role === 'org_member') throw new RuleError('Only an administrator of your organisation can submit its response', { code: 'not_allowed' })
  const structure = (await getStructure(db, consultation.questionnaireId))!
  return db.transaction(async (tx) => {
    const [current] = await responseForUpdate(tx).execute({ id: access.response.id })
    assertEditable(consultation, current, now)
    const amending = current.status === 'submitted'
    if (amending && !current.draftSubmissionId) {
      const last = current.amendedAt ?? current.submittedAt!
      // A second press of the button within moments is a double click, not a mistake.
      if (now.getTime() - last.getTime() < 30_000) return { response: current, amended: false }
      throw new RuleError(`This response was already submitted at ${formatDateTime(last)} and there are no changes to submit`, { code: 'nothing_to_submit' })
    }
    const submissionId = amending ? current.draftSubmissionId! : current.submissionId
    // Statements that do not wait on each other go together on the transaction's connection: one round trip, not two.
    // A refusal below rolls back the mail request counted here.
    const [answers, receipt] = await Promise.all([readAnswers(tx, submissionId), acknowledgementReceipt(tx, current, actor, requester)])
    const { skipped } = askedSections(structure, answers)
    const missing = missingRequired(
      structure.questions.filter((q) => !skipped.has(q.id)),
      answers,
    )
    if (missing.length) throw new RuleError(`Answer ${missing.map((q) => q.label).join(', ')} before you submit`, { code: 'incomplete' })
    if (amending) {
      await tx.insert(consultationResponseRevisions).values({ responseId: current.id, submissionId: current.submissionId, submittedAt: current.amendedAt ?? current.submittedAt!, replacedAt: now })
      // Staff's themes stay on the answers that did not change.
      await tx.execute(sql`
        insert into answer_themes (submission_id, question_id, theme_id)
        select ${submissionId}::uuid, t.question_id, t.theme_id
          from answer_themes t
          join questionnaire_answers before on before.submission_id = t.submission_id and before.question_id = t.question_id
          join questionnaire_answers after on after.submission_id = ${submissionId}::uuid and after.question_id = t.question_id
         where t.submission_id = ${current.submissionId}::uuid
           and before.version = after.version
        on conflict do nothing`)
    }
    const [submitted] = await tx
      .update(consultationResponses)
      .set({
        ...(amending
          ? { submissionId, draftSubmissionId: null, amendedAt: now, updatedAt: now, submittedById: actor?.id ?? null, signOffRequestedAt: null }
          : { status: 'submitted' as const, submittedAt: now, updatedAt: now, submittedById: actor?.id ?? null, signOffRequestedAt: null }),
        ...(receipt?.token ? { receiptTokenHash: hashToken(receipt.token) } : {}),
      })
      .where(eq(consultationResponses.id, current.id))
      .returning()
    await Promise.all([
      tx.insert(consultationResponseActivity).values({ responseId: current.id, kind: amending ? 'amended' : 'submitted', actorId: actor?.id ?? null, actorName: actor?.name ?? current.name, at: now }),
      receipt && acknowledge(tx, consultation, submitted, structure, answers, actor, amending, receipt),
    ])
    return { response: submitted, amended: amending }
  })
}

/**
 * A member asks the organisation's administrators to check and submit the
 * draft or the changes they proposed. Asking again with nothing new sends
 * nothing more.
 */
export async function requestSignOff(consultation: Consultation, access: Access, actor: NonNullable<Respondent>, now = new Date()) {
  assertEditable(consultation, access.response, now)
  const r = access.response
  if (!r.organisationId || access.role !== 'org_member') throw new RuleError('Only a member drafting for an organisation asks for sign-off', { code: 'not_allowed' })
  if (r.status === 'submitted' && !r.draftSubmissionId) throw new RuleError('There are no changes for an administrator to submit', { code: 'nothing_to_submit' })
  return db.transaction(async (tx) => {
    const [working] = await tx
      .select()
      .from(questionnaireSubmissions)
      .where(eq(questionnaireSubmissions.id, workingSubmissionId(r)))
    const admins = await tx
      .select({ id: users.id, name: users.name, email: users.email })
      .from(organisationMembers)
      .innerJoin(users, eq(users.id, organisationMembers.userId))
      .where(and(eq(organisationMembers.organisationId, r.organisationId!), eq(organisationMembers.role, 'admin')))
    const link = `${config().APP_URL}/consultations/${consultation.slug}/response/${r.id}/check`
    const what = r.status === 'submitted' ? `proposed changes to ${r.organisationName}’s submitted response` : `drafted ${r.organisationName}’s response`
    const queued = await queueEmails(
      admins.map((admin) => ({
        to: admin.email,
        subject: `Sign-off requested: ${r.organisationName}’s response to ${consultation.title}`,
        text: [
          `${actor.name} has ${what} to "${consultation.title}" and asks you to check and submit it.`,
          '',
          r.status === 'submitted' ? 'Until you submit the changes, the department keeps the response you submitted before.' : 'Nothing reaches the department until you submit it.',
          '',
          `Check the answers and submit: ${link}`,
          '',
          `The consultation closes at ${formatDateTime(consultation.closesAt)}.`,
        ].join('\n'),
        idempotencyKey: `consultation-response-${r.id}-sign-off-${working.updatedAt.getTime()}-${admin.id}`,
      })),
      { tx },
    )
    if (queued.length) {
      await tx.update(consultationResponses).set({ signOffRequestedAt: now }).where(eq(consultationResponses.id, r.id))
      await tx.insert(consultationResponseActivity).values({ responseId: r.id, kind: 'asked_sign_off', actorId: actor.id, actorName: actor.name, at: now })
    }
    return { administrators: admins.length, alreadyAsked: admins.length > 0 && !queued.length }
  })
}

/**
 * Changes to a submitted response that nobody submitted before closing are
 * thrown away; the submitted version stands, and the respondent is told when
 * they come back.
 */
export async function discardLapsedAmendments(now = new Date()) {
  return db.transaction(async (tx) => {
    const lapsed = await tx
      .select({ id: consultationResponses.id, draftSubmissionId: consultationResponses.draftSubmissionId, name: consultationResponses.name })
      .from(consultationResponses)
      .innerJoin(consultations, eq(consultations.id, consultationResponses.consultationId))
      .where(and(isNotNull(consultationResponses.draftSubmissionId), lt(consultations.closesAt, now)))
      .for('update', { of: consultationResponses, skipLocked: true })
    if (!lapsed.length) return 0
    await tx
      .update(consultationResponses)
      .set({ draftSubmissionId: null, amendmentDiscardedAt: now })
      .where(
        inArray(
          consultationResponses.id,
          lapsed.map((r) => r.id),
        ),
      )
    await tx.delete(questionnaireSubmissions).where(
      inArray(
        questionnaireSubmissions.id,
        lapsed.map((r) => r.draftSubmissionId!),
      ),
    )
    await tx.insert(consultationResponseActivity).values(lapsed.map((r) => ({ responseId: r.id, kind: 'discarded' as const, actorName: 'The hub', at: now })))
    return lapsed.length
  })
}

export async function withdrawResponse(consultation: Consultation, access: Access, now = new Date(), requester: MailRequester = {}) {
  assertEditable(consultation, access.response, now)
  if (access.role === 'org_member') throw new RuleError('Only an administrator of your organisation can withdraw its response', { code: 'not_allowed' })
  const row = await db.transaction(async (tx) => {
    const [withdrawn] = await tx
      .update(consultationResponses)
      .set({ status: 'withdrawn', withdrawnAt: now, draftSubmissionId: null })
      .where(eq(consultationResponses.id, access.response.id))
      .returning()
    // Changes waiting on a withdrawn response are no one's to submit.
    if (access.response.draftSubmissionId) await tx.delete(questionnaireSubmissions).where(eq(questionnaireSubmissions.id, access.response.draftSubmissionId))
    return withdrawn
  })
  // The withdrawal stands either way; over the mail limits an unconfirmed address is not told.
  if (!row.userId && !(await allowMailToNow(row.email, 'consultation_withdrawal', requester)).ok) return row
  await queueEmail({
    to: row.email,
    subject: `Your response to ${consultation.title} has been withdrawn`,
    text: `Your response ${row.reference} to "${consultation.title}" has been withdrawn. We will not use it.\n`,
    idempotencyKey: `consultation-response-${row.id}-withdrawn`,
  })
  return row
}

type Receipt = { to: string; unconfirmed: boolean; /** The new link's key, for a response with no account. */ token: string | null }

/**
 * Where the acknowledgement goes, or null when the mail limits refuse it:
 * to an address nobody has confirmed (typed by someone signed out, or an
 * account's not yet confirmed) it counts against the limits, and over them
 * the response still stands, unacknowledged. Signed out, the link itself is
 * the key: a new one with each acknowledgement (the one before keeps working
 * if none is sent), and it keeps working after the consultation closes.
 */
async function acknowledgementReceipt(tx: DbOrTx, response: ConsultationResponse, actor: Respondent, requester: MailRequester): Promise<Receipt | null> {
  const to = response.respondentType === 'organisation' && actor ? actor.email : response.email
  const allowed = await allowMailUnlessConfirmed(tx, to, 'consultation_acknowledgement', requester)
  if (!allowed.ok) return null
  return { to, unconfirmed: !allowed.confirmed, token: response.userId ? null : newToken() }
}

/**
 * A copy of the answers by email: the acknowledgement the seed promises ("We
 * will acknowledge your response"). It goes to the person who submitted, and
 * a copy to everyone else who wrote any of the answers.
 */
async function acknowledge(
  tx: DbOrTx,
  consultation: Consultation,
  response: ConsultationResponse,
  structure: Structure,
  answers: Record<string, Answer>,
  actor: Respondent,
  amended: boolean,
  { to, unconfirmed, token }: Receipt,
) {
  const idempotencyKey = acknowledgementKey(response)
  // Typed text is repeated to an unconfirmed address only as far as the echo rule allows.
  const echo = (text: string | null | undefined) => (unconfirmed ? echoToUnconfirmed(text) : (text ?? ''))
  const base = `${config().APP_URL}/consultations/${consultation.slug}`
  const link = token ? `${base}/resume/${token}` : `${base}/response/${response.id}`
  const consent = CONSENT_OPTIONS.find((o) => o.value === response.publishingConsent)?.label ?? ''
  const lines = [
    `Your reference is ${response.reference}.`,
    '',
    `See your response at any time${response.userId ? ' (sign in first)' : ''}. You can change or withdraw it until ${formatDateTime(consultation.closesAt)}.`,
    link,
    ...(response.userId ? [] : ['Keep this link private: anyone with it can see your response, and change it while the consultation is open.']),
    '',
    response.respondentType === 'organisation' ? `Responding on behalf of: ${echo(response.organisationName)}` : `Responding as an individual: ${echo(response.name)}`,
    '',
    'Your choices',
    '',
    `Publishing: ${consent}.`,
    response.confidential
      ? `Confidentiality: you asked us to keep your whole response confidential, because: ${echo(response.confidentialReason)}`
      : 'Confidentiality: you did not ask us to keep your whole response confidential. Answers you asked us to keep confidential are marked below.',
    response.notifyOnPublication ? 'We will email you when the responses and the outcome are published.' : 'You did not ask to be emailed when the responses and the outcome are published.',
    'Before we publish any response we read it, and we may remove words, such as the names of other people.',
    '',
    unconfirmed ? 'The start of each answer (the whole response is at the link above)' : 'A copy of your answers',
    '',
  ]
  for (const section of structure.sections) {
    lines.push(`## ${section.title}`, '')
    for (const q of section.questions) {
      lines.push(`${q.label}: ${q.text}`, echo(answerText(q, answers[q.id])) || 'Not answered', ...(answers[q.id]?.confidential ? ['(You asked us to keep this answer confidential.)'] : []), '')
    }
  }
  const subject = `${amended ? 'Amended response' : 'Response'} received: ${consultation.title} (${response.reference})`
  const drafters = response.organisationId
    ? await tx
        .selectDistinct({ email: users.email })
        .from(questionnaireAnswers)
        .innerJoin(users, eq(users.id, questionnaireAnswers.changedById))
        .where(eq(questionnaireAnswers.submissionId, response.submissionId))
    : []
  const copies = [...new Set(drafters.map((d) => d.email.toLowerCase()))].filter((email) => email !== to.toLowerCase())
  await queueEmails(
    [
      { to, subject, text: [`Thank you for your ${amended ? 'amended ' : ''}response to "${consultation.title}".`, '', ...lines].join('\n'), idempotencyKey },
      ...copies.map((email) => ({
        to: email,
        subject,
        text: [
          `${actor?.name ?? response.name} submitted ${response.organisationName ?? 'your organisation'}’s ${amended ? 'amended ' : ''}response to "${consultation.title}". You are getting a copy because you drafted some of its answers.`,
          '',
          ...lines,
        ].join('\n'),
        idempotencyKey: `${idempotencyKey}-copy-${email}`,
      })),
    ],
    { tx },
  )
}

/** One acknowledgement per submission and per amendment. */
function acknowledgementKey(response: ConsultationResponse) {
  return response.amendedAt ? `consultation-response-${response.id}-amended-${response.amendedAt.getTime()}` : `consultation-response-${response.id}-submitted`
}

/** Whether the last submission of a response was acknowledged by email: over the mail limits it is not. */
export async function acknowledged(response: ConsultationResponse) {
  const [row] = await db
    .select({ id: mailDeliveries.id })
    .from(mailDeliveries)
    .where(eq(mailDeliveries.idempotencyKey, acknowledgementKey(response)))
  return Boolean(row)
}

/** What the people drafting a response did, newest first, for the organisation to see. */
export async function responseActivity(response: ConsultationResponse, limit = 10) {
  return db
    .select({ kind: consultationResponseActivity.kind, actorName: consultationResponseActivity.actorName, questionId: consultationResponseActivity.questionId, at: consultationResponseActivity.at })
    .from(consultationResponseActivity)
    .where(eq(consultationResponseActivity.responseId, response.id))
    .orderBy(desc(consultationResponseActivity.at), desc(consultationResponseActivity.id))
    .limit(limit)
}

/** The activity as the organisation reads it, with each question's number. */
export async function activityView(response: ConsultationResponse, structure: Structure, limit = 10) {
  const labels = new Map(structure.questions.map((q) => [q.id, q.label]))
  const rows = await responseActivity(response, limit)
  return rows.map((r) => ({ kind: r.kind, actorName: r.actorName, question: r.questionId ? (labels.get(r.questionId) ?? null) : null, at: r.at.toISOString() }))
}

/** The questions whose answers differ between the changes waiting and the submitted version. */
export async function unsubmittedChangeIds(response: ConsultationResponse) {
  if (!hasUnsubmittedChanges(response)) return []
  const [submitted, working] = await Promise.all([readAnswers(db, response.submissionId), readAnswers(db, response.draftSubmissionId!)])
  return [...new Set([...Object.keys(submitted), ...Object.keys(working)])].filter((id) => answerDigest(submitted[id]) !== answerDigest(working[id]))
}

/** The answers the respondent's pages show: the changes being made, or what was submitted. */
export async function workingAnswers(response: ConsultationResponse) {
  return readAnswers(db, workingSubmissionId(response))
}

/**
 * The submitted versions of a response, oldest first, with what changed in
 * each amendment: per changed question, the answer before and after.
 */
export async function amendmentHistory(response: ConsultationResponse, structure: Structure) {
  const revisions = await db.select().from(consultationResponseRevisions).where(eq(consultationResponseRevisions.responseId, response.id)).orderBy(asc(consultationResponseRevisions.replacedAt))
  const versions = [...revisions.map((r) => r.submissionId), response.submissionId]
  const answers = await Promise.all(versions.map((id) => readAnswers(db, id)))
  return revisions.map((r, i) => ({
    amendedAt: r.replacedAt,
    changes: structure.questions
      .filter((q) => answerDigest(answers[i][q.id]) !== answerDigest(answers[i + 1][q.id]))
      .map((q) => ({
        questionId: q.id,
        label: q.label,
        text: q.text,
        before: answerText(q, answers[i][q.id]),
        after: answerText(q, answers[i + 1][q.id]),
        beforeConfidential: Boolean(answers[i][q.id]?.confidential),
        afterConfidential: Boolean(answers[i + 1][q.id]?.confidential),
      })),
  }))
}

/**
 * "Save and come back later" without an account: a new secret link by email.
 * The link is checked against the closing date when it is used.
 */
export async function emailResumeLink(consultation: Consultation, access: Access, requester: MailRequester = {}) {
  const token = newToken()
  await db.transaction(async (tx) => {
    await assertMailAllowed(tx, access.response.email, 'consultation_resume', requester, { field: 'form' })
    await tx
      .update(consultationResponses)
      .set({ resumeTokenHash: hashToken(token), resumeEmailedAt: new Date() })
      .where(eq(consultationResponses.id, access.response.id))
    await queueEmail(
      {
        to: access.response.email,
        subject: `Continue your response to ${consultation.title}`,
        text: [
          `You saved your response to "${consultation.title}".`,
          '',
          'Use this link to continue. Keep it private: anyone with the link can see and change your draft.',
          `${config().APP_URL}/consultations/${consultation.slug}/resume/${token}`,
          '',
          `You can change your response until the consultation closes at ${formatDateTime(consultation.closesAt)}. After that, the link still shows your response, but it can no longer be changed.`,
        ].join('\n'),
        idempotencyKey: `consultation-resume-${access.response.id}-${hashToken(token).slice(0, 16)}`,
      },
      { tx },
    )
  })
  return token
}

/**
 * The response a secret link (a saved-draft link or the acknowledgement's
 * link) opens. After closing it still opens, read-only, so respondents keep
 * sight of what they sent.
 */
export async function resumeByToken(consultation: Consultation, token: string) {
  const hash = hashToken(token)
  const [row] = await db
    .select()
    .from(consultationResponses)
    .where(and(or(eq(consultationResponses.resumeTokenHash, hash), eq(consultationResponses.receiptTokenHash, hash)), eq(consultationResponses.consultationId, consultation.id)))
  if (!row || row.userId) return null
  return row
}

/** A signed-in person's responses and drafts, with their organisations' shared drafts. */
export async function responsesOf(userId: string) {
  return (
    db
      .select({
        id: consultationResponses.id,
        status: consultationResponses.status,
        reference: consultationResponses.reference,
        organisationName: consultationResponses.organisationName,
        updatedAt: consultationResponses.updatedAt,
        consultation: { slug: consultations.slug, title: consultations.title, closesAt: consultations.closesAt },
      })
      .from(consultationResponses)
      .innerJoin(consultations, eq(consultations.id, consultationResponses.consultationId))
      // = any(array(…)) is read once, so both halves use their index; an `in (select …)` here scanned every response.
      .where(sql`${consultationResponses.userId} = ${userId} or ${consultationResponses.organisationId} = any(array(select organisation_id from organisation_members where user_id = ${userId}))`)
      .orderBy(desc(consultationResponses.updatedAt))
  )
}

export async function responseAnswers(response: ConsultationResponse) {
  return readAnswers(db, response.submissionId)
}

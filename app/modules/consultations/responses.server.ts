import { createHash, randomBytes, randomInt } from 'node:crypto'
import { and, desc, eq, ne, or, sql } from 'drizzle-orm'
import { config } from '~/lib/config.server'
import { db, type DbOrTx } from '~/lib/db.server'
import { queueEmail } from '~/lib/email.server'
import type { FormValues } from '~/lib/forms'
import { formatDateTime } from '~/lib/time'
import {
  consultationResponses,
  consultations,
  organisationMembers,
  organisations,
  type Consultation,
  type ConsultationResponse,
  type PublishingConsent,
  type RespondentType,
} from '~db/schema'
import { answerText, createSubmission, missingRequired, readAnswers, saveAnswers, validateAnswers, type Answer } from '../questionnaires/answers.server'
import { getStructure, type Structure } from '../questionnaires/structure.server'
import { isOpen } from './consultations.server'
import { CONSENT_OPTIONS } from './details-form'
import { isUuid } from '~/lib/ids'

export type Respondent = { id: string; name: string; email: string } | null

export class ResponseRuleError extends Error {
  constructor(
    message: string,
    readonly code: 'closed' | 'not_open' | 'not_allowed' | 'incomplete' | 'withdrawn' | 'organisation_taken',
  ) {
    super(message)
  }
}

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
const newToken = () => randomBytes(32).toString('base64url')

export async function organisationsOf(tx: DbOrTx, userId: string) {
  return tx
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

/**
 * Who may see and change a response: the signed-in person who started it,
 * members of the organisation it speaks for, or (signed out) whoever holds
 * its secret resume token. Anyone else gets nothing, not even its existence.
 */
export async function accessResponse(tx: DbOrTx, responseId: string, who: { user: Respondent; token: string | null }): Promise<Access | null> {
  if (!isUuid(responseId)) return null
  const [response] = await tx.select().from(consultationResponses).where(eq(consultationResponses.id, responseId))
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

export async function responseForConsultation(tx: DbOrTx, consultationId: string, responseId: string, who: { user: Respondent; token: string | null }) {
  const access = await accessResponse(tx, responseId, who)
  return access && access.response.consultationId === consultationId ? access : null
}

/**
 * Starts a response, or for an organisation joins the one its members are
 * already drafting: an organisation has one live response per consultation.
 * Signed out, the returned token is the only key to the draft.
 */
export async function startResponse(consultation: Consultation, user: Respondent, details: RespondentDetails, now = new Date()) {
  if (!isOpen(consultation, now)) throw new ResponseRuleError('This consultation is not open for responses', 'not_open')
  return db.transaction(async (tx) => {
    if (details.respondentType === 'organisation' && details.organisationId) {
      if (!user || !(await membership(tx, user.id, details.organisationId))) {
        throw new ResponseRuleError('You can only respond for an organisation you belong to', 'not_allowed')
      }
      const [existing] = await tx
        .select()
        .from(consultationResponses)
        .where(
          and(
            eq(consultationResponses.consultationId, consultation.id),
            eq(consultationResponses.organisationId, details.organisationId),
            ne(consultationResponses.status, 'withdrawn'),
          ),
        )
      if (existing) return { response: existing, token: null, joined: true }
    }
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
      return { response: theirs, token: null, joined: true }
    }
    return { response: inserted[0], token, joined: false }
  })
}

function assertEditable(consultation: Consultation, response: ConsultationResponse, now: Date) {
  if (response.status === 'withdrawn') throw new ResponseRuleError('This response has been withdrawn', 'withdrawn')
  if (!isOpen(consultation, now)) throw new ResponseRuleError(`This consultation closed at ${formatDateTime(consultation.closesAt)}`, 'closed')
}

export async function updateDetails(consultation: Consultation, access: Access, user: Respondent, details: RespondentDetails, now = new Date()) {
  assertEditable(consultation, access.response, now)
  const { organisationId: _keep, respondentType: _type, ...changeable } = details
  await db.update(consultationResponses).set(changeable).where(eq(consultationResponses.id, access.response.id))
  void user
}

export type SectionSave = { ok: true } | { ok: false; errors: Record<string, string> }

/** Saves one section's answers; nothing is written unless every answer on the page is valid. */
export async function saveSection(
  consultation: Consultation,
  access: Access,
  sectionNumber: number,
  values: FormValues,
  actor: { id: string | null; name: string },
  { enforceRequired }: { enforceRequired: boolean },
  now = new Date(),
): Promise<SectionSave> {
  assertEditable(consultation, access.response, now)
  const structure = await getStructure(db, consultation.questionnaireId)
  const section = structure?.sections[sectionNumber - 1]
  if (!section) throw new ResponseRuleError('There is no such section', 'not_allowed')
  const result = validateAnswers(section.questions, values, { enforceRequired })
  if (!result.ok) return result
  await db.transaction(async (tx) => {
    await saveAnswers(tx, access.response.submissionId, result.answers, actor)
    await tx.update(consultationResponses).set({ updatedAt: now }).where(eq(consultationResponses.id, access.response.id))
  })
  return { ok: true }
}

/**
 * Submits a response. The draft-to-submitted change is one guarded update,
 * so a double submit makes one response and one acknowledgement. A
 * submitted response submitted again (after changes) is an amendment.
 */
export async function submitResponse(consultation: Consultation, access: Access, actor: Respondent, now = new Date()) {
  assertEditable(consultation, access.response, now)
  if (access.role === 'org_member') throw new ResponseRuleError('Only an administrator of your organisation can submit its response', 'not_allowed')
  const structure = (await getStructure(db, consultation.questionnaireId))!
  const answers = await readAnswers(db, access.response.submissionId)
  const missing = missingRequired(structure.questions, answers)
  if (missing.length) throw new ResponseRuleError(`Answer ${missing.map((q) => q.label).join(', ')} before you submit`, 'incomplete')
  return db.transaction(async (tx) => {
    const [submitted] = await tx
      .update(consultationResponses)
      .set({ status: 'submitted', submittedAt: now, updatedAt: now, submittedById: actor?.id ?? null })
      .where(and(eq(consultationResponses.id, access.response.id), eq(consultationResponses.status, 'draft')))
      .returning()
    if (submitted) {
      await acknowledge(tx, consultation, submitted, structure, answers, `consultation-response-${submitted.id}-submitted`, false)
      return { response: submitted, amended: false }
    }
    const [current] = await tx.select().from(consultationResponses).where(eq(consultationResponses.id, access.response.id)).for('update')
    if (current.status !== 'submitted') throw new ResponseRuleError('This response has been withdrawn', 'withdrawn')
    // A second submit within a few seconds is a double click, not an amendment.
    const changedSince = current.submittedAt && access.response.updatedAt > (current.amendedAt ?? current.submittedAt)
    if (!changedSince) return { response: current, amended: false }
    const [amended] = await tx.update(consultationResponses).set({ amendedAt: now, updatedAt: now }).where(eq(consultationResponses.id, current.id)).returning()
    await acknowledge(tx, consultation, amended, structure, answers, `consultation-response-${amended.id}-amended-${now.getTime()}`, true)
    return { response: amended, amended: true }
  })
}

export async function withdrawResponse(consultation: Consultation, access: Access, now = new Date()) {
  assertEditable(consultation, access.response, now)
  if (access.role === 'org_member') throw new ResponseRuleError('Only an administrator of your organisation can withdraw its response', 'not_allowed')
  const [row] = await db
    .update(consultationResponses)
    .set({ status: 'withdrawn', withdrawnAt: now })
    .where(eq(consultationResponses.id, access.response.id))
    .returning()
  await queueEmail({
    to: row.email,
    subject: `Your response to ${consultation.title} has been withdrawn`,
    text: `Your response ${row.reference} to "${consultation.title}" has been withdrawn. We will not use it.\n`,
    idempotencyKey: `consultation-response-${row.id}-withdrawn`,
  })
  return row
}

/** A copy of the answers by email: the acknowledgement the seed promises ("We will acknowledge your response"). */
async function acknowledge(
  tx: DbOrTx,
  consultation: Consultation,
  response: ConsultationResponse,
  structure: Structure,
  answers: Record<string, Answer>,
  idempotencyKey: string,
  amended: boolean,
) {
  const base = `${config().APP_URL}/consultations/${consultation.slug}`
  let link = `${base}/response/${response.id}`
  if (!response.userId) {
    // Signed out, the link itself is the key: a new one with each acknowledgement, and it keeps working after the consultation closes.
    const token = newToken()
    await tx.update(consultationResponses).set({ receiptTokenHash: hashToken(token) }).where(eq(consultationResponses.id, response.id))
    link = `${base}/resume/${token}`
  }
  const consent = CONSENT_OPTIONS.find((o) => o.value === response.publishingConsent)?.label ?? ''
  const lines = [
    `Thank you for your ${amended ? 'amended ' : ''}response to "${consultation.title}".`,
    '',
    `Your reference is ${response.reference}.`,
    '',
    `See your response at any time${response.userId ? ' (sign in first)' : ''}. You can change or withdraw it until ${formatDateTime(consultation.closesAt)}.`,
    link,
    ...(response.userId ? [] : ['Keep this link private: anyone with it can see your response, and change it while the consultation is open.']),
    '',
    response.respondentType === 'organisation' ? `Responding on behalf of: ${response.organisationName ?? ''}` : `Responding as an individual: ${response.name}`,
    '',
    'Your choices',
    '',
    `Publishing: ${consent}.`,
    response.confidential
      ? `Confidentiality: you asked us to keep your whole response confidential, because: ${response.confidentialReason ?? ''}`
      : 'Confidentiality: you did not ask us to keep your whole response confidential. Answers you asked us to keep confidential are marked below.',
    response.notifyOnPublication ? 'We will email you when the responses and the outcome are published.' : 'You did not ask to be emailed when the responses and the outcome are published.',
    'Before we publish any response we read it, and we may remove words, such as the names of other people.',
    '',
    'A copy of your answers',
    '',
  ]
  for (const section of structure.sections) {
    lines.push(`## ${section.title}`, '')
    for (const q of section.questions) {
      lines.push(`${q.label}: ${q.text}`, answerText(q, answers[q.id]) || 'Not answered', ...(answers[q.id]?.confidential ? ['(You asked us to keep this answer confidential.)'] : []), '')
    }
  }
  await queueEmail(
    { to: response.email, subject: `${amended ? 'Amended response' : 'Response'} received: ${consultation.title} (${response.reference})`, text: lines.join('\n'), idempotencyKey },
    { tx },
  )
}

/**
 * "Save and come back later" without an account: a new secret link by email.
 * The link is checked against the closing date when it is used.
 */
export async function emailResumeLink(consultation: Consultation, access: Access) {
  const token = newToken()
  await db.transaction(async (tx) => {
    await tx.update(consultationResponses).set({ resumeTokenHash: hashToken(token) }).where(eq(consultationResponses.id, access.response.id))
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
  return db
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
    .where(
      sql`${consultationResponses.userId} = ${userId} or ${consultationResponses.organisationId} in (select organisation_id from organisation_members where user_id = ${userId})`,
    )
    .orderBy(desc(consultationResponses.updatedAt))
}

export async function responseAnswers(response: ConsultationResponse) {
  return readAnswers(db, response.submissionId)
}

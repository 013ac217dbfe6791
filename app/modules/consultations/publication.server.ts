import { and, asc, eq, ilike, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { config } from '~/lib/config.server'
import { db, sql as pg, type DbOrTx } from '~/lib/db.server'
import { queueEmails, type OutgoingEmail } from '~/lib/email.server'
import { isUuid } from '~/lib/ids'
import { formatDateTime } from '~/lib/time'
import {
  answerThemes,
  consultationPublishedResponses,
  consultationPublishedThemes,
  consultationRedactions,
  consultationResponseReviews,
  consultationResponses,
  consultations,
  consultationScheduledReleases,
  questionnaireAnswers,
  questionnaireThemes,
  type Consultation,
  type ConsultationRedaction,
  type ConsultationResponse,
  type PublishedAnswer,
} from '~db/schema'
import { queueIndexing } from '~search/outbox.server'
import { answerText, readAnswers, type Answer } from '../questionnaires/answers.server'
import { publishedFileWords } from './answer-files.server'
import { getStructure, type Structure } from '../questionnaires/structure.server'
import { responseExportStream } from './export-stream.server'
import type { QueueState } from './publication-states'
import { REDACTED } from './redacted-text'
import { RuleError } from '~/lib/result'

export { REDACTED }
import { phaseOf } from './consultations.server'
import type { Actor } from '~/lib/actor'

/**
 * Review before publication. When a consultation closes, the submitted
 * responses whose authors agreed to publication, and did not ask for the
 * whole response to be kept confidential, wait in a staff queue. Staff read
 * each one, redact words or whole answers, withhold a response, and release
 * what they have reviewed, now or at a set time. Release writes the public
 * copy (consultation_published_responses) with redactions applied; every
 * public page, export and filter reads only that copy.
 */

export const QUEUE_PAGE_SIZE = 50
export const PUBLISHED_PAGE_SIZE = 20

/** Responses that enter the queue: submitted, consented, not wholly confidential. */
function queueScope(consultationId: string) {
  return and(
    eq(consultationResponses.consultationId, consultationId),
    eq(consultationResponses.status, 'submitted'),
    sql`${consultationResponses.publishingConsent} <> 'none'`,
    eq(consultationResponses.confidential, false),
  )
}

const stateSql = sql<QueueState>`case
  when ${consultationResponseReviews.responseId} is null then 'to-review'
  when ${consultationResponseReviews.decision} = 'withhold' then 'withheld'
  when ${consultationResponseReviews.releasedAt} is not null then 'published'
  else 'to-publish' end`

function isClosed(consultation: Consultation, now = new Date()) {
  const phase = phaseOf(consultation, now)
  return phase === 'closed' || phase === 'outcome'
}

function assertClosed(consultation: Consultation, now: Date) {
  if (!isClosed(consultation, now)) {
    throw new RuleError(`Responses can be reviewed for publication once the consultation closes at ${formatDateTime(consultation.closesAt)}`)
  }
}

export async function queueCounts(consultationId: string) {
  const rows = await db
    .select({ state: stateSql, count: sql<number>`count(*)`.mapWith(Number) })
    .from(consultationResponses)
    .leftJoin(consultationResponseReviews, eq(consultationResponseReviews.responseId, consultationResponses.id))
    .where(queueScope(consultationId))
    .groupBy(stateSql)
  const counts: Record<QueueState, number> = { 'to-review': 0, 'to-publish': 0, withheld: 0, published: 0 }
  for (const r of rows) counts[r.state] = r.count
  return counts
}

/** Closed consultations with responses waiting for review, for the staff dashboard. */
export async function consultationsWithResponsesToReview(now = new Date()) {
  return db
    .select({ id: consultations.id, title: consultations.title, toReview: sql<number>`count(*)`.mapWith(Number) })
    .from(consultationResponses)
    .innerJoin(consultations, eq(consultations.id, consultationResponses.consultationId))
    .leftJoin(consultationResponseReviews, eq(consultationResponseReviews.responseId, consultationResponses.id))
    .where(
      and(
        eq(consultationResponses.status, 'submitted'),
        sql`${consultationResponses.publishingConsent} <> 'none'`,
        eq(consultationResponses.confidential, false),
        isNull(consultationResponseReviews.responseId),
        eq(consultations.status, 'published'),
        lte(consultations.closesAt, now),
      ),
    )
    .groupBy(consultations.id, consultations.title)
    .orderBy(asc(consultations.title))
}

export async function scheduledRelease(consultationId: string) {
  const [row] = await db.select().from(consultationScheduledReleases).where(eq(consultationScheduledReleases.consultationId, consultationId))
  return row ?? null
}

/** The staff queue, a page at a time, optionally narrowed to one state. */
export async function publicationQueue(consultation: Consultation, { state, page = 1 }: { state?: QueueState; page?: number } = {}, now = new Date()) {
  const where = and(queueScope(consultation.id), state ? sql`${stateSql} = ${state}` : undefined)
  const [counts, schedule, [{ total }]] = await Promise.all([
    queueCounts(consultation.id),
    scheduledRelease(consultation.id),
    db
      .select({ total: sql<number>`count(*)`.mapWith(Number) })
      .from(consultationResponses)
      .leftJoin(consultationResponseReviews, eq(consultationResponseReviews.responseId, consultationResponses.id))
      .where(where),
  ])
  const rows = await db
    .select({
      id: consultationResponses.id,
      reference: consultationResponses.reference,
      respondentType: consultationResponses.respondentType,
      name: consultationResponses.name,
      organisationName: consultationResponses.organisationName,
      publishingConsent: consultationResponses.publishingConsent,
      submittedAt: consultationResponses.submittedAt,
      state: stateSql,
      redactions: sql<number>`(select count(*) from consultation_redactions x where x.response_id = ${consultationResponses.id})`.mapWith(Number),
    })
    .from(consultationResponses)
    .leftJoin(consultationResponseReviews, eq(consultationResponseReviews.responseId, consultationResponses.id))
    .where(where)
    .orderBy(asc(consultationResponses.submittedAt), asc(consultationResponses.id))
    .limit(QUEUE_PAGE_SIZE)
    .offset((Math.max(1, page) - 1) * QUEUE_PAGE_SIZE)
  return {
    open: !isClosed(consultation, now),
    counts,
    schedule,
    total,
    pageCount: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)),
    rows,
  }
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Replaces each redacted phrase, wherever and however it is capitalised, with the marker. */
export function applyRedactions(text: string, redactions: Pick<ConsultationRedaction, 'phrase'>[]) {
  if (redactions.some((r) => r.phrase === null)) return { text: REDACTED, redacted: true }
  let out = text
  for (const r of redactions) out = out.replace(new RegExp(escapeRegExp(r.phrase!), 'gi'), REDACTED)
  return { text: out, redacted: out !== text }
}

function respondentOf(r: ConsultationResponse) {
  const anonymous = r.publishingConsent === 'anonymous'
  const organisation = r.respondentType === 'organisation'
  return {
    respondent: anonymous ? (organisation ? 'An organisation (anonymous)' : 'Anonymous') : organisation ? (r.organisationName ?? 'An organisation') : r.name,
    organisation: anonymous || !organisation ? null : r.organisationName,
    name: anonymous || organisation ? null : r.name,
  }
}

/** The public copy of one response: confidential answers left out, redactions applied. */
export function publicCopy(
  structure: Structure,
  response: ConsultationResponse,
  answers: Record<string, Pick<Answer, 'text' | 'choices' | 'otherText' | 'confidential'>>,
  redactions: ConsultationRedaction[],
) {
  const published: PublishedAnswer[] = []
  for (const q of structure.questions) {
    const a = answers[q.id]
    if (!a || a.confidential) continue
    const raw = q.type === 'file_upload' ? publishedFileWords(a.text) : answerText(q, a)
    if (!raw) continue
    const { text, redacted } = applyRedactions(
      raw,
      redactions.filter((x) => x.questionId === q.id),
    )
    published.push({ questionId: q.id, label: q.label, question: q.text, answer: text, redacted })
  }
  const who = respondentOf(response)
  return { ...who, answers: published, searchText: [who.respondent, ...published.map((a) => a.answer)].join('\n') }
}

async function queueResponse(tx: DbOrTx, consultation: Consultation, responseId: string, { lock = false } = {}) {
  if (!isUuid(responseId)) return null
  const q = tx
    .select()
    .from(consultationResponses)
    .where(and(eq(consultationResponses.id, responseId), queueScope(consultation.id)))
  const [response] = lock ? await q.for('update') : await q
  if (!response) return null
  const [review] = await tx.select().from(consultationResponseReviews).where(eq(consultationResponseReviews.responseId, responseId))
  return { response, review: review ?? null }
}

/** One response as staff review it: the answers, the redactions made, and the copy the public would see. */
export async function reviewItem(consultation: Consultation, responseId: string) {
  const item = await queueResponse(db, consultation, responseId)
  if (!item) return null
  const structure = (await getStructure(db, consultation.questionnaireId))!
  const answers = await readAnswers(db, item.response.submissionId)
  const redactions = await db.select().from(consultationRedactions).where(eq(consultationRedactions.responseId, responseId)).orderBy(asc(consultationRedactions.createdAt))
  const [published] = item.review?.releasedAt ? await db.select().from(consultationPublishedResponses).where(eq(consultationPublishedResponses.responseId, responseId)) : []
  const preview = published ? { respondent: published.respondent, answers: published.answers } : publicCopy(structure, item.response, answers, redactions)
  const state: QueueState = !item.review ? 'to-review' : item.review.decision === 'withhold' ? 'withheld' : item.review.releasedAt ? 'published' : 'to-publish'
  const [next] = await db
    .select({ id: consultationResponses.id })
    .from(consultationResponses)
    .leftJoin(consultationResponseReviews, eq(consultationResponseReviews.responseId, consultationResponses.id))
    .where(and(queueScope(consultation.id), isNull(consultationResponseReviews.responseId), sql`${consultationResponses.id} <> ${responseId}`))
    .orderBy(asc(consultationResponses.submittedAt), asc(consultationResponses.id))
    .limit(1)
  return {
    response: item.response,
    review: item.review,
    state,
    structure,
    answers,
    redactions,
    preview,
    nextToReview: next?.id ?? null,
  }
}

function assertNotReleased(review: { releasedAt: Date | null } | null) {
  if (review?.releasedAt) {
    throw new RuleError(`This response was published at ${formatDateTime(review.releasedAt)}, so it can no longer be redacted or withheld here`)
  }
}

async function lockedItem(tx: DbOrTx, consultation: Consultation, responseId: string, now: Date) {
  assertClosed(consultation, now)
  const item = await queueResponse(tx, consultation, responseId, { lock: true })
  if (!item) throw new RuleError('That response is not in the publication queue')
  assertNotReleased(item.review)
  return item
}

export type RedactionInput = { questionId: string; phrase: string | null; reason: string }

/**
 * Hides words, or a whole answer, from the published copy. The words must
 * appear in the answer; the reason is kept and the change audited. The
 * audit records where and why, not the words themselves.
 */
export async function redactAnswer(actor: Actor, consultation: Consultation, responseId: string, input: RedactionInput, now = new Date()) {
  const reason = input.reason.trim()
  const phrase = input.phrase?.trim() || null
  if (!reason) throw new RuleError({ reason: 'Enter the reason for the redaction' })
  if (reason.length > 1000) throw new RuleError({ reason: 'The reason must be 1000 characters or fewer' })
  return db.transaction(async (tx) => {
    const { response } = await lockedItem(tx, consultation, responseId, now)
    const structure = (await getStructure(tx, consultation.questionnaireId))!
    const question = structure.questions.find((q) => q.id === input.questionId)
    const answer = question ? (await readAnswers(tx, response.submissionId))[question.id] : undefined
    const text = question && answer && !answer.confidential ? answerText(question, answer) : ''
    if (!question || !text) throw new RuleError('That answer is not published, so there is nothing to redact')
    if (phrase !== null) {
      const already = await tx
        .select()
        .from(consultationRedactions)
        .where(and(eq(consultationRedactions.responseId, responseId), eq(consultationRedactions.questionId, question.id)))
      const current = applyRedactions(text, already).text
      if (!current.toLowerCase().includes(phrase.toLowerCase())) {
        throw new RuleError({ phrase: `Those words are not in the answer to ${question.label}. Copy them exactly as they appear` })
      }
    }
    const [row] = await tx.insert(consultationRedactions).values({ responseId, questionId: question.id, phrase, reason, createdById: actor.id }).returning()
    await recordAudit(tx, {
      actor,
      action: 'consultation.response.redact',
      subjectType: 'consultation_response',
      subjectId: responseId,
      after: { redactionId: row.id, question: question.label, wholeAnswer: phrase === null, words: phrase ? phrase.split(/\s+/).length : null, reason },
    })
    return row
  })
}

export async function removeRedaction(actor: Actor, consultation: Consultation, responseId: string, redactionId: string, now = new Date()) {
  if (!isUuid(redactionId)) throw new RuleError('That redaction has already been removed')
  return db.transaction(async (tx) => {
    await lockedItem(tx, consultation, responseId, now)
    const [gone] = await tx
      .delete(consultationRedactions)
      .where(and(eq(consultationRedactions.id, redactionId), eq(consultationRedactions.responseId, responseId)))
      .returning()
    if (!gone) throw new RuleError('That redaction has already been removed')
    await recordAudit(tx, { actor, action: 'consultation.response.unredact', subjectType: 'consultation_response', subjectId: responseId, before: { redactionId, reason: gone.reason } })
  })
}

async function decide(actor: Actor, consultation: Consultation, responseId: string, decision: 'publish' | 'withhold', reason: string | null, now: Date) {
  return db.transaction(async (tx) => {
    const { review } = await lockedItem(tx, consultation, responseId, now)
    const values = { decision, withheldReason: reason, reviewedById: actor.id, reviewedAt: now }
    await tx
      .insert(consultationResponseReviews)
      .values({ responseId, consultationId: consultation.id, ...values })
      .onConflictDoUpdate({ target: consultationResponseReviews.responseId, set: values })
    await recordAudit(tx, {
      actor,
      action: decision === 'publish' ? 'consultation.response.review' : 'consultation.response.withhold',
      subjectType: 'consultation_response',
      subjectId: responseId,
      before: review ? { decision: review.decision, reason: review.withheldReason } : null,
      after: { decision, reason },
    })
  })
}

/** Marks a response read and ready to publish at the next release. */
export async function approveForPublication(actor: Actor, consultation: Consultation, responseId: string, now = new Date()) {
  await decide(actor, consultation, responseId, 'publish', null, now)
}

/** Keeps a whole response out of publication, with the reason staff give. */
export async function withholdFromPublication(actor: Actor, consultation: Consultation, responseId: string, reason: string, now = new Date()) {
  const trimmed = reason.trim()
  if (!trimmed) throw new RuleError('Enter the reason for withholding this response')
  if (trimmed.length > 1000) throw new RuleError('The reason must be 1000 characters or fewer')
  await decide(actor, consultation, responseId, 'withhold', trimmed, now)
}

/**
 * Publishes every reviewed response not yet public, in one transaction:
 * the public copies, their themes, the review rows, the audit entry and the
 * emails to respondents who asked to be told.
 */
async function releaseNow(tx: DbOrTx, actor: Actor | null, consultation: Consultation, now: Date) {
  const due = await tx
    .select({ response: consultationResponses })
    .from(consultationResponseReviews)
    .innerJoin(consultationResponses, eq(consultationResponses.id, consultationResponseReviews.responseId))
    .where(
      and(
        eq(consultationResponseReviews.consultationId, consultation.id),
        eq(consultationResponseReviews.decision, 'publish'),
        isNull(consultationResponseReviews.releasedAt),
        queueScope(consultation.id),
      ),
    )
    .for('update', { of: consultationResponses })
  const responses = due.map((d) => d.response)
  if (!responses.length) return 0
  const structure = (await getStructure(tx, consultation.questionnaireId))!
  const submissionIds = responses.map((r) => r.submissionId)
  const ids = responses.map((r) => r.id)
  const [answerRows, redactionRows, themeRows] = await Promise.all([
    tx.select().from(questionnaireAnswers).where(inArray(questionnaireAnswers.submissionId, submissionIds)),
    tx.select().from(consultationRedactions).where(inArray(consultationRedactions.responseId, ids)),
    tx
      .select({ submissionId: answerThemes.submissionId, questionId: answerThemes.questionId, themeId: questionnaireThemes.id, theme: questionnaireThemes.name })
      .from(answerThemes)
      .innerJoin(questionnaireThemes, eq(questionnaireThemes.id, answerThemes.themeId))
      .where(inArray(answerThemes.submissionId, submissionIds)),
  ])
  const copies = responses.map((r) => {
    const answers = Object.fromEntries(answerRows.filter((a) => a.submissionId === r.submissionId).map((a) => [a.questionId, a]))
    return {
      r,
      copy: publicCopy(
        structure,
        r,
        answers,
        redactionRows.filter((x) => x.responseId === r.id),
      ),
    }
  })
  await tx.insert(consultationPublishedResponses).values(
    copies.map(({ r, copy }) => ({
      responseId: r.id,
      consultationId: consultation.id,
      reference: r.reference,
      respondentType: r.respondentType,
      submittedAt: r.submittedAt ?? now,
      releasedAt: now,
      ...copy,
    })),
  )
  // A theme is published only on an answer that is itself published and not hidden whole.
  const themes = copies.flatMap(({ r, copy }) =>
    themeRows
      .filter((t) => t.submissionId === r.submissionId && copy.answers.some((a) => a.questionId === t.questionId && a.answer !== REDACTED))
      .map((t) => ({ responseId: r.id, questionId: t.questionId, themeId: t.themeId, theme: t.theme })),
  )
  if (themes.length) await tx.insert(consultationPublishedThemes).values(themes).onConflictDoNothing()
  await tx.update(consultationResponseReviews).set({ releasedAt: now }).where(inArray(consultationResponseReviews.responseId, ids))
  await recordAudit(tx, { actor, action: 'consultation.responses.release', subjectType: 'consultation', subjectId: consultation.id, after: { released: ids.length } })
  await queueIndexing(tx, 'consultations', consultation.id)
  await notifyRespondents(tx, consultation, 'responses', now)
  return ids.length
}

export type ReleaseResult = { released: number; scheduledFor: null } | { released: 0; scheduledFor: Date }

/** Releases the reviewed responses now, or sets the time they go public. */
export async function releaseResponses(actor: Actor, consultation: Consultation, at: Date | null, now = new Date()): Promise<ReleaseResult> {
  assertClosed(consultation, now)
  return db.transaction(async (tx) => {
    await tx.select({ id: consultations.id }).from(consultations).where(eq(consultations.id, consultation.id)).for('update')
    const [{ ready }] = await tx
      .select({ ready: sql<number>`count(*)`.mapWith(Number) })
      .from(consultationResponseReviews)
      .where(and(eq(consultationResponseReviews.consultationId, consultation.id), eq(consultationResponseReviews.decision, 'publish'), isNull(consultationResponseReviews.releasedAt)))
    if (!ready) throw new RuleError('No reviewed responses are waiting to be published. Review at least one response first')
    if (at && at > now) {
      await tx
        .insert(consultationScheduledReleases)
        .values({ consultationId: consultation.id, releaseAt: at, scheduledById: actor.id })
        .onConflictDoUpdate({ target: consultationScheduledReleases.consultationId, set: { releaseAt: at, scheduledById: actor.id, createdAt: now } })
      await recordAudit(tx, { actor, action: 'consultation.responses.schedule', subjectType: 'consultation', subjectId: consultation.id, after: { releaseAt: at } })
      return { released: 0, scheduledFor: at } as const
    }
    await tx.delete(consultationScheduledReleases).where(eq(consultationScheduledReleases.consultationId, consultation.id))
    return { released: await releaseNow(tx, actor, consultation, now), scheduledFor: null } as const
  })
}

export async function cancelScheduledRelease(actor: Actor, consultation: Consultation) {
  await db.transaction(async (tx) => {
    const [gone] = await tx.delete(consultationScheduledReleases).where(eq(consultationScheduledReleases.consultationId, consultation.id)).returning()
    if (!gone) throw new RuleError('No release is scheduled')
    await recordAudit(tx, { actor, action: 'consultation.responses.unschedule', subjectType: 'consultation', subjectId: consultation.id, before: { releaseAt: gone.releaseAt } })
  })
}

/** Runs every minute: releases whatever was scheduled for now or earlier. Each schedule is taken once. */
export async function releaseDue(now = new Date()) {
  let released = 0
  const due = await db.select().from(consultationScheduledReleases).where(lte(consultationScheduledReleases.releaseAt, now))
  for (const schedule of due) {
    released += await db.transaction(async (tx) => {
      const [taken] = await tx
        .delete(consultationScheduledReleases)
        .where(and(eq(consultationScheduledReleases.consultationId, schedule.consultationId), lte(consultationScheduledReleases.releaseAt, now)))
        .returning()
      if (!taken) return 0
      const [consultation] = await tx.select().from(consultations).where(eq(consultations.id, taken.consultationId)).for('update')
      return releaseNow(tx, null, consultation, now)
    })
  }
  return released
}

function consentWords(r: ConsultationResponse) {
  return r.publishingConsent === 'anonymous' ? 'without your name' : r.respondentType === 'organisation' ? 'with your organisation’s name' : 'with your name'
}

/**
 * Emails the respondents who asked to be told, once per respondent for each
 * of the two events: the responses published, and the outcome published.
 */
export async function notifyRespondents(tx: DbOrTx, consultation: Consultation, event: 'responses' | 'outcome', now = new Date()) {
  const rows = await tx
    .select({ response: consultationResponses, review: consultationResponseReviews })
    .from(consultationResponses)
    .leftJoin(consultationResponseReviews, eq(consultationResponseReviews.responseId, consultationResponses.id))
    .where(and(eq(consultationResponses.consultationId, consultation.id), eq(consultationResponses.status, 'submitted'), eq(consultationResponses.notifyOnPublication, true)))
  const base = `${config().APP_URL}/consultations/${consultation.slug}`
  const messages: OutgoingEmail[] = []
  for (const { response: r, review } of rows) {
    if (event === 'responses') {
      // Someone whose response is still in review hears when theirs is released.
      const yours = review?.releasedAt
        ? `Your response (reference ${r.reference}) is published ${consentWords(r)}. Anything we had to remove is shown as "${REDACTED}".`
        : r.publishingConsent === 'none'
          ? `You asked us not to publish your response (reference ${r.reference}), so it is not among them.`
          : r.confidential
            ? `You asked us to keep your response (reference ${r.reference}) confidential, so it is not among them.`
            : review?.decision === 'withhold'
              ? `We have not published your response (reference ${r.reference}). We still read it and it counts in our analysis.`
              : null
      if (!yours) continue
      messages.push({
        to: r.email,
        subject: `Responses published: ${consultation.title}`,
        text: [`We have published the responses to "${consultation.title}".`, '', yours, '', `${base}/responses`, '', 'You asked us to tell you when the responses were published.'].join('\n'),
        idempotencyKey: `consultation-response-${r.id}-responses-published`,
      })
    } else {
      messages.push({
        to: r.email,
        subject: `Outcome published: ${consultation.title}`,
        text: [
          `We have published the outcome of "${consultation.title}": a summary of what respondents said and the action we will take.`,
          '',
          `${base}/outcome`,
          '',
          `Your reference is ${r.reference}. You asked us to tell you when the outcome was published.`,
        ].join('\n'),
        idempotencyKey: `consultation-response-${r.id}-outcome-published`,
      })
    }
  }
  void now
  await queueEmails(messages, { tx })
}

export type PublishedFilters = { q?: string; question?: string; type?: 'individual' | 'organisation'; theme?: string; page?: number }

export async function hasPublishedResponses(consultationId: string) {
  const [row] = await db
    .select({ id: consultationPublishedResponses.responseId })
    .from(consultationPublishedResponses)
    .where(eq(consultationPublishedResponses.consultationId, consultationId))
    .limit(1)
  return Boolean(row)
}

export async function consultationsWithPublishedResponses() {
  const rows = await db.selectDistinct({ id: consultationPublishedResponses.consultationId }).from(consultationPublishedResponses)
  return new Set(rows.map((r) => r.id))
}

/**
 * The released responses, searched and filtered: by words in the published
 * text, by question (only that question's answers are shown), by type of
 * respondent and by theme. Null until something has been released.
 */
export async function publishedResponses(consultation: Consultation, filters: PublishedFilters = {}) {
  if (!(await hasPublishedResponses(consultation.id))) return null
  const structure = (await getStructure(db, consultation.questionnaireId))!
  const question = structure.questions.find((q) => q.id === filters.question) ?? null
  const conditions: SQL[] = [eq(consultationPublishedResponses.consultationId, consultation.id)]
  const q = filters.q?.trim()
  if (q) conditions.push(ilike(consultationPublishedResponses.searchText, `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`))
  if (filters.type) conditions.push(eq(consultationPublishedResponses.respondentType, filters.type))
  if (question) conditions.push(sql`${consultationPublishedResponses.answers} @> ${JSON.stringify([{ questionId: question.id }])}::jsonb`)
  if (filters.theme && isUuid(filters.theme)) {
    conditions.push(sql`exists (select 1 from consultation_published_themes t where t.response_id = ${consultationPublishedResponses.responseId} and t.theme_id = ${filters.theme})`)
  }
  const where = and(...conditions)
  const page = Math.max(1, filters.page ?? 1)
  const [[{ total }], [{ all }], rows, themes] = await Promise.all([
    db
      .select({ total: sql<number>`count(*)`.mapWith(Number) })
      .from(consultationPublishedResponses)
      .where(where),
    db
      .select({ all: sql<number>`count(*)`.mapWith(Number) })
      .from(consultationPublishedResponses)
      .where(eq(consultationPublishedResponses.consultationId, consultation.id)),
    db
      .select()
      .from(consultationPublishedResponses)
      .where(where)
      .orderBy(asc(consultationPublishedResponses.submittedAt), asc(consultationPublishedResponses.responseId))
      .limit(PUBLISHED_PAGE_SIZE)
      .offset((page - 1) * PUBLISHED_PAGE_SIZE),
    db
      .selectDistinct({ id: consultationPublishedThemes.themeId, name: consultationPublishedThemes.theme, questionId: consultationPublishedThemes.questionId })
      .from(consultationPublishedThemes)
      .innerJoin(consultationPublishedResponses, eq(consultationPublishedResponses.responseId, consultationPublishedThemes.responseId))
      .where(eq(consultationPublishedResponses.consultationId, consultation.id)),
  ])
  const labelOf = new Map(structure.questions.map((x) => [x.id, x.label]))
  const order = new Map(structure.questions.map((x, i) => [x.id, i]))
  return {
    all,
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / PUBLISHED_PAGE_SIZE)),
    questions: structure.questions.map((x) => ({ id: x.id, label: x.label, text: x.text })),
    themes: themes
      .sort((a, b) => (order.get(a.questionId) ?? 0) - (order.get(b.questionId) ?? 0) || a.name.localeCompare(b.name))
      .map((t) => ({ id: t.id, label: `${labelOf.get(t.questionId) ?? ''}: ${t.name}` })),
    question: question ? { id: question.id, label: question.label, text: question.text } : null,
    responses: rows.map((r) => ({
      reference: r.reference,
      respondent: r.respondent,
      respondentType: r.respondentType,
      answers: question ? r.answers.filter((a) => a.questionId === question.id) : r.answers,
    })),
  }
}

type PublishedRow = { reference: string; submitted_at: Date; respondent_type: string; name: string | null; organisation: string | null; answers: PublishedAnswer[] }

/** Open data: the released responses, one row per response and one column per question, streamed through a cursor. */
export function exportPublishedResponses(consultation: Consultation, structure: Structure, format: 'csv' | 'json'): ReadableStream<Uint8Array> {
  const questions = structure.questions
  const batches = pg<PublishedRow[]>`
    select reference, submitted_at, respondent_type, name, organisation, answers
      from consultation_published_responses
     where consultation_id = ${consultation.id}
     order by submitted_at, response_id`.cursor(500)
  const cursor = batches[Symbol.asyncIterator]()
  const row = (r: PublishedRow) => {
    const byQuestion = new Map(r.answers.map((a) => [a.questionId, a.answer]))
    return {
      reference: r.reference,
      submittedAt: new Date(r.submitted_at).toISOString(),
      respondentType: r.respondent_type,
      name: r.name,
      organisation: r.organisation,
      answers: Object.fromEntries(questions.map((q) => [q.label, byQuestion.get(q.id) ?? null])),
    }
  }
  return responseExportStream({
    consultation,
    questions,
    format,
    rows: cursor,
    record: row,
    csvHeader: ['reference', 'submitted_at', 'respondent_type', 'name', 'organisation', ...questions.map((q) => q.label)],
    csvCells: (p) => [p.reference, p.submittedAt, p.respondentType, p.name, p.organisation, ...questions.map((q) => p.answers[q.label])],
  })
}

/** For a respondent's own page: where their response stands in publication. */
export async function publicationStatusOf(response: ConsultationResponse) {
  const [review] = await db.select().from(consultationResponseReviews).where(eq(consultationResponseReviews.responseId, response.id))
  if (response.status !== 'submitted') return null
  if (response.publishingConsent === 'none') return 'not-consented' as const
  if (response.confidential) return 'confidential' as const
  if (review?.releasedAt) return 'published' as const
  if (review?.decision === 'withhold') return 'withheld' as const
  return 'in-review' as const
}

import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { recordAudit } from '~/lib/audit.server'
import { db, type DbOrTx } from '~/lib/db.server'
import { queueEmail } from '~/lib/email.server'
import { caseStudies, caseStudyComments, caseStudyReports, users } from '~db/schema'
import { fail, ForbiddenError, type Result } from '~/lib/result'
import { queueIndexing } from '~search/outbox.server'
import { isStaffRole } from './case-studies.server'
import type { Actor } from '~/lib/actor'
import { caseStudyUrl, notifyOrganisation } from './engagement.server'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export type ModerationTarget = { type: 'case_study'; id: string } | { type: 'comment'; id: string }

function checkReason(reason: string, field = 'reason', what = 'the reason'): { error: Record<string, string> } | { reason: string } {
  const trimmed = reason.trim()
  if (!trimmed) return { error: { [field]: `Enter ${what}` } }
  if (trimmed.length > 1000) return { error: { [field]: `The reason must be 1000 characters or fewer` } }
  return { reason: trimmed }
}

/** Anyone signed in can report a case study or a comment; a person's repeat report of the same thing is folded into the first. */
export async function reportContent(actor: Actor, target: ModerationTarget, reason: string, { now = new Date() } = {}): Promise<Result> {
  const checked = checkReason(reason, 'reason', 'why you are reporting this')
  if ('error' in checked) return fail(checked.error)
  if (!UUID.test(target.id)) return fail({ reason: 'That is not available to report' })
  return db.transaction(async (tx) => {
    let caseStudyId: string
    let commentId: string | null = null
    if (target.type === 'comment') {
      const [comment] = await tx.select().from(caseStudyComments).where(eq(caseStudyComments.id, target.id))
      if (!comment) return fail({ reason: 'That comment is not available' })
      caseStudyId = comment.caseStudyId
      commentId = comment.id
    } else {
      caseStudyId = target.id
    }
    const [cs] = await tx.select().from(caseStudies).where(eq(caseStudies.id, caseStudyId))
    if (!cs || cs.status !== 'published') return fail({ reason: 'That case study is not available' })
    const [existing] = await tx
      .select({ id: caseStudyReports.id })
      .from(caseStudyReports)
      .where(
        and(
          eq(caseStudyReports.caseStudyId, caseStudyId),
          commentId ? eq(caseStudyReports.commentId, commentId) : isNull(caseStudyReports.commentId),
          eq(caseStudyReports.reporterId, actor.id),
          eq(caseStudyReports.status, 'open'),
        ),
      )
    if (existing) return { ok: true as const }
    await tx.insert(caseStudyReports).values({ caseStudyId, commentId, reporterId: actor.id, reason: checked.reason, createdAt: now })
    return { ok: true as const }
  })
}

export async function openReportCount() {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(caseStudyReports)
    .where(eq(caseStudyReports.status, 'open'))
  return row?.n ?? 0
}

const reporters = alias(users, 'reporters')
const commentAuthors = alias(users, 'comment_authors')

/** Reports with who made them and the case study or comment they are about; a report about a case study itself has no comment. */
function selectReports() {
  return db
    .select({
      id: caseStudyReports.id,
      status: caseStudyReports.status,
      reason: caseStudyReports.reason,
      createdAt: caseStudyReports.createdAt,
      reporterName: reporters.name,
      caseStudyId: caseStudies.id,
      caseStudySlug: caseStudies.slug,
      caseStudyTitle: caseStudies.title,
      caseStudySummary: caseStudies.summary,
      caseStudyHiddenAt: caseStudies.hiddenAt,
      commentId: caseStudyComments.id,
      commentBody: caseStudyComments.body,
      commentHiddenAt: caseStudyComments.hiddenAt,
      commentAuthorName: commentAuthors.name,
    })
    .from(caseStudyReports)
    .innerJoin(caseStudies, eq(caseStudies.id, caseStudyReports.caseStudyId))
    .leftJoin(caseStudyComments, eq(caseStudyComments.id, caseStudyReports.commentId))
    .leftJoin(reporters, eq(reporters.id, caseStudyReports.reporterId))
    .leftJoin(commentAuthors, eq(commentAuthors.id, caseStudyComments.authorId))
}

/** Open reports, oldest first, with what was reported; the queue needs only whether it is hidden, not the summary. */
export async function openReports() {
  const rows = await selectReports().where(eq(caseStudyReports.status, 'open')).orderBy(asc(caseStudyReports.createdAt))
  return rows.map(({ status: _status, caseStudySummary: _summary, caseStudyHiddenAt, commentHiddenAt, ...report }) => ({
    ...report,
    caseStudyHidden: caseStudyHiddenAt !== null,
    commentHidden: commentHiddenAt !== null,
  }))
}

/** One report, whatever its status, with enough of the reported content to decide on it. */
export async function findReport(reportId: string) {
  const [report] = await selectReports().where(eq(caseStudyReports.id, reportId))
  return report ?? null
}

/** Everything currently hidden, newest first, so staff can restore it. */
export async function hiddenContent() {
  const [studies, comments] = await Promise.all([
    db
      .select({ id: caseStudies.id, slug: caseStudies.slug, title: caseStudies.title, hiddenAt: caseStudies.hiddenAt, hiddenReason: caseStudies.hiddenReason })
      .from(caseStudies)
      .where(isNotNull(caseStudies.hiddenAt))
      .orderBy(desc(caseStudies.hiddenAt)),
    db
      .select({
        id: caseStudyComments.id,
        body: caseStudyComments.body,
        slug: caseStudies.slug,
        title: caseStudies.title,
        hiddenAt: caseStudyComments.hiddenAt,
        hiddenReason: caseStudyComments.hiddenReason,
      })
      .from(caseStudyComments)
      .innerJoin(caseStudies, eq(caseStudies.id, caseStudyComments.caseStudyId))
      .where(isNotNull(caseStudyComments.hiddenAt))
      .orderBy(desc(caseStudyComments.hiddenAt)),
  ])
  return { studies, comments }
}

async function tellCommentAuthor(tx: DbOrTx, commentId: string, authorId: string | null, slug: string, subject: string, text: string, key: string) {
  if (!authorId) return
  const [author] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, authorId))
  if (!author) return
  await queueEmail({ to: author.email, subject, text: `Hello ${author.name},\n\n${text}\n\n${caseStudyUrl(slug)}\n`, idempotencyKey: `case-study:${key}:${commentId}` }, { tx })
}

/**
 * Hides or restores a case study or comment. Staff give a reason, which is
 * audited and sent to the author; hiding resolves the open reports about
 * the item, and the search index drops or regains it.
 */
export async function setHidden(actor: Actor, target: ModerationTarget, hidden: boolean, reason: string, { now = new Date() } = {}): Promise<Result> {
  if (!isStaffRole(actor.role)) throw new ForbiddenError('Only staff can moderate')
  const checked = checkReason(reason, 'reason', hidden ? 'the reason for hiding it' : 'the reason for restoring it')
  if ('error' in checked) return fail(checked.error)
  const action = hidden ? 'hide' : 'restore'
  if (!UUID.test(target.id)) return fail({ form: target.type === 'comment' ? 'Comment not found' : 'Case study not found' })
  return db.transaction(async (tx) => {
    if (target.type === 'case_study') {
      const [cs] = await tx.select().from(caseStudies).where(eq(caseStudies.id, target.id)).for('update')
      if (!cs) return fail({ form: 'Case study not found' })
      if (Boolean(cs.hiddenAt) === hidden) return fail({ form: hidden ? 'This case study is already hidden' : 'This case study is not hidden' })
      const [after] = await tx
        .update(caseStudies)
        .set({ hiddenAt: hidden ? now : null, hiddenReason: hidden ? checked.reason : null })
        .where(eq(caseStudies.id, cs.id))
        .returning()
      await recordAudit(tx, {
        actor,
        action: `case_study.${action}`,
        subjectType: 'case_study',
        subjectId: cs.id,
        before: { hiddenAt: cs.hiddenAt, hiddenReason: cs.hiddenReason },
        after: { hiddenAt: after.hiddenAt, hiddenReason: after.hiddenReason, reason: checked.reason },
      })
      if (hidden) {
        await tx
          .update(caseStudyReports)
          .set({ status: 'hidden', resolvedById: actor.id, resolvedAt: now, resolution: checked.reason })
          .where(and(eq(caseStudyReports.caseStudyId, cs.id), isNull(caseStudyReports.commentId), eq(caseStudyReports.status, 'open')))
      }
      await queueIndexing(tx, 'case_studies', cs.id)
      await notifyOrganisation(tx, cs, {
        key: `${action}:${cs.id}:${now.getTime()}`,
        subject: hidden ? `Your case study has been hidden: ${cs.title}` : `Your case study is visible again: ${cs.title}`,
        text: hidden
          ? `Staff have hidden your organisation’s case study “${cs.title}” from the hub.\n\nThe reason: ${checked.reason}`
          : `Staff have restored your organisation’s case study “${cs.title}”.\n\nThe reason: ${checked.reason}`,
      })
      return { ok: true as const }
    }
    const [comment] = await tx.select().from(caseStudyComments).where(eq(caseStudyComments.id, target.id)).for('update')
    if (!comment) return fail({ form: 'Comment not found' })
    if (Boolean(comment.hiddenAt) === hidden) return fail({ form: hidden ? 'This comment is already hidden' : 'This comment is not hidden' })
    await tx
      .update(caseStudyComments)
      .set({ hiddenAt: hidden ? now : null, hiddenReason: hidden ? checked.reason : null })
      .where(eq(caseStudyComments.id, comment.id))
    await recordAudit(tx, {
      actor,
      action: `case_study_comment.${action}`,
      subjectType: 'case_study_comment',
      subjectId: comment.id,
      before: { hiddenAt: comment.hiddenAt, hiddenReason: comment.hiddenReason },
      after: { hiddenAt: hidden ? now : null, reason: checked.reason },
    })
    if (hidden) {
      await tx
        .update(caseStudyReports)
        .set({ status: 'hidden', resolvedById: actor.id, resolvedAt: now, resolution: checked.reason })
        .where(and(eq(caseStudyReports.commentId, comment.id), eq(caseStudyReports.status, 'open')))
    }
    const [cs] = await tx.select({ slug: caseStudies.slug, title: caseStudies.title }).from(caseStudies).where(eq(caseStudies.id, comment.caseStudyId))
    await tellCommentAuthor(
      tx,
      comment.id,
      comment.authorId,
      cs.slug,
      hidden ? 'Your comment has been hidden' : 'Your comment is visible again',
      hidden ? `Staff have hidden your comment on “${cs.title}”.\n\nThe reason: ${checked.reason}` : `Staff have restored your comment on “${cs.title}”.\n\nThe reason: ${checked.reason}`,
      `${action}:${now.getTime()}`,
    )
    await queueIndexing(tx, 'case_studies', comment.caseStudyId)
    return { ok: true as const }
  })
}

/** Closes a report without hiding anything. */
export async function dismissReport(actor: Actor, reportId: string, reason: string, { now = new Date() } = {}): Promise<Result> {
  if (!isStaffRole(actor.role)) throw new ForbiddenError('Only staff can moderate')
  const checked = checkReason(reason, 'reason', 'the reason for leaving it visible')
  if ('error' in checked) return fail(checked.error)
  return db.transaction(async (tx) => {
    const [report] = await tx.select().from(caseStudyReports).where(eq(caseStudyReports.id, reportId)).for('update')
    if (!report || report.status !== 'open') return fail({ form: 'This report has already been dealt with' })
    await tx.update(caseStudyReports).set({ status: 'dismissed', resolvedById: actor.id, resolvedAt: now, resolution: checked.reason }).where(eq(caseStudyReports.id, reportId))
    await recordAudit(tx, {
      actor,
      action: 'case_study_report.dismiss',
      subjectType: 'case_study_report',
      subjectId: reportId,
      before: { status: 'open' },
      after: { status: 'dismissed', reason: checked.reason },
    })
    return { ok: true as const }
  })
}

/** Resolves a report by hiding what it is about. */
export async function hideReported(actor: Actor, reportId: string, reason: string, { now = new Date() } = {}): Promise<Result> {
  const [report] = await db.select().from(caseStudyReports).where(eq(caseStudyReports.id, reportId))
  if (!report || report.status !== 'open') return fail({ form: 'This report has already been dealt with' })
  const target: ModerationTarget = report.commentId ? { type: 'comment', id: report.commentId } : { type: 'case_study', id: report.caseStudyId }
  const result = await setHidden(actor, target, true, reason, { now })
  if (!result.ok && /already hidden/.test(result.errors.form ?? '')) {
    await db.update(caseStudyReports).set({ status: 'hidden', resolvedById: actor.id, resolvedAt: now, resolution: reason.trim() }).where(eq(caseStudyReports.id, reportId))
    return { ok: true }
  }
  return result
}

import { and, asc, eq, gte, sql } from 'drizzle-orm'
import { config } from '~/lib/config.server'
import { recordAudit } from '~/lib/audit.server'
import { db, type DbOrTx } from '~/lib/db.server'
import { queueEmail } from '~/lib/email.server'
import { caseStudies, caseStudyComments, caseStudyRatings, caseStudyValidations, organisationMembers, organisations, users, type CaseStudy } from '~db/schema'
import { fail, ForbiddenError, type Result } from '~/lib/result'
import { queueIndexing } from '~search/outbox.server'
import { isNewAccount, isStaffRole, memberOrganisationIds, NEW_ACCOUNT_COMMENTS_PER_HOUR, ratingSummaryFor, type RatingSummary } from './case-studies.server'
import type { Actor } from '~/lib/actor'
import { COMMENT_EDIT_MINUTES } from './options'

export const MAX_COMMENT_LENGTH = 5000
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const QUOTE_LENGTH = 400

async function publishedCaseStudy(tx: DbOrTx, caseStudyId: string) {
  const [cs] = await tx.select().from(caseStudies).where(eq(caseStudies.id, caseStudyId))
  if (!cs || cs.status !== 'published' || cs.hiddenAt) return null
  return cs
}

/**
 * Members of other organisations judge usefulness: a member of the posting
 * organisation (even one who also belongs elsewhere) has an interest.
 */
async function outsiderOrganisation(tx: DbOrTx, actor: Actor, cs: CaseStudy): Promise<string | { error: string }> {
  const orgs = await memberOrganisationIds(tx, actor.id)
  if (orgs.includes(cs.organisationId)) return { error: 'You cannot do this for a case study posted by your own organisation' }
  if (!orgs.length) return { error: 'Only members of a provider organisation can do this. Join or create an organisation first' }
  return orgs[0]
}

/** One rating per person per case study; rating again replaces the earlier score. */
export async function rateCaseStudy(actor: Actor, caseStudyId: string, score: unknown, { now = new Date() } = {}): Promise<Result<RatingSummary>> {
  const n = typeof score === 'number' ? score : /^\d+$/.test(String(score ?? '').trim()) ? Number(String(score).trim()) : NaN
  if (!Number.isInteger(n) || n < 1 || n > 5) return fail({ score: 'Select a rating from 1 to 5 stars' })
  return db.transaction(async (tx) => {
    const cs = await publishedCaseStudy(tx, caseStudyId)
    if (!cs) return fail({ score: 'This case study cannot be rated' })
    const org = await outsiderOrganisation(tx, actor, cs)
    if (typeof org !== 'string') return fail({ score: org.error.replace('do this for', 'rate') })
    await tx
      .insert(caseStudyRatings)
      .values({ caseStudyId, userId: actor.id, score: n, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [caseStudyRatings.caseStudyId, caseStudyRatings.userId], set: { score: n, updatedAt: now } })
    await queueIndexing(tx, 'case_studies', caseStudyId)
    return { ok: true as const, value: await ratingSummaryFor(tx, caseStudyId) }
  })
}

/** Members of other organisations vouch that they have seen the evidence for the outcome figures. */
export async function validateOutcomes(actor: Actor, caseStudyId: string, note: string, { now = new Date() } = {}): Promise<Result> {
  const trimmed = note.trim()
  if (trimmed.length > 1000) return fail({ note: 'What you saw must be 1000 characters or fewer' })
  return db.transaction(async (tx) => {
    const cs = await publishedCaseStudy(tx, caseStudyId)
    if (!cs) return fail({ note: 'This case study cannot be validated' })
    const org = await outsiderOrganisation(tx, actor, cs)
    if (typeof org !== 'string') return fail({ note: org.error.replace('do this for', 'validate') })
    const inserted = await tx.insert(caseStudyValidations).values({ caseStudyId, userId: actor.id, organisationId: org, note: trimmed, createdAt: now }).onConflictDoNothing().returning()
    if (!inserted.length) return fail({ note: 'You have already validated these outcomes' })
    await queueIndexing(tx, 'case_studies', caseStudyId)
    const [orgRow] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, org))
    await notifyOrganisation(tx, cs, {
      except: actor.id,
      key: `validation:${caseStudyId}:${actor.id}`,
      subject: `Outcomes validated: ${cs.title}`,
      text: `A member of ${orgRow?.name ?? 'another organisation'} has validated the outcome figures in your case study “${cs.title}”.${trimmed ? `\n\nWhat they saw: ${trimmed}` : ''}`,
    })
    return { ok: true as const }
  })
}

/** Staff mark (or unmark) a case study as verified by the department. */
export async function setVerified(actor: Actor, caseStudyId: string, verified: boolean, { now = new Date() } = {}): Promise<Result> {
  if (!isStaffRole(actor.role)) throw new ForbiddenError('Only staff can verify case studies')
  return db.transaction(async (tx) => {
    const [cs] = await tx.select().from(caseStudies).where(eq(caseStudies.id, caseStudyId))
    if (!cs) return fail({ form: 'Case study not found' })
    await tx
      .update(caseStudies)
      .set({ verifiedAt: verified ? now : null, verifiedById: verified ? actor.id : null })
      .where(eq(caseStudies.id, caseStudyId))
    await recordAudit(tx, {
      actor,
      action: verified ? 'case_study.verify' : 'case_study.unverify',
      subjectType: 'case_study',
      subjectId: caseStudyId,
      before: { verifiedAt: cs.verifiedAt },
      after: { verifiedAt: verified ? now : null },
    })
    await queueIndexing(tx, 'case_studies', caseStudyId)
    return { ok: true as const }
  })
}

export function caseStudyUrl(slug: string) {
  return `${config().APP_URL.replace(/\/$/, '')}/what-works/${slug}`
}

/** Tells every member of the posting organisation (except whoever caused it) what happened. */
export async function notifyOrganisation(tx: DbOrTx, cs: CaseStudy, message: { except?: string; key: string; subject: string; text: string }) {
  const members = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(organisationMembers)
    .innerJoin(users, eq(users.id, organisationMembers.userId))
    .where(eq(organisationMembers.organisationId, cs.organisationId))
  for (const member of members) {
    if (member.id === message.except) continue
    await queueEmail(
      {
        to: member.email,
        subject: message.subject,
        text: `Hello ${member.name},\n\n${message.text}\n\nRead it on the Commissioning Hub: ${caseStudyUrl(cs.slug)}\n`,
        idempotencyKey: `case-study:${message.key}:${member.id}`,
      },
      { tx },
    )
  }
}

export type CommentInput = { body: string; parentId?: string | null; quotedCommentId?: string | null }

function checkBody(body: string): { error: string } | { body: string } {
  const trimmed = body.replace(/\r\n/g, '\n').trim()
  if (!trimmed) return { error: 'Enter your comment' }
  if (trimmed.length > MAX_COMMENT_LENGTH) return { error: `Your comment must be ${MAX_COMMENT_LENGTH} characters or fewer` }
  return { body: trimmed }
}

/**
 * Adds a comment. Replies are one level deep, as in Discourse: replying to
 * a reply files the new comment under the same top-level comment. A quote
 * keeps a copy of the words quoted, so it still reads if the original changes.
 */
export async function addComment(actor: Actor, caseStudyId: string, input: CommentInput, { now = new Date() } = {}): Promise<Result<{ id: string }>> {
  const checked = checkBody(input.body)
  if ('error' in checked) return fail({ body: checked.error })
  return db.transaction(async (tx) => {
    const cs = await publishedCaseStudy(tx, caseStudyId)
    if (!cs) return fail({ body: 'Comments are closed on this case study' })
    if (await isNewAccount(tx, actor.id, now)) {
      const [recent] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(caseStudyComments)
        .where(and(eq(caseStudyComments.authorId, actor.id), gte(caseStudyComments.createdAt, new Date(now.getTime() - 3_600_000))))
      if ((recent?.n ?? 0) >= NEW_ACCOUNT_COMMENTS_PER_HOUR) {
        return fail({ body: `New accounts can post up to ${NEW_ACCOUNT_COMMENTS_PER_HOUR} comments an hour. Try again later.` })
      }
    }
    if ((input.parentId && !UUID.test(input.parentId)) || (input.quotedCommentId && !UUID.test(input.quotedCommentId))) {
      return fail({ body: 'The comment you are replying to is not available' })
    }
    let parentId: string | null = null
    if (input.parentId) {
      const [parent] = await tx.select().from(caseStudyComments).where(eq(caseStudyComments.id, input.parentId))
      if (!parent || parent.caseStudyId !== caseStudyId || parent.hiddenAt) return fail({ body: 'The comment you are replying to is not available' })
      parentId = parent.parentId ?? parent.id
    }
    let quoteText: string | null = null
    let quotedCommentId: string | null = null
    if (input.quotedCommentId) {
      const [quoted] = await tx.select().from(caseStudyComments).where(eq(caseStudyComments.id, input.quotedCommentId))
      if (!quoted || quoted.caseStudyId !== caseStudyId || quoted.hiddenAt) return fail({ body: 'The comment you are quoting is not available' })
      quotedCommentId = quoted.id
      quoteText = quoted.body.length > QUOTE_LENGTH ? `${quoted.body.slice(0, QUOTE_LENGTH)}…` : quoted.body
    }
    const [row] = await tx
      .insert(caseStudyComments)
      .values({ caseStudyId, authorId: actor.id, parentId, quotedCommentId, quoteText, body: checked.body, createdAt: now, updatedAt: now })
      .returning({ id: caseStudyComments.id })
    const [author] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id))
    // The organisation hears about what others say, not about its own members' replies.
    const fromInside = (await memberOrganisationIds(tx, actor.id)).includes(cs.organisationId)
    if (!fromInside)
      await notifyOrganisation(tx, cs, {
        except: actor.id,
        key: `comment:${row.id}`,
        subject: `New comment on ${cs.title}`,
        text: `${author?.name ?? 'Someone'} commented on your organisation’s case study “${cs.title}”:\n\n${checked.body}`,
      })
    await queueIndexing(tx, 'case_studies', caseStudyId)
    return { ok: true as const, value: { id: row.id } }
  })
}

export function canStillEdit(createdAt: Date, now = new Date()) {
  return now.getTime() - createdAt.getTime() <= COMMENT_EDIT_MINUTES * 60_000
}

/** Authors can correct a comment for a short while; after that it stands, so replies keep their sense. */
export async function editComment(actor: Actor, commentId: string, body: string, { now = new Date() } = {}): Promise<Result> {
  const checked = checkBody(body)
  if ('error' in checked) return fail({ body: checked.error })
  if (!UUID.test(commentId)) return fail({ body: 'Comment not found' })
  return db.transaction(async (tx) => {
    const [comment] = await tx.select().from(caseStudyComments).where(eq(caseStudyComments.id, commentId)).for('update')
    if (!comment || comment.hiddenAt) return fail({ body: 'Comment not found' })
    if (comment.authorId !== actor.id) throw new ForbiddenError('You can only change your own comments')
    if (!canStillEdit(comment.createdAt, now)) return fail({ body: `Comments can only be changed in the ${COMMENT_EDIT_MINUTES} minutes after posting` })
    await tx.update(caseStudyComments).set({ body: checked.body, editedAt: now, updatedAt: now }).where(eq(caseStudyComments.id, commentId))
    // The discussion is on the case study's public page: queueing it tells every process's page cache (decision 160).
    await queueIndexing(tx, 'case_studies', comment.caseStudyId)
    return { ok: true as const }
  })
}

export async function findComment(commentId: string) {
  const [row] = await db
    .select({ comment: caseStudyComments, slug: caseStudies.slug, title: caseStudies.title })
    .from(caseStudyComments)
    .innerJoin(caseStudies, eq(caseStudies.id, caseStudyComments.caseStudyId))
    .where(eq(caseStudyComments.id, commentId))
  return row ?? null
}

export type ThreadComment = {
  id: string
  authorId: string | null
  authorName: string
  organisationNames: string[]
  body: string
  quoteText: string | null
  quotedAuthorName: string | null
  createdAt: Date
  editedAt: Date | null
  hidden: boolean
  canEdit: boolean
  replies: ThreadComment[]
}

/**
 * The discussion as readers see it: top-level comments oldest first, each
 * with its replies. Hidden comments leave a placeholder (so replies still
 * make sense) without their words, except for staff.
 */
export async function discussion(caseStudyId: string, viewer: Actor | null, { now = new Date() } = {}): Promise<ThreadComment[]> {
  const rows = await db
    .select({ c: caseStudyComments, authorName: users.name })
    .from(caseStudyComments)
    .leftJoin(users, eq(users.id, caseStudyComments.authorId))
    .where(eq(caseStudyComments.caseStudyId, caseStudyId))
    .orderBy(asc(caseStudyComments.createdAt))
  const authorIds = [...new Set(rows.map((r) => r.c.authorId).filter((id): id is string => Boolean(id)))]
  const orgNames = new Map<string, string[]>()
  if (authorIds.length) {
    const memberships = await db
      .select({ userId: organisationMembers.userId, name: organisations.name })
      .from(organisationMembers)
      .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
      .where(sql`${organisationMembers.userId} in ${authorIds}`)
    for (const m of memberships) orgNames.set(m.userId, [...(orgNames.get(m.userId) ?? []), m.name])
  }
  const byId = new Map(rows.map((r) => [r.c.id, r]))
  const staff = isStaffRole(viewer?.role)
  const toThread = (r: (typeof rows)[number]): ThreadComment => {
    const hidden = Boolean(r.c.hiddenAt)
    const quoted = r.c.quotedCommentId ? byId.get(r.c.quotedCommentId) : undefined
    const quoteHidden = Boolean(quoted?.c.hiddenAt)
    return {
      id: r.c.id,
      authorId: r.c.authorId,
      authorName: r.authorName ?? 'Former member',
      organisationNames: r.c.authorId ? (orgNames.get(r.c.authorId) ?? []) : [],
      body: hidden && !staff ? '' : r.c.body,
      quoteText: quoteHidden && !staff ? null : r.c.quoteText,
      quotedAuthorName: quoted && !(quoteHidden && !staff) ? (quoted.authorName ?? 'Former member') : null,
      createdAt: r.c.createdAt,
      editedAt: r.c.editedAt,
      hidden,
      canEdit: false,
      replies: [],
    }
  }
  const top: ThreadComment[] = []
  const index = new Map<string, ThreadComment>()
  for (const r of rows) {
    if (r.c.parentId) continue
    const t = toThread(r)
    index.set(t.id, t)
    top.push(t)
  }
  for (const r of rows) if (r.c.parentId) index.get(r.c.parentId)?.replies.push(toThread(r))
  return threadForViewer(top, viewer, now)
}

/**
 * A thread as this viewer may act on it: their own comments stay
 * changeable for a short while after posting. Makes new objects, so a
 * thread shared between requests is never changed.
 */
export function threadForViewer(thread: ThreadComment[], viewer: Actor | null, now: Date): ThreadComment[] {
  const mark = (c: ThreadComment): ThreadComment => ({
    ...c,
    canEdit: Boolean(viewer) && c.authorId === viewer?.id && !c.hidden && canStillEdit(c.createdAt, now),
    replies: c.replies.map(mark),
  })
  return thread.map(mark)
}

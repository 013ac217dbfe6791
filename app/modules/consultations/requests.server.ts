import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { db } from '~/lib/db.server'
import { queueEmail } from '~/lib/email.server'
import { assertMailAllowed, type MailRequester } from '~/lib/unconfirmed-mail.server'
import { consultationRequests, users, type Consultation, type ConsultationRequestKind } from '~db/schema'
import type { Actor } from '~/lib/actor'
import { REQUEST_KINDS } from './requests'
import { isUuid } from '~/lib/ids'

export type RequestInput = { name: string; email: string; format?: string | null; message: string; userId: string | null }

/** Feedback on the consultation process, or a request for an accessible format, acknowledged by email. */
export async function recordRequest(consultation: Consultation, kind: ConsultationRequestKind, input: RequestInput, requester: MailRequester = {}) {
  const words = REQUEST_KINDS[kind]
  return db.transaction(async (tx) => {
    await assertMailAllowed(tx, input.email, 'consultation_request', requester)
    const [row] = await tx
      .insert(consultationRequests)
      .values({ consultationId: consultation.id, kind, ...input, format: kind === 'accessible_format' ? (input.format ?? null) : null })
      .returning()
    await queueEmail(
      {
        to: input.email,
        subject: `We have received ${words.emailWhat}: ${consultation.title}`,
        text: `Thank you. We have received ${words.emailWhat} about "${consultation.title}".\n\n${words.emailNext}\n`,
        idempotencyKey: `consultation-request-${row.id}`,
      },
      { tx },
    )
    return row
  })
}

export const REQUESTS_PAGE_SIZE = 20

/** One kind of request for a consultation, waiting ones first, then newest first. */
export async function listRequests(consultationId: string, kind: ConsultationRequestKind, { page = 1 }: { page?: number } = {}) {
  const where = and(eq(consultationRequests.consultationId, consultationId), eq(consultationRequests.kind, kind))
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: consultationRequests.id,
        name: consultationRequests.name,
        email: consultationRequests.email,
        format: consultationRequests.format,
        message: consultationRequests.message,
        createdAt: consultationRequests.createdAt,
        handledAt: consultationRequests.handledAt,
        handledBy: users.name,
      })
      .from(consultationRequests)
      .leftJoin(users, eq(users.id, consultationRequests.handledById))
      .where(where)
      .orderBy(sql`${consultationRequests.handledAt} is not null`, desc(consultationRequests.createdAt), asc(consultationRequests.id))
      .limit(REQUESTS_PAGE_SIZE)
      .offset((page - 1) * REQUESTS_PAGE_SIZE),
    db.select({ total: count() }).from(consultationRequests).where(where),
  ])
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / REQUESTS_PAGE_SIZE)) }
}

export type RequestCounts = Record<ConsultationRequestKind, { total: number; waiting: number }>

/** How many requests of each kind a consultation has, and how many wait for staff. */
export async function requestCounts(consultationId: string): Promise<RequestCounts> {
  const rows = await db
    .select({
      kind: consultationRequests.kind,
      total: count(),
      waiting: count(sql`case when ${isNull(consultationRequests.handledAt)} then 1 end`),
    })
    .from(consultationRequests)
    .where(eq(consultationRequests.consultationId, consultationId))
    .groupBy(consultationRequests.kind)
  const counts: RequestCounts = { accessible_format: { total: 0, waiting: 0 }, process_feedback: { total: 0, waiting: 0 } }
  for (const row of rows) counts[row.kind] = { total: row.total, waiting: row.waiting }
  return counts
}

/**
 * Marks a request of this consultation dealt with, audited. A request
 * already handled keeps who handled it first; false when there was nothing
 * to mark.
 */
export async function markRequestHandled(actor: Actor, consultationId: string, requestId: string) {
  if (!isUuid(requestId)) return false
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(consultationRequests)
      .set({ handledAt: new Date(), handledById: actor.id })
      .where(and(eq(consultationRequests.id, requestId), eq(consultationRequests.consultationId, consultationId), isNull(consultationRequests.handledAt)))
      .returning({ id: consultationRequests.id, kind: consultationRequests.kind })
    if (!row) return false
    // Ids only: the request's name, address and message stay out of the audit log.
    await recordAudit(tx, { actor, action: 'consultation.request.handled', subjectType: 'consultation_request', subjectId: row.id, after: { consultationId, kind: row.kind } })
    return true
  })
}

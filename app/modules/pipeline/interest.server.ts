import { and, asc, count, eq, inArray, isNotNull } from 'drizzle-orm'
import { db, type Tx } from '~/lib/db.server'
import { formatDateTime } from '~/lib/time'
import { toCsv } from '~/lib/csv'
import { queueEmail } from '~/lib/email.server'
import { auditExport } from '~/lib/export-audit.server'
import { organisationMembers, organisations, pipelineContactRequests, pipelineInterests, pipelineNotices, users, type PipelineInterest } from '~db/schema'
import { isOpen } from './model'
import { RuleError } from '~/lib/result'
import { noticeUrl, organisationContacts } from './recipients.server'

export type InterestInput = {
  organisationId: string
  role: 'prime' | 'subcontractor' | 'either'
  seekingPartners: boolean
  capabilitiesOffered: string[]
  capabilitiesSought: string[]
  note: string
}

/** The organisations a person belongs to, which they may register interest for. */
export async function organisationsOf(userId: string) {
  return db
    .select({ id: organisations.id, name: organisations.name, slug: organisations.slug })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisationMembers.organisationId, organisations.id))
    .where(eq(organisationMembers.userId, userId))
    .orderBy(asc(organisations.name))
}

/** A member registers interest for one of their organisations, once per notice. */
export async function registerInterest(userId: string, noticeId: string, input: InterestInput) {
  return db.transaction(async (tx) => {
    const [membership] = await tx
      .select({ userId: organisationMembers.userId })
      .from(organisationMembers)
      .where(and(eq(organisationMembers.userId, userId), eq(organisationMembers.organisationId, input.organisationId)))
    if (!membership) throw new RuleError({ organisationId: 'Select an organisation you belong to' })
    const [notice] = await tx
      .select()
      .from(pipelineNotices)
      .where(and(eq(pipelineNotices.id, noticeId), isNotNull(pipelineNotices.publishedAt)))
    if (!notice) throw new RuleError({ form: 'This notice is not published' })
    if (!isOpen(notice.status)) throw new RuleError({ form: 'This notice is closed, so interest can no longer be registered' })
    const [row] = await tx
      .insert(pipelineInterests)
      .values({ noticeId, userId, ...input, capabilitiesSought: input.seekingPartners ? input.capabilitiesSought : [] })
      .onConflictDoNothing({ target: [pipelineInterests.noticeId, pipelineInterests.organisationId] })
      .returning()
    if (!row) throw new RuleError({ organisationId: 'This organisation has already registered interest in this notice' })
    return row
  })
}

/** Interest the person's organisations have registered in a notice. */
export async function interestsOfUser(userId: string, noticeId: string) {
  return db
    .select({ interest: pipelineInterests, organisation: { id: organisations.id, name: organisations.name, slug: organisations.slug } })
    .from(pipelineInterests)
    .innerJoin(organisations, eq(pipelineInterests.organisationId, organisations.id))
    .innerJoin(organisationMembers, and(eq(organisationMembers.organisationId, organisations.id), eq(organisationMembers.userId, userId)))
    .where(eq(pipelineInterests.noticeId, noticeId))
}

/**
 * Partner finding: organisations seeking partners on a notice, shown only to
 * people whose own organisation has registered interest in it. Returns null
 * for anyone else, who may not see the list at all.
 */
export async function partnersFor(userId: string, noticeId: string) {
  const mine = await interestsOfUser(userId, noticeId)
  if (!mine.length) return null
  const myOrgIds = mine.map((m) => m.organisation.id)
  const others = await db
    .select({
      interest: pipelineInterests,
      organisation: {
        id: organisations.id,
        name: organisations.name,
        slug: organisations.slug,
        sector: organisations.sector,
        sizeBand: organisations.sizeBand,
        regions: organisations.regions,
        capabilities: organisations.capabilities,
        description: organisations.description,
        website: organisations.website,
      },
    })
    .from(pipelineInterests)
    .innerJoin(organisations, eq(pipelineInterests.organisationId, organisations.id))
    .where(and(eq(pipelineInterests.noticeId, noticeId), eq(pipelineInterests.seekingPartners, true)))
    .orderBy(asc(organisations.name))
  const visible = others.filter((o) => !myOrgIds.includes(o.organisation.id))
  const requests = await contactRequestsFor(mine.map((m) => m.interest.id))
  return { mine, partners: visible, requests }
}

async function contactRequestsFor(interestIds: string[]) {
  if (!interestIds.length) return []
  const rows = await db.select().from(pipelineContactRequests)
  return rows.filter((r) => interestIds.includes(r.fromInterestId) || interestIds.includes(r.toInterestId))
}

/**
 * Asks another organisation to talk about partnering. Neither side's email
 * address is shared until the receiver accepts.
 */
export async function requestContact(userId: string, fromInterestId: string, toInterestId: string, message: string) {
  const [from] = await db
    .select({ interest: pipelineInterests, orgName: organisations.name })
    .from(pipelineInterests)
    .innerJoin(organisations, eq(pipelineInterests.organisationId, organisations.id))
    .innerJoin(organisationMembers, and(eq(organisationMembers.organisationId, organisations.id), eq(organisationMembers.userId, userId)))
    .where(eq(pipelineInterests.id, fromInterestId))
  if (!from) throw new RuleError({ form: 'Register interest for your organisation first' })
  const [to] = await db
    .select({ interest: pipelineInterests, notice: pipelineNotices })
    .from(pipelineInterests)
    .innerJoin(pipelineNotices, eq(pipelineInterests.noticeId, pipelineNotices.id))
    .where(and(eq(pipelineInterests.id, toInterestId), eq(pipelineInterests.seekingPartners, true), eq(pipelineInterests.noticeId, from.interest.noticeId)))
  if (!to || to.interest.organisationId === from.interest.organisationId) throw new RuleError({ form: 'That organisation is not seeking partners on this notice' })
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(pipelineContactRequests)
      .values({ fromInterestId, toInterestId, message: message.slice(0, 1000) })
      .onConflictDoNothing({ target: [pipelineContactRequests.fromInterestId, pipelineContactRequests.toInterestId] })
      .returning()
    if (!row) throw new RuleError({ form: 'You have already asked this organisation to get in touch' })
    for (const contact of await organisationContacts(tx, to.interest.organisationId)) {
      await queueEmail(
        {
          to: contact.email,
          subject: `${from.orgName} would like to partner on ${to.notice.title}`,
          text: [
            `${from.orgName} has registered interest in ${to.notice.title} (${to.notice.reference}) and would like to discuss partnering with your organisation.`,
            message ? `\nTheir message:\n${message}\n` : '',
            `Your email address has not been shared. If you accept, both organisations will see each other’s contact details:`,
            noticeUrl(to.notice, 'partners'),
          ].join('\n'),
          idempotencyKey: `pipeline-contact:${row.id}:${contact.email}`,
        },
        { tx },
      )
    }
    return row
  })
}

/** The members of the organisation that sent a request, to tell them how it was answered. */
async function answerRequest(userId: string, requestId: string, answer: 'accepted' | 'declined') {
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ request: pipelineContactRequests, to: pipelineInterests, toName: organisations.name, notice: pipelineNotices })
      .from(pipelineContactRequests)
      .innerJoin(pipelineInterests, eq(pipelineContactRequests.toInterestId, pipelineInterests.id))
      .innerJoin(organisations, eq(organisations.id, pipelineInterests.organisationId))
      .innerJoin(pipelineNotices, eq(pipelineNotices.id, pipelineInterests.noticeId))
      .innerJoin(organisationMembers, and(eq(organisationMembers.organisationId, pipelineInterests.organisationId), eq(organisationMembers.userId, userId)))
      .where(eq(pipelineContactRequests.id, requestId))
      .for('update', { of: pipelineContactRequests })
    if (!found) throw new RuleError({ form: 'This request was not sent to your organisation' })
    const { request } = found
    // A colleague may have answered from a page opened at the same time; their answer stands.
    if (request.acceptedAt || request.declinedAt) {
      throw new RuleError({ form: `A colleague has already ${request.acceptedAt ? 'accepted' : 'declined'} this request; it has not been changed` }, { code: 'stale' })
    }
    await tx
      .update(pipelineContactRequests)
      .set(answer === 'accepted' ? { acceptedAt: new Date() } : { declinedAt: new Date() })
      .where(eq(pipelineContactRequests.id, requestId))
    const [from] = await tx.select({ organisationId: pipelineInterests.organisationId }).from(pipelineInterests).where(eq(pipelineInterests.id, request.fromInterestId))
    const url = noticeUrl(found.notice, 'partners')
    for (const contact of from ? await organisationContacts(tx, from.organisationId) : []) {
      await queueEmail(
        {
          to: contact.email,
          subject:
            answer === 'accepted' ? `${found.toName} has accepted your request to partner on ${found.notice.title}` : `${found.toName} has declined your request to partner on ${found.notice.title}`,
          text: (answer === 'accepted'
            ? [`${found.toName} would like to talk about partnering on ${found.notice.title} (${found.notice.reference}). Both organisations can now see each other’s contact details:`, url]
            : [
                `${found.toName} has declined your request to discuss partnering on ${found.notice.title} (${found.notice.reference}). Your contact details have not been shared with them.`,
                '',
                `Other organisations seeking partners on this notice: ${url}`,
              ]
          ).join('\n'),
          idempotencyKey: `pipeline-contact-${answer}:${requestId}:${contact.email}`,
        },
        { tx },
      )
    }
  })
}

export async function acceptContact(userId: string, requestId: string) {
  await answerRequest(userId, requestId, 'accepted')
}

export async function declineContact(userId: string, requestId: string) {
  await answerRequest(userId, requestId, 'declined')
}

async function lockOwnInterest(tx: Tx, userId: string, interestId: string, version: number) {
  const [found] = await tx
    .select({ interest: pipelineInterests, organisation: organisations.name, notice: pipelineNotices })
    .from(pipelineInterests)
    .innerJoin(organisations, eq(organisations.id, pipelineInterests.organisationId))
    .innerJoin(pipelineNotices, eq(pipelineNotices.id, pipelineInterests.noticeId))
    .innerJoin(organisationMembers, and(eq(organisationMembers.organisationId, pipelineInterests.organisationId), eq(organisationMembers.userId, userId)))
    .where(eq(pipelineInterests.id, interestId))
    .for('update', { of: pipelineInterests })
  if (!found) throw new RuleError({ form: 'Your organisation’s interest in this notice has been withdrawn, perhaps by a colleague' }, { code: 'gone' })
  if (found.interest.version !== version) {
    throw new RuleError(
      {
        form: `A colleague changed ${found.organisation}’s interest at ${formatDateTime(found.interest.updatedAt)} after you opened this page. The form now shows their answers; make your change again if it is still needed`,
      },
      { code: 'stale' },
    )
  }
  return found
}

/** A member changes their organisation's interest. The form carries the version it was opened at, so a colleague's later change is never undone by a stale form. */
export async function updateInterest(userId: string, interestId: string, input: Omit<InterestInput, 'organisationId'>, version: number) {
  return db.transaction(async (tx) => {
    const { interest } = await lockOwnInterest(tx, userId, interestId, version)
    const [row] = await tx
      .update(pipelineInterests)
      .set({ ...input, capabilitiesSought: input.seekingPartners ? input.capabilitiesSought : [], userId, version: interest.version + 1 })
      .where(eq(pipelineInterests.id, interestId))
      .returning()
    return row!
  })
}

/** A member withdraws their organisation's interest; its partner requests go with it, and colleagues are told. */
export async function withdrawInterest(user: { id: string; name?: string; email: string }, interestId: string, version: number) {
  return db.transaction(async (tx) => {
    const { interest, organisation, notice } = await lockOwnInterest(tx, user.id, interestId, version)
    await tx.delete(pipelineInterests).where(eq(pipelineInterests.id, interest.id))
    for (const contact of await organisationContacts(tx, interest.organisationId)) {
      await queueEmail(
        {
          to: contact.email,
          subject: `${organisation}’s interest in ${notice.title} has been withdrawn`,
          text: [
            `${user.name ?? user.email} has withdrawn ${organisation}’s interest in ${notice.title} (${notice.reference}). Other organisations no longer see ${organisation} as seeking partners on it.`,
            '',
            `You can register interest again while the notice is open: ${noticeUrl(notice)}`,
          ].join('\n'),
          idempotencyKey: `pipeline-interest-withdrawn:${interest.id}:${contact.email}`,
        },
        { tx },
      )
    }
  })
}

/** Contact details exchanged, only for requests the receiver has accepted. */
export async function sharedContacts(interestIds: string[]) {
  const requests = (await contactRequestsFor(interestIds)).filter((r) => r.acceptedAt)
  const result: Array<{ requestId: string; organisation: string; contacts: Array<{ name: string; email: string }> }> = []
  for (const r of requests) {
    const otherInterestId = interestIds.includes(r.fromInterestId) ? r.toInterestId : r.fromInterestId
    const [other] = await db
      .select({ organisationId: pipelineInterests.organisationId, name: organisations.name })
      .from(pipelineInterests)
      .innerJoin(organisations, eq(pipelineInterests.organisationId, organisations.id))
      .where(eq(pipelineInterests.id, otherInterestId))
    if (other) result.push({ requestId: r.id, organisation: other.name, contacts: await organisationContacts(db, other.organisationId) })
  }
  return result
}

/** Staff view: all interest in a notice, with the organisation's sector and size. */
export async function interestForStaff(noticeId: string) {
  const rows = await db
    .select({
      interest: pipelineInterests,
      organisation: { name: organisations.name, slug: organisations.slug, sector: organisations.sector, sizeBand: organisations.sizeBand },
      user: { name: users.name, email: users.email },
    })
    .from(pipelineInterests)
    .innerJoin(organisations, eq(pipelineInterests.organisationId, organisations.id))
    .leftJoin(users, eq(pipelineInterests.userId, users.id))
    .where(eq(pipelineInterests.noticeId, noticeId))
    .orderBy(asc(organisations.name))
  const bySector: Record<string, number> = {}
  const bySize: Record<string, number> = {}
  for (const r of rows) {
    bySector[r.organisation.sector] = (bySector[r.organisation.sector] ?? 0) + 1
    bySize[r.organisation.sizeBand] = (bySize[r.organisation.sizeBand] ?? 0) + 1
  }
  return { rows, bySector, bySize }
}

/** The interest in a notice as CSV for staff; the download is audited, with how many rows it held. */
export async function interestCsv(actor: { id: string; email: string }, notice: { id: string }) {
  const { rows } = await interestForStaff(notice.id)
  await auditExport(actor, 'pipeline.interest.export.csv', { type: 'pipeline_notice', id: notice.id }, { rows: rows.length })
  return toCsv(
    ['organisation', 'sector', 'size', 'role', 'seekingPartners', 'capabilitiesOffered', 'capabilitiesSought', 'note', 'registeredBy', 'email', 'registeredAt'],
    rows.map(({ interest, organisation, user }) => [
      organisation.name,
      organisation.sector,
      organisation.sizeBand,
      interest.role,
      interest.seekingPartners,
      interest.capabilitiesOffered,
      interest.capabilitiesSought,
      interest.note,
      user?.name ?? '',
      user?.email ?? '',
      interest.createdAt.toISOString(),
    ]),
  )
}

export async function interestCounts(noticeIds: string[]) {
  if (!noticeIds.length) return {}
  const rows = await db
    .select({ noticeId: pipelineInterests.noticeId, total: count() })
    .from(pipelineInterests)
    .where(inArray(pipelineInterests.noticeId, noticeIds))
    .groupBy(pipelineInterests.noticeId)
  return Object.fromEntries(rows.map((r) => [r.noticeId, r.total])) as Record<string, number>
}

export type { PipelineInterest }

/**
 * An organisation's interest in published notices, as far as this viewer may
 * see it anywhere else: all of it for its own members and for staff; for a
 * member of another organisation, only where this one seeks partners on a
 * notice the viewer's organisation has registered interest in too (the
 * partner-finding rule of `partnersFor`). Visitors see none.
 */
export async function interestsShownOnProfile(organisationId: string, viewer: { id: string; role: string } | null) {
  if (!viewer) return []
  const viewerOrgIds = (await organisationsOf(viewer.id)).map((o) => o.id)
  const everything = viewerOrgIds.includes(organisationId) || viewer.role === 'staff' || viewer.role === 'admin'
  if (!everything && !viewerOrgIds.length) return []
  const rows = await db
    .select({
      noticeId: pipelineNotices.id,
      slug: pipelineNotices.slug,
      title: pipelineNotices.title,
      status: pipelineNotices.status,
      role: pipelineInterests.role,
      seekingPartners: pipelineInterests.seekingPartners,
    })
    .from(pipelineInterests)
    .innerJoin(pipelineNotices, eq(pipelineNotices.id, pipelineInterests.noticeId))
    .where(and(eq(pipelineInterests.organisationId, organisationId), isNotNull(pipelineNotices.publishedAt), everything ? undefined : eq(pipelineInterests.seekingPartners, true)))
    .orderBy(asc(pipelineNotices.title))
  if (everything || !rows.length) return rows
  const shared = await db
    .select({ noticeId: pipelineInterests.noticeId })
    .from(pipelineInterests)
    .where(
      and(
        inArray(pipelineInterests.organisationId, viewerOrgIds),
        inArray(
          pipelineInterests.noticeId,
          rows.map((r) => r.noticeId),
        ),
      ),
    )
  const sharedIds = new Set(shared.map((s) => s.noticeId))
  return rows.filter((r) => sharedIds.has(r.noticeId))
}

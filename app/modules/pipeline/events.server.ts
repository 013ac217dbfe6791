import { and, asc, count, eq, gt, inArray, isNotNull, isNull } from 'drizzle-orm'
import type { Actor } from '~/lib/actor'
import { recordAudit } from '~/lib/audit.server'
import { toCsv } from '~/lib/csv'
import { db, type DbOrTx, type Tx } from '~/lib/db.server'
import { queueEmail } from '~/lib/email.server'
import { auditExport } from '~/lib/export-audit.server'
import { calendarFile } from '~/lib/ics'
import { RuleError } from '~/lib/result'
import { formatDateTime } from '~/lib/time'
import { organisationMembers, organisations, pipelineEventPlaces, pipelineEvents, pipelineNotices, users, type PipelineEvent, type PipelineNotice } from '~db/schema'
import { queueIndexing } from '~search/outbox.server'
import { eventWhere, formatEventTime, type EventInput } from './events'
import { isOpen } from './model'
import { addRevision } from './revisions.server'
import { noticeUrl } from './recipients.server'

/**
 * Market engagement events on a notice. Places are one per organisation:
 * an event is for organisations weighing up a bid, and one seat each keeps
 * a small room fair. Taking a place locks the event row, so two people
 * racing for the last place are served one after the other.
 */

type EventRow = PipelineEvent & { taken: number }

async function withTaken(tx: DbOrTx, rows: PipelineEvent[]): Promise<EventRow[]> {
  if (!rows.length) return []
  const counts = await tx
    .select({ eventId: pipelineEventPlaces.eventId, taken: count() })
    .from(pipelineEventPlaces)
    .where(
      inArray(
        pipelineEventPlaces.eventId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(pipelineEventPlaces.eventId)
  return rows.map((r) => ({ ...r, taken: counts.find((c) => c.eventId === r.id)?.taken ?? 0 }))
}

export async function listEvents(noticeId: string, tx: DbOrTx = db) {
  const rows = await tx.select().from(pipelineEvents).where(eq(pipelineEvents.noticeId, noticeId)).orderBy(asc(pipelineEvents.startsAt), asc(pipelineEvents.id))
  return withTaken(tx, rows)
}

export async function getEvent(noticeId: string, eventId: string) {
  const [row] = await db
    .select()
    .from(pipelineEvents)
    .where(and(eq(pipelineEvents.id, eventId), eq(pipelineEvents.noticeId, noticeId)))
  return row ? (await withTaken(db, [row]))[0]! : null
}

/** The events on a notice a person sees, with the places their organisations hold. */
export async function eventsFor(noticeId: string, userId: string | null) {
  const events = await listEvents(noticeId)
  const mine =
    userId && events.length
      ? await placesOf(
          userId,
          events.map((e) => e.id),
        )
      : []
  return events.map((e) => ({ ...e, mine: mine.filter((p) => p.eventId === e.id) }))
}

async function placesOf(userId: string, eventIds: string[]) {
  return db
    .select({ eventId: pipelineEventPlaces.eventId, organisationId: organisations.id, organisation: organisations.name, bookedBy: users.name })
    .from(pipelineEventPlaces)
    .innerJoin(organisations, eq(organisations.id, pipelineEventPlaces.organisationId))
    .innerJoin(organisationMembers, and(eq(organisationMembers.organisationId, organisations.id), eq(organisationMembers.userId, userId)))
    .leftJoin(users, eq(users.id, pipelineEventPlaces.userId))
    .where(inArray(pipelineEventPlaces.eventId, eventIds))
}

/** Upcoming events on published notices, soonest first, for the home page. */
export async function upcomingEvents(limit = 3, now = new Date()) {
  return db
    .select({
      id: pipelineEvents.id,
      title: pipelineEvents.title,
      startsAt: pipelineEvents.startsAt,
      endsAt: pipelineEvents.endsAt,
      notice: { slug: pipelineNotices.slug, title: pipelineNotices.title },
    })
    .from(pipelineEvents)
    .innerJoin(pipelineNotices, eq(pipelineNotices.id, pipelineEvents.noticeId))
    .where(and(isNotNull(pipelineNotices.publishedAt), isNull(pipelineEvents.cancelledAt), gt(pipelineEvents.startsAt, now)))
    .orderBy(asc(pipelineEvents.startsAt))
    .limit(limit)
}

export async function upcomingEventCounts(now = new Date()) {
  const [events] = await db
    .select({ total: count() })
    .from(pipelineEvents)
    .where(and(isNull(pipelineEvents.cancelledAt), gt(pipelineEvents.startsAt, now)))
  const [places] = await db
    .select({ total: count() })
    .from(pipelineEventPlaces)
    .innerJoin(pipelineEvents, eq(pipelineEvents.id, pipelineEventPlaces.eventId))
    .where(and(isNull(pipelineEvents.cancelledAt), gt(pipelineEvents.startsAt, now)))
  return { events: events?.total ?? 0, places: places?.total ?? 0 }
}

const describe = (e: Pick<PipelineEvent, 'title' | 'startsAt' | 'endsAt' | 'cancelledAt'>) => `${e.title}, ${formatEventTime(e.startsAt, e.endsAt)}${e.cancelledAt ? ' (cancelled)' : ''}`
const listed = (events: PipelineEvent[]) => (events.length ? events.map(describe).join('; ') : 'None')

async function lockNotice(tx: Tx, noticeId: string) {
  const [notice] = await tx.select().from(pipelineNotices).where(eq(pipelineNotices.id, noticeId)).for('update')
  if (!notice) throw new RuleError({ form: 'This notice no longer exists' })
  return notice
}

/** On a published notice an event added, changed or cancelled is a revision: the change log and the feed tell of it, and search reindexes the notice. */
async function logEvents(tx: Tx, notice: PipelineNotice, actor: Actor, before: string) {
  const after = listed(await listEvents(notice.id, tx))
  await queueIndexing(tx, 'pipeline', notice.id)
  if (notice.publishedAt && before !== after) await addRevision(tx, notice, actor, 'updated', [{ field: 'events', label: 'Market engagement events', from: before, to: after }])
}

export function eventUrl(notice: Pick<PipelineNotice, 'slug'>, eventId: string) {
  return noticeUrl(notice, `events/${eventId}`)
}

/** The event as a calendar file; its UID stays the same through changes, so calendars update the one entry. */
export function eventCalendar(event: PipelineEvent, notice: Pick<PipelineNotice, 'slug' | 'title' | 'reference'>, stamp = new Date()) {
  const link = eventUrl(notice, event.id)
  return calendarFile({
    uid: `${event.id}@commissioning-hub`,
    sequence: event.sequence,
    stamp,
    start: event.startsAt,
    end: event.endsAt,
    summary: event.title,
    location: event.place || event.onlineUrl || 'Online',
    url: event.onlineUrl || link,
    description: [`${notice.title} (${notice.reference})`, event.description, event.onlineUrl ? `Join online: ${event.onlineUrl}` : '', `Details and cancellation: ${link}`]
      .filter(Boolean)
      .join('\n\n'),
    cancelled: Boolean(event.cancelledAt),
  })
}

function calendarAttachment(event: PipelineEvent, notice: PipelineNotice) {
  return {
    filename: 'event.ics',
    contentType: `text/calendar; charset=utf-8; method=${event.cancelledAt ? 'CANCEL' : 'PUBLISH'}`,
    content: eventCalendar(event, notice),
  }
}

function eventLines(event: PipelineEvent, notice: PipelineNotice) {
  return [
    `Event: ${event.title}`,
    `When: ${formatEventTime(event.startsAt, event.endsAt)} (UK time)`,
    `Where: ${eventWhere(event)}`,
    ...(event.onlineUrl ? [`Online link: ${event.onlineUrl}`] : []),
    `Notice: ${notice.title} (${notice.reference})`,
  ]
}

/** Emails everyone holding a place, with the calendar file as it now is. */
async function emailAttendees(tx: Tx, event: PipelineEvent, notice: PipelineNotice, what: 'changed' | 'cancelled') {
  const attendees = await tx
    .select({ email: users.email, organisation: organisations.name })
    .from(pipelineEventPlaces)
    .innerJoin(users, eq(users.id, pipelineEventPlaces.userId))
    .innerJoin(organisations, eq(organisations.id, pipelineEventPlaces.organisationId))
    .where(eq(pipelineEventPlaces.eventId, event.id))
  for (const a of attendees) {
    await queueEmail(
      {
        to: a.email,
        subject: what === 'cancelled' ? `Cancelled: ${event.title}` : `Changed: ${event.title}`,
        text: [
          what === 'cancelled'
            ? `The Employment Category has cancelled this event. ${a.organisation}’s place no longer stands.`
            : `The details of this event have changed. ${a.organisation} still has its place.`,
          '',
          ...eventLines(event, notice),
          '',
          what === 'cancelled' ? 'The attached calendar file removes the event from your calendar.' : 'The attached calendar file updates the event in your calendar.',
          eventUrl(notice, event.id),
        ].join('\n'),
        attachments: [calendarAttachment(event, notice)],
        idempotencyKey: `pipeline-event-${what}:${event.id}:${event.sequence}:${a.email}`,
      },
      { tx },
    )
  }
}

function checkTimes(input: EventInput, now: Date) {
  if (input.startsAt <= now) throw new RuleError({ startsAt: 'Date and start time must be in the future' })
}

export async function addEvent(actor: Actor, noticeId: string, input: EventInput, now = new Date()) {
  checkTimes(input, now)
  return db.transaction(async (tx) => {
    const notice = await lockNotice(tx, noticeId)
    if (!isOpen(notice.status)) throw new RuleError({ form: 'This notice is closed, so events can no longer be added' })
    const before = listed(await listEvents(noticeId, tx))
    const [event] = await tx
      .insert(pipelineEvents)
      .values({ noticeId, ...input })
      .returning()
    await recordAudit(tx, { actor, action: 'pipeline.event.add', subjectType: 'pipeline_event', subjectId: event!.id, after: input })
    await logEvents(tx, notice, actor, before)
    return event!
  })
}

async function lockEvent(tx: Tx, noticeId: string, eventId: string) {
  const [event] = await tx
    .select()
    .from(pipelineEvents)
    .where(and(eq(pipelineEvents.id, eventId), eq(pipelineEvents.noticeId, noticeId)))
    .for('update')
  if (!event) throw new RuleError({ form: 'This event no longer exists' })
  return event
}

/**
 * Staff change an event. A save from a form opened before a colleague's
 * save is refused. When the time or place changes, everyone holding a place
 * is emailed the updated calendar file.
 */
export async function updateEvent(actor: Actor, noticeId: string, eventId: string, input: EventInput, version: number, now = new Date()) {
  return db.transaction(async (tx) => {
    const notice = await lockNotice(tx, noticeId)
    const event = await lockEvent(tx, noticeId, eventId)
    if (event.editVersion !== version) {
      throw new RuleError(
        { form: `A colleague changed this event at ${formatDateTime(event.updatedAt)} after you opened it. Check the details below, which are theirs, and save again if yours should replace them` },
        { code: 'stale' },
      )
    }
    if (event.cancelledAt) throw new RuleError({ form: 'This event has been cancelled and can no longer be changed' })
    if (input.startsAt.getTime() !== event.startsAt.getTime()) checkTimes(input, now)
    const [{ taken }] = (await tx.select({ taken: count() }).from(pipelineEventPlaces).where(eq(pipelineEventPlaces.eventId, eventId))) as [{ taken: number }]
    if (input.capacity < taken) throw new RuleError({ capacity: `Number of places must be at least ${taken}, the places already taken` })
    const before = listed(await listEvents(noticeId, tx))
    const moved =
      input.startsAt.getTime() !== event.startsAt.getTime() ||
      input.endsAt.getTime() !== event.endsAt.getTime() ||
      input.place !== event.place ||
      input.onlineUrl !== event.onlineUrl ||
      input.title !== event.title
    const [updated] = await tx
      .update(pipelineEvents)
      .set({ ...input, editVersion: event.editVersion + 1, sequence: moved ? event.sequence + 1 : event.sequence })
      .where(eq(pipelineEvents.id, eventId))
      .returning()
    await recordAudit(tx, { actor, action: 'pipeline.event.update', subjectType: 'pipeline_event', subjectId: eventId, before: event, after: input })
    await logEvents(tx, notice, actor, before)
    if (moved) await emailAttendees(tx, updated!, notice, 'changed')
    return updated!
  })
}

export async function cancelEvent(actor: Actor, noticeId: string, eventId: string) {
  return db.transaction(async (tx) => {
    const notice = await lockNotice(tx, noticeId)
    const event = await lockEvent(tx, noticeId, eventId)
    if (event.cancelledAt) throw new RuleError({ form: 'This event has already been cancelled' })
    const before = listed(await listEvents(noticeId, tx))
    const [cancelled] = await tx
      .update(pipelineEvents)
      .set({ cancelledAt: new Date(), sequence: event.sequence + 1, editVersion: event.editVersion + 1 })
      .where(eq(pipelineEvents.id, eventId))
      .returning()
    await recordAudit(tx, { actor, action: 'pipeline.event.cancel', subjectType: 'pipeline_event', subjectId: eventId })
    await logEvents(tx, notice, actor, before)
    await emailAttendees(tx, cancelled!, notice, 'cancelled')
  })
}

async function requireMembership(tx: Tx, userId: string, organisationId: string) {
  const [membership] = await tx
    .select({ name: organisations.name })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(and(eq(organisationMembers.userId, userId), eq(organisationMembers.organisationId, organisationId)))
  if (!membership) throw new RuleError({ organisationId: 'Select an organisation you belong to' })
  return membership
}

/**
 * A member takes their organisation's place at an event and is emailed a
 * confirmation with the calendar file. The event row is locked first, so of
 * two people taking the last place at once exactly one gets it.
 */
export async function bookPlace(user: Actor, noticeId: string, eventId: string, organisationId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const organisation = await requireMembership(tx, user.id, organisationId)
    const event = await lockEvent(tx, noticeId, eventId)
    const [notice] = await tx.select().from(pipelineNotices).where(eq(pipelineNotices.id, noticeId))
    if (!notice?.publishedAt) throw new RuleError({ form: 'This notice is not published' })
    if (event.cancelledAt) throw new RuleError({ form: 'This event has been cancelled' })
    if (event.startsAt <= now) throw new RuleError({ form: 'This event has already started, so places can no longer be booked' })
    if (!isOpen(notice.status)) throw new RuleError({ form: 'This notice is closed, so places can no longer be booked' })
    const [{ taken }] = (await tx.select({ taken: count() }).from(pipelineEventPlaces).where(eq(pipelineEventPlaces.eventId, eventId))) as [{ taken: number }]
    const [already] = await tx
      .select({ id: pipelineEventPlaces.id })
      .from(pipelineEventPlaces)
      .where(and(eq(pipelineEventPlaces.eventId, eventId), eq(pipelineEventPlaces.organisationId, organisationId)))
    if (already) throw new RuleError({ organisationId: `${organisation.name} already has a place at this event` })
    if (taken >= event.capacity) {
      throw new RuleError({ form: `This event is fully booked: all ${event.capacity} places have been taken` }, { code: 'full' })
    }
    const [place] = await tx.insert(pipelineEventPlaces).values({ eventId, organisationId, userId: user.id }).returning()
    await recordAudit(tx, { actor: user, action: 'pipeline.event.book', subjectType: 'pipeline_event', subjectId: eventId, after: { organisationId } })
    await queueEmail(
      {
        to: user.email,
        subject: `Your place is booked: ${event.title}`,
        text: [
          `${organisation.name} has a place at this market engagement event.`,
          '',
          ...eventLines(event, notice),
          '',
          'The attached calendar file adds the event to your calendar.',
          `If you can no longer come, cancel the place so another organisation can have it: ${eventUrl(notice, event.id)}`,
        ].join('\n'),
        attachments: [calendarAttachment(event, notice)],
        idempotencyKey: `pipeline-event-booked:${place!.id}`,
      },
      { tx },
    )
    return place!
  })
}

/** Any member of the organisation may give its place back; the person who booked it is told. */
export async function cancelPlace(user: Actor, noticeId: string, eventId: string, organisationId: string) {
  return db.transaction(async (tx) => {
    const organisation = await requireMembership(tx, user.id, organisationId)
    const event = await lockEvent(tx, noticeId, eventId)
    const [place] = await tx
      .delete(pipelineEventPlaces)
      .where(and(eq(pipelineEventPlaces.eventId, eventId), eq(pipelineEventPlaces.organisationId, organisationId)))
      .returning()
    if (!place) throw new RuleError({ form: `${organisation.name} has no place at this event; a colleague may have cancelled it already` })
    await recordAudit(tx, { actor: user, action: 'pipeline.event.cancel-place', subjectType: 'pipeline_event', subjectId: eventId, before: { organisationId } })
    const [notice] = await tx.select().from(pipelineNotices).where(eq(pipelineNotices.id, noticeId))
    const [booker] = place.userId ? await tx.select({ email: users.email }).from(users).where(eq(users.id, place.userId)) : []
    for (const to of new Set([user.email, ...(booker ? [booker.email] : [])])) {
      await queueEmail(
        {
          to,
          subject: `Place cancelled: ${event.title}`,
          text: [`${organisation.name}’s place at this event has been cancelled by ${user.name ?? user.email}.`, '', ...eventLines(event, notice!), '', eventUrl(notice!, event.id)].join('\n'),
          idempotencyKey: `pipeline-event-place-cancelled:${place.id}:${to}`,
        },
        { tx },
      )
    }
  })
}

/** Who has a place, for staff. */
export async function attendees(eventId: string) {
  return db
    .select({ organisation: organisations.name, organisationSlug: organisations.slug, name: users.name, email: users.email, bookedAt: pipelineEventPlaces.createdAt })
    .from(pipelineEventPlaces)
    .innerJoin(organisations, eq(organisations.id, pipelineEventPlaces.organisationId))
    .leftJoin(users, eq(users.id, pipelineEventPlaces.userId))
    .where(eq(pipelineEventPlaces.eventId, eventId))
    .orderBy(asc(pipelineEventPlaces.createdAt))
}

/** The attendance list as CSV; the download is audited, with how many rows it held. */
export async function attendeesCsv(actor: { id: string; email: string }, event: PipelineEvent) {
  const rows = await attendees(event.id)
  await auditExport(actor, 'pipeline.event.attendees.export.csv', { type: 'pipeline_event', id: event.id }, { rows: rows.length })
  return toCsv(
    ['organisation', 'bookedBy', 'email', 'bookedAt'],
    rows.map((r) => [r.organisation, r.name ?? '', r.email ?? '', r.bookedAt.toISOString()]),
  )
}

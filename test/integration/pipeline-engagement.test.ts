import { and, eq, like, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { calendarFile, foldLine, icsText } from '~/lib/ics'
import { RuleError } from '~/lib/result'
import { changeStatus } from '~/modules/pipeline/authoring.server'
import { bookPlace, getEvent } from '~/modules/pipeline/events.server'
import { askQuestion } from '~/modules/pipeline/questions.server'
import { listRevisions } from '~/modules/pipeline/revisions.server'
import { mailDeliveries } from '~db/schema'
import { memberOf, organisationWithAdmin } from '../support/organisations'
import { noticeInput, publishedNotice } from '../support/pipeline'
import { call } from '../support/routes'
import { makeUser, request, TEST_PASSWORD } from '../support/users'

/** Market engagement events, clarification questions, and interest between organisations. */

/** A person who is the admin of an organisation of their own, a small charity that helps people into work. */
async function member(name: string) {
  const profile = {
    name: `${name}’s organisation`,
    sector: 'vcse' as const,
    sizeBand: 'small' as const,
    regions: [],
    capabilities: [],
    merlinStatus: 'not_applicable' as const,
    description: 'Helps people into work.',
  }
  const { organisation, admin } = await organisationWithAdmin(profile, { admin: await makeUser({ name }) })
  return { ...admin, organisation }
}

async function colleague(of: { organisation: { id: string } }, name: string) {
  return { ...(await memberOf(of.organisation, { name })), organisation: of.organisation }
}

const eastMidlands = () => noticeInput({ title: 'Employment support, East Midlands' })

const EVENT_FORM = {
  title: 'Supplier briefing: lots, and what “local” means',
  'startsAt-day': '29',
  'startsAt-month': '1',
  'startsAt-year': String(new Date().getFullYear() + 1),
  'startsAt-time': '09:30',
  endTime: '11:00',
  place: 'Caxton House, Tothill Street, London',
  onlineUrl: 'https://meet.example.org/briefing',
  capacity: '1',
  description: 'How the lots are drawn; questions welcome.',
}

async function addEventByForm(cookie: string, noticeId: string, form: Record<string, string> = EVENT_FORM) {
  const route = await import('~/routes/staff.pipeline.$id_.events')
  return call(route.action, request(`/staff/pipeline/${noticeId}/events`, { cookie, form }), { id: noticeId })
}

async function latestEventId(noticeId: string) {
  const route = await import('~/routes/staff.pipeline.$id_.events')
  const s = await makeUser({ role: 'staff' })
  const page = await call(route.loader, request(`/staff/pipeline/${noticeId}/events`, { cookie: s.cookie }), { id: noticeId })
  return page.data.events.at(-1).id as string
}

describe('calendar files', () => {
  test('text is escaped, long lines fold at 75 octets without splitting a character, times are UTC', () => {
    expect(icsText('Room 1, floor 2; bring ID\\badge\nthanks')).toBe('Room 1\\, floor 2\\; bring ID\\\\badge\\nthanks')
    const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`)
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75)
    expect(
      folded
        .split('\r\n')
        .slice(1)
        .every((l) => l.startsWith(' ')),
    ).toBe(true)
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'é'.repeat(60)}`)
    const ics = calendarFile({
      uid: 'e1@hub',
      sequence: 2,
      start: new Date('2027-07-01T08:30:00Z'),
      end: new Date('2027-07-01T10:00:00Z'),
      summary: 'Briefing, London',
      stamp: new Date('2026-12-01T12:00:00Z'),
    })
    expect(ics).toContain('\r\nDTSTART:20270701T083000Z\r\nDTEND:20270701T100000Z\r\n')
    expect(ics).toContain('\r\nUID:e1@hub\r\nSEQUENCE:2\r\nDTSTAMP:20261201T120000Z\r\n')
    expect(ics).toContain('SUMMARY:Briefing\\, London')
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true)
  })
})

describe('market engagement events', () => {
  test('staff add an event: a bad form keeps what was typed; on a published notice it is in the change log', async () => {
    const s = await makeUser({ role: 'staff' })
    const notice = await publishedNotice(s.actor, eastMidlands())
    const bad = await addEventByForm(s.cookie, notice.id, { ...EVENT_FORM, endTime: '09:00', place: '', onlineUrl: 'http://insecure.example.org', capacity: '0' })
    expect(bad.status).toBe(400)
    expect(bad.data.errors).toEqual({ endTime: 'End time must be after the start time', onlineUrl: 'Online link must start with https://', capacity: 'Number of places must be 1 or more' })
    expect(bad.data.values.title).toBe(EVENT_FORM.title)
    const past = await addEventByForm(s.cookie, notice.id, { ...EVENT_FORM, 'startsAt-year': '2020' })
    expect(past.data.errors).toEqual({ startsAt: 'Date and start time must be in the future' })
    const saved = await addEventByForm(s.cookie, notice.id)
    expect(saved.status).toBe(302)
    const [latest] = await listRevisions(notice.id)
    expect(latest!.changes[0]).toMatchObject({ label: 'Market engagement events', from: 'None' })
    expect(latest!.changes[0]!.to).toContain('Supplier briefing: lots, and what “local” means, 9:30am to 11am on 29 January')
  })

  test('two organisations taking the last place at once: exactly one gets it, the other a clear error on the page', async () => {
    const s = await makeUser({ role: 'staff' })
    const notice = await publishedNotice(s.actor, eastMidlands())
    await addEventByForm(s.cookie, notice.id)
    const eventId = await latestEventId(notice.id)
    const [a, b] = [await member('Asha'), await member('Bryn')]
    const route = await import('~/routes/pipeline.$slug_.events.$eventId')
    const params = { slug: notice.slug, eventId }
    const post = (who: typeof a) => call(route.action, request(`/pipeline/${notice.slug}/events/${eventId}`, { cookie: who.cookie, form: { organisationId: who.organisation.id } }), params)
    const results = await Promise.all([post(a), post(b)])
    expect(results.map((r) => r.status).sort()).toEqual([302, 409])
    const refused = results.find((r) => r.status === 409)!
    expect(refused.data.errors).toEqual({ form: 'This event is fully booked: all 1 places have been taken' })
    expect((await getEvent(notice.id, eventId))!.taken).toBe(1)

    // The winner is emailed a confirmation with the calendar file attached.
    const winner = results[0]!.status === 302 ? a : b
    const [mail] = await db
      .select()
      .from(mailDeliveries)
      .where(and(eq(mailDeliveries.toAddress, winner.actor.email), like(mailDeliveries.idempotencyKey, 'pipeline-event-booked:%')))
    expect(mail!.subject).toBe('Your place is booked: Supplier briefing: lots, and what “local” means')
    expect(mail!.textBody).toContain('When: 9:30am to 11am on 29 January')
    const ics = mail!.attachments[0]!
    expect(ics.contentType).toMatch(/^text\/calendar/)
    expect(ics.content).toContain(`UID:${eventId}@commissioning-hub`)
    expect(ics.content).toMatch(/\r\nDTSTART:\d{4}0129T093000Z\r\nDTEND:\d{4}0129T110000Z\r\n/)
    expect(ics.content).toContain('LOCATION:Caxton House\\, Tothill Street\\, London')
    expect(ics.content).toContain('URL:https://meet.example.org/briefing')

    // The page shows the link to the calendar; the public file leaves out the online link, the booked organisation's has it.
    const calendar = await import('~/routes/pipeline.$slug_.events.$eventId_.calendar[.]ics')
    const publicFile = await call(calendar.loader, request(`/pipeline/${notice.slug}/events/${eventId}/calendar.ics`), params)
    expect(publicFile.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    expect(publicFile.text).not.toContain('meet.example.org')
    const theirs = await call(calendar.loader, request(`/pipeline/${notice.slug}/events/${eventId}/calendar.ics`, { cookie: winner.cookie }), params)
    expect(theirs.text).toContain('URL:https://meet.example.org/briefing')

    // Staff see and export the list.
    const staffPage = await import('~/routes/staff.pipeline.$id_.events_.$eventId')
    const list = await call(staffPage.loader, request(`/staff/pipeline/${notice.id}/events/${eventId}`, { cookie: s.cookie }), { id: notice.id, eventId })
    expect(list.data.attendees.map((r: { organisation: string }) => r.organisation)).toEqual([winner.organisation.name])
    const csvRoute = await import('~/routes/staff.pipeline.$id_.events_.$eventId.attendees[.]csv')
    const csv = await call(csvRoute.loader, request(`/staff/pipeline/${notice.id}/events/${eventId}/attendees.csv`, { cookie: s.cookie }), { id: notice.id, eventId })
    expect(csv.text.split('\r\n')[0]).toBe('organisation,bookedBy,email,bookedAt')
    expect(csv.text).toContain(`${winner.organisation.name},${winner.actor.name},${winner.actor.email}`)
    const denied = await call(csvRoute.loader, request(`/staff/pipeline/${notice.id}/events/${eventId}/attendees.csv`, { cookie: winner.cookie }), { id: notice.id, eventId })
    expect(denied.status).toBe(403)
  })

  test('one place per organisation; a colleague can cancel it, which frees it; a closed notice takes no bookings', async () => {
    const s = await makeUser({ role: 'staff' })
    const notice = await publishedNotice(s.actor, eastMidlands())
    await addEventByForm(s.cookie, notice.id, { ...EVENT_FORM, capacity: '5' })
    const eventId = await latestEventId(notice.id)
    const a = await member('Cai')
    const a2 = await colleague(a, 'Cai’s colleague')
    await bookPlace(a.actor, notice.id, eventId, a.organisation.id)
    await expect(bookPlace(a2.actor, notice.id, eventId, a.organisation.id)).rejects.toThrow(`${a.organisation.name} already has a place at this event`)
    const route = await import('~/routes/pipeline.$slug_.events.$eventId')
    const params = { slug: notice.slug, eventId }
    const page = await call(route.loader, request(`/pipeline/${notice.slug}/events/${eventId}`, { cookie: a2.cookie }), params)
    expect(page.data.mine).toEqual([{ organisationId: a.organisation.id, organisation: a.organisation.name, bookedBy: 'Cai' }])
    expect(page.data.event.onlineUrl).toBe('https://meet.example.org/briefing')
    const visitor = await call(route.loader, request(`/pipeline/${notice.slug}/events/${eventId}`), params)
    expect(visitor.data.event.onlineUrl).toBe('')
    const cancelled = await call(route.action, request(`/pipeline/${notice.slug}/events/${eventId}`, { cookie: a2.cookie, form: { intent: 'cancel', organisationId: a.organisation.id } }), params)
    expect(cancelled.status).toBe(302)
    // The stale second click finds the place already gone.
    const again = await call(route.action, request(`/pipeline/${notice.slug}/events/${eventId}`, { cookie: a.cookie, form: { intent: 'cancel', organisationId: a.organisation.id } }), params)
    expect(again.data.errors.form).toMatch(/has no place at this event; a colleague may have cancelled it already/)
    expect((await getEvent(notice.id, eventId))!.taken).toBe(0)
    const told = await db.select({ to: mailDeliveries.toAddress }).from(mailDeliveries).where(like(mailDeliveries.idempotencyKey, 'pipeline-event-place-cancelled:%'))
    expect(told.map((t) => t.to)).toEqual(expect.arrayContaining([a.actor.email, a2.actor.email]))

    await changeStatus(s.actor, notice.id, 'cancelled')
    const error = await bookPlace(a.actor, notice.id, eventId, a.organisation.id).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RuleError)
    expect((error as RuleError).message).toBe('This notice is closed, so places can no longer be booked')
  })

  test('staff change the time: a stale form is refused, and attendees get an updated calendar file; cancelling tells them too', async () => {
    const s = await makeUser({ role: 'staff' })
    const other = await makeUser({ role: 'staff' })
    const notice = await publishedNotice(s.actor, eastMidlands())
    await addEventByForm(s.cookie, notice.id, { ...EVENT_FORM, capacity: '5' })
    const eventId = await latestEventId(notice.id)
    const a = await member('Dana')
    await bookPlace(a.actor, notice.id, eventId, a.organisation.id)
    const route = await import('~/routes/staff.pipeline.$id_.events_.$eventId')
    const params = { id: notice.id, eventId }
    const path = `/staff/pipeline/${notice.id}/events/${eventId}`
    const first = await call(route.action, request(path, { cookie: s.cookie, form: { ...EVENT_FORM, capacity: '5', 'startsAt-time': '10:00', version: '0' } }), params)
    expect(first.status).toBe(302)
    const stale = await call(route.action, request(path, { cookie: other.cookie, form: { ...EVENT_FORM, capacity: '6', version: '0' } }), params)
    expect(stale.status).toBe(400)
    expect(stale.data.errors.form).toMatch(/^A colleague changed this event at .* after you opened it/)
    expect(stale.data.values).toMatchObject({ capacity: '6', version: '1' })
    const changed = await db
      .select()
      .from(mailDeliveries)
      .where(and(eq(mailDeliveries.toAddress, a.actor.email), like(mailDeliveries.idempotencyKey, 'pipeline-event-changed:%')))
    expect(changed).toHaveLength(1)
    expect(changed[0]!.attachments[0]!.content).toMatch(/SEQUENCE:1\r\n[\s\S]*DTSTART:\d{4}0129T100000Z/)
    const cancel = await call(route.action, request(path, { cookie: other.cookie, form: { intent: 'cancel' } }), params)
    expect(cancel.status).toBe(302)
    const [gone] = await db
      .select()
      .from(mailDeliveries)
      .where(and(eq(mailDeliveries.toAddress, a.actor.email), like(mailDeliveries.idempotencyKey, 'pipeline-event-cancelled:%')))
    expect(gone!.attachments[0]!.content).toContain('METHOD:CANCEL')
    expect(gone!.attachments[0]!.content).toContain('STATUS:CANCELLED')
    await expect(bookPlace(a.actor, notice.id, eventId, a.organisation.id)).rejects.toThrow('This event has been cancelled')
  })
})

describe('clarification questions', () => {
  test('a question to a notice past its deadline is refused on the page with the question kept', async () => {
    const s = await makeUser({ role: 'staff' })
    const notice = await publishedNotice(s.actor, eastMidlands())
    for (const status of ['market_engagement', 'tender_published', 'evaluation'] as const) await changeStatus(s.actor, notice.id, status)
    const a = await member('Eli')
    const route = await import('~/routes/pipeline.$slug_.questions')
    const typed = 'Will the lots be drawn by contract package area?'
    const refused = await call(route.action, request(`/pipeline/${notice.slug}/questions`, { cookie: a.cookie, form: { question: typed } }), { slug: notice.slug })
    expect(refused.status).toBe(400)
    expect(refused.data.errors).toEqual({ question: 'The deadline for clarification questions on this notice has passed: bids are being evaluated' })
    expect(refused.data.values.question).toBe(typed)
    const empty = await call(route.action, request(`/pipeline/${notice.slug}/questions`, { cookie: a.cookie, form: { question: '  ' } }), { slug: notice.slug })
    expect(empty.data.errors).toEqual({ question: 'Enter your question' })
  })

  test('staff publish a reworded question with its answer; subscribers and the asker are emailed; nothing public identifies the asker', async () => {
    const s = await makeUser({ role: 'staff' })
    const notice = await publishedNotice(s.actor, eastMidlands())
    const asker = await member('Farah Quinlan')
    const subscriber = await makeUser({ name: 'Sub Scriber' })
    const { saveSearch } = await import('~/modules/pipeline/alerts.server')
    await saveSearch(subscriber.user!.id, { name: 'East Midlands', filters: { q: 'East Midlands' }, frequency: 'instant' })
    const ask = await import('~/routes/pipeline.$slug_.questions')
    const original = `We are ${asker.organisation.name} in Leicester; can our 3 existing sites count towards the coverage rule?`
    const sent = await call(ask.action, request(`/pipeline/${notice.slug}/questions`, { cookie: asker.cookie, form: { question: original } }), { slug: notice.slug })
    expect(sent.status).toBe(302)

    const list = await import('~/routes/staff.pipeline.questions._index')
    const waiting = await call(list.loader, request('/staff/pipeline/questions', { cookie: s.cookie }))
    const item = waiting.data.questions.find((q: { question: string }) => q.question === original)
    expect(item).toBeTruthy()
    const { pipelineEngagementStaffBlock } = await import('~/modules/pipeline/blocks.server')
    expect((await pipelineEngagementStaffBlock({ signedIn: true }))!.figures![0]!.value).toBeGreaterThanOrEqual(1)

    const answerRoute = await import('~/routes/staff.pipeline.questions.$questionId')
    const path = `/staff/pipeline/questions/${item.id}`
    const blank = await call(answerRoute.action, request(path, { cookie: s.cookie, form: { publishedQuestion: 'Can existing sites count towards coverage?', answer: '' } }), { questionId: item.id })
    expect(blank.data.errors).toEqual({ answer: 'Enter the answer' })
    expect(blank.data.values.publishedQuestion).toBe('Can existing sites count towards coverage?')
    const form = { publishedQuestion: 'Can existing sites count towards coverage?', answer: 'Yes, if they are open at least three days a week.' }
    const [first, second] = await Promise.all([
      call(answerRoute.action, request(path, { cookie: s.cookie, form }), { questionId: item.id }),
      call(answerRoute.action, request(path, { cookie: (await makeUser({ role: 'staff' })).cookie, form: { ...form, answer: 'No.' } }), { questionId: item.id }),
    ])
    expect([first.status, second.status].sort()).toEqual([302, 400])
    expect([first, second].find((r) => r.status === 400)!.data.errors.form).toMatch(/^This question was published at .* by a colleague; it has not been changed$/)

    const mail = await db
      .select()
      .from(mailDeliveries)
      .where(like(mailDeliveries.idempotencyKey, `pipeline-question-answered:${item.id}:%`))
    expect(mail.map((m) => m.toAddress).sort()).toEqual([asker.actor.email, subscriber.user!.email].sort())
    expect(mail.find((m) => m.toAddress === subscriber.user!.email)!.textBody).toContain('Answer: Yes, if they are open at least three days a week.')

    // Be the insider: everything public about the notice, joined together, holds the published wording and never the asker.
    const page = await import('~/routes/pipeline.$slug')
    const loaded = await call(page.loader, request(`/pipeline/${notice.slug}`), { slug: notice.slug })
    expect(loaded.data.questions).toEqual([{ id: item.id, question: form.publishedQuestion, answer: form.answer, publishedAt: expect.anything() }])
    const publicText = [loaded.text]
    for (const [file, url] of [
      ['~/routes/pipeline.$slug_.notice[.]json', `/pipeline/${notice.slug}/notice.json`],
      ['~/routes/pipeline.$slug_.notice[.]csv', `/pipeline/${notice.slug}/notice.csv`],
      ['~/routes/pipeline.$slug_.ocds[.]json', `/pipeline/${notice.slug}/ocds.json`],
      ['~/routes/pipeline.feed[.]atom', '/pipeline/feed.atom'],
      ['~/routes/pipeline[.]json', '/pipeline.json'],
    ] as const) {
      const route = (await import(/* @vite-ignore */ file)) as { loader: unknown }
      publicText.push((await call(route.loader, request(url), { slug: notice.slug })).text)
    }
    const everything = publicText.join('\n')
    expect(everything).toContain('Clarification questions')
    for (const secret of [asker.actor.email, asker.actor.name, asker.actor.id, asker.organisation.name, asker.organisation.id, asker.organisation.slug, 'Leicester', original]) {
      expect(everything).not.toContain(secret)
    }
  })
})

describe('personal data', () => {
  test('a booked place and an asked question are in the person’s data download; deleting the account leaves the organisation its place, naming no one', async () => {
    const s = await makeUser({ role: 'staff' })
    const notice = await publishedNotice(s.actor, eastMidlands())
    await addEventByForm(s.cookie, notice.id, { ...EVENT_FORM, capacity: '5' })
    const eventId = await latestEventId(notice.id)
    const dana = await member('Dana Okafor')
    const eli = await member('Eli Stone')
    await bookPlace(dana.actor, notice.id, eventId, dana.organisation.id)
    await bookPlace(eli.actor, notice.id, eventId, eli.organisation.id)
    await askQuestion(dana.actor, notice.id, 'Will the lots follow county lines?')

    const { exportPersonalData, deletionStatements } = await import('~/modules/accounts/personal-data.server')
    const data = (await exportPersonalData(dana.actor.id)) as Record<string, unknown> & { otherRecords?: Record<string, unknown> }
    expect(data.eventPlaces).toEqual([
      {
        event: EVENT_FORM.title,
        startsAt: expect.any(Date),
        endsAt: expect.any(Date),
        place: EVENT_FORM.place,
        cancelledAt: null,
        notice: notice.title,
        reference: notice.reference,
        organisation: dana.organisation.name,
        bookedAt: expect.any(Date),
      },
    ])
    expect(data.clarificationQuestions).toEqual([{ notice: notice.title, reference: notice.reference, question: 'Will the lots follow county lines?', askedAt: expect.any(Date), publishedAt: null }])
    expect(data.otherRecords?.pipeline_event_places).toBeUndefined()
    expect(data.otherRecords?.pipeline_questions).toBeUndefined()
    // Only the person's own: the other organisation's place is not in it.
    expect(JSON.stringify(data)).not.toContain(eli.organisation.name)
    expect(await deletionStatements()).toContain('Places you booked at market engagement events stay your organisation’s, without your name.')

    const { deleteAccount } = await import('~/modules/accounts/accounts.server')
    expect(await deleteAccount(dana.actor.id, TEST_PASSWORD)).toEqual({ ok: true })
    // The organisation keeps its place; staff's list and its export name no one for it.
    const staffPage = await import('~/routes/staff.pipeline.$id_.events_.$eventId')
    const list = await call(staffPage.loader, request(`/staff/pipeline/${notice.id}/events/${eventId}`, { cookie: s.cookie }), { id: notice.id, eventId })
    expect(list.data.attendees.map((a: { organisation: string; name: string | null }) => [a.organisation, a.name])).toEqual([
      [dana.organisation.name, null],
      [eli.organisation.name, 'Eli Stone'],
    ])
    const csvRoute = await import('~/routes/staff.pipeline.$id_.events_.$eventId.attendees[.]csv')
    const csv = await call(csvRoute.loader, request(`/staff/pipeline/${notice.id}/events/${eventId}/attendees.csv`, { cookie: s.cookie }), { id: notice.id, eventId })
    expect(csv.text).toContain(`${dana.organisation.name},,,`)
    // Be the insider: every row about the event and the questions, joined with what is left of the people, finds nothing of her.
    const rows = await db.execute(sql`
      select p.*, u.name, u.email from pipeline_event_places p left join users u on u.id = p.user_id
      union all select q.id, q.notice_id, null, q.asked_by_id, q.created_at, u.name, u.email from pipeline_questions q left join users u on u.id = q.asked_by_id`)
    const everything = JSON.stringify([...rows, ...(await db.select().from(mailDeliveries))])
    for (const trace of [dana.actor.id, dana.actor.email, 'Dana Okafor']) expect(everything).not.toContain(trace)
  })
})

describe('interest between organisations', () => {
  const answers = { role: 'prime', seekingPartners: 'yes', capabilitiesOffered: 'case-management', capabilitiesSought: 'supply-chain-management', note: '' }

  test('interest is changed and withdrawn; a colleague’s stale form is refused and undoes nothing', async () => {
    const s = await makeUser({ role: 'staff' })
    const notice = await publishedNotice(s.actor, eastMidlands())
    const a = await member('Gita')
    const a2 = await colleague(a, 'Gita’s colleague')
    const register = await import('~/routes/pipeline.$slug_.interest')
    const made = await call(register.action, request(`/pipeline/${notice.slug}/interest`, { cookie: a.cookie, form: { ...answers, organisationId: a.organisation.id } }), { slug: notice.slug })
    expect(made.status).toBe(302)
    const page = await import('~/routes/pipeline.$slug')
    const mine = (await call(page.loader, request(`/pipeline/${notice.slug}`, { cookie: a2.cookie }), { slug: notice.slug })).data.mine
    const interestId = mine[0].id as string
    const route = await import('~/routes/pipeline.$slug_.interest_.$interestId')
    const params = { slug: notice.slug, interestId }
    const path = `/pipeline/${notice.slug}/interest/${interestId}`
    const opened = await call(route.loader, request(path, { cookie: a2.cookie }), params)
    expect(opened.data.interest).toMatchObject({ version: 0, role: 'prime', seekingPartners: true })

    // Both open the form at version 0; Gita saves first, then her colleague's save and withdrawal are refused.
    const saved = await call(route.action, request(path, { cookie: a.cookie, form: { ...answers, role: 'subcontractor', version: '0' } }), params)
    expect(saved.status).toBe(302)
    const stale = await call(route.action, request(path, { cookie: a2.cookie, form: { ...answers, seekingPartners: 'no', version: '0' } }), params)
    expect(stale.status).toBe(409)
    expect(stale.data.errors.form).toMatch(/^A colleague changed Gita’s organisation’s interest at .* after you opened this page/)
    const staleWithdraw = await call(route.action, request(path, { cookie: a2.cookie, form: { intent: 'withdraw', version: '0' } }), params)
    expect(staleWithdraw.status).toBe(409)
    const now = await call(route.loader, request(path, { cookie: a2.cookie }), params)
    expect(now.data.interest).toMatchObject({ version: 1, role: 'subcontractor', seekingPartners: true })

    const withdrawn = await call(route.action, request(path, { cookie: a2.cookie, form: { intent: 'withdraw', version: '1' } }), params)
    expect(withdrawn.status).toBe(302)
    const told = await db
      .select({ to: mailDeliveries.toAddress })
      .from(mailDeliveries)
      .where(like(mailDeliveries.idempotencyKey, `pipeline-interest-withdrawn:${interestId}:%`))
    expect(told.map((t) => t.to).sort()).toEqual([a.actor.email, a2.actor.email].sort())
    const late = await call(route.action, request(path, { cookie: a.cookie, form: { ...answers, version: '1' } }), params)
    expect(late.status).toBe(400)
    expect(late.data.errors.form).toBe('Your organisation’s interest in this notice has been withdrawn, perhaps by a colleague')
    expect((await call(route.loader, request(path, { cookie: a.cookie }), params)).data.interest).toBeNull()
  })

  test('a partner request is sent, then declined or accepted once, with an email to the right organisation at each step', async () => {
    const s = await makeUser({ role: 'staff' })
    const notice = await publishedNotice(s.actor, eastMidlands())
    const [a, b, c] = [await member('Hana'), await member('Ivo'), await member('Jude')]
    const b2 = await colleague(b, 'Ivo’s colleague')
    const register = await import('~/routes/pipeline.$slug_.interest')
    for (const who of [a, b, c]) {
      await call(register.action, request(`/pipeline/${notice.slug}/interest`, { cookie: who.cookie, form: { ...answers, organisationId: who.organisation.id } }), { slug: notice.slug })
    }
    const partners = await import('~/routes/pipeline.$slug_.partners')
    const params = { slug: notice.slug }
    const path = `/pipeline/${notice.slug}/partners`
    const view = async (who: typeof a) => (await call(partners.loader, request(path, { cookie: who.cookie }), params)).data
    const interestOf = async (who: typeof a) => (await view(who)).myInterestId as string
    for (const from of [a, c]) {
      const sent = await call(
        partners.action,
        request(path, { cookie: from.cookie, form: { fromInterestId: await interestOf(from), toInterestId: await interestOf(b), message: 'Shall we talk?' } }),
        params,
      )
      expect(sent.status).toBe(302)
    }
    const sentMail = await db
      .select({ to: mailDeliveries.toAddress, subject: mailDeliveries.subject })
      .from(mailDeliveries)
      .where(like(mailDeliveries.subject, `Hana’s organisation would like to partner on %`))
    expect(sentMail.map((m) => m.to).sort()).toEqual([b.actor.email, b2.actor.email].sort())

    const incoming = (await view(b)).incoming as Array<{ id: string; from: string }>
    const fromA = incoming.find((r) => r.from === a.organisation.name)!
    const fromC = incoming.find((r) => r.from === c.organisation.name)!
    // Ivo declines Hana's request while his colleague, on a page opened earlier, accepts it: the first answer stands.
    const declined = await call(partners.action, request(path, { cookie: b.cookie, form: { intent: 'decline', requestId: fromA.id } }), params)
    expect(declined.status).toBe(302)
    const clash = await call(partners.action, request(path, { cookie: b2.cookie, form: { intent: 'accept', requestId: fromA.id } }), params)
    expect(clash.status).toBe(400)
    expect(clash.data.errors.form).toBe('A colleague has already declined this request; it has not been changed')
    expect((await view(a)).contacts).toEqual([])
    expect((await view(a)).partners.find((p: { organisation: { name: string } }) => p.organisation.name === b.organisation.name).asked.declinedAt).toBeTruthy()

    await call(partners.action, request(path, { cookie: b2.cookie, form: { intent: 'accept', requestId: fromC.id } }), params)
    expect((await view(c)).contacts[0].organisation).toBe(b.organisation.name)
    const answered = await db.select({ to: mailDeliveries.toAddress, key: mailDeliveries.idempotencyKey }).from(mailDeliveries).where(like(mailDeliveries.idempotencyKey, 'pipeline-contact-%ed:%'))
    expect(answered.filter((m) => m.key.includes(fromA.id)).map((m) => [m.key.split(':')[0], m.to])).toEqual([['pipeline-contact-declined', a.actor.email]])
    expect(answered.filter((m) => m.key.includes(fromC.id)).map((m) => [m.key.split(':')[0], m.to])).toEqual([['pipeline-contact-accepted', c.actor.email]])
  })
})

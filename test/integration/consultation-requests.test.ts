import { readdirSync } from 'node:fs'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { publishOutcome, saveOutcome } from '~/modules/consultations/analysis.server'
import { listRequests, markRequestHandled, recordRequest, requestCounts, REQUESTS_PAGE_SIZE } from '~/modules/consultations/requests.server'
import * as accessibleFormat from '~/routes/consultations.$slug.accessible-format'
import * as processFeedback from '~/routes/consultations.$slug.feedback'
import * as staffIndex from '~/routes/staff.consultations.$id._index'
import * as staffRequests from '~/routes/staff.consultations.$id.requests'
import { auditEvents, consultationRequests, consultations, mailDeliveries } from '~db/schema'
import { closeConsultation, makeOpenConsultation } from '../support/consultations'
import { makeUser, request } from '../support/users'
import { call } from '../support/routes'

type Args = { request: Request; params: Record<string, string>; context: never }
type Handler = (args: Args) => unknown

const PERSON = { name: 'Rowan Quillfeather', email: 'rowan.quillfeather@example.com', message: 'Please send a Braille copy to my home address, 12 Lark Lane.' }

async function formPost(route: { action: Handler }, slug: string, path: string, form: Record<string, string>, cookie?: string) {
  return call(route.action, request(`/consultations/${slug}/${path}`, { form, cookie }), { slug })
}

describe('the public help and feedback forms', () => {
  test('one form serves both: each keeps its wording, validation and acknowledgement email', async () => {
    const c = await makeOpenConsultation()
    const emptyFormat = await formPost(accessibleFormat, c.slug, 'accessible-format', { name: '', email: 'not-an-address', message: ' ' })
    expect(emptyFormat.status).toBe(400)
    expect((emptyFormat.data as { errors: Record<string, string> }).errors).toEqual({
      name: 'Enter your name',
      email: 'Enter an email address in the correct format, like name@example.com',
      message: 'Tell us what you need',
    })
    expect((emptyFormat.data as { values: Record<string, string> }).values.email).toBe('not-an-address')
    const emptyFeedback = await formPost(processFeedback, c.slug, 'feedback', { name: 'Sam', email: 'sam@example.com', message: '' })
    expect((emptyFeedback.data as { errors: Record<string, string> }).errors).toEqual({ message: 'Enter your feedback' })
    const badFormat = await formPost(accessibleFormat, c.slug, 'accessible-format', { ...PERSON, format: 'smoke-signals' })
    expect((badFormat.data as { errors: Record<string, string> }).errors).toEqual({ format: 'Select a format from the list' })
    expect(await db.select().from(consultationRequests)).toEqual([])

    expect((await formPost(accessibleFormat, c.slug, 'accessible-format', { ...PERSON, format: 'braille' })).data).toMatchObject({ ok: true })
    // The feedback form asks no format; one slipped into the post is not kept.
    expect((await formPost(processFeedback, c.slug, 'feedback', { ...PERSON, message: 'The deadline was too short.', format: 'audio' })).data).toMatchObject({ ok: true })
    const rows = await db.select().from(consultationRequests).orderBy(consultationRequests.kind)
    expect(rows.map((r) => [r.kind, r.format, r.handledAt])).toEqual([
      ['process_feedback', null, null],
      ['accessible_format', 'braille', null],
    ])
    const mail = await db.select().from(mailDeliveries).where(eq(mailDeliveries.toAddress, PERSON.email))
    expect(mail.map((m) => m.subject).sort()).toEqual([`We have received your feedback on how we consult: ${c.title}`, `We have received your request for an accessible format: ${c.title}`])
    expect(mail.find((m) => m.subject.includes('accessible format'))!.textBody).toContain('We will reply within 5 working days.')
    expect(mail.find((m) => m.subject.includes('feedback'))!.textBody).toContain('The consultation coordinator reads all feedback.')
  })

  test('a signed-in person sees their own name and address offered; a visitor sees none; a draft is not found', async () => {
    const c = await makeOpenConsultation()
    const member = await makeUser({ name: 'Morgan Member' })
    const signedIn = await call(accessibleFormat.loader as Handler, request(`/consultations/${c.slug}/accessible-format`, { cookie: member.cookie }), { slug: c.slug })
    expect(signedIn.data).toMatchObject({ name: 'Morgan Member', email: member.user.email })
    await recordRequest(c, 'accessible_format', { ...PERSON, userId: member.user.id })
    const visitor = await call(processFeedback.loader as Handler, request(`/consultations/${c.slug}/feedback`), { slug: c.slug })
    expect(visitor.data).toMatchObject({ name: '', email: '' })
    await db.update(consultations).set({ status: 'draft' }).where(eq(consultations.id, c.id))
    expect((await formPost(processFeedback, c.slug, 'feedback', PERSON)).status).toBe(404)
  })

  test('what people send never appears on a public page', async () => {
    const staff = await makeUser({ role: 'staff' })
    const open = await makeOpenConsultation(staff.user)
    await recordRequest(open, 'accessible_format', { ...PERSON, format: 'braille', userId: null })
    await recordRequest(open, 'process_feedback', { ...PERSON, message: 'Rowan thinks twelve weeks is too short.', userId: null })
    // Closed with an outcome, so the outcome and published-response pages have something to show.
    const closed = await closeConsultation(open.id)
    await saveOutcome(staff.user, closed, { intro: 'We listened.', perQuestion: {} })
    await db.transaction(async (tx) => publishOutcome(tx, staff.user, (await db.select().from(consultations).where(eq(consultations.id, open.id)))[0]))

    const routesDir = path.resolve('app/routes')
    const publicRoutes = readdirSync(routesDir).filter((f) => /^(consultations|_index)/.test(f) && !f.includes('$id') && !f.includes('$token'))
    expect(publicRoutes.length).toBeGreaterThan(8)
    const member = await makeUser()
    for (const file of publicRoutes) {
      const mod = (await import(/* @vite-ignore */ path.join(routesDir, file))) as { loader?: Handler }
      if (!mod.loader) continue
      // These loaders read the consultation from the slug parameter, not the path.
      const url = `/consultations/${open.slug}`
      for (const cookie of [undefined, member.cookie]) {
        const page = await call(mod.loader, request(url, { cookie }), { slug: open.slug })
        expect(page.status, `${file} answers`).toBeLessThan(500)
        for (const secret of [PERSON.name, PERSON.email, 'Lark Lane', 'twelve weeks is too short']) expect(page.text, `${file} shows ${secret}`).not.toContain(secret)
      }
    }
  })
})

describe('the staff list of requests', () => {
  test('lists each kind separately, waiting first then newest, in pages; counts each kind', async () => {
    const c = await makeOpenConsultation()
    const other = await makeOpenConsultation(null, { title: 'Another consultation' })
    const made = []
    for (let i = 0; i < REQUESTS_PAGE_SIZE + 3; i++) made.push(await recordRequest(c, 'accessible_format', { ...PERSON, name: `Person ${i}`, email: `person-${i}@example.com`, userId: null }))
    // Each from its own address: one inbox gets at most a few acknowledgements an hour.
    await recordRequest(c, 'process_feedback', { ...PERSON, email: 'feedback@example.com', message: 'Feedback', userId: null })
    await recordRequest(other, 'accessible_format', { ...PERSON, email: 'other@example.com', userId: null })
    // The oldest request is handled: it sinks below every waiting one.
    const staff = await makeUser({ role: 'staff' })
    expect(await markRequestHandled(staff.user, c.id, made[0].id)).toBe(true)

    const first = await listRequests(c.id, 'accessible_format')
    expect(first.total).toBe(REQUESTS_PAGE_SIZE + 3)
    expect(first.pageCount).toBe(2)
    expect(first.rows).toHaveLength(REQUESTS_PAGE_SIZE)
    expect(first.rows.every((r) => r.handledAt === null)).toBe(true)
    const second = await listRequests(c.id, 'accessible_format', { page: 2 })
    expect(second.rows).toHaveLength(3)
    expect(second.rows.at(-1)).toMatchObject({ id: made[0].id, handledBy: 'Test Person' })
    const ids = [...first.rows, ...second.rows].map((r) => r.id)
    expect(new Set(ids).size).toBe(REQUESTS_PAGE_SIZE + 3)
    expect((await listRequests(c.id, 'process_feedback')).rows.map((r) => r.message)).toEqual(['Feedback'])
    expect(await requestCounts(c.id)).toEqual({ accessible_format: { total: REQUESTS_PAGE_SIZE + 3, waiting: REQUESTS_PAGE_SIZE + 2 }, process_feedback: { total: 1, waiting: 1 } })
  })

  test('marking a request handled is recorded once in the audit log, without the person’s details, and only for its own consultation', async () => {
    const c = await makeOpenConsultation()
    const other = await makeOpenConsultation(null, { title: 'Another consultation' })
    const request = await recordRequest(c, 'accessible_format', { ...PERSON, format: 'braille', userId: null })
    const staff = await makeUser({ role: 'staff' })
    const colleague = await makeUser({ role: 'staff', name: 'Second Staff' })
    expect(await markRequestHandled(staff.user, other.id, request.id)).toBe(false)
    expect(await markRequestHandled(staff.user, c.id, 'not-a-uuid')).toBe(false)
    expect(await markRequestHandled(staff.user, c.id, request.id)).toBe(true)
    expect(await markRequestHandled(colleague.user, c.id, request.id)).toBe(false)
    const [row] = await db.select().from(consultationRequests).where(eq(consultationRequests.id, request.id))
    expect(row.handledById).toBe(staff.user.id)
    expect(row.handledAt).toBeInstanceOf(Date)
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'consultation.request.handled'), eq(auditEvents.subjectId, request.id)))
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actorId: staff.user.id, subjectType: 'consultation_request', after: { consultationId: c.id, kind: 'accessible_format' } })
    expect(JSON.stringify(audit[0])).not.toMatch(/Rowan|quillfeather|Lark Lane/i)
  })

  test('the page and its action are staff only; staff see who asked, how to reach them, the format and when, and mark it handled', async () => {
    const c = await makeOpenConsultation()
    const asked = await recordRequest(c, 'accessible_format', { ...PERSON, format: 'braille', userId: null })
    await recordRequest(c, 'process_feedback', { ...PERSON, message: 'Too short.', userId: null })
    const url = `/staff/consultations/${c.id}/requests`
    const params = { id: c.id }
    const member = await makeUser()
    const staff = await makeUser({ role: 'staff' })
    const visitorView = await call(staffRequests.loader as Handler, request(url), params)
    expect(visitorView.status).toBe(302)
    expect(visitorView.location).toMatch(/^\/sign-in/)
    expect((await call(staffRequests.loader as Handler, request(url, { cookie: member.cookie }), params)).status).toBe(403)
    expect((await call(staffRequests.action as Handler, request(url, { cookie: member.cookie, form: { requestId: asked.id } }), params)).status).toBe(403)
    expect((await call(staffRequests.action as Handler, request(url, { form: { requestId: asked.id } }), params)).status).toBe(302)
    expect((await db.select().from(consultationRequests).where(eq(consultationRequests.id, asked.id)))[0].handledAt).toBeNull()

    const view = await call(staffRequests.loader as Handler, request(url, { cookie: staff.cookie }), params)
    expect(view.data).toMatchObject({
      kind: 'accessible_format',
      total: 1,
      counts: { accessible_format: { total: 1, waiting: 1 }, process_feedback: { total: 1, waiting: 1 } },
      rows: [{ id: asked.id, name: PERSON.name, email: PERSON.email, format: 'braille', message: PERSON.message, handledAt: null }],
    })
    const feedback = await call(staffRequests.loader as Handler, request(`${url}?kind=feedback`, { cookie: staff.cookie }), params)
    expect(feedback.data).toMatchObject({ kind: 'process_feedback', rows: [{ message: 'Too short.' }] })

    const marked = await call(staffRequests.action as Handler, request(`${url}?page=1`, { cookie: staff.cookie, form: { requestId: asked.id } }), params)
    expect(marked).toMatchObject({ status: 302, location: `${url}?page=1&handled=1` })
    const index = await call(staffIndex.loader as Handler, request(`/staff/consultations/${c.id}`, { cookie: staff.cookie }), params)
    expect(index.data).toMatchObject({ requests: { accessible_format: { total: 1, waiting: 0 }, process_feedback: { total: 1, waiting: 1 } } })
  })
})

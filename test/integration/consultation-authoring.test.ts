import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { startResponse } from '~/modules/consultations/responses.server'
import { getStructure } from '~/modules/questionnaires/structure.server'
import * as confirm from '~/routes/staff.consultations.$id.confirm'
import { auditEvents, consultations, questionnaires } from '~db/schema'
import { individual, makeDraftConsultation } from '../support/consultations'
import { makeUser, request } from '../support/users'
import { args, outcome } from '../support/routes'

describe('authoring that matches the timeline', () => {
  test('removing a question asks first, and a second removal from a stale page is refused on the page', async () => {
    const staff = await makeUser({ role: 'staff' })
    const c = await makeDraftConsultation(staff.user)
    const q1 = (await getStructure(db, c.questionnaireId))!.questions[0]
    const url = `/staff/consultations/${c.id}/confirm?step=remove-question&target=${q1.id}`
    const page = (await confirm.loader(args(request(url, { cookie: staff.cookie }), { id: c.id }))) as { removal: { title: string } }
    expect(page.removal.title).toBe('Q1: What do you think?')
    // Visiting the page changes nothing.
    expect((await getStructure(db, c.questionnaireId))!.questions).toHaveLength(3)
    expect(await outcome(confirm.action(args(request(url, { cookie: staff.cookie, form: {} }), { id: c.id })))).toMatchObject({ status: 302, location: `/staff/consultations/${c.id}` })
    expect((await getStructure(db, c.questionnaireId))!.questions.map((q) => q.text)).toEqual(['Which?', 'Do you agree?'])
    const again = await outcome(confirm.action(args(request(url, { cookie: staff.cookie, form: {} }), { id: c.id })))
    expect(again.status).toBe(409)
    expect((again.data as { errors: Record<string, string> }).errors.confirm).toBe('That question has already been removed')
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, 'consultation.questions.remove-question'))).toHaveLength(1)
    const member = await makeUser()
    expect((await outcome(confirm.action(args(request(url, { cookie: member.cookie, form: {} }), { id: c.id })))).status).toBe(403)
  })

  test('an upcoming consultation keeps its questions and dates open to change until someone responds; it can go back to draft, and a never-published draft can be deleted', async () => {
    const staff = await makeUser({ role: 'staff' })
    const c = await makeDraftConsultation(staff.user)
    await db.update(consultations).set({ opensAt: new Date(Date.now() + 86_400_000) }).where(eq(consultations.id, c.id))
    const publish = `/staff/consultations/${c.id}/confirm?step=publish`
    expect(await outcome(confirm.action(args(request(publish, { cookie: staff.cookie, form: {} }), { id: c.id })))).toMatchObject({ status: 302, location: `/staff/consultations/${c.id}` })
    const [q] = await db.select().from(questionnaires).where(eq(questionnaires.id, c.questionnaireId))
    expect(q.lockedAt).toBeNull()

    const unpublish = `/staff/consultations/${c.id}/confirm?step=unpublish`
    expect((await outcome(confirm.action(args(request(unpublish, { cookie: staff.cookie, form: {} }), { id: c.id })))).status).toBe(302)
    const [draft] = await db.select().from(consultations).where(eq(consultations.id, c.id))
    expect(draft.status).toBe('draft')
    // Published once, so it is kept rather than deleted.
    const refused = await outcome(confirm.action(args(request(`/staff/consultations/${c.id}/confirm?step=delete`, { cookie: staff.cookie, form: {} }), { id: c.id })))
    expect(refused.status).toBe(409)

    // Open, the first response freezes the wording and it can no longer go back to draft.
    await confirm.action(args(request(publish, { cookie: staff.cookie, form: {} }), { id: c.id }))
    await db.update(consultations).set({ opensAt: new Date(Date.now() - 1000) }).where(eq(consultations.id, c.id))
    const [open] = await db.select().from(consultations).where(eq(consultations.id, c.id))
    await startResponse(open, null, individual())
    const [locked] = await db.select().from(questionnaires).where(eq(questionnaires.id, c.questionnaireId))
    expect(locked.lockedAt).not.toBeNull()
    const late = await outcome(confirm.action(args(request(unpublish, { cookie: staff.cookie, form: {} }), { id: c.id })))
    expect((late.data as { errors: Record<string, string> }).errors.confirm).toBe('Only a consultation that has not opened yet can be taken back to draft')

    const fresh = await makeDraftConsultation(staff.user, { title: 'Never published' })
    expect(await outcome(confirm.action(args(request(`/staff/consultations/${fresh.id}/confirm?step=delete`, { cookie: staff.cookie, form: {} }), { id: fresh.id })))).toMatchObject({ status: 302 })
    expect(await db.select().from(consultations).where(eq(consultations.id, fresh.id))).toEqual([])
  })
})

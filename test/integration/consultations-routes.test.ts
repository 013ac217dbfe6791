import { describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import * as staffIndex from '~/routes/staff.consultations.$id._index'
import * as staffExport from '~/routes/staff.consultations.$id.export[.]csv'
import * as section from '~/routes/consultations.$slug.response.$id.section.$n'
import * as check from '~/routes/consultations.$slug.response.$id.check'
import * as publicPage from '~/routes/consultations.$slug._index'
import { accessResponse, startResponse } from '~/modules/consultations/responses.server'
import { createConsultation } from '~/modules/consultations/consultations.server'
import { fieldName } from '~/modules/questionnaires/questions'
import { getStructure } from '~/modules/questionnaires/structure.server'
import { closeConsultation, makeOpenConsultation } from '../support/consultations'
import { makeUser, request } from '../support/users'

const args = (req: Request, params: Record<string, string>) => ({ request: req, params, context: {} as never })

async function status(promise: Promise<unknown>) {
  try {
    const result = await promise
    return result instanceof Response ? result.status : ((result as { init?: { status?: number } })?.init?.status ?? 200)
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}

describe('consultation routes', () => {
  test('staff pages and exports refuse members', async () => {
    const c = await makeOpenConsultation()
    const member = await makeUser()
    expect(await status(staffIndex.loader(args(request(`/staff/consultations/${c.id}`, { cookie: member.cookie }), { id: c.id })))).toBe(403)
    expect(await status(staffExport.loader(args(request(`/staff/consultations/${c.id}/export.csv`, { cookie: member.cookie }), { id: c.id })))).toBe(403)
    const staff = await makeUser({ role: 'staff' })
    expect(await status(staffExport.loader(args(request(`/staff/consultations/${c.id}/export.csv`, { cookie: staff.cookie }), { id: c.id })))).toBe(200)
  })

  test('a draft consultation is not found by the public', async () => {
    const draft = await db.transaction((tx) =>
      createConsultation(tx, null, { title: 'Secret draft', summary: '', pages: {}, nations: [], contactEmail: '', contactAddress: '', opensAt: new Date(), closesAt: new Date(Date.now() + 86_400_000) }),
    )
    expect(await status(publicPage.loader(args(request(`/consultations/${draft.slug}`), { slug: draft.slug })))).toBe(404)
  })

  test('someone else’s response is a 404; a tampered field saves nothing; a submission after closing is refused with the draft kept', async () => {
    const c = await makeOpenConsultation()
    const owner = await makeUser()
    const other = await makeUser()
    const { response } = await startResponse(c, owner.user, {
      respondentType: 'individual', name: 'Owner', email: owner.user.email, organisationId: null, organisationName: null, represents: null,
      howViewsAssembled: null, publishingConsent: 'named', confidential: false, confidentialReason: null,
    })
    const p = { slug: c.slug, id: response.id, n: '1' }
    expect(await status(section.loader(args(request(`/consultations/${c.slug}/response/${response.id}/section/1`, { cookie: other.cookie }), p)))).toBe(404)
    const s = (await getStructure(db, c.questionnaireId))!
    const tampered = await section.action(
      args(request(`/consultations/${c.slug}/response/${response.id}/section/1`, { cookie: owner.cookie, form: { [fieldName(s.questions[0].id)]: 'Mine', [fieldName(s.questions[2].id)]: 'agree', intent: 'continue' } }), p),
    )
    expect((tampered as { init: { status: number } }).init.status).toBe(400)
    const access = (await accessResponse(db, response.id, { user: owner.user, token: null }))!
    expect(access.response.status).toBe('draft')
    await section.action(args(request(`/consultations/${c.slug}/response/${response.id}/section/1`, { cookie: owner.cookie, form: { [fieldName(s.questions[0].id)]: 'Kept', intent: 'later' } }), p))
    await section.action(args(request(`/consultations/${c.slug}/response/${response.id}/section/2`, { cookie: owner.cookie, form: { [fieldName(s.questions[2].id)]: 'agree', intent: 'continue' } }), { ...p, n: '2' }))
    await closeConsultation(c.id)
    const refused = await check.action(args(request(`/consultations/${c.slug}/response/${response.id}/check`, { cookie: owner.cookie, form: {} }), p))
    expect((refused as { init: { status: number }; data: { code: string } }).init.status).toBe(409)
    expect((refused as { data: { code: string } }).data.code).toBe('closed')
    const after = (await accessResponse(db, response.id, { user: owner.user, token: null }))!
    expect(after.response.status).toBe('draft')
  })
})

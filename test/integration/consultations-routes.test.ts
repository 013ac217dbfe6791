import { describe, expect, test } from 'vitest'
import { RuleError } from '~/lib/result'
import { db } from '~/lib/db.server'
import * as staffIndex from '~/routes/staff.consultations.$id._index'
import * as editQuestion from '~/routes/staff.consultations.$id.questions.$questionId.edit'
import * as staffExport from '~/routes/staff.consultations.$id.export[.]csv'
import * as section from '~/routes/consultations.$slug.response.$id.section.$n'
import * as check from '~/routes/consultations.$slug.response.$id.check'
import * as publicPage from '~/routes/consultations.$slug._index'
import { accessResponse, startResponse } from '~/modules/consultations/responses.server'
import { createConsultation } from '~/modules/consultations/consultations.server'
import { fieldName } from '~/modules/questionnaires/questions'
import { addQuestion, addSection, getStructure, moveQuestionToSection } from '~/modules/questionnaires/structure.server'
import { auditEvents } from '~db/schema'
import { and, eq } from 'drizzle-orm'
import { closeConsultation, individual, makeDraftConsultation, makeOpenConsultation } from '../support/consultations'
import { makeUser, request } from '../support/users'
import { args, status } from '../support/routes'

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
    const { response } = await startResponse(c, owner.user, individual({ name: 'Owner', email: owner.user.email }))
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

describe('moving a question to another section', () => {
  /** The questions of each section, in order, by their text. */
  async function layout(questionnaireId: string) {
    const s = (await getStructure(db, questionnaireId))!
    return s.sections.map((section) => section.questions.map((q) => `${q.label} ${q.text}`))
  }

  test('a draft question moves to the end of the chosen section and the numbers follow; after publishing it cannot', async () => {
    const c = await makeDraftConsultation()
    const before = (await getStructure(db, c.questionnaireId))!
    const [one, two] = before.sections
    const third = await db.transaction((tx) => addSection(tx, c.questionnaireId, { title: 'Third section' }))
    await db.transaction((tx) => addQuestion(tx, c.questionnaireId, two.id, { type: 'short_text', text: 'Anything else?' }))
    expect(await layout(c.questionnaireId)).toEqual([['Q1 What do you think?', 'Q2 Which?'], ['Q3 Do you agree?', 'Q4 Anything else?'], []])

    expect(await db.transaction((tx) => moveQuestionToSection(tx, c.questionnaireId, one.questions[0].id, two.id))).toBe(one.id)
    expect(await layout(c.questionnaireId)).toEqual([['Q1 Which?'], ['Q2 Do you agree?', 'Q3 Anything else?', 'Q4 What do you think?'], []])
    // Into an empty section, and back: always appended.
    await db.transaction((tx) => moveQuestionToSection(tx, c.questionnaireId, one.questions[1].id, third.id))
    await db.transaction((tx) => moveQuestionToSection(tx, c.questionnaireId, one.questions[0].id, one.id))
    expect(await layout(c.questionnaireId)).toEqual([['Q1 What do you think?'], ['Q2 Do you agree?', 'Q3 Anything else?'], ['Q4 Which?']])
    expect(await db.transaction((tx) => moveQuestionToSection(tx, c.questionnaireId, one.questions[0].id, one.id))).toBeNull()

    const elsewhere = await makeDraftConsultation(null, { title: 'Elsewhere' })
    const foreign = (await getStructure(db, elsewhere.questionnaireId))!.sections[0]
    await expect(db.transaction((tx) => moveQuestionToSection(tx, c.questionnaireId, one.questions[0].id, foreign.id))).rejects.toThrow('Section not found')

    const published = await makeOpenConsultation()
    const locked = (await getStructure(db, published.questionnaireId))!
    await expect(db.transaction((tx) => moveQuestionToSection(tx, published.questionnaireId, locked.questions[0].id, locked.sections[1].id))).rejects.toBeInstanceOf(RuleError)
  })

  test('staff choose the section on the edit page: audited, a section of another consultation refused, published wording frozen, members refused', async () => {
    const c = await makeDraftConsultation()
    const s = (await getStructure(db, c.questionnaireId))!
    const q1 = s.questions[0]
    const staff = await makeUser({ role: 'staff' })
    const member = await makeUser()
    const url = `/staff/consultations/${c.id}/questions/${q1.id}/edit`
    const params = { id: c.id, questionId: q1.id }
    const fields = { type: 'long_text', text: 'What do you think now?', hint: '', maxWords: '50', options: '' }

    expect(await status(editQuestion.action(args(request(url, { cookie: member.cookie, form: { ...fields, sectionId: s.sections[1].id } }), params)))).toBe(403)
    const page = (await editQuestion.loader(args(request(url, { cookie: staff.cookie }), params))) as { sections: { id: string; label: string }[]; question: { sectionId: string } }
    expect(page.sections.map((x) => x.label)).toEqual(['Section 1: First section', 'Section 2: Second section'])
    expect(page.question.sectionId).toBe(s.sections[0].id)

    const elsewhere = (await getStructure(db, (await makeDraftConsultation(null, { title: 'Elsewhere' })).questionnaireId))!
    const refused = (await editQuestion.action(args(request(url, { cookie: staff.cookie, form: { ...fields, text: '', sectionId: elsewhere.sections[0].id } }), params))) as {
      init: { status: number }
      data: { errors: Record<string, string>; values: Record<string, string> }
    }
    expect(refused.init.status).toBe(400)
    expect(refused.data.errors).toEqual({ text: 'Enter the question', sectionId: 'Select the section the question belongs in' })
    expect(refused.data.values.sectionId).toBe(elsewhere.sections[0].id)

    const moved = await editQuestion.action(args(request(url, { cookie: staff.cookie, form: { ...fields, sectionId: s.sections[1].id } }), params))
    expect((moved as Response).headers.get('Location')).toBe(`/staff/consultations/${c.id}`)
    expect(await layout(c.questionnaireId)).toEqual([['Q1 Which?'], ['Q2 Do you agree?', 'Q3 What do you think now?']])
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, c.id), eq(auditEvents.action, 'consultation.question.move-section')))
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      actorId: staff.user.id,
      before: { questionId: q1.id, sectionId: s.sections[0].id, section: 'First section' },
      after: { questionId: q1.id, sectionId: s.sections[1].id, section: 'Second section' },
    })
    // Saving without changing the section records no move.
    await editQuestion.action(args(request(url, { cookie: staff.cookie, form: { ...fields, sectionId: s.sections[1].id } }), params))
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, c.id), eq(auditEvents.action, 'consultation.question.move-section')))).toHaveLength(1)

    const published = await makeOpenConsultation()
    const p = (await getStructure(db, published.questionnaireId))!
    const frozen = await editQuestion.action(
      args(request(`/staff/consultations/${published.id}/questions/${p.questions[0].id}/edit`, { cookie: staff.cookie, form: { ...fields, sectionId: p.sections[1].id } }), {
        id: published.id,
        questionId: p.questions[0].id,
      }),
    )
    expect((frozen as { init: { status: number } }).init.status).toBe(409)
    expect((await getStructure(db, published.questionnaireId))!.sections[0].questions.map((q) => q.id)).toContain(p.questions[0].id)
  })
})

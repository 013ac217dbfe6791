import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { dashboard, exportResponses, questionAnswers } from '~/modules/consultations/analysis.server'
import { approveForPublication, publishedResponses, releaseResponses } from '~/modules/consultations/publication.server'
import {
  accessResponse,
  amendmentHistory,
  detailsDifferences,
  mergeJoinedDetails,
  updateDetails,
  activityView,
  discardLapsedAmendments,
  requestSignOff,
  responseAnswers,
  saveSection,
  startResponse,
  submitResponse,
  workingAnswers,
  type RespondentDetails,
} from '~/modules/consultations/responses.server'
import { baseOf, type Answer } from '~/modules/questionnaires/answers.server'
import { baseFieldName, fieldName, isChoiceType, resolveFieldName } from '~/modules/questionnaires/questions'
import { getStructure } from '~/modules/questionnaires/structure.server'
import * as check from '~/routes/consultations.$slug.response.$id.check'
import * as responsePage from '~/routes/consultations.$slug.response.$id._index'
import { consultationResponses, mailDeliveries } from '~db/schema'
import { closeConsultation, individual, makeOpenConsultation } from '../support/consultations'
import { memberOf, organisationWithAdmin } from '../support/organisations'
import { makeUser, request } from '../support/users'
import { args, streamText } from '../support/routes'

type Consultation = Awaited<ReturnType<typeof makeOpenConsultation>>
type Person = Awaited<ReturnType<typeof makeUser>>

async function questions(c: Consultation) {
  const s = (await getStructure(db, c.questionnaireId))!
  return { s, q1: s.questions[0], q2: s.questions[1], q3: s.questions[2] }
}

const access = async (responseId: string, person: Person) => (await accessResponse(db, responseId, { user: person.user, token: null }))!

/** A section as a person's browser holds it: the answers shown and the hidden version of each. */
async function openSection(c: Consultation, responseId: string, person: Person, n: number) {
  const { s } = await questions(c)
  const a = await access(responseId, person)
  const answers: Record<string, Answer> = await workingAnswers(a.response)
  const form: Record<string, string | string[]> = {}
  for (const q of s.sections[n - 1].questions) {
    form[baseFieldName(q.id)] = baseOf(answers[q.id])
    form[fieldName(q.id)] = isChoiceType(q.type) ? (answers[q.id]?.choices ?? []) : (answers[q.id]?.text ?? '')
  }
  return form
}

const save = async (c: Consultation, responseId: string, person: Person, n: number, form: Record<string, string | string[]>) =>
  saveSection(c, await access(responseId, person), n, form, { id: person.user.id, name: person.user.name }, { enforceRequired: false })

async function organisation() {
  const acme = { name: 'Acme Employment', sector: 'vcse' as const, sizeBand: 'small' as const }
  const { organisation: org, admin } = await organisationWithAdmin(acme, { admin: await makeUser({ name: 'Ada Admin' }) })
  const bob = await memberOf(org, { name: 'Bob Member' })
  const cat = await memberOf(org, { name: 'Cat Member' })
  return { org, admin, bob, cat }
}

const orgDetails = (orgId: string): RespondentDetails =>
  individual({ respondentType: 'organisation', organisationId: orgId, organisationName: 'Acme Employment', represents: 'Providers in the north', howViewsAssembled: 'A members’ survey' })

const mailsTo = (email: string) => db.select().from(mailDeliveries).where(eq(mailDeliveries.toAddress, email.toLowerCase()))

describe('staged amendments', () => {
  async function submitted() {
    const staff = await makeUser({ role: 'staff' })
    const c = await makeOpenConsultation(staff.user)
    const { q1, q2, q3 } = await questions(c)
    const pat = await makeUser({ name: 'Pat Person' })
    const { response } = await startResponse(c, pat.user, individual({ email: pat.user.email }))
    await save(c, response.id, pat, 1, { [fieldName(q1.id)]: 'Original view', [fieldName(q2.id)]: 'red' })
    await save(c, response.id, pat, 2, { [fieldName(q3.id)]: 'agree' })
    await submitResponse(c, await access(response.id, pat), pat.user)
    return { c, pat, response, q1, q2, q3 }
  }

  test('a change saved but never submitted reaches no staff view, count, export or publication, and is discarded at closing', async () => {
    const { c, pat, response, q1, q2 } = await submitted()
    const chart = async () => (await dashboard(c)).charts.find((ch) => ch.question.id === q2.id)?.counts.map((x) => x.count)
    expect(await chart()).toEqual([1, 0, 0])
    const form = await openSection(c, response.id, pat, 1)
    expect(await save(c, response.id, pat, 1, { ...form, [fieldName(q1.id)]: 'Unsent second thoughts', [fieldName(q2.id)]: 'blue' })).toEqual({ ok: true, conflicts: [] })

    // The respondent sees their changes; nobody else does.
    expect((await workingAnswers((await access(response.id, pat)).response))[q1.id].text).toBe('Unsent second thoughts')
    const [row] = await db.select().from(consultationResponses).where(eq(consultationResponses.id, response.id))
    expect(row.status).toBe('submitted')
    expect(row.amendedAt).toBeNull()
    expect((await responseAnswers(row))[q1.id].text).toBe('Original view')
    expect(await chart()).toEqual([1, 0, 0])
    expect((await questionAnswers(c, q1, {})).rows.map((r) => r.answer)).toEqual(['Original view'])
    expect((await questionAnswers(c, q1, { q: 'second thoughts' })).total).toBe(0)
    const structure = (await getStructure(db, c.questionnaireId))!
    const csv = await streamText(exportResponses(c, structure, 'csv'))
    expect(csv).toContain('Original view')
    expect(csv).not.toContain('Unsent')
    expect(await mailsTo(pat.user.email)).toHaveLength(1)

    const closed = await closeConsultation(c.id)
    expect(await discardLapsedAmendments()).toBe(1)
    const staff = await makeUser({ role: 'staff' })
    await approveForPublication(staff.user, closed, response.id)
    await releaseResponses(staff.user, closed, null)
    const published = JSON.stringify(await publishedResponses(closed))
    expect(published).toContain('Original view')
    expect(published).not.toContain('Unsent')
    const [after] = await db.select().from(consultationResponses).where(eq(consultationResponses.id, response.id))
    expect(after.draftSubmissionId).toBeNull()
    expect(after.amendmentDiscardedAt).not.toBeNull()
    expect((await workingAnswers(after))[q1.id].text).toBe('Original view')
    // Coming back, the respondent is told.
    const page = (await responsePage.loader(args(request(`/consultations/${c.slug}/response/${response.id}`, { cookie: pat.cookie }), { slug: c.slug, id: response.id }))) as {
      changesDiscarded: boolean
    }
    expect(page.changesDiscarded).toBe(true)
  })

  test('“Submit changed response” makes the change live, records amended_at, keeps the earlier version and acknowledges it', async () => {
    const { c, pat, response, q1, q2 } = await submitted()
    const form = await openSection(c, response.id, pat, 1)
    await save(c, response.id, pat, 1, { ...form, [fieldName(q1.id)]: 'Second thoughts' })
    const result = await submitResponse(c, await access(response.id, pat), pat.user)
    expect(result.amended).toBe(true)
    expect(result.response.amendedAt).not.toBeNull()
    expect((await questionAnswers(c, q1, {})).rows.map((r) => r.answer)).toEqual(['Second thoughts'])
    expect((await dashboard(c)).charts.find((ch) => ch.question.id === q2.id)?.counts.map((x) => x.count)).toEqual([1, 0, 0])
    const history = await amendmentHistory(result.response, (await questions(c)).s)
    expect(history).toHaveLength(1)
    expect(history[0].changes).toEqual([expect.objectContaining({ label: 'Q1', before: 'Original view', after: 'Second thoughts' })])
    const mails = await mailsTo(pat.user.email)
    expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/^Response received/), expect.stringMatching(/^Amended response received/)])
    expect(mails[1].textBody).toContain('Second thoughts')
    // Pressing submit again has nothing more to send.
    const again = await submitResponse(c, await access(response.id, pat), pat.user, new Date(Date.now() + 60_000))
      .then(() => null)
      .catch((e: { code: string }) => e.code)
    expect(again).toBe('nothing_to_submit')
    expect(await mailsTo(pat.user.email)).toHaveLength(2)
  })
})

describe('co-drafting', () => {
  test('a save from an older copy of the page keeps a colleague’s newer answer, and each answer keeps its own author', async () => {
    const c = await makeOpenConsultation()
    const { org, bob, cat } = await organisation()
    const { q1, q2 } = await questions(c)
    const { response } = await startResponse(c, bob.user, orgDetails(org.id))
    await startResponse(c, cat.user, orgDetails(org.id))
    // Both open section 1.
    const bobsPage = await openSection(c, response.id, bob, 1)
    const catsPage = await openSection(c, response.id, cat, 1)
    expect(await save(c, response.id, cat, 1, { ...catsPage, [fieldName(q2.id)]: 'blue' })).toEqual({ ok: true, conflicts: [] })
    expect(await save(c, response.id, bob, 1, { ...bobsPage, [fieldName(q1.id)]: 'Bob’s view' })).toEqual({ ok: true, conflicts: [] })
    const answers = await workingAnswers((await access(response.id, bob)).response)
    expect(answers[q2.id]).toMatchObject({ choices: ['blue'], changedByName: 'Cat Member' })
    expect(answers[q1.id]).toMatchObject({ text: 'Bob’s view', changedByName: 'Bob Member' })
    const activity = await activityView((await access(response.id, bob)).response, (await questions(c)).s)
    expect(activity.map((a) => `${a.actorName} ${a.kind} ${a.question}`)).toEqual(['Bob Member changed Q1', 'Cat Member changed Q2'])
  })

  test('two people changing the same answer: the later save is refused for that answer with both texts, the rest is saved, and they can keep either', async () => {
    const c = await makeOpenConsultation()
    const { org, bob, cat } = await organisation()
    const { q1, q2 } = await questions(c)
    const { response } = await startResponse(c, bob.user, orgDetails(org.id))
    await save(c, response.id, bob, 1, { ...(await openSection(c, response.id, bob, 1)), [fieldName(q1.id)]: 'First draft' })
    const bobsPage = await openSection(c, response.id, bob, 1)
    const catsPage = await openSection(c, response.id, cat, 1)
    await save(c, response.id, cat, 1, { ...catsPage, [fieldName(q1.id)]: 'Cat’s rewrite' })
    const refused = await save(c, response.id, bob, 1, { ...bobsPage, [fieldName(q1.id)]: 'Bob’s rewrite', [fieldName(q2.id)]: 'red' })
    expect(refused.ok).toBe(false)
    expect(refused.conflicts).toEqual([expect.objectContaining({ label: 'Q1', theirs: 'Cat’s rewrite', changedByName: 'Cat Member', mine: expect.objectContaining({ text: 'Bob’s rewrite' }) })])
    expect(!refused.ok && refused.errors[fieldName(q1.id)]).toMatch(/^Cat Member changed Q1 at .+, after you opened this page/)
    let answers = await workingAnswers((await access(response.id, bob)).response)
    expect(answers[q1.id].text).toBe('Cat’s rewrite')
    expect(answers[q2.id].choices).toEqual(['red'])

    // Bob keeps theirs: nothing of his is written.
    const reshown = await openSection(c, response.id, bob, 1)
    expect(await save(c, response.id, bob, 1, { ...reshown, [fieldName(q1.id)]: 'Bob’s rewrite', [resolveFieldName(q1.id)]: 'theirs' })).toEqual({ ok: true, conflicts: [] })
    expect((await workingAnswers((await access(response.id, bob)).response))[q1.id].text).toBe('Cat’s rewrite')
    // Or keeps his own, from the page that showed him the conflict.
    expect(await save(c, response.id, bob, 1, { ...reshown, [fieldName(q1.id)]: 'Bob’s rewrite', [resolveFieldName(q1.id)]: 'mine' })).toEqual({ ok: true, conflicts: [] })
    answers = await workingAnswers((await access(response.id, bob)).response)
    expect(answers[q1.id]).toMatchObject({ text: 'Bob’s rewrite', changedByName: 'Bob Member' })
  })

  test('two saves at the same moment from the same copy: one is written, the other is told, nothing is lost', async () => {
    const c = await makeOpenConsultation()
    const { org, bob, cat } = await organisation()
    const { q1 } = await questions(c)
    const { response } = await startResponse(c, bob.user, orgDetails(org.id))
    const page = await openSection(c, response.id, bob, 1)
    const results = await Promise.all([save(c, response.id, bob, 1, { ...page, [fieldName(q1.id)]: 'Bob at once' }), save(c, response.id, cat, 1, { ...page, [fieldName(q1.id)]: 'Cat at once' })])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    const loser = results.find((r) => !r.ok)!
    const saved = (await workingAnswers((await access(response.id, bob)).response))[q1.id].text
    expect(loser.conflicts[0].theirs).toBe(saved)
    expect(loser.conflicts[0].mine.text).not.toBe(saved)
  })
})

describe('sign-off', () => {
  test('after the administrator submits, a member’s change is only a proposal until an administrator submits it again', async () => {
    const c = await makeOpenConsultation()
    const { org, admin, bob, cat } = await organisation()
    const { q1, q2, q3 } = await questions(c)
    const { response } = await startResponse(c, bob.user, orgDetails(org.id))
    await save(c, response.id, bob, 1, { ...(await openSection(c, response.id, bob, 1)), [fieldName(q1.id)]: 'Agreed wording', [fieldName(q2.id)]: 'red' })
    await save(c, response.id, cat, 2, { ...(await openSection(c, response.id, cat, 2)), [fieldName(q3.id)]: 'agree' })
    const askedFirst = await requestSignOff(c, await access(response.id, bob), bob.user)
    expect(askedFirst).toEqual({ administrators: 1, alreadyAsked: false })
    // Asking twice with nothing new sends nothing more.
    expect((await requestSignOff(c, await access(response.id, bob), bob.user)).alreadyAsked).toBe(true)
    const adminMail = await mailsTo(admin.user.email)
    expect(adminMail).toHaveLength(1)
    expect(adminMail[0].subject).toBe(`Sign-off requested: Acme Employment’s response to ${c.title}`)
    expect(adminMail[0].textBody).toContain(`/response/${response.id}/check`)

    // A member's replayed submit is refused on the page it came from.
    const refused = (await check.action(
      args(request(`/consultations/${c.slug}/response/${response.id}/check`, { cookie: bob.cookie, form: { intent: 'submit' } }), { slug: c.slug, id: response.id }),
    )) as {
      init: { status: number }
      data: { errors: { form: string } }
    }
    expect(refused.init.status).toBe(400)
    expect(refused.data.errors.form).toBe('Only an administrator of your organisation can submit its response')

    await submitResponse(c, await access(response.id, admin), admin.user)
    // The acknowledgement goes to the administrator who submitted, with a copy to each drafter.
    expect((await mailsTo(admin.user.email)).map((m) => m.subject)).toContain(`Response received: ${c.title} (${response.reference})`)
    expect((await mailsTo(bob.user.email))[0].textBody).toContain('Ada Admin submitted Acme Employment’s response')
    expect(await mailsTo(cat.user.email)).toHaveLength(1)

    // Bob, from a page he opened before the submission, changes Q1.
    const staleForm = await openSection(c, response.id, bob, 1)
    await save(c, response.id, bob, 1, { ...staleForm, [fieldName(q1.id)]: 'Bob’s unapproved change' })
    const structure = (await getStructure(db, c.questionnaireId))!
    const [row] = await db.select().from(consultationResponses).where(eq(consultationResponses.id, response.id))
    expect((await responseAnswers(row))[q1.id].text).toBe('Agreed wording')
    expect(await streamText(exportResponses(c, structure, 'csv'))).not.toContain('unapproved')
    expect((await questionAnswers(c, q1, {})).rows.map((r) => r.answer)).toEqual(['Agreed wording'])
    await expect(submitResponse(c, await access(response.id, bob), bob.user)).rejects.toMatchObject({ code: 'not_allowed' })

    // He asks for sign-off; the administrator approves by submitting.
    await requestSignOff(c, await access(response.id, bob), bob.user)
    expect(await mailsTo(admin.user.email)).toHaveLength(3)
    const approved = await submitResponse(c, await access(response.id, admin), admin.user)
    expect(approved.amended).toBe(true)
    expect((await questionAnswers(c, q1, {})).rows.map((r) => r.answer)).toEqual(['Bob’s unapproved change'])
    const history = await amendmentHistory(approved.response, structure)
    expect(history[0].changes.map((ch) => [ch.label, ch.before, ch.after])).toEqual([['Q1', 'Agreed wording', 'Bob’s unapproved change']])
  })
})

describe('joining an organisation’s draft', () => {
  test('details the administrator types are taken where the draft has none, and otherwise kept or taken as they choose; after submission a member cannot change them', async () => {
    const c = await makeOpenConsultation()
    const { org, admin, bob } = await organisation()
    const { response } = await startResponse(c, bob.user, { ...orgDetails(org.id), howViewsAssembled: null })
    const typed = { ...orgDetails(org.id), represents: 'Every provider in England', howViewsAssembled: 'A board meeting', publishingConsent: 'anonymous' as const }
    const joined = await startResponse(c, admin.user, typed)
    expect(joined.joined).toBe(true)
    expect(joined.response.howViewsAssembled).toBe('A board meeting')
    expect(detailsDifferences(joined.response, typed).map((d) => [d.field, d.theirs, d.yours])).toEqual([
      ['represents', 'Providers in the north', 'Every provider in England'],
      ['publishingConsent', 'Publish with the organisation’s name', 'Publish without any names'],
    ])
    await mergeJoinedDetails(c, await access(response.id, admin), typed, ['publishingConsent'])
    const [row] = await db.select().from(consultationResponses).where(eq(consultationResponses.id, response.id))
    expect([row.represents, row.publishingConsent, row.howViewsAssembled]).toEqual(['Providers in the north', 'anonymous', 'A board meeting'])

    const { q3 } = await questions(c)
    await save(c, response.id, admin, 2, { [fieldName(q3.id)]: 'agree' })
    await submitResponse(c, await access(response.id, admin), admin.user)
    await expect(updateDetails(c, await access(response.id, bob), bob.user, { ...orgDetails(org.id), publishingConsent: 'none' })).rejects.toMatchObject({ code: 'not_allowed' })
    const [after] = await db.select().from(consultationResponses).where(eq(consultationResponses.id, response.id))
    expect(after.publishingConsent).toBe('anonymous')
  })
})

describe('one individual response per person', () => {
  test('starting again, even twice at once from two tabs, leads back to the one response; after withdrawing, a new one can start', async () => {
    const c = await makeOpenConsultation()
    const { user } = await makeUser({ name: 'Once Only' })
    const details = individual({ name: 'Once Only', email: user.email })
    const [first, second] = await Promise.all([startResponse(c, user, details), startResponse(c, user, details)])
    expect(first.response.id).toBe(second.response.id)
    expect([first.existing, second.existing].sort()).toEqual([false, true])
    const again = await startResponse(c, user, details)
    expect(again).toMatchObject({ existing: true, response: { id: first.response.id } })
    expect(await db.select().from(consultationResponses).where(eq(consultationResponses.consultationId, c.id))).toHaveLength(1)

    await db.update(consultationResponses).set({ status: 'withdrawn' }).where(eq(consultationResponses.id, first.response.id))
    const fresh = await startResponse(c, user, details)
    expect(fresh.existing).toBe(false)
    expect(fresh.response.id).not.toBe(first.response.id)
  })
})

import { and, eq, sql } from 'drizzle-orm'
import { ForbiddenError, RuleError } from '~/lib/result'
import { describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { exportResponses, saveOutcome, publishOutcome, dashboard, questionAnswers } from '~/modules/consultations/analysis.server'
import { approveForPublication, exportPublishedResponses, publicationQueue, publishedResponses, releaseResponses } from '~/modules/consultations/publication.server'
import { extendClosingDate, findConsultations, listExtensions } from '~/modules/consultations/consultations.server'
import {
  accessResponse,
  emailResumeLink,
  resumeByToken,
  saveSection,
  startResponse,
  submitResponse,
  withdrawResponse,
  responseAnswers,
  type RespondentDetails,
} from '~/modules/consultations/responses.server'
import { fieldName, confidentialFieldName, confidentialReasonFieldName } from '~/modules/questionnaires/questions'
import { getStructure, updateQuestion } from '~/modules/questionnaires/structure.server'
import { auditEvents, consultationResponses, mailDeliveries, searchOutbox } from '~db/schema'
import { drainOutbox } from '~search/worker.server'
import { closeConsultation, individual, makeOpenConsultation } from '../support/consultations'
import { memberOf, organisationWithAdmin } from '../support/organisations'
import { streamText } from '../support/routes'
import { makeUser } from '../support/users'

async function questions(c: { questionnaireId: string }) {
  const s = (await getStructure(db, c.questionnaireId))!
  return { s, q1: s.questions[0], q2: s.questions[1], q3: s.questions[2] }
}

async function answerAll(c: Awaited<ReturnType<typeof makeOpenConsultation>>, access: NonNullable<Awaited<ReturnType<typeof accessResponse>>>, text = 'Some thoughts') {
  const { q1, q2, q3 } = await questions(c)
  expect(await saveSection(c, access, 1, { [fieldName(q1.id)]: text, [fieldName(q2.id)]: 'red' }, { id: null, name: 'x' }, { enforceRequired: true })).toEqual({ ok: true, conflicts: [] })
  expect(await saveSection(c, access, 2, { [fieldName(q3.id)]: 'agree' }, { id: null, name: 'x' }, { enforceRequired: true })).toEqual({ ok: true, conflicts: [] })
}

describe('publishing and the finder', () => {
  test('publishing freezes the wording, is audited and queues the search index', async () => {
    const staff = await makeUser({ role: 'staff' })
    const c = await makeOpenConsultation(staff.user)
    const { q1 } = await questions(c)
    await expect(updateQuestion(db, c.questionnaireId, q1.id, { type: 'long_text', text: 'New words' })).rejects.toBeInstanceOf(RuleError)
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, c.id))
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['consultation.create', 'consultation.publish']))
    expect((await db.select().from(searchOutbox).where(eq(searchOutbox.documentId, c.id))).length).toBeGreaterThan(0)
    await drainOutbox()
    expect((await findConsultations({ phases: ['open'] })).rows.map((r) => r.id)).toEqual([c.id])
    expect((await findConsultations({ phases: ['closed'] })).rows).toEqual([])
    expect((await findConsultations({ q: 'test consult' })).total).toBe(1)
  })

  test('the closing date can only be extended, with a reason that is recorded', async () => {
    const staff = await makeUser({ role: 'staff' })
    const c = await makeOpenConsultation(staff.user)
    await expect(extendClosingDate(db, staff.user, c.id, new Date(c.closesAt.getTime() - 1000), 'Earlier')).rejects.toBeInstanceOf(RuleError)
    await expect(extendClosingDate(db, staff.user, c.id, new Date(c.closesAt.getTime() + 86_400_000), ' ')).rejects.toBeInstanceOf(RuleError)
    const later = new Date(c.closesAt.getTime() + 7 * 86_400_000)
    const after = await extendClosingDate(db, staff.user, c.id, later, 'More time for small providers')
    expect(after.closesAt).toEqual(later)
    expect((await listExtensions(c.id)).map((e) => e.reason)).toEqual(['More time for small providers'])
  })
})

describe('responding', () => {
  test('an individual answers, submits once (a double submit makes one response) and gets a reference and acknowledgement', async () => {
    const c = await makeOpenConsultation()
    const { user } = await makeUser()
    const started = await startResponse(c, user, individual({ email: user.email }))
    const access = (await accessResponse(db, started.response.id, { user, token: null }))!
    await answerAll(c, access)
    const [a, b] = await Promise.all([submitResponse(c, access, user), submitResponse(c, access, user)])
    expect(a.response.reference).toBe(b.response.reference)
    expect(a.response.reference).toMatch(/^HUB-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    const mails = await db.select().from(mailDeliveries).where(eq(mailDeliveries.toAddress, user.email))
    expect(mails).toHaveLength(1)
    expect(mails[0].textBody).toContain(a.response.reference)
    expect(mails[0].textBody).toContain('Some thoughts')
    expect(mails[0].textBody).toContain('Agree')
    const rows = await db.select().from(consultationResponses).where(eq(consultationResponses.consultationId, c.id))
    expect(rows.map((r) => r.status)).toEqual(['submitted'])
  })

  test('submitting is refused until required questions are answered, and over-long answers save nothing', async () => {
    const c = await makeOpenConsultation()
    const { user } = await makeUser()
    const { response } = await startResponse(c, user, individual())
    const access = (await accessResponse(db, response.id, { user, token: null }))!
    await expect(submitResponse(c, access, user)).rejects.toMatchObject({ code: 'incomplete' })
    const { q1, q2 } = await questions(c)
    const result = await saveSection(c, access, 1, { [fieldName(q1.id)]: 'word '.repeat(51), [fieldName(q2.id)]: 'blue' }, { id: null, name: 'x' }, { enforceRequired: false })
    expect(result).toEqual({ ok: false, errors: { [fieldName(q1.id)]: 'Your answer to Q1 must be 50 words or fewer' }, conflicts: [] })
    expect(await responseAnswers(response)).toEqual({})
    const tampered = await saveSection(c, access, 1, { [fieldName(q1.id)]: 'fine', 'q-00000000-0000-0000-0000-000000000000': 'x' }, { id: null, name: 'x' }, { enforceRequired: false })
    expect(tampered.ok).toBe(false)
    expect(await responseAnswers(response)).toEqual({})
  })

  test('after closing, a submission is refused and the draft is kept; amend and withdraw stop too', async () => {
    const c = await makeOpenConsultation()
    const { user } = await makeUser()
    const { response } = await startResponse(c, user, individual())
    const access = (await accessResponse(db, response.id, { user, token: null }))!
    await answerAll(c, access, 'Kept draft')
    const closed = await closeConsultation(c.id)
    await expect(submitResponse(closed, access, user)).rejects.toMatchObject({ code: 'closed' })
    await expect(withdrawResponse(closed, access)).rejects.toBeInstanceOf(RuleError)
    const [row] = await db.select().from(consultationResponses).where(eq(consultationResponses.id, response.id))
    expect(row.status).toBe('draft')
    const { q1 } = await questions(c)
    expect((await responseAnswers(response))[q1.id].text).toBe('Kept draft')
  })

  test('a submitted response can be amended and withdrawn until closing', async () => {
    const c = await makeOpenConsultation()
    const { user } = await makeUser()
    const { response } = await startResponse(c, user, individual())
    let access = (await accessResponse(db, response.id, { user, token: null }))!
    await answerAll(c, access)
    await submitResponse(c, access, user)
    access = (await accessResponse(db, response.id, { user, token: null }))!
    await new Promise((r) => setTimeout(r, 5))
    await answerAll(c, access, 'Changed my mind')
    access = (await accessResponse(db, response.id, { user, token: null }))!
    const amended = await submitResponse(c, access, user)
    expect(amended.amended).toBe(true)
    const withdrawn = await withdrawResponse(c, access)
    expect(withdrawn.status).toBe('withdrawn')
  })

  test('signed out: the draft is reached only by its secret link, which after closing still opens it, read-only', async () => {
    const c = await makeOpenConsultation()
    const { response, token } = await startResponse(c, null, individual({ email: 'anon@example.com' }))
    expect(token).toBeTruthy()
    expect(await accessResponse(db, response.id, { user: null, token: null })).toBeNull()
    expect(await accessResponse(db, response.id, { user: null, token: 'guess' })).toBeNull()
    const stranger = await makeUser()
    expect(await accessResponse(db, response.id, { user: stranger.user, token: null })).toBeNull()
    const access = (await accessResponse(db, response.id, { user: null, token }))!
    const emailed = await emailResumeLink(c, access)
    const [mail] = await db.select().from(mailDeliveries).where(eq(mailDeliveries.toAddress, 'anon@example.com'))
    expect(mail.textBody).toContain(`/consultations/${c.slug}/resume/${emailed}`)
    expect((await resumeByToken(c, emailed))?.id).toBe(response.id)
    expect(await resumeByToken(c, token!)).toBeNull()
    const closed = await closeConsultation(c.id)
    expect((await resumeByToken(closed, emailed))?.id).toBe(response.id)
    await expect(saveSection(closed, access, 1, {}, { id: null, name: 'x' }, { enforceRequired: false })).rejects.toMatchObject({ code: 'closed' })
  })

  test('someone else’s response is invisible', async () => {
    const c = await makeOpenConsultation()
    const owner = await makeUser()
    const other = await makeUser()
    const { response } = await startResponse(c, owner.user, individual())
    expect(await accessResponse(db, response.id, { user: other.user, token: null })).toBeNull()
    expect(await accessResponse(db, 'not-a-uuid', { user: other.user, token: null })).toBeNull()
  })

  test('a draft or upcoming consultation takes no responses', async () => {
    const c = await makeOpenConsultation()
    const { user } = await makeUser()
    await expect(startResponse({ ...c, status: 'draft' }, user, individual())).rejects.toMatchObject({ code: 'not_open' })
    await expect(startResponse({ ...c, opensAt: new Date(Date.now() + 86_400_000) }, user, individual())).rejects.toMatchObject({ code: 'not_open' })
  })
})

describe('organisation responses', () => {
  async function organisation() {
    const acme = { name: 'Acme Employment', sector: 'vcse' as const, sizeBand: 'small' as const }
    const { organisation: org, admin } = await organisationWithAdmin(acme, { admin: await makeUser({ name: 'Ada Admin' }) })
    const member = await memberOf(org, { name: 'Mo Member' })
    return { org, admin, member }
  }
  const orgDetails = (orgId: string): RespondentDetails =>
    individual({ respondentType: 'organisation', organisationId: orgId, organisationName: 'Acme Employment', represents: 'Providers in the north', howViewsAssembled: 'A members’ survey' })

  test('members share one draft, see who changed it last; only an admin submits; one submitted response per organisation', async () => {
    const c = await makeOpenConsultation()
    const { org, admin, member } = await organisation()
    const first = await startResponse(c, member.user, orgDetails(org.id))
    const second = await startResponse(c, admin.user, orgDetails(org.id))
    expect(second.response.id).toBe(first.response.id)
    expect(second.joined).toBe(true)
    const memberAccess = (await accessResponse(db, first.response.id, { user: member.user, token: null }))!
    expect(memberAccess.role).toBe('org_member')
    const { q1, q2, q3 } = await questions(c)
    await saveSection(c, memberAccess, 1, { [fieldName(q1.id)]: 'Drafted by Mo', [fieldName(q2.id)]: 'blue' }, { id: member.user.id, name: 'Mo Member' }, { enforceRequired: false })
    const adminAccess = (await accessResponse(db, first.response.id, { user: admin.user, token: null }))!
    expect(adminAccess.role).toBe('org_admin')
    await saveSection(c, adminAccess, 2, { [fieldName(q3.id)]: 'disagree' }, { id: admin.user.id, name: 'Ada Admin' }, { enforceRequired: false })
    const answers = await responseAnswers(first.response)
    expect(answers[q1.id].changedByName).toBe('Mo Member')
    expect(answers[q3.id].changedByName).toBe('Ada Admin')
    await expect(submitResponse(c, memberAccess, member.user)).rejects.toMatchObject({ code: 'not_allowed' })
    await submitResponse(c, adminAccess, admin.user)
    // The database itself refuses a second live response for the organisation.
    await expect(
      db.insert(consultationResponses).values({ ...first.response, id: undefined, reference: 'HUB-XXXX-XXXX', submissionId: first.response.submissionId.replace(/.$/, '0') }),
    ).rejects.toThrow()
    const rows = await db
      .select()
      .from(consultationResponses)
      .where(and(eq(consultationResponses.consultationId, c.id), eq(consultationResponses.organisationId, org.id)))
    expect(rows).toHaveLength(1)
  })

  test('a non-member cannot respond for an organisation', async () => {
    const c = await makeOpenConsultation()
    const { org } = await organisation()
    const outsider = await makeUser()
    await expect(startResponse(c, outsider.user, orgDetails(org.id))).rejects.toBeInstanceOf(ForbiddenError)
  })
})

describe('analysis, export and publication', () => {
  async function threeResponses() {
    const staff = await makeUser({ role: 'staff' })
    const c = await makeOpenConsultation(staff.user)
    const { q1, q2, q3 } = await questions(c)
    const people = [
      { consent: 'named' as const, confidential: false, q1: 'Named public answer', q1Confidential: false },
      { consent: 'anonymous' as const, confidential: false, q1: 'Secret answer', q1Confidential: true },
      { consent: 'none' as const, confidential: false, q1: 'Not for publishing', q1Confidential: false },
      { consent: 'named' as const, confidential: true, q1: 'Whole response confidential', q1Confidential: false },
    ]
    for (const [i, p] of people.entries()) {
      const { user } = await makeUser({ name: `Person ${i}` })
      const { response } = await startResponse(
        c,
        user,
        individual({ name: `Person ${i}`, email: user.email, publishingConsent: p.consent, confidential: p.confidential, confidentialReason: p.confidential ? 'Commercial' : null }),
      )
      const access = (await accessResponse(db, response.id, { user, token: null }))!
      await saveSection(
        c,
        access,
        1,
        {
          [fieldName(q1.id)]: p.q1,
          [fieldName(q2.id)]: i % 2 ? 'blue' : 'red',
          ...(p.q1Confidential ? { [confidentialFieldName(q1.id)]: 'yes', [confidentialReasonFieldName(q1.id)]: 'Sensitive' } : {}),
        },
        { id: user.id, name: user.name },
        { enforceRequired: false },
      )
      await saveSection(c, access, 2, { [fieldName(q3.id)]: 'agree' }, { id: user.id, name: user.name }, { enforceRequired: false })
      await submitResponse(c, access, user)
    }
    return { c, staff, q1, q2, q3 }
  }

  test('the dashboard and per-question view count submitted responses, with confidentiality flagged', async () => {
    const { c, q1, q2 } = await threeResponses()
    const d = await dashboard(c)
    expect(d.statusCounts.submitted).toBe(4)
    expect(d.answersPerQuestion.find((a) => a.question.id === q1.id)?.count).toBe(4)
    expect(d.charts.find((ch) => ch.question.id === q2.id)?.counts.map((x) => x.count)).toEqual([2, 2, 0])
    const view = await questionAnswers(c, (await questions(c)).q1, { q: 'secret' })
    expect(view.total).toBe(1)
    expect(view.rows[0].answerConfidential).toBe(true)
    expect((await questionAnswers(c, (await questions(c)).q1, { confidential: 'yes' })).total).toBe(2)
  })

  test('the counts are kept until a submission, amendment or withdrawal changes them', async () => {
    const { c, q1, q2 } = await threeResponses()
    const chart = (d: Awaited<ReturnType<typeof dashboard>>) => d.charts.find((ch) => ch.question.id === q2.id)?.counts.map((x) => x.count)
    const first = await dashboard(c)
    expect((await dashboard(c)).countedAt).toEqual(first.countedAt)

    const { user } = await makeUser({ name: 'Late respondent' })
    const { response } = await startResponse(c, user, individual({ email: user.email }))
    const access = (await accessResponse(db, response.id, { user, token: null }))!
    await answerAll(c, access)
    await submitResponse(c, access, user)
    const afterSubmit = await dashboard(c)
    expect(afterSubmit.answersPerQuestion.find((a) => a.question.id === q1.id)?.count).toBe(5)
    expect(chart(afterSubmit)).toEqual([3, 2, 0])
    expect((await questionAnswers(c, q1, {})).total).toBe(5)

    const again = (await accessResponse(db, response.id, { user, token: null }))!
    await saveSection(c, again, 1, { [fieldName(q1.id)]: 'Changed my mind', [fieldName(q2.id)]: 'blue' }, { id: user.id, name: user.name }, { enforceRequired: true })
    // Saved changes to a submitted response count only once they are submitted.
    expect(chart(await dashboard(c))).toEqual([3, 2, 0])
    await submitResponse(c, (await accessResponse(db, response.id, { user, token: null }))!, user)
    expect(chart(await dashboard(c))).toEqual([2, 3, 0])

    await withdrawResponse(c, (await accessResponse(db, response.id, { user, token: null }))!)
    const afterWithdraw = await dashboard(c)
    expect(afterWithdraw.answersPerQuestion.find((a) => a.question.id === q1.id)?.count).toBe(4)
    expect(chart(afterWithdraw)).toEqual([2, 2, 0])
  })

  test('staff exports carry every response and the confidentiality flags', async () => {
    const { c } = await threeResponses()
    const structure = (await getStructure(db, c.questionnaireId))!
    const csv = await streamText(exportResponses(c, structure, 'csv'))
    const lines = csv.trim().split('\r\n')
    expect(lines).toHaveLength(5)
    expect(lines[0]).toContain('Q1_confidential')
    expect(csv).toContain('Secret answer')
    expect(csv).toContain('Commercial')
    const json = JSON.parse(await streamText(exportResponses(c, structure, 'json')))
    expect(json.responses).toHaveLength(4)
    expect(json.responses.find((r: { answers: Record<string, { answer: string }> }) => r.answers.Q1.answer === 'Secret answer').answers.Q1.confidential).toBe(true)
  })

  test('after closing and release, the public sees exactly the consented, non-confidential responses and answers, anonymised where asked', async () => {
    const { c, staff } = await threeResponses()
    expect(await publishedResponses(c)).toBeNull()
    const closed = await closeConsultation(c.id)
    // Closing alone publishes nothing: the consented responses wait for review.
    expect(await publishedResponses(closed)).toBeNull()
    for (const row of (await publicationQueue(closed)).rows) await approveForPublication(staff.user, closed, row.id)
    await releaseResponses(staff.user, closed, null)
    const published = (await publishedResponses(closed))!
    expect(published.responses.map((r) => r.respondent)).toEqual(['Person 0', 'Anonymous'])
    const texts = JSON.stringify(published)
    expect(texts).toContain('Named public answer')
    expect(texts).not.toContain('Secret answer')
    expect(texts).not.toContain('Not for publishing')
    expect(texts).not.toContain('Whole response confidential')
    const structure = (await getStructure(db, c.questionnaireId))!
    const open = await streamText(exportPublishedResponses(closed, structure, 'csv'))
    expect(open).not.toContain('Secret answer')
    expect(open).not.toContain('Person 1')
    expect(open).not.toMatch(/@example\.com/)
    await expect(db.transaction((tx) => publishOutcome(tx, staff.user, closed))).rejects.toBeInstanceOf(RuleError)
    await saveOutcome(staff.user, closed, { intro: 'We listened.', perQuestion: {} })
    await db.transaction(async (tx) => publishOutcome(tx, staff.user, { ...closed, outcomeIntro: 'We listened.' }))
  })

  test('an export of many responses streams in constant memory', async () => {
    const { c } = await threeResponses()
    const structure = (await getStructure(db, c.questionnaireId))!
    // Bulk rows stand in for a large consultation.
    await db.execute(sql`
      with subs as (insert into questionnaire_submissions (questionnaire_id) select ${c.questionnaireId}::uuid from generate_series(1, 20000) returning id)
      insert into consultation_responses (consultation_id, submission_id, reference, status, respondent_type, name, email, publishing_consent, submitted_at)
      select ${c.id}::uuid, id, 'BULK-' || row_number() over (), 'submitted', 'individual', 'Bulk', 'bulk@example.com', 'named', now() from subs`)
    if (global.gc) global.gc()
    const before = process.memoryUsage().heapUsed
    let peak = before
    let rows = 0
    const reader = exportResponses(c, structure, 'csv').getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      rows += new TextDecoder().decode(value).split('\r\n').length - 1
      peak = Math.max(peak, process.memoryUsage().heapUsed)
    }
    expect(rows).toBe(20_005)
    // Whole-result buffering of 20,000 rows would take far more than this.
    expect(peak - before).toBeLessThan(60 * 1024 * 1024)
  })
})

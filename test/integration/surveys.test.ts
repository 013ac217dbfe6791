import { eq, sql } from 'drizzle-orm'
import { RuleError } from '~/lib/result'
import { describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { fieldName } from '~/modules/questionnaires/questions'
import { getStructure } from '~/modules/questionnaires/structure.server'
import { assertGroupShowable, breakdown, exportCsv, surveyDashboard } from '~/modules/surveys/results.server'
import { addSurveyQuestion, addSurveySection, moveSurveyQuestion, removeSurveyQuestion, updateSurveyQuestion } from '~/modules/surveys/authoring.server'
import { createSurvey, openSurveys, type SurveyInput } from '~/modules/surveys/surveys.server'
import { inviteOrganisations, sendReminders } from '~/modules/surveys/invitations.server'
import { saveSurveyPage, startResponse, submitSurveyResponse } from '~/modules/surveys/responses.server'
import { surveysHomeBlock, surveysStaffBlock } from '~/modules/surveys/blocks.server'
import { previewResultsSummary, publishResultsSummary, unpublishResultsSummary } from '~/modules/surveys/publication.server'
import { anonymousStamp, flushSealedAnswers, sealedCount } from '~/modules/surveys/sealed-answers.server'
import { documentFromPlainText, richTextFromDocument } from '~/lib/rich-text.server'
import {
  auditEvents,
  mailDeliveries,
  questionnaireAnswers,
  questionnaireSubmissions,
  searchOutbox,
  surveyParticipations,
  surveyResponses,
  surveys,
  type Sector,
  type SizeBand,
  type Survey,
} from '~db/schema'
import * as staffSurveyRoute from '~/routes/staff.surveys.$id._index/route'
import * as editQuestionRoute from '~/routes/staff.surveys.$id.questions.$questionId.edit'
import * as surveyStartRoute from '~/routes/surveys.$slug._index'
import * as resumeRoute from '~/routes/surveys.$slug.response.$id._index'
import * as surveyPageRoute from '~/routes/surveys.$slug.response.$id.page.$n'
import * as savedRoute from '~/routes/surveys.$slug.response.$id.saved'
import * as checkRoute from '~/routes/surveys.$slug.response.$id.check'
import * as receiptRoute from '~/routes/surveys.$slug.response.$id.receipt'
import * as resultsRoute from '~/routes/staff.surveys.$id.results'
import * as resultsCsvRoute from '~/routes/staff.surveys.$id.results[.]csv'
import * as resultsJsonRoute from '~/routes/staff.surveys.$id.results[.]json'
import { QuestionResultView } from '~/modules/surveys/charts'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import type { Actor } from '~/lib/actor'
import { noticeFrom } from '../support/notice'
import { memberOf, organisationWithAdmin } from '../support/organisations'
import { makeUser, request, type TestUser } from '../support/users'
import { call } from '../support/routes'
import { closeSurvey, openSurvey, surveyInput } from '../support/surveys'

const DAY = 86_400_000

/** A survey with one page: a 0–10 rating, an agree scale, a ranking and a comment. */
async function surveyWithQuestions(actor: Actor & { name: string }, overrides: Partial<SurveyInput> = {}) {
  const survey = await createSurvey(actor, surveyInput(overrides))
  const section = await addSurveySection(survey, 'How we work with you')
  await addSurveyQuestion(actor, survey, { sectionId: section.id, type: 'rating', text: 'How likely are you to recommend working with the Category?', hint: '', required: true, optionLabels: [] })
  await addSurveyQuestion(actor, survey, { sectionId: section.id, type: 'agree_scale', text: 'We give you the chance to feed back on how we are doing', hint: '', required: false, optionLabels: [] })
  await addSurveyQuestion(actor, survey, {
    sectionId: section.id,
    type: 'ranking',
    text: 'Rank these principles',
    hint: '',
    required: false,
    optionLabels: ['Market stewardship', 'Partnership', 'Performance'],
  })
  await addSurveyQuestion(actor, survey, { sectionId: section.id, type: 'long_text', text: 'What should we change?', hint: '', required: false, optionLabels: [] })
  return survey
}

async function respond(survey: Survey, who: { organisation: { id: string }; admin: TestUser }, answers: { rating: string; agree?: string; ranking?: string[]; comment?: string }) {
  const p = await startResponse(survey, who.admin.actor, `organisation:${who.organisation.id}`)
  const q = (await getStructure(db, survey.questionnaireId))!.questions
  const values: Record<string, string | string[]> = { [fieldName(q[0].id)]: answers.rating }
  if (answers.agree) values[fieldName(q[1].id)] = answers.agree
  if (answers.ranking) values[fieldName(q[2].id)] = answers.ranking
  if (answers.comment) values[fieldName(q[3].id)] = answers.comment
  const saved = await saveSurveyPage(survey, p, 1, values, who.admin.actor, { enforceRequired: true })
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors))
  await submitSurveyResponse(survey, p.id, who.admin.actor)
  return p
}

async function invited(survey: Survey, sector: Sector = 'private', sizeBand: SizeBand = 'large') {
  const who = await organisationWithAdmin({ sector, sizeBand })
  await inviteOrganisations((await makeUser({ role: 'staff' })).actor, survey, [who.organisation.id])
  return who
}

describe('survey set-up', () => {
  test('copying last year’s survey keeps questions linked to their predecessors', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const last = await surveyWithQuestions(actor, { year: 2025 })
    const next = await createSurvey(actor, surveyInput({ year: 2026, copyFromId: last.id }))
    const before = (await getStructure(db, last.questionnaireId))!
    const after = (await getStructure(db, next.questionnaireId))!
    expect(after.questions.map((q) => q.text)).toEqual(before.questions.map((q) => q.text))
    expect(after.questions.map((q) => q.predecessorQuestionId)).toEqual(before.questions.map((q) => q.id))
    expect(after.questions[2].options.map((o) => o.label)).toEqual(['Market stewardship', 'Partnership', 'Performance'])
    expect(next.previousSurveyId).toBe(last.id)
  })

  test('invitations email each organisation’s administrators once, and reminders go only to those who have not responded', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const survey = await openSurvey(await surveyWithQuestions(actor))
    const a = await organisationWithAdmin()
    const b = await organisationWithAdmin()
    expect(await inviteOrganisations(actor, survey, [a.organisation.id, b.organisation.id])).toEqual({ invited: 2, emailed: 2 })
    expect(await inviteOrganisations(actor, survey, [a.organisation.id])).toEqual({ invited: 0, emailed: 0 })
    const invitations = await db
      .select()
      .from(mailDeliveries)
      .where(sql`${mailDeliveries.idempotencyKey} like ${`survey-invitation:${survey.id}:%`}`)
    expect(invitations.map((m) => m.toAddress).sort()).toEqual([a.admin.actor.email, b.admin.actor.email].sort())
    await respond(survey, a, { rating: '9' })
    expect(await sendReminders(actor, survey)).toEqual({ organisations: 1, emailed: 1 })
    // A second reminder the same day is the same message, so it is not sent twice.
    await sendReminders(actor, survey)
    const reminders = await db
      .select()
      .from(mailDeliveries)
      .where(sql`${mailDeliveries.idempotencyKey} like ${`survey-reminder:${survey.id}:%`}`)
    expect(reminders.map((m) => m.toAddress)).toEqual([b.admin.actor.email])
  })

  test('questions cannot be changed once someone has started answering', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const survey = await openSurvey(await surveyWithQuestions(actor))
    await expect(addSurveySection(survey, 'Late section')).rejects.toThrow(/cannot be changed once the survey has opened/)
    expect((await openSurveys()).map((s) => s.id)).toContain(survey.id)
    const home = await surveysHomeBlock({ signedIn: false })
    expect(home?.items?.map((i) => i.title)).toContain(survey.title)
    const staffBlock = await surveysStaffBlock({ signedIn: true })
    expect(staffBlock?.figures?.[0].value).toBe(1)
  })
})

describe('responding', () => {
  test('an organisation responds once; a second response is refused and the first is kept', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const survey = await openSurvey(await surveyWithQuestions(actor))
    const who = await invited(survey)
    await respond(survey, who, { rating: '8', comment: 'Keep publishing the pipeline' })
    const err = await startResponse(survey, who.admin.actor, `organisation:${who.organisation.id}`).catch((e) => e)
    expect(err).toBeInstanceOf(RuleError)
    expect(err.message).toBe(`${who.organisation.name} has already responded to the ${survey.title}. Each organisation can respond once`)
    // A colleague who is also an admin cannot respond again for the organisation either.
    const { actor: colleague } = await memberOf(who.organisation, { role: 'admin' })
    await expect(startResponse(survey, colleague, `organisation:${who.organisation.id}`)).rejects.toThrow(/already responded/)
    expect(await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id))).toHaveLength(1)
  })

  test('only administrators of invited organisations may respond for them', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const survey = await openSurvey(await surveyWithQuestions(actor))
    const uninvited = await organisationWithAdmin()
    await expect(startResponse(survey, uninvited.admin.actor, `organisation:${uninvited.organisation.id}`)).rejects.toThrow(/Only an administrator of an invited organisation/)
  })

  test('an out-of-range rating and a broken ranking are refused with clear messages and nothing is saved', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const survey = await openSurvey(await surveyWithQuestions(actor))
    const who = await invited(survey)
    const p = await startResponse(survey, who.admin.actor, `organisation:${who.organisation.id}`)
    const q = (await getStructure(db, survey.questionnaireId))!.questions
    const bad = await saveSurveyPage(survey, p, 1, { [fieldName(q[0].id)]: '11' }, who.admin.actor, { enforceRequired: true })
    expect(bad).toEqual({ ok: false, errors: { [fieldName(q[0].id)]: 'Your rating for Q1 must be a whole number from 0 to 10' } })
    const dup = await saveSurveyPage(survey, p, 1, { [fieldName(q[0].id)]: '5', [fieldName(q[2].id)]: ['partnership', 'partnership', 'performance'] }, who.admin.actor, { enforceRequired: true })
    expect(dup).toEqual({ ok: false, errors: { [fieldName(q[2].id)]: 'Choose each option only once when ranking Q3' } })
    expect(await db.select().from(questionnaireAnswers).where(eq(questionnaireAnswers.submissionId, p.submissionId!))).toHaveLength(0)
  })

  test('save and come back later keeps a draft; answers to a closed survey are refused and the draft is kept', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const survey = await openSurvey(await surveyWithQuestions(actor))
    const who = await invited(survey)
    const p = await startResponse(survey, who.admin.actor, `organisation:${who.organisation.id}`)
    const q = (await getStructure(db, survey.questionnaireId))!.questions
    expect(await saveSurveyPage(survey, p, 1, { [fieldName(q[3].id)]: 'Draft thoughts' }, who.admin.actor, { enforceRequired: false })).toEqual({ ok: true })
    // Resuming returns the same draft.
    expect((await startResponse(survey, who.admin.actor, `organisation:${who.organisation.id}`)).id).toBe(p.id)
    const [closed] = await db
      .update(surveys)
      .set({ closesAt: new Date(Date.now() - 1000) })
      .where(eq(surveys.id, survey.id))
      .returning()
    await expect(saveSurveyPage(closed, p, 1, { [fieldName(q[0].id)]: '7' }, who.admin.actor, { enforceRequired: true })).rejects.toThrow(/closed at .* so answers can no longer be accepted/)
    await expect(submitSurveyResponse(closed, p.id, who.admin.actor)).rejects.toThrow(/closed/)
    const kept = await db.select().from(questionnaireAnswers).where(eq(questionnaireAnswers.submissionId, p.submissionId!))
    expect(kept.map((a) => a.text)).toEqual(['Draft thoughts'])
  })

  test('save and come back later confirms on a page, emails a link that resumes on that page, and "Change" returns to checking answers', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const draft = await surveyWithQuestions(actor)
    const second = await addSurveySection(draft, 'Working together')
    await addSurveyQuestion(actor, draft, { sectionId: second.id, type: 'long_text', text: 'Anything else?', hint: '', required: false, optionLabels: [] })
    const survey = await openSurvey(draft)
    const { organisation: org } = await organisationWithAdmin()
    const { user, cookie } = await memberOf(org, { role: 'admin', name: 'Resuming Admin' })
    await inviteOrganisations(actor, survey, [org.id])
    const q = (await getStructure(db, survey.questionnaireId))!.questions
    const at = (path: string) => `/surveys/${survey.slug}${path}`

    const started = await call(surveyStartRoute.action, request(at(''), { cookie, form: { respondent: `organisation:${org.id}` } }), { slug: survey.slug })
    const base = started.location!
    expect(base).toMatch(new RegExp(`^/surveys/${survey.slug}/response/[0-9a-f-]{36}$`))
    const id = base.split('/').pop()!
    const params = (n?: number) => ({ slug: survey.slug, id, ...(n ? { n: String(n) } : {}) })
    expect((await call(resumeRoute.loader, request(base, { cookie }), params())).location).toBe(`${base}/page/1`)

    const page1 = await call(surveyPageRoute.action, request(`${base}/page/1`, { cookie, form: { [fieldName(q[0].id)]: '8', intent: 'continue' } }), params(1))
    expect(page1.location).toBe(`${base}/page/2`)
    const later = await call(surveyPageRoute.action, request(`${base}/page/2`, { cookie, form: { [fieldName(q[4].id)]: 'Half a thought', intent: 'later' } }), params(2))
    expect(later.location).toBe(`${base}/saved`)
    const saved = await call(savedRoute.loader, request(`${base}/saved`, { cookie }), params())
    expect(saved.data).toMatchObject({ email: user.email, base })
    // Saving again the same day sends no second email.
    await call(surveyPageRoute.action, request(`${base}/page/2`, { cookie, form: { [fieldName(q[4].id)]: 'A whole thought', intent: 'later' } }), params(2))
    const mail = (await db.select().from(mailDeliveries).where(eq(mailDeliveries.toAddress, user.email.toLowerCase()))).filter((m) => m.subject.startsWith('Continue'))
    expect(mail.map((m) => m.subject)).toEqual([`Continue your response to the ${survey.title}`])
    expect(mail[0].textBody).toContain(`/surveys/${survey.slug}/response/${id}\n`)
    expect(mail[0].textBody).toMatch(/before the survey closes at \d{1,2}(:\d\d)?(am|pm) on /)

    // The emailed link opens page 2, where the person left off; someone else gets nothing.
    expect((await call(resumeRoute.loader, request(base, { cookie }), params())).location).toBe(`${base}/page/2`)
    const stranger = await makeUser({ name: 'Stranger' })
    expect((await call(resumeRoute.loader, request(base, { cookie: stranger.cookie }), params())).status).toBe(404)
    expect((await call(savedRoute.loader, request(`${base}/saved`, { cookie: stranger.cookie }), params())).status).toBe(404)
    expect((await call(resumeRoute.loader, request(base), params())).location).toMatch(/^\/sign-in\?redirectTo=/)
    // Continuing from the survey's page resumes there too.
    expect((await call(surveyStartRoute.action, request(at(''), { cookie, form: { respondent: `organisation:${org.id}` } }), { slug: survey.slug })).location).toBe(base)

    const page2 = await call(surveyPageRoute.action, request(`${base}/page/2`, { cookie, form: { [fieldName(q[4].id)]: 'A whole thought', intent: 'continue' } }), params(2))
    expect(page2.location).toBe(`${base}/check`)
    expect((await call(resumeRoute.loader, request(base, { cookie }), params())).location).toBe(`${base}/check`)

    // "Change" from checking answers: the page knows where it came from and goes back there, not on to the next page.
    const check = await call(checkRoute.loader, request(`${base}/check`, { cookie }), params())
    expect(check.data.sections[0].rows[0].href).toBe(`${base}/page/1?return=check#${fieldName(q[0].id)}`)
    const changing = await call(surveyPageRoute.loader, request(`${base}/page/1?return=check`, { cookie }), params(1))
    expect(changing.data.fromCheck).toBe(true)
    const changed = await call(surveyPageRoute.action, request(`${base}/page/1?return=check`, { cookie, form: { [fieldName(q[0].id)]: '9', intent: 'continue', return: 'check' } }), params(1))
    expect(changed.location).toBe(`${base}/check`)
  })

  test('two administrators of one organisation share its draft: a stale page after the other submits is refused, a second submit too, and each receipt says the right thing', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const survey = await openSurvey(await surveyWithQuestions(actor))
    const { organisation: org } = await organisationWithAdmin()
    const [a, b] = [await memberOf(org, { role: 'admin', name: 'First Admin' }), await memberOf(org, { role: 'admin', name: 'Second Admin' })]
    await inviteOrganisations(actor, survey, [org.id])
    const q = (await getStructure(db, survey.questionnaireId))!.questions
    const start = (cookie: string) => call(surveyStartRoute.action, request(`/surveys/${survey.slug}`, { cookie, form: { respondent: `organisation:${org.id}` } }), { slug: survey.slug })
    const base = (await start(a.cookie)).location!
    // The colleague who starts too works on the same draft.
    expect((await start(b.cookie)).location).toBe(base)
    const id = base.split('/').pop()!
    const params = (n?: number) => ({ slug: survey.slug, id, ...(n ? { n: String(n) } : {}) })
    const [stale] = await db.select().from(surveyParticipations).where(eq(surveyParticipations.id, id))

    await call(surveyPageRoute.action, request(`${base}/page/1`, { cookie: a.cookie, form: { [fieldName(q[0].id)]: '8', intent: 'continue' } }), params(1))
    const [sent, again] = await Promise.all([
      call(checkRoute.action, request(`${base}/check`, { cookie: a.cookie, form: {} }), params()),
      call(checkRoute.action, request(`${base}/check`, { cookie: b.cookie, form: {} }), params()),
    ])
    // One submit goes through; the other, a moment later, is told.
    expect([sent.status, again.status].sort()).toEqual([302, 400])
    const refused = sent.status === 400 ? sent : again
    expect(refused.data.errors.form).toBe('This response has already been submitted. Each organisation or person can respond once')

    // The second admin's page, open since before, is posted: refused, and the response keeps what was submitted.
    const late = await call(surveyPageRoute.action, request(`${base}/page/1`, { cookie: b.cookie, form: { [fieldName(q[0].id)]: '2', intent: 'continue' } }), params(1))
    expect(late.status).toBe(409)
    expect(late.data.errors.form).toBe('This response has already been submitted and cannot be changed')
    // Even a save that read the draft before the submit and reached the database after it.
    await expect(saveSurveyPage(survey, stale, 1, { [fieldName(q[0].id)]: '2' }, b.user, { enforceRequired: true })).rejects.toThrow(
      'A colleague has already submitted this response, so it can no longer be changed',
    )
    const [rating] = (await surveyDashboard(survey)).questions
    expect([rating.answered, rating.mean]).toEqual([1, 8])

    // Whoever submitted got the confirmation and their receipt says so; the colleague's says who sent it.
    const submitter = sent.status === 302 ? a : b
    const colleague = submitter === a ? b : a
    expect((await call(receiptRoute.loader, request(`${base}/receipt`, { cookie: submitter.cookie }), params())).data.email).toBe(submitter.user.email)
    expect((await call(receiptRoute.loader, request(`${base}/receipt`, { cookie: colleague.cookie }), params())).data.email).toBeNull()
    expect((await call(checkRoute.loader, request(`${base}/check`, { cookie: colleague.cookie }), params())).location).toBe(`${base}/receipt`)
    const receipts = await db
      .select()
      .from(mailDeliveries)
      .where(sql`${mailDeliveries.idempotencyKey} = ${`survey-receipt:${id}`}`)
    expect(receipts.map((m) => m.toAddress)).toEqual([submitter.user.email.toLowerCase()])
  })

  test('a required question must be answered before submitting', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const survey = await openSurvey(await surveyWithQuestions(actor))
    const who = await invited(survey)
    const p = await startResponse(survey, who.admin.actor, `organisation:${who.organisation.id}`)
    await expect(submitSurveyResponse(survey, p.id, who.admin.actor)).rejects.toThrow('Answer Q1 before submitting')
  })
})

describe('anonymity', () => {
  test('anonymous answers are sealed with no user, organisation or time, written later with the survey’s one timestamp, yet one response per organisation holds', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const survey = await openSurvey(await surveyWithQuestions(actor, { anonymous: true, minGroupSize: 1 }))
    const who = await invited(survey, 'vcse', 'small')
    const p = await respond(survey, who, { rating: '3', agree: 'disagree', ranking: ['performance', 'partnership', 'market-stewardship'], comment: 'Payment terms are hard on small charities' })

    const [participation] = await db.select().from(surveyParticipations).where(eq(surveyParticipations.id, p.id))
    expect(participation.status).toBe('submitted')
    expect(participation.submissionId).toBeNull()
    // The draft that knew who wrote it is gone, and nothing is written as a response yet: the answers wait, sealed.
    expect(await db.select().from(questionnaireSubmissions).where(eq(questionnaireSubmissions.id, p.submissionId!))).toHaveLength(0)
    expect(await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id))).toHaveLength(0)
    const sealedColumns = await db.execute(sql`select column_name from information_schema.columns where table_name = 'survey_sealed_answers' order by ordinal_position`)
    expect(sealedColumns.map((c) => c.column_name)).toEqual(['id', 'survey_id', 'sector', 'size_band', 'answers'])
    expect(await sealedCount(survey.id)).toBe(1)
    // One waiting is not a batch while the survey is open.
    expect(await flushSealedAnswers(survey.id)).toBe(0)

    const closed = await closeSurvey(survey)
    await expect(exportCsv(closed)).resolves.toBeTruthy()
    expect(await sealedCount(survey.id)).toBe(0)
    const [response] = await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id))
    expect(response.submittedOn).toBeNull()
    const [submission] = await db.select().from(questionnaireSubmissions).where(eq(questionnaireSubmissions.id, response.submissionId))
    expect(submission.lastChangedById).toBeNull()
    expect(submission.lastChangedByName).toBeNull()
    const answers = await db.select().from(questionnaireAnswers).where(eq(questionnaireAnswers.submissionId, response.submissionId))
    expect(answers).toHaveLength(4)
    for (const a of answers) {
      expect(a.changedById).toBeNull()
      expect(a.changedByName).toBeNull()
    }
    // Every stored instant is the start of the London day the survey opened: the same for every answer.
    const stamps = [submission.createdAt, submission.updatedAt, ...answers.flatMap((a) => [a.createdAt, a.updatedAt])]
    for (const stamp of stamps) expect(stamp.getTime()).toBe(anonymousStamp(survey).getTime())

    const columns = await db.execute(sql`select column_name from information_schema.columns where table_name = 'survey_responses' order by ordinal_position`)
    expect(columns.map((c) => c.column_name)).toEqual(['submission_id', 'survey_id', 'sector', 'size_band', 'submitted_on'])
    const references = await db.execute(sql`select count(*)::int as n from survey_participations where submission_id = ${response.submissionId}`)
    expect(references[0].n).toBe(0)

    // Still one response per organisation.
    await expect(startResponse(survey, who.admin.actor, `organisation:${who.organisation.id}`)).rejects.toThrow(/already responded/)
    // The export has no respondent columns and no date.
    const csv = await exportCsv(closed)
    expect(csv.split('\r\n')[0]).not.toMatch(/Organisation|Respondent|Submitted on/)
    expect(csv).not.toContain(who.organisation.name)
    expect(csv).toContain('Payment terms are hard on small charities')
  })

  test('an attributed survey keeps who responded', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const survey = await openSurvey(await surveyWithQuestions(actor))
    const who = await invited(survey)
    const p = await respond(survey, who, { rating: '10' })
    const [participation] = await db.select().from(surveyParticipations).where(eq(surveyParticipations.id, p.id))
    expect(participation.submissionId).toBe(p.submissionId)
    expect(await exportCsv(survey)).toContain(who.organisation.name)
  })
})

describe('results', () => {
  test('response rate, rating distribution, mean and net score, ranks, and free-text search', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const survey = await openSurvey(await surveyWithQuestions(actor))
    const ratings = ['10', '9', '7', '3']
    // The last respondent leaves the ranking out: its shares are of the three who answered it.
    const rankings = [['partnership', 'market-stewardship', 'performance'], ['performance', 'partnership', 'market-stewardship'], ['partnership', 'performance', 'market-stewardship'], undefined]
    for (const [i, rating] of ratings.entries()) {
      await respond(survey, await invited(survey), {
        rating,
        ranking: rankings[i],
        comment: i === 0 ? 'Clearer payment timetables please' : 'More notice of procurements',
      })
    }
    await invited(survey) // invited, not responded
    const d = await surveyDashboard(survey, { search: 'payment' })
    expect(d.responses).toBe(4)
    expect(d.invited).toBe(5)
    expect(d.responseRate).toBe(80)
    const [rating, , ranking, comments] = d.questions
    expect(rating.mean).toBe(7.3)
    expect(rating.nps).toEqual({ promoters: 50, passives: 25, detractors: 25, score: 25 })
    expect(rating.bars!.find((b) => b.value === '10')!.count).toBe(1)
    expect(ranking.answered).toBe(3)
    expect(ranking.ranks!.map((r) => [r.label, r.firstPlaces, r.firstShare, r.meanRank])).toEqual([
      ['Partnership', 2, 66.7, 1.33],
      ['Performance', 1, 33.3, 2],
      ['Market stewardship', 0, 0, 2.67],
    ])
    expect(comments.texts).toEqual(['Clearer payment timetables please'])
    // The page says what the shares are of.
    const html = renderToStaticMarkup(createElement(QuestionResultView, { result: ranking }))
    expect(html).toContain('Q3 places, shares of the 3 respondents who answered (1 is the top place)')
    expect(html).toMatch(/Partnership<\/th><td[^>]*>2 \(66.7%\)<\/td><td[^>]*>1.3<\/td>/)
    expect(renderToStaticMarkup(createElement(QuestionResultView, { result: rating }))).toContain('shares of the 4 respondents who answered')
  })

  test('with no responses yet, the results say so and offer no empty downloads', async () => {
    const { user, cookie } = await makeUser({ role: 'staff' })
    const survey = await openSurvey(await surveyWithQuestions({ id: user.id, email: user.email, name: user.name }))
    await invited(survey)
    const params = { id: survey.id }
    const page = await call(resultsRoute.loader, request(`/staff/surveys/${survey.id}/results`, { cookie }), params)
    expect(page.data).toMatchObject({ hidden: null, responses: 0, invited: 1, responseRate: 0 })
    for (const route of [resultsCsvRoute, resultsJsonRoute]) {
      const refused = await call(route.loader, request(`/staff/surveys/${survey.id}/results.csv`, { cookie }), params)
      expect(refused.status).toBe(409)
      expect(refused.text).toBe('There are no responses to download yet')
    }
    const unanswered = renderToStaticMarkup(createElement(QuestionResultView, { result: page.data.questions[2] }))
    expect(unanswered).toContain('Nobody has answered this question yet.')
    expect(unanswered).not.toContain('%')
  })

  test('breakdowns suppress groups below the minimum, and the next smallest when only one would be hidden', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const survey = await openSurvey(await surveyWithQuestions(actor, { minGroupSize: 3 }))
    for (let i = 0; i < 4; i++) await respond(survey, await invited(survey, 'private', 'large'), { rating: '8' })
    for (let i = 0; i < 3; i++) await respond(survey, await invited(survey, 'public', 'medium'), { rating: '6' })
    await respond(survey, await invited(survey, 'vcse', 'small'), { rating: '2' })
    const structure = (await getStructure(db, survey.questionnaireId))!
    const groups = await breakdown(survey, 'sector', structure.questions)
    expect(groups.map((g) => [g.value, g.responses, g.suppressed])).toEqual([
      ['private', 4, false],
      ['public', 3, true],
      ['vcse', 1, true],
    ])
    expect(groups.find((g) => g.value === 'vcse')!.questions).toEqual([])
    expect(groups.find((g) => g.value === 'private')!.questions[0].mean).toBe(8)
    await expect(assertGroupShowable(survey, 'sector', 'vcse')).rejects.toThrow(
      'Results for Voluntary, community and social enterprise (VCSE) cannot be shown because fewer than 3 responses came from that group, which could identify who gave them',
    )
    const d = await surveyDashboard(survey, { by: 'sector', group: 'vcse' })
    expect(d.groupError).toMatch(/cannot be shown/)
    expect(d.filter).toBeNull()
    expect(d.questions[0].answered).toBe(8)
  })

  test('year-on-year comparison shows the change for linked questions', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const last = await openSurvey(await surveyWithQuestions(actor, { year: 2025 }))
    for (const rating of ['4', '5', '6']) await respond(last, await invited(last), { rating, agree: 'disagree' })
    const next = await openSurvey(await createSurvey(actor, surveyInput({ year: 2026, copyFromId: last.id })))
    for (const rating of ['7', '8', '9']) await respond(next, await invited(next), { rating, agree: 'agree' })
    const d = await surveyDashboard(next)
    expect(d.previous?.year).toBe(2025)
    const rating = d.comparisons.find((c) => c.label === 'Q1')!
    expect(rating.rows[0]).toEqual({ label: 'Mean rating (0 to 10)', previous: 5, current: 8, change: 3, unit: 'points' })
    const agree = d.comparisons.find((c) => c.label === 'Q2')!
    expect(agree.rows.find((r) => r.label.startsWith('Agree'))).toMatchObject({ previous: 0, current: 100, change: 100 })
  })

  test('publishing the results summary is refused while open or below the minimum, previews first, makes it searchable and audited, and can be undone', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    let survey = await openSurvey(await surveyWithQuestions(actor, { minGroupSize: 3 }))
    const q = (await getStructure(db, survey.questionnaireId))!.questions
    const summary = richTextFromDocument(documentFromPlainText('Suppliers told us payment timetables matter most.'))
    const input = { summary, chartQuestionIds: [q[0].id, q[3].id, 'not-a-question'] }
    await expect(previewResultsSummary(survey, input)).rejects.toThrow(/shown once the survey has closed. The .* closes at/)
    for (const rating of ['6', '8']) await respond(survey, await invited(survey), { rating })
    survey = await closeSurvey(survey)
    await expect(publishResultsSummary(actor, survey, input)).rejects.toThrow(
      'Results are not shown because only 2 organisations responded and the minimum group size is 3: results from fewer could identify who gave them',
    )
    survey = await openSurvey(survey)
    await respond(survey, await invited(survey), { rating: '10' })
    survey = await closeSurvey(survey)
    await expect(previewResultsSummary(survey, { ...input, summary: null })).rejects.toThrow('Enter a summary of the results')
    const preview = await previewResultsSummary(survey, input)
    expect(preview.responses).toBe(3)
    expect(preview.charts.map((c) => c.mean)).toEqual([8])
    // A preview publishes nothing.
    expect((await db.select().from(surveys).where(eq(surveys.id, survey.id)))[0].resultsPublishedAt).toBeNull()

    const published = await publishResultsSummary(actor, survey, input)
    expect(published.resultsPublishedAt).not.toBeNull()
    expect(published.resultsChartQuestionIds).toEqual([q[0].id])
    const outbox = await db.select().from(searchOutbox).where(eq(searchOutbox.documentId, survey.id))
    expect(outbox.length).toBeGreaterThanOrEqual(2)
    expect(new Set(outbox.map((o) => o.indexName))).toEqual(new Set(['surveys']))

    const unpublished = await unpublishResultsSummary(actor, published)
    expect(unpublished.resultsPublishedAt).toBeNull()
    expect(unpublished.resultsSummaryText).toBe('Suppliers told us payment timetables matter most.')
    const logged = await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, survey.id))
    expect(logged.map((l) => l.action)).toEqual(expect.arrayContaining(['survey.results_published', 'survey.results_unpublished']))
    await expect(unpublishResultsSummary(actor, unpublished)).rejects.toThrow('The results summary is not published')
  })
})

describe('demo content', () => {
  test('the 2025 and 2026 supplier surveys have a few dozen responses each and show movement year on year', async () => {
    const { seedAccounts } = await import('../../db/seed/accounts')
    const { seedOrganisations } = await import('../../db/seed/organisations')
    const { seedSurveys } = await import('../../db/seed/surveys')
    const accounts = await seedAccounts()
    await seedOrganisations(accounts)
    await seedSurveys(accounts)
    const [y2026] = await db.select().from(surveys).where(eq(surveys.year, 2026))
    expect(y2026.anonymous).toBe(true)
    expect(y2026.resultsPublishedAt).not.toBeNull()
    const d = await surveyDashboard(y2026, { by: 'sector' })
    expect(d.responses).toBeGreaterThanOrEqual(30)
    expect(d.previous?.year).toBe(2025)
    const rating = d.comparisons.find((c) => c.label === 'Q1')!
    expect(rating.rows[0].change).toBeGreaterThan(0)
    expect(d.groups!.some((g) => !g.suppressed)).toBe(true)
    // Most put one principle first, but not everyone: the shares of first places are of everyone who answered.
    const ranking = d.questions.find((q) => q.type === 'ranking')!
    expect(ranking.answered).toBe(d.responses)
    expect(ranking.ranks!.reduce((sum, r) => sum + r.firstPlaces, 0)).toBe(ranking.answered)
    expect(ranking.ranks![0].firstShare).toBeGreaterThan(50)
    expect(ranking.ranks![0].firstShare).toBeLessThan(100)
    expect(ranking.ranks!.filter((r) => r.firstPlaces > 0).length).toBeGreaterThan(1)
    // Anonymous demo answers have no author either.
    const authored = await db.execute(
      sql`select count(*)::int as n from questionnaire_answers a join survey_responses r on r.submission_id = a.submission_id where r.survey_id = ${y2026.id} and (a.changed_by_id is not null or a.changed_by_name is not null)`,
    )
    expect(authored[0].n).toBe(0)
  })
})

describe('staff pages', () => {
  test('dates are entered in London time, and a closing date before the opening date is refused with the input kept', async () => {
    const { user, cookie } = await makeUser({ role: 'staff' })
    const survey = await createSurvey({ id: user.id, email: user.email }, surveyInput())
    const form = (closesDay: string, closesTime = '17:00') => ({
      intent: 'dates',
      'opensAt-day': '1',
      'opensAt-month': '7',
      'opensAt-year': '2026',
      'opensAt-time': '09:00',
      'closesAt-day': closesDay,
      'closesAt-month': '7',
      'closesAt-year': '2026',
      'closesAt-time': closesTime,
    })
    const bad = await call(staffSurveyRoute.action, request(`/staff/surveys/${survey.id}`, { cookie, form: form('1', '08:00') }), { id: survey.id })
    expect(bad.status).toBe(400)
    expect(bad.data.errors.closesAt).toBe('The closing date must be after the opening date')
    expect(bad.data.values['closesAt-day']).toBe('1')
    const ok = await call(staffSurveyRoute.action, request(`/staff/surveys/${survey.id}`, { cookie, form: form('31') }), { id: survey.id })
    expect(ok.status).toBe(302)
    const [after] = await db.select().from(surveys).where(eq(surveys.id, survey.id))
    // 09:00 in London in July is 08:00 UTC.
    expect(after.opensAt!.toISOString()).toBe('2026-07-01T08:00:00.000Z')
  })
})

describe('changing questions before the survey opens', () => {
  const upcoming = () => ({ opensAt: new Date(Date.now() + 7 * DAY), closesAt: new Date(Date.now() + 30 * DAY) })
  async function staffWithSurvey(overrides: Partial<SurveyInput> = upcoming()) {
    const { user, cookie } = await makeUser({ role: 'staff', name: 'Survey Staff' })
    const actor = { id: user.id, email: user.email, name: user.name }
    const survey = await surveyWithQuestions(actor, overrides)
    const questions = async () => (await getStructure(db, survey.questionnaireId))!.questions
    return { actor, cookie, survey, questions }
  }
  const editPath = (survey: Survey, questionId: string) => `/staff/surveys/${survey.id}/questions/${questionId}/edit`
  const edit = (survey: Survey, questionId: string, cookie: string, form?: Record<string, string | string[]>) =>
    call(form ? editQuestionRoute.action : editQuestionRoute.loader, request(editPath(survey, questionId), { cookie, form }), { id: survey.id, questionId })
  const move = (survey: Survey, questionId: string, cookie: string, intent: 'move-up' | 'move-down') =>
    call(staffSurveyRoute.action, request(`/staff/surveys/${survey.id}`, { cookie, form: { intent, questionId } }), { id: survey.id })
  const audits = (action: string) => db.select().from(auditEvents).where(eq(auditEvents.action, action))

  test('staff change a question’s wording, hint, type, options and whether it is required; the change is audited', async () => {
    const { cookie, survey, questions } = await staffWithSurvey()
    const [rating] = await questions()
    const page = await edit(survey, rating.id, cookie)
    expect(page.data).toMatchObject({ question: { label: 'Q1', defaults: { type: 'rating', text: rating.text, required: true } }, locked: null })

    const saved = await edit(survey, rating.id, cookie, {
      text: 'Which of these describes working with the Category?',
      hint: 'Choose all that apply.',
      type: 'multiple_choice',
      options: 'Open\nFair\n\nSlow ',
      allowOther: 'yes',
    })
    expect(saved.status).toBe(302)
    expect(saved.location).toBe(`/staff/surveys/${survey.id}`)
    const [after] = await questions()
    expect(after).toMatchObject({
      id: rating.id,
      label: 'Q1',
      type: 'multiple_choice',
      text: 'Which of these describes working with the Category?',
      hint: 'Choose all that apply.',
      required: false,
      allowOther: true,
      options: [
        { value: 'open', label: 'Open' },
        { value: 'fair', label: 'Fair' },
        { value: 'slow', label: 'Slow' },
      ],
    })
    const [audit] = await audits('survey.question_changed')
    expect(audit).toMatchObject({
      subjectType: 'survey',
      subjectId: survey.id,
      before: { type: 'rating', required: true },
      after: { type: 'multiple_choice', options: ['Open', 'Fair', 'Slow'], allowOther: true },
    })

    // A long answer keeps its word limit; a question whose type has no options of its own drops the old ones.
    await edit(survey, rating.id, cookie, { text: 'What should we change?', type: 'long_text', maxWords: '300', options: 'Open\nFair', required: 'yes' })
    expect((await questions())[0]).toMatchObject({ type: 'long_text', maxWords: 300, options: [], allowOther: false, required: true })
  })

  test('a bad edit is refused with the form’s messages, keeps what was typed and saves nothing', async () => {
    const { cookie, survey, questions } = await staffWithSurvey()
    const before = await questions()
    const ranking = before[2]
    const refused = await edit(survey, ranking.id, cookie, { text: '  ', type: 'ranking', options: 'Only one', maxWords: 'lots' })
    expect(refused.status).toBe(400)
    // Every problem at once, including the options, which depend on the type.
    expect(refused.data.errors).toEqual({
      text: 'Enter the question',
      maxWords: 'Word limit must be a whole number between 1 and 10000',
      options: 'Enter at least 2 options, one on each line',
    })
    expect(refused.data.values).toMatchObject({ text: '  ', type: 'ranking', options: 'Only one', maxWords: 'lots' })
    const noOptions = await edit(survey, ranking.id, cookie, { text: 'Rank these', type: 'ranking', options: 'Only one' })
    expect(noOptions.data.errors).toEqual({ options: 'Enter at least 2 options, one on each line' })
    const noType = await edit(survey, ranking.id, cookie, { text: 'Rank these', type: 'essay' })
    expect(noType.data.errors).toEqual({ type: 'Select the type of answer' })
    expect(await questions()).toEqual(before)
    expect(await audits('survey.question_changed')).toHaveLength(0)
  })

  test('Move up and Move down reorder a question within its page and are audited; at the end of a page nothing moves', async () => {
    const { cookie, survey, questions } = await staffWithSurvey()
    const [q1, q2, q3, q4] = await questions()
    const down = await move(survey, q1.id, cookie, 'move-down')
    expect(await noticeFrom(down.headers!)).toBe('Q1 moved down: it is now Q2')
    expect((await questions()).map((q) => q.id)).toEqual([q2.id, q1.id, q3.id, q4.id])
    await move(survey, q4.id, cookie, 'move-up')
    expect((await questions()).map((q) => q.id)).toEqual([q2.id, q1.id, q4.id, q3.id])
    const moved = await audits('survey.question_moved')
    expect(moved.map((a) => [a.before, a.after])).toEqual(
      expect.arrayContaining([
        [
          { questionId: q1.id, label: 'Q1' },
          { questionId: q1.id, label: 'Q2' },
        ],
        [
          { questionId: q4.id, label: 'Q4' },
          { questionId: q4.id, label: 'Q3' },
        ],
      ]),
    )

    // The first question cannot go higher: nothing changes and nothing is logged.
    const edge = await move(survey, q2.id, cookie, 'move-up')
    expect(edge.status).toBe(302)
    expect(await noticeFrom(edge.headers!)).toBe('Q1 is already first on its page')
    expect((await questions()).map((q) => q.id)).toEqual([q2.id, q1.id, q4.id, q3.id])
    expect(await audits('survey.question_moved')).toHaveLength(2)

    // A question on another page stays on its page.
    const page2 = await addSurveySection(survey, 'Anything else')
    const { actor } = await staffWithSurvey()
    const other = await addSurveyQuestion(actor, survey, { sectionId: page2.id, type: 'short_text', text: 'Your role' })
    await move(survey, other.id, cookie, 'move-up')
    expect((await questions()).at(-1)).toMatchObject({ id: other.id, sectionId: page2.id, label: 'Q5' })
  })

  test('adding and removing questions are audited too', async () => {
    const { actor, survey, questions } = await staffWithSurvey()
    const [first] = await questions()
    await removeSurveyQuestion(actor, survey, first.id)
    expect((await audits('survey.question_added')).length).toBe(4)
    expect(await audits('survey.question_removed')).toEqual([expect.objectContaining({ before: expect.objectContaining({ id: first.id, text: first.text }) })])
    await expect(removeSurveyQuestion(actor, survey, first.id)).rejects.toThrow(/not in this survey/)
  })

  test('a question copied from last year keeps its link when reworded and loses it when its type changes', async () => {
    const { actor, survey: last } = await staffWithSurvey({ year: 2025 })
    const next = await createSurvey(actor, surveyInput({ year: 2026, copyFromId: last.id, ...upcoming() }))
    const copied = (await getStructure(db, next.questionnaireId))!.questions
    await updateSurveyQuestion(actor, next, copied[0].id, { type: 'rating', text: 'How likely are you to recommend us?', required: true })
    await updateSurveyQuestion(actor, next, copied[1].id, { type: 'rating', text: 'How well do we ask for feedback?' })
    const after = (await getStructure(db, next.questionnaireId))!.questions
    expect(after[0]).toMatchObject({ text: 'How likely are you to recommend us?', predecessorQuestionId: copied[0].predecessorQuestionId })
    expect(after[1]).toMatchObject({ type: 'rating', predecessorQuestionId: null })
    const { cookie } = await makeUser({ role: 'staff' })
    expect((await edit(next, copied[2].id, cookie)).data.question.linked).toBe(true)
  })

  test('questions cannot be edited or moved once the survey has opened, someone has started answering, or organisations are invited', async () => {
    const { actor, cookie, survey, questions } = await staffWithSurvey()
    const [q1] = await questions()
    const change = { type: 'rating' as const, text: 'Changed' }

    // Invited while still upcoming: the wording stays as the organisations were invited to answer it.
    const who = await organisationWithAdmin()
    await inviteOrganisations(actor, survey, [who.organisation.id])
    await expect(updateSurveyQuestion(actor, survey, q1.id, change)).rejects.toMatchObject({ code: 'questions_locked', message: expect.stringMatching(/once organisations have been invited/) })
    await expect(moveSurveyQuestion(actor, survey, q1.id, 'down')).rejects.toMatchObject({ code: 'questions_locked' })
    const page = await edit(survey, q1.id, cookie)
    expect(page.data.locked).toMatch(/once organisations have been invited/)
    const refused = await edit(survey, q1.id, cookie, { text: 'Changed wording', type: 'rating' })
    expect(refused.status).toBe(409)
    expect(refused.data.errors.form).toMatch(/once organisations have been invited/)
    expect(refused.data.values.text).toBe('Changed wording')
    const moveRefused = await move(survey, q1.id, cookie, 'move-down')
    expect(moveRefused.status).toBe(400)
    expect(moveRefused.data.errors.form).toMatch(/cannot be changed/)
    const addRefused = await call(
      staffSurveyRoute.action,
      request(`/staff/surveys/${survey.id}`, { cookie, form: { intent: 'add-question', sectionId: q1.sectionId, text: 'Late', type: 'rating' } }),
      { id: survey.id },
    )
    expect(addRefused.status).toBe(400)
    expect((await call(staffSurveyRoute.loader, request(`/staff/surveys/${survey.id}`, { cookie }), { id: survey.id })).data.questionsLocked).toMatch(/once organisations have been invited/)

    // Open, with a response started.
    const opened = await openSurvey(await surveyWithQuestions(actor))
    const started = await organisationWithAdmin()
    await inviteOrganisations(actor, opened, [started.organisation.id])
    await startResponse(opened, started.admin.actor, `organisation:${started.organisation.id}`)
    const openQ = (await getStructure(db, opened.questionnaireId))!.questions[0]
    await expect(updateSurveyQuestion(actor, opened, openQ.id, change)).rejects.toThrow(/cannot be changed once the survey has opened or someone has started answering/)
    await expect(moveSurveyQuestion(actor, opened, openQ.id, 'down')).rejects.toThrow(/cannot be changed once the survey has opened/)
    expect((await getStructure(db, opened.questionnaireId))!.questions[0]).toMatchObject({ id: openQ.id, text: openQ.text })
    expect(await audits('survey.question_changed')).toHaveLength(0)
    expect(await audits('survey.question_moved')).toHaveLength(0)
  })

  test('a question from another survey, or none, is not found', async () => {
    const { cookie, survey } = await staffWithSurvey()
    const other = await staffWithSurvey()
    const [theirs] = await other.questions()
    expect((await edit(survey, theirs.id, cookie)).status).toBe(404)
    expect((await edit(survey, theirs.id, cookie, { text: 'Hijack', type: 'rating' })).status).toBe(404)
    expect((await edit(survey, 'not-a-question', cookie)).status).toBe(404)
    const moved = await move(survey, theirs.id, cookie, 'move-down')
    expect(moved.status).toBe(400)
    expect((await other.questions())[0].id).toBe(theirs.id)
  })
})

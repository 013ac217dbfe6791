import { describe, expect, test } from 'vitest'
import { approveForPublication, publicationQueue, releaseResponses } from '~/modules/consultations/publication.server'
import { addQuestion } from '~/modules/questionnaires/structure.server'
import * as sectionRoute from '~/routes/consultations.$slug.response.$id.section.$n'
import * as attachmentRoute from '~/routes/staff.consultations.$id.responses.$responseId_.attachments.$questionId'
import { storedFiles } from '~db/schema'
import { drainOutbox } from '~search/worker.server'
import { samplePdf } from '../../db/seed/sample-documents'
import { closeConsultation, crawlPublic } from '../support/consultations'
import { parseCsv } from '~/lib/csv'
import { db } from '~/lib/db.server'
import { dashboard, exportResponses, outcomeFor } from '~/modules/consultations/analysis.server'
import { publishConsultation } from '~/modules/consultations/consultations.server'
import { publicCopy } from '~/modules/consultations/publication.server'
import { accessResponse, responseAnswers, saveSection, startResponse, submitResponse } from '~/modules/consultations/responses.server'
import { answerText, fieldName, removeFileFieldName, statementFieldName } from '~/modules/questionnaires/questions'
import { getStructure } from '~/modules/questionnaires/structure.server'
import * as newQuestion from '~/routes/staff.consultations.$id.questions.new'
import * as routingRoute from '~/routes/staff.consultations.$id.questions.$questionId.routing'
import * as checkRoute from '~/routes/consultations.$slug.response.$id.check'
import { createConsultation } from '~/modules/consultations/consultations.server'
import { addSection } from '~/modules/questionnaires/structure.server'
import { organisationMembers, organisations } from '~db/schema'
import * as importRoute from '~/routes/staff.consultations.$id.responses.import'
import { consultations } from '~db/schema'
import { eq, inArray } from 'drizzle-orm'
import { individual, makeDraftConsultation } from '../support/consultations'
import { call } from '../support/routes'
import { makeUser, request } from '../support/users'

const read = async (stream: ReadableStream<Uint8Array>) => new Response(stream).text()

/** The test consultation with a required grid of three statements added by staff through the form, then published. */
async function withGrid() {
  const { cookie: staff } = await makeUser({ role: 'staff', name: 'Sam Staff' })
  const draft = await makeDraftConsultation(null, { title: `Grid ${Date.now()}` })
  const sections = (await getStructure(db, draft.questionnaireId))!.sections
  const path = `/staff/consultations/${draft.id}/questions/new?section=${sections[1].id}`
  const refused = await call(newQuestion.action, request(path, { cookie: staff, form: { type: 'grid', text: 'How far do you agree?', options: 'Only one' } }), { id: draft.id })
  expect(refused.status).toBe(400)
  expect(refused.data.errors).toEqual({ options: 'Enter at least 2 options, one on each line' })
  expect(refused.data.values).toMatchObject({ type: 'grid', text: 'How far do you agree?', options: 'Only one' })
  const statements = 'Fees should be published; every one\nProviders should be paid on results\nContracts should run for five years'
  const added = await call(newQuestion.action, request(path, { cookie: staff, form: { type: 'grid', text: 'How far do you agree?', options: statements, required: 'yes' } }), { id: draft.id })
  expect(added.status).toBe(302)
  await db.transaction((tx) => publishConsultation(tx, null, draft.id))
  const [c] = await db.select().from(consultations).where(eq(consultations.id, draft.id))
  const s = (await getStructure(db, c.questionnaireId))!
  const grid = s.questions[3]
  expect(grid).toMatchObject({ type: 'grid', label: 'Q4', required: true })
  expect(grid.options.map((o) => o.label)).toEqual(['Fees should be published; every one', 'Providers should be paid on results', 'Contracts should run for five years'])
  return { staff, c, s, grid, field: (i: number) => statementFieldName(grid.id, grid.options[i].value) }
}

async function respond(c: Awaited<ReturnType<typeof withGrid>>['c'], name: string, section2: Record<string, string>) {
  const { user } = await makeUser({ name })
  const { response } = await startResponse(c, user, individual({ name, email: user.email }))
  const access = (await accessResponse(db, response.id, { user, token: null }))!
  const s = (await getStructure(db, c.questionnaireId))!
  const saved = await saveSection(c, access, 2, { [fieldName(s.questions[2].id)]: 'agree', ...section2 }, { id: user.id, name }, { enforceRequired: true })
  return { user, access, response, saved }
}

describe('a grid of statements on the agree–disagree scale', () => {
  test('a required grid needs every statement; the refusal names each one missed; the answer reads statement by statement', async () => {
    const { c, s, grid, field } = await withGrid()
    const { user, access, response, saved } = await respond(c, 'Gail Grid', { [field(0)]: 'agree' })
    const scale = { [fieldName(s.questions[2].id)]: 'agree' }
    expect(saved).toEqual({
      ok: false,
      conflicts: [],
      errors: {
        [field(1)]: 'Select how much you agree with “Providers should be paid on results” (Q4, statement 2)',
        [field(2)]: 'Select how much you agree with “Contracts should run for five years” (Q4, statement 3)',
      },
    })
    const tampered = await saveSection(c, access, 2, { ...scale, [field(0)]: 'love it', [field(1)]: 'agree', [field(2)]: 'agree' }, { id: user.id, name: 'Gail Grid' }, { enforceRequired: true })
    expect(tampered.ok).toBe(false)
    expect(await responseAnswers(response)).toEqual({})

    const ok = await saveSection(c, access, 2, { ...scale, [field(0)]: 'agree', [field(1)]: 'strongly_disagree', [field(2)]: 'neither' }, { id: user.id, name: 'Gail Grid' }, { enforceRequired: true })
    expect(ok).toEqual({ ok: true, conflicts: [] })
    const answers = await responseAnswers(response)
    expect(answerText(grid, answers[grid.id])).toBe(
      'Fees should be published; every one: Agree; Providers should be paid on results: Strongly disagree; Contracts should run for five years: Neither agree nor disagree',
    )
  })

  test('analysis counts each statement over those who answered it; the export imports back; the published copy words it', async () => {
    const { staff, c, s, grid, field } = await withGrid()
    const answered = [
      { [field(0)]: 'agree', [field(1)]: 'agree', [field(2)]: 'disagree' },
      { [field(0)]: 'strongly_agree', [field(1)]: 'agree', [field(2)]: 'disagree' },
    ]
    for (const [i, values] of answered.entries()) {
      const { user, access, saved } = await respond(c, `Respondent ${i}`, values)
      expect(saved.ok).toBe(true)
      await submitResponse(c, access, user)
    }
    const d = await dashboard(c)
    const charts = d.charts.filter((x) => x.question.id === grid.id)
    expect(charts.map((x) => [x.statement?.number, x.answered, x.counts.map((r) => r.count)])).toEqual([
      [1, 2, [1, 1, 0, 0, 0]],
      [2, 2, [0, 2, 0, 0, 0]],
      [3, 2, [0, 0, 0, 2, 0]],
    ])
    const outcome = (await outcomeFor(c)).perQuestion.find((p) => p.question.id === grid.id)!
    expect(outcome.choices).toBeNull()
    expect(outcome.statements?.map((x) => x.answered)).toEqual([2, 2, 2])

    const exported = await read(exportResponses(c, s, 'csv'))
    const [head, ...rows] = parseCsv(exported).filter((r) => r.length > 1)
    const column = head.indexOf('Q4')
    expect(rows.map((r) => r[column]).sort()).toEqual([
      'Fees should be published; every one: Agree; Providers should be paid on results: Agree; Contracts should run for five years: Disagree',
      'Fees should be published; every one: Strongly agree; Providers should be paid on results: Agree; Contracts should run for five years: Disagree',
    ])

    const { c: to } = await withGrid()
    const multipart = (file: string) => {
      const body = new FormData()
      body.append('file', new File([file], 'export.csv', { type: 'text/csv' }))
      return new Request(`http://localhost:3000/staff/consultations/${to.id}/responses/import`, { method: 'POST', headers: { Cookie: staff }, body })
    }
    const bad = exported.replace('Contracts should run for five years: Disagree', 'Contracts should run for five years: Maybe')
    const refused = await call(importRoute.action, multipart(bad), { id: to.id })
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.data)).toContain('Q4: “Contracts should run for five years: Maybe” is not one of the question’s statements with an answer from its scale')
    expect((await call(importRoute.action, multipart(exported), { id: to.id })).status).toBe(302)
    const again = await read(exportResponses(to, (await getStructure(db, to.questionnaireId))!, 'csv'))
    const column2 = parseCsv(again)[0].indexOf('Q4')
    expect(
      parseCsv(again)
        .slice(1)
        .filter((r) => r.length > 1)
        .map((r) => r[column2])
        .sort(),
    ).toEqual(rows.map((r) => r[column]).sort())

    const copy = publicCopy(
      s,
      { respondentType: 'individual', publishingConsent: 'named', name: 'A', organisationName: null } as never,
      { [grid.id]: { text: null, choices: ['fees-should-be-published-every-one=agree'], otherText: null, confidential: false } },
      [],
    )
    expect(copy.answers).toEqual([expect.objectContaining({ label: 'Q4', answer: 'Fees should be published; every one: Agree' })])
  })
})

/** The test consultation with a required file upload question last in its first section, published. */
async function withFileQuestion() {
  const { user: staffUser, cookie: staff } = await makeUser({ role: 'staff', name: 'Sam Staff' })
  const draft = await makeDraftConsultation(null, { title: `Files ${Date.now()}` })
  const first = (await getStructure(db, draft.questionnaireId))!.sections[0]
  await addQuestion(db, draft.questionnaireId, first.id, { type: 'file_upload', text: 'Attach your organisation’s formal response', required: true })
  await db.transaction((tx) => publishConsultation(tx, null, draft.id))
  const [c] = await db.select().from(consultations).where(eq(consultations.id, draft.id))
  const s = (await getStructure(db, c.questionnaireId))!
  const [long, choice, file, scale] = s.questions
  expect(file).toMatchObject({ type: 'file_upload', label: 'Q3' })
  return { staffUser, staff, c, s, long, choice, file, scale }
}

const pdf = (name: string, lines: string[]) => new File([new Uint8Array(samplePdf(lines))], name, { type: 'application/pdf' })

/** A respondent's post of the first section, as a browser sends it without JavaScript. */
function postSection(c: { slug: string }, responseId: string, cookie: string, fields: Record<string, string | File>) {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.append(k, v)
  const path = `/consultations/${c.slug}/response/${responseId}/section/1`
  return call(sectionRoute.action, new Request(`http://localhost:3000${path}`, { method: 'POST', headers: { Cookie: cookie }, body }), { slug: c.slug, id: responseId, n: '1' })
}

async function startAs(c: Awaited<ReturnType<typeof withFileQuestion>>['c'], name: string, consent: 'named' | 'anonymous' | 'none' = 'named') {
  const { user, cookie } = await makeUser({ name })
  const { response } = await startResponse(c, user, individual({ name, email: user.email, publishingConsent: consent }))
  const access = (await accessResponse(db, response.id, { user, token: null }))!
  return { user, cookie, response, access }
}

describe('a file upload question', () => {
  test('a respondent attaches a document without JavaScript: a wrong type or a refused page loses nothing typed; replacing drops the old file; staff download it as an attachment', async () => {
    const { staff, c, long, choice, file } = await withFileQuestion()
    const { user, cookie, response, access } = await startAs(c, 'Fran File')
    const text = { intent: 'continue', [fieldName(long.id)]: 'Our view in brief', [fieldName(choice.id)]: 'red' }

    const wrongType = await postSection(c, response.id, cookie, { ...text, [fieldName(file.id)]: new File(['plain words'], 'notes.pdf') })
    expect(wrongType.status).toBe(400)
    expect(wrongType.data.errors).toEqual({ [fieldName(file.id)]: 'The selected file must be a PDF, ODT or DOCX (Q3)' })
    expect(wrongType.data.values).toMatchObject({ [fieldName(long.id)]: 'Our view in brief', [fieldName(choice.id)]: 'red' })

    const missing = await postSection(c, response.id, cookie, { ...text, [fieldName(file.id)]: new File([], '') })
    expect(missing.data.errors).toEqual({ [fieldName(file.id)]: 'Select a document to attach for Q3' })

    const otherProblem = await postSection(c, response.id, cookie, { ...text, [fieldName(long.id)]: 'word '.repeat(51), [fieldName(file.id)]: pdf('Formal response.pdf', ['First version']) })
    expect(otherProblem.data.errors).toEqual({ [fieldName(long.id)]: 'Your answer to Q1 must be 50 words or fewer', [fieldName(file.id)]: 'Select the document for Q3 again' })
    expect(await responseAnswers(response)).toEqual({})

    expect((await postSection(c, response.id, cookie, { ...text, [fieldName(file.id)]: pdf('Formal response.pdf', ['First version']) })).status).toBe(302)
    const first = (await responseAnswers(response))[file.id]
    expect(first.text).toMatch(/^Formal response\.pdf \(PDF, \d+ (bytes|KB)\)$/)
    expect(first.fileId).toBeTruthy()

    // Posting the page again without choosing a file keeps the document.
    expect((await postSection(c, response.id, cookie, { ...text, [fieldName(long.id)]: 'Our view, revised' })).status).toBe(302)
    expect((await responseAnswers(response))[file.id].fileId).toBe(first.fileId)

    expect((await postSection(c, response.id, cookie, { ...text, [fieldName(file.id)]: pdf('Second.pdf', ['Second version']) })).status).toBe(302)
    const second = (await responseAnswers(response))[file.id]
    expect(second.text).toMatch(/^Second\.pdf/)
    expect(
      await db
        .select({ id: storedFiles.id })
        .from(storedFiles)
        .where(inArray(storedFiles.id, [first.fileId!, second.fileId!])),
    ).toEqual([{ id: second.fileId }])

    // Removing a required document: refused when continuing, allowed when saving for later.
    expect((await postSection(c, response.id, cookie, { ...text, [removeFileFieldName(file.id)]: 'yes' })).data.errors).toEqual({ [fieldName(file.id)]: 'Select a document to attach for Q3' })
    expect((await postSection(c, response.id, cookie, { ...text, [removeFileFieldName(file.id)]: 'yes', intent: 'later' })).status).toBe(302)
    expect((await responseAnswers(response))[file.id]).toBeUndefined()
    expect(await db.select({ id: storedFiles.id }).from(storedFiles).where(eq(storedFiles.id, second.fileId!))).toEqual([])

    expect((await postSection(c, response.id, cookie, { ...text, [fieldName(file.id)]: pdf('Final.pdf', ['Final version']) })).status).toBe(302)
    const s = (await getStructure(db, c.questionnaireId))!
    await saveSection(c, access, 2, { [fieldName(s.questions[3].id)]: 'agree' }, { id: user.id, name: 'Fran File' }, { enforceRequired: true })
    await submitResponse(c, access, user)

    const path = `/staff/consultations/${c.id}/responses/${response.id}/attachments/${file.id}`
    const params = { id: c.id, responseId: response.id, questionId: file.id }
    const download = await call(attachmentRoute.loader, request(path, { cookie: staff }), params)
    expect(download.status).toBe(200)
    expect(download.headers.get('Content-Disposition')).toMatch(/^attachment; filename="Final\.pdf"/)
    expect(download.headers.get('Cache-Control')).toBe('private, no-store')
    expect(download.text).toContain('Final version')
    expect((await call(attachmentRoute.loader, request(path, { cookie }), params)).status).toBe(403)
    expect((await call(attachmentRoute.loader, request(path), params)).status).not.toBe(200)
  })

  test('insider: no public page, export, feed or search shows an attached document or its name, consented or not', async () => {
    const { staffUser, c, long, choice, file } = await withFileQuestion()
    const MARK = { content: 'Zanzibar-Content-Marker', refusedName: 'Quillon Refused', anonymousName: 'Wexford Anonymous' }
    const s = (await getStructure(db, c.questionnaireId))!
    for (const [name, consent] of [
      [MARK.refusedName, 'none'],
      [MARK.anonymousName, 'anonymous'],
    ] as const) {
      const { user, cookie, response, access } = await startAs(c, `Respondent ${consent}`, consent)
      const posted = await postSection(c, response.id, cookie, {
        intent: 'continue',
        [fieldName(long.id)]: 'Please see the attached document for our detailed view.',
        [fieldName(choice.id)]: 'blue',
        [fieldName(file.id)]: pdf(`${name}.pdf`, [`${MARK.content} for ${name}`]),
      })
      expect(posted.status).toBe(302)
      await saveSection(c, access, 2, { [fieldName(s.questions[3].id)]: 'agree' }, { id: user.id, name }, { enforceRequired: true })
      await submitResponse(c, access, user)
    }
    const closed = await closeConsultation(c.id)
    for (const row of (await publicationQueue(closed, { state: 'to-review' })).rows) await approveForPublication(staffUser, closed, row.id)
    expect(await releaseResponses(staffUser, closed, null)).toEqual({ released: 1, scheduledFor: null })
    await drainOutbox()
    const crawl = await crawlPublic(c.slug, Object.values(MARK))
    expect(crawl).toContain('Please see the attached document for our detailed view.')
    expect(crawl).toMatch(/A document was attached \(PDF, \d+ (bytes|KB)\)\. Attached documents are not published\./)
    for (const marker of Object.values(MARK)) expect(crawl).not.toContain(marker)
  })
})

/** Q1 (Yes or No) ends section 1; section 2 holds Q2 and Q3; section 3 holds Q4, which is required. */
async function withRouting() {
  const { cookie: staff } = await makeUser({ role: 'staff', name: 'Sam Staff' })
  const c0 = await db.transaction(async (tx) => {
    const c = await createConsultation(tx, null, {
      title: `Routing ${Date.now()}`,
      summary: 'A summary',
      pages: {},
      nations: ['england'],
      contactEmail: 'team@example.com',
      contactAddress: '',
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() + 10 * 86_400_000),
    })
    const [one, two, three] = [
      await addSection(tx, c.questionnaireId, { title: 'You' }),
      await addSection(tx, c.questionnaireId, { title: 'Your services' }),
      await addSection(tx, c.questionnaireId, { title: 'Views' }),
    ]
    await addQuestion(tx, c.questionnaireId, one.id, { type: 'single_choice', text: 'Do you deliver employment services?', optionLabels: ['Yes', 'No'], required: true })
    await addQuestion(tx, c.questionnaireId, two.id, { type: 'long_text', text: 'Which services?' })
    await addQuestion(tx, c.questionnaireId, two.id, { type: 'single_choice', text: 'Are they contracted?', optionLabels: ['Yes', 'No'] })
    await addQuestion(tx, c.questionnaireId, three.id, { type: 'agree_scale', text: 'Do you agree with the proposal?', required: true })
    return c
  })
  const [q1, q2, q3, q4] = (await getStructure(db, c0.questionnaireId))!.questions
  return { staff, c0, q1, q2, q3, q4 }
}

describe('routing: skipping questions', () => {
  test('staff set a skip rule; the pages, check answers and submitting follow it; answers to skipped questions are not kept, and changing back asks them again', async () => {
    const { staff, c0, q1, q2, q3, q4 } = await withRouting()
    const path = `/staff/consultations/${c0.id}/questions/${q1.id}/routing`
    const page = await call(routingRoute.loader, request(path, { cookie: staff }), { id: c0.id, questionId: q1.id })
    expect(page.data.targets.map((t: { label: string }) => t.label)).toEqual([
      'The next question (Q2)',
      'Q3: Are they contracted?',
      'Q4: Do you agree with the proposal?',
      'The end of the questions (checking the answers)',
    ])
    const tooSoon = await call(routingRoute.action, request(path, { cookie: staff, form: { 'skip-1': '', 'skip-2': q2.id } }), { id: c0.id, questionId: q1.id })
    expect(tooSoon.data.errors).toEqual({ 'skip-2': 'Choose a question after Q2 for “No”' })
    const notAChoice = await call(routingRoute.action, request(`/staff/consultations/${c0.id}/questions/${q2.id}/routing`, { cookie: staff, form: {} }), { id: c0.id, questionId: q2.id })
    expect(notAChoice.status).toBe(404)
    expect((await call(routingRoute.action, request(path, { cookie: staff, form: { 'skip-1': '', 'skip-2': q4.id } }), { id: c0.id, questionId: q1.id })).status).toBe(302)
    await db.transaction((tx) => publishConsultation(tx, null, c0.id))
    const [c] = await db.select().from(consultations).where(eq(consultations.id, c0.id))
    expect((await getStructure(db, c.questionnaireId))!.questions[0].skipTo).toEqual({ no: q4.id })

    const { user, cookie, response, access } = await startAs(c, 'Rory Route')
    const actor = { id: user.id, name: 'Rory Route' }
    const sectionPage = (n: number) => call(sectionRoute.loader, request(`/consultations/${c.slug}/response/${response.id}/section/${n}`, { cookie }), { slug: c.slug, id: response.id, n: String(n) })
    const checkPage = () => call(checkRoute.loader, request(`/consultations/${c.slug}/response/${response.id}/check`, { cookie }), { slug: c.slug, id: response.id })
    const asked = async () => ((await checkPage()).data.sections as Array<{ questions: Array<{ label: string }> }>).flatMap((x) => x.questions.map((q) => q.label))

    expect(await saveSection(c, access, 1, { [fieldName(q1.id)]: 'yes' }, actor, { enforceRequired: true })).toEqual({ ok: true, conflicts: [] })
    expect((await sectionPage(2)).data.section.questions.map((q: { label: string }) => q.label)).toEqual(['Q2', 'Q3'])
    expect(await saveSection(c, access, 2, { [fieldName(q2.id)]: 'Job clubs', [fieldName(q3.id)]: 'yes' }, actor, { enforceRequired: true })).toEqual({ ok: true, conflicts: [] })

    expect(await saveSection(c, access, 1, { [fieldName(q1.id)]: 'no' }, actor, { enforceRequired: true })).toEqual({ ok: true, conflicts: [] })
    expect(Object.keys(await responseAnswers(response))).toEqual([q1.id])
    const skippedPage = await sectionPage(2)
    expect(skippedPage.status).toBe(302)
    expect(skippedPage.location).toBe(`/consultations/${c.slug}/response/${response.id}/section/3`)
    expect((await sectionPage(3)).data.backTo).toBe(`/consultations/${c.slug}/response/${response.id}/section/1`)
    expect(await asked()).toEqual(['Q1', 'Q4'])
    expect(await saveSection(c, access, 3, { [fieldName(q4.id)]: 'agree' }, actor, { enforceRequired: true })).toEqual({ ok: true, conflicts: [] })
    await submitResponse(c, access, user)

    // Changing the route back asks Q2 and Q3 afresh: nothing of the earlier answers comes back.
    expect(await saveSection(c, access, 1, { [fieldName(q1.id)]: 'yes' }, actor, { enforceRequired: true })).toEqual({ ok: true, conflicts: [] })
    const again = await sectionPage(2)
    expect(again.status).toBe(200)
    expect(again.data.answers).toEqual({})
    expect(await asked()).toEqual(['Q1', 'Q2', 'Q3', 'Q4'])
  })

  test('two colleagues: a stale page of questions the response now skips saves nothing of them and says why', async () => {
    const { staff, c0, q1, q2, q3, q4 } = await withRouting()
    await call(routingRoute.action, request(`/staff/consultations/${c0.id}/questions/${q1.id}/routing`, { cookie: staff, form: { 'skip-2': q4.id } }), { id: c0.id, questionId: q1.id })
    await db.transaction((tx) => publishConsultation(tx, null, c0.id))
    const [c] = await db.select().from(consultations).where(eq(consultations.id, c0.id))
    const [org] = await db
      .insert(organisations)
      .values({ slug: `route-org-${Date.now()}`, name: 'Route Works', sector: 'vcse', sizeBand: 'small' })
      .returning()
    const admin = await makeUser({ name: 'Ada Admin' })
    const bob = await makeUser({ name: 'Bob Member' })
    await db.insert(organisationMembers).values([
      { organisationId: org.id, userId: admin.user.id, role: 'admin' },
      { organisationId: org.id, userId: bob.user.id, role: 'member' },
    ])
    const details = individual({ respondentType: 'organisation', organisationId: org.id, organisationName: 'Route Works', represents: 'Providers', howViewsAssembled: 'A meeting' })
    const { response } = await startResponse(c, admin.user, details)
    const adaAccess = (await accessResponse(db, response.id, { user: admin.user, token: null }))!
    const bobAccess = (await accessResponse(db, response.id, { user: bob.user, token: null }))!
    await saveSection(c, adaAccess, 1, { [fieldName(q1.id)]: 'yes' }, { id: admin.user.id, name: 'Ada Admin' }, { enforceRequired: true })
    // Bob opens section 2 while Q1 is Yes; Ada then answers No; Bob posts his page.
    await saveSection(c, adaAccess, 1, { [fieldName(q1.id)]: 'no' }, { id: admin.user.id, name: 'Ada Admin' }, { enforceRequired: true })
    const stale = await saveSection(c, bobAccess, 2, { [fieldName(q2.id)]: 'Our services', [fieldName(q3.id)]: 'no' }, { id: bob.user.id, name: 'Bob Member' }, { enforceRequired: true })
    expect(stale).toEqual({ ok: false, conflicts: [], errors: { form: 'Q2 and Q3 are no longer asked, because an earlier answer in this response changed. Your answers to them were not kept' } })
    expect(Object.keys(await responseAnswers(response))).toEqual([q1.id])
  })
})

describe('number and date questions', () => {
  test('checked as GOV.UK words it; the analysis gives the mean, median, range and dates with their base; the export imports back', async () => {
    const { cookie: staff } = await makeUser({ role: 'staff', name: 'Sam Staff' })
    const build = async () => {
      const draft = await makeDraftConsultation(null, { title: `Numbers ${Date.now()}` })
      const second = (await getStructure(db, draft.questionnaireId))!.sections[1]
      await addQuestion(db, draft.questionnaireId, second.id, { type: 'number', text: 'How many people do you employ?', required: true })
      await addQuestion(db, draft.questionnaireId, second.id, { type: 'date', text: 'When did your current contract start?' })
      await db.transaction((tx) => publishConsultation(tx, null, draft.id))
      const [c] = await db.select().from(consultations).where(eq(consultations.id, draft.id))
      const s = (await getStructure(db, c.questionnaireId))!
      return { c, s, scale: s.questions[2], count: s.questions[3], since: s.questions[4] }
    }
    const { c, s, scale, count, since } = await build()
    const date = (day: string, month: string, year: string) => ({ [`${fieldName(since.id)}-day`]: day, [`${fieldName(since.id)}-month`]: month, [`${fieldName(since.id)}-year`]: year })
    const { user, access, response } = await startAs(c as never, 'Nia Number')
    const save = (values: Record<string, string>) => saveSection(c, access, 2, { [fieldName(scale.id)]: 'agree', ...values }, { id: user.id, name: 'Nia Number' }, { enforceRequired: true })

    expect(await save({ [fieldName(count.id)]: '', ...date('31', '2', '2024') })).toMatchObject({
      errors: { [fieldName(count.id)]: 'Enter a number for Q4', [fieldName(since.id)]: 'The date for Q5 must be a real date' },
    })
    expect(await save({ [fieldName(count.id)]: 'about forty', ...date('', '3', '2024') })).toMatchObject({
      errors: { [fieldName(count.id)]: 'Your answer to Q4 must be a number, like 25 or 2.5', [fieldName(since.id)]: 'The date for Q5 must include a day' },
    })
    expect(await save({ [fieldName(count.id)]: '1,250', ...date('7', '03', '2024') })).toEqual({ ok: true, conflicts: [] })
    const answers = await responseAnswers(response)
    expect([answers[count.id].text, answers[since.id].text, answerText(since, answers[since.id])]).toEqual(['1250', '2024-03-07', '7 March 2024'])
    await submitResponse(c, access, user)
    const other = await startAs(c as never, 'Olu Other')
    await saveSection(
      c,
      other.access,
      2,
      { [fieldName(scale.id)]: 'agree', [fieldName(count.id)]: '12.5', ...date('1', '1', '2020') },
      { id: other.user.id, name: 'Olu Other' },
      { enforceRequired: true },
    )
    await submitResponse(c, other.access, other.user)

    const measured = (await dashboard(c)).measured
    expect(measured.map((m) => [m.question.label, m.figures])).toEqual([
      ['Q4', { questionId: count.id, answered: 2, mean: 631.25, median: 631.25, low: '12.5', high: '1250' }],
      ['Q5', { questionId: since.id, answered: 2, low: '2020-01-01', high: '2024-03-07' }],
    ])
    // Dates four years apart are counted by year, the years between shown at nought.
    expect(measured[1].groups).toEqual({ unit: 'Year', rows: ['2020', '2021', '2022', '2023', '2024'].map((label) => ({ label, count: Number(label === '2020' || label === '2024') })) })

    const exported = await read(exportResponses(c, s, 'csv'))
    const { c: to } = await build()
    const body = new FormData()
    body.append('file', new File([exported], 'export.csv', { type: 'text/csv' }))
    const imported = await call(importRoute.action, new Request(`http://localhost:3000/staff/consultations/${to.id}/responses/import`, { method: 'POST', headers: { Cookie: staff }, body }), {
      id: to.id,
    })
    expect(imported.status).toBe(302)
    const columns = (csv: string) => {
      const [head, ...rows] = parseCsv(csv).filter((r) => r.length > 1)
      return rows.map((r) => `${r[head.indexOf('Q4')]} | ${r[head.indexOf('Q5')]}`).sort()
    }
    expect(columns(exported)).toEqual(['12.5 | 1 January 2020', '1250 | 7 March 2024'])
    expect(columns(await read(exportResponses(to, (await getStructure(db, to.questionnaireId))!, 'csv')))).toEqual(columns(exported))
  })
})

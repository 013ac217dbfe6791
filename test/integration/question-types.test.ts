import { describe, expect, test } from 'vitest'
import { parseCsv } from '~/lib/csv'
import { db } from '~/lib/db.server'
import { dashboard, exportResponses, outcomeFor } from '~/modules/consultations/analysis.server'
import { publishConsultation } from '~/modules/consultations/consultations.server'
import { publicCopy } from '~/modules/consultations/publication.server'
import { accessResponse, responseAnswers, saveSection, startResponse, submitResponse } from '~/modules/consultations/responses.server'
import { answerText, fieldName, statementFieldName } from '~/modules/questionnaires/questions'
import { getStructure } from '~/modules/questionnaires/structure.server'
import * as newQuestion from '~/routes/staff.consultations.$id.questions.new'
import * as importRoute from '~/routes/staff.consultations.$id.responses.import'
import { consultations } from '~db/schema'
import { eq } from 'drizzle-orm'
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
    const { c, grid, field } = await withGrid()
    const { user, access, response, saved } = await respond(c, 'Gail Grid', { [field(0)]: 'agree' })
    expect(saved).toEqual({
      ok: false,
      conflicts: [],
      errors: {
        [field(1)]: 'Select how much you agree with “Providers should be paid on results” (Q4, statement 2)',
        [field(2)]: 'Select how much you agree with “Contracts should run for five years” (Q4, statement 3)',
      },
    })
    const tampered = await saveSection(c, access, 2, { [field(0)]: 'love it', [field(1)]: 'agree', [field(2)]: 'agree' }, { id: user.id, name: 'Gail Grid' }, { enforceRequired: true })
    expect(tampered.ok).toBe(false)
    expect(await responseAnswers(response)).toEqual({})

    const ok = await saveSection(c, access, 2, { [field(0)]: 'agree', [field(1)]: 'strongly_disagree', [field(2)]: 'neither' }, { id: user.id, name: 'Gail Grid' }, { enforceRequired: true })
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

    const copy = publicCopy(s, { ...({} as never), respondentType: 'individual', publishingConsent: 'named', name: 'A', organisationName: null }, { [grid.id]: { text: null, choices: ['fees-should-be-published-every-one=agree'], otherText: null, confidential: false } }, [])
    expect(copy.answers).toEqual([expect.objectContaining({ label: 'Q4', answer: 'Fees should be published; every one: Agree' })])
  })
})

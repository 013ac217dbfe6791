import { and, eq, sql } from 'drizzle-orm'
import { RuleError } from '~/lib/result'
import { describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { fieldName } from '~/modules/questionnaires/questions'
import { getStructure } from '~/modules/questionnaires/structure.server'
import { resultsAvailability } from '~/modules/surveys/availability.server'
import { breakdown, exportRows, exportSurveyResponses, surveyDashboard } from '~/modules/surveys/results.server'
import { flushDueSurveys, flushSealedAnswers, sealedCount } from '~/modules/surveys/sealed-answers.server'
import { previewResultsSummary } from '~/modules/surveys/publication.server'
import { addSurveyQuestion, addSurveySection } from '~/modules/surveys/authoring.server'
import { createSurvey } from '~/modules/surveys/surveys.server'
import { inviteOrganisations, listInvitations, sendReminders } from '~/modules/surveys/invitations.server'
import { saveSurveyPage, startResponse, submitSurveyResponse } from '~/modules/surveys/responses.server'
import { documentFromPlainText, richTextFromDocument } from '~/lib/rich-text.server'
import { auditEvents, mailDeliveries, surveys, type Survey } from '~db/schema'
import * as resultsRoute from '~/routes/staff.surveys.$id.results'
import * as csvRoute from '~/routes/staff.surveys.$id.results[.]csv'
import * as jsonRoute from '~/routes/staff.surveys.$id.results[.]json'
import * as staffSurveyRoute from '~/routes/staff.surveys.$id._index/route'
import { organisationWithAdmin } from '../support/organisations'
import { makeUser, request } from '../support/users'
import { call } from '../support/routes'
import { closeSurvey, openSurvey, surveyInput } from '../support/surveys'

/*
 * The insider's view of an anonymous survey. A member of staff sees the hub's
 * pages and downloads; a database administrator reads every table, system
 * columns included. Neither may learn which organisation gave which answers.
 */

const DAY = 86_400_000
type Who = Awaited<ReturnType<typeof organisationWithAdmin>>

async function anonymousSurvey(minGroupSize: number) {
  const { user, cookie } = await makeUser({ role: 'staff', name: 'Curious Staff' })
  const actor = { id: user.id, email: user.email, name: user.name }
  const survey = await createSurvey(actor, surveyInput({ title: `Anonymous survey ${Math.random().toString(36).slice(2, 7)}`, summary: '', anonymous: true, minGroupSize }))
  const section = await addSurveySection(survey, 'How we work with you')
  await addSurveyQuestion(actor, survey, { sectionId: section.id, type: 'rating', text: 'How likely are you to recommend us?', hint: '', required: true, optionLabels: [] })
  await addSurveyQuestion(actor, survey, { sectionId: section.id, type: 'long_text', text: 'What should we change?', hint: '', required: false, optionLabels: [] })
  const opened = await openSurvey(survey)
  return { survey: opened, actor, cookie }
}

async function invite(survey: Survey, actor: { id: string; email: string }, who: Who[]) {
  await inviteOrganisations(
    actor,
    survey,
    who.map((w) => w.organisation.id),
  )
}

async function startAndAnswer(survey: Survey, who: Who, rating: string, comment: string) {
  const p = await startResponse(survey, who.admin.actor, `organisation:${who.organisation.id}`)
  const q = (await getStructure(db, survey.questionnaireId))!.questions
  const saved = await saveSurveyPage(survey, p, 1, { [fieldName(q[0].id)]: rating, [fieldName(q[1].id)]: comment }, who.admin.actor, { enforceRequired: true })
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors))
  return p
}

/**
 * How well joining on a column links participations to answers, as the
 * expected number of correct links. `equal`: each participation is linked
 * to one of the answers with the same value, chosen at random. `order`:
 * both sides are sorted and paired by position, ties broken at random.
 * Random assignment gets 1 right on average, whatever the number of rows.
 */
function expectedCorrect(mode: 'equal' | 'order', pairs: Array<{ p: string | number; a: string | number }>, answerKeys: Array<string | number>) {
  const cmp = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0)
  if (mode === 'equal') {
    return pairs.reduce((sum, { p, a }) => {
      const candidates = answerKeys.filter((k) => k === p).length
      return sum + (a === p && candidates ? 1 / candidates : 0)
    }, 0)
  }
  // Each value occupies a range of positions; a participation and its answer
  // are paired with probability overlap / (size of each range).
  const range = (keys: Array<string | number>, v: string | number) => {
    const lo = keys.filter((k) => cmp(k, v) < 0).length
    return [lo, lo + keys.filter((k) => k === v).length] as const
  }
  const pKeys = pairs.map((x) => x.p)
  return pairs.reduce((sum, { p, a }) => {
    const [plo, phi] = range(pKeys, p)
    const [alo, ahi] = range(answerKeys, a)
    const overlap = Math.max(0, Math.min(phi, ahi) - Math.max(plo, alo))
    return sum + overlap / ((phi - plo) * (ahi - alo))
  }, 0)
}

describe('anonymous surveys against a database insider', () => {
  test('no transaction id, id order, row order or timestamp joins who responded to what they said better than chance', async () => {
    const N = 14
    const { survey, actor } = await anonymousSurvey(3)
    // The same sector and size for all: those are shown only under k-anonymity (tested below), and this test is about the metadata.
    const who: Who[] = []
    for (let i = 0; i < N; i++) who.push(await organisationWithAdmin({ sector: 'private', sizeBand: 'large' }))
    await invite(survey, actor, who)
    // Organisations respond in pairs at the same moment, and the job runs after each pair, as it would on its schedule.
    for (let i = 0; i < N; i += 2) {
      const pair = [who[i], who[i + 1]]
      const drafts = await Promise.all(pair.map((w, j) => startAndAnswer(survey, w, String((i + j) % 11), `Said by ${w.organisation.name}`)))
      await Promise.all(drafts.map((p, j) => submitSurveyResponse(survey, p.id, pair[j].admin.actor)))
      await flushSealedAnswers(survey.id)
    }
    // Batches were written while the survey was open, and some answers still wait.
    const waitingBeforeClose = await sealedCount(survey.id)
    expect(waitingBeforeClose).toBeGreaterThan(0)
    expect(waitingBeforeClose).toBeLessThan(N)
    const closed = await closeSurvey(survey)
    expect((await resultsAvailability(closed)).shown).toBe(true)
    expect(await sealedCount(survey.id)).toBe(0)

    // The database administrator's view: system columns and all.
    const participations = await db.execute<{ org: string; xmin: string; ctid: string; id: string; created: Date; updated: Date; day: string | null }>(sql`
      select o.name as org, p.xmin::text as xmin, p.ctid::text as ctid, p.id::text as id, p.created_at as created, p.updated_at as updated, p.submitted_on::text as day
      from survey_participations p join organisations o on o.id = p.organisation_id where p.survey_id = ${survey.id}`)
    const answers = await db.execute<{
      said: string
      r_xmin: string
      s_xmin: string
      a_xmin: string
      r_ctid: string
      s_ctid: string
      a_ctid: string
      id: string
      s_created: Date
      s_updated: Date
      a_created: Date
      day: string | null
    }>(sql`
      select a.text as said, r.xmin::text as r_xmin, s.xmin::text as s_xmin, a.xmin::text as a_xmin, r.ctid::text as r_ctid, s.ctid::text as s_ctid, a.ctid::text as a_ctid,
        s.id::text as id, s.created_at as s_created, s.updated_at as s_updated, a.created_at as a_created, r.submitted_on::text as day
      from survey_responses r join questionnaire_submissions s on s.id = r.submission_id join questionnaire_answers a on a.submission_id = s.id
      where r.survey_id = ${survey.id} and a.text like 'Said by %'`)
    expect(participations).toHaveLength(N)
    expect(answers).toHaveLength(N)
    const truth = new Map(answers.map((a) => [a.said.replace('Said by ', ''), a]))
    const xid = (v: string) => Number(v)
    const ctid = (v: string) => {
      const [block, offset] = v.slice(1, -1).split(',').map(Number)
      return block * 100_000 + offset
    }
    const time = (v: Date | null) => (v ? new Date(v).getTime() : -1)
    type P = (typeof participations)[number]
    type A = (typeof answers)[number]
    const joins: Array<{ name: string; mode: 'equal' | 'order'; p: (p: P) => string | number; a: (a: A) => string | number }> = [
      ...(['r_xmin', 's_xmin', 'a_xmin'] as const).flatMap((col) => [
        { name: `xmin = ${col}`, mode: 'equal' as const, p: (p: P) => xid(p.xmin), a: (a: A) => xid(a[col]) },
        { name: `xmin order ~ ${col}`, mode: 'order' as const, p: (p: P) => xid(p.xmin), a: (a: A) => xid(a[col]) },
      ]),
      ...(['r_ctid', 's_ctid', 'a_ctid'] as const).map((col) => ({ name: `row order ~ ${col}`, mode: 'order' as const, p: (p: P) => ctid(p.ctid), a: (a: A) => ctid(a[col]) })),
      { name: 'id order', mode: 'order', p: (p) => p.id, a: (a) => a.id },
      ...(['created', 'updated'] as const).flatMap((pc) =>
        (['s_created', 's_updated', 'a_created'] as const).flatMap((ac) => [
          { name: `${pc} = ${ac}`, mode: 'equal' as const, p: (p: P) => time(p[pc]), a: (a: A) => time(a[ac]) },
          { name: `${pc} order ~ ${ac}`, mode: 'order' as const, p: (p: P) => time(p[pc]), a: (a: A) => time(a[ac]) },
        ]),
      ),
      { name: 'day = day', mode: 'equal', p: (p) => p.day ?? 'none', a: (a) => a.day ?? 'null' },
    ]
    const results = joins.map((j) => {
      const pairs = participations.map((p) => ({ p: j.p(p), a: j.a(truth.get(p.org)!) }))
      return { join: j.name, mode: j.mode, correct: Math.round(expectedCorrect(j.mode, pairs, answers.map(j.a)) * 100) / 100 }
    })
    // Ties and equal values are settled exactly, so a join that finds
    // nothing scores 1 (chance) or less. Joins on random values (ids, rows
    // written in a shuffled order) score like a random permutation: 6 or
    // more right out of 14 happens less than once in 1,000 runs by chance.
    if (process.env.SHOW_JOINS) console.table(results)
    for (const r of results) {
      const limit = r.join === 'id order' || r.join.startsWith('row order') ? 5 : 1.000001
      expect({ ...r, ok: r.correct <= limit }).toEqual({ ...r, ok: true })
    }
  }, 120_000)
})

describe('anonymous surveys in front of a curious member of staff', () => {
  test('two organisations submit at once, one posts twice, and reminders go only to the one that has not answered without showing who has', async () => {
    const { survey, actor } = await anonymousSurvey(2)
    const [a, b, c] = [
      await organisationWithAdmin({ sector: 'private', sizeBand: 'large' }),
      await organisationWithAdmin({ sector: 'public', sizeBand: 'medium' }),
      await organisationWithAdmin({ sector: 'vcse', sizeBand: 'small' }),
    ]
    await invite(survey, actor, [a, b, c])
    const pa = await startAndAnswer(survey, a, '9', 'From A')
    const pb = await startAndAnswer(survey, b, '4', 'From B')
    const outcomes = await Promise.allSettled([
      submitSurveyResponse(survey, pa.id, a.admin.actor),
      submitSurveyResponse(survey, pa.id, a.admin.actor),
      submitSurveyResponse(survey, pb.id, b.admin.actor),
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2)
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult
    expect(refused.reason).toBeInstanceOf(RuleError)
    expect(refused.reason.message).toBe('This response has already been submitted. Each organisation or person can respond once')
    expect(await sealedCount(survey.id)).toBe(2)
    // Two are not a batch: the scheduled job leaves them sealed while the survey is open.
    await flushDueSurveys()
    expect(await sealedCount(survey.id)).toBe(2)

    expect(await sendReminders(actor, survey)).toEqual({ organisations: 1, emailed: 1 })
    const reminders = await db
      .select()
      .from(mailDeliveries)
      .where(sql`${mailDeliveries.idempotencyKey} like ${`survey-reminder:${survey.id}:%`}`)
    expect(reminders.map((m) => m.toAddress)).toEqual([c.admin.actor.email])
    // The audit log does not list who was reminded, which would be who had not answered.
    const [reminded] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, survey.id), eq(auditEvents.action, 'survey.reminded')))
    expect(reminded.after).toEqual({ organisations: 1 })
    // Staff see how many responded, not which, and no per-organisation reminder count that would tell.
    const { invitations, responded, lastReminder } = await listInvitations(survey)
    expect(responded).toBe(2)
    expect(lastReminder).not.toBeNull()
    expect(invitations.map((i) => [i.responded, i.reminders])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ])

    // Once the survey closes, the job writes them, and the results count both.
    const closed = await closeSurvey(survey)
    await flushDueSurveys()
    expect(await sealedCount(survey.id)).toBe(0)
    const d = await surveyDashboard(closed)
    expect(d.responses).toBe(2)
    expect(d.questions[0].mean).toBe(6.5)
  })

  test('below the minimum nothing is shown, exported or published; with three organisations no page or export isolates a group smaller than the minimum', async () => {
    const { survey, actor, cookie } = await anonymousSurvey(3)
    const who = [
      await organisationWithAdmin({ sector: 'private', sizeBand: 'large' }),
      await organisationWithAdmin({ sector: 'private', sizeBand: 'large' }),
      await organisationWithAdmin({ sector: 'vcse', sizeBand: 'small' }),
    ]
    await invite(survey, actor, who)
    for (const [i, w] of who.slice(0, 2).entries()) {
      const p = await startAndAnswer(survey, w, String(5 + i), `Comment ${i}`)
      await submitSurveyResponse(survey, p.id, w.admin.actor)
    }
    const summary = { summary: richTextFromDocument(documentFromPlainText('What you told us.')), chartQuestionIds: [] }
    const params = { id: survey.id }

    // Open: nothing is shown or exported, whatever is asked for.
    const hidden = await call(resultsRoute.loader, request(`/staff/surveys/${survey.id}/results?by=sector&group=private`, { cookie }), params)
    expect(hidden.data.hidden).toMatch(/^Results are shown once the survey has closed/)
    expect(hidden.data.questions).toEqual([])
    expect(hidden.data.groups).toBeNull()
    expect(hidden.data.responded).toBe(2)
    for (const route of [csvRoute, jsonRoute]) {
      const refused = await call(route.loader, request(`/staff/surveys/${survey.id}/results.csv`, { cookie }), params)
      expect(refused.status).toBe(409)
      expect(refused.text).not.toMatch(/Comment|Provider/)
    }
    await expect(previewResultsSummary(survey, summary)).rejects.toThrow(/closed/)

    // Closed with two of a minimum of three: still nothing.
    let closed = await closeSurvey(survey)
    const below = await surveyDashboard(closed)
    expect(below.hidden).toBe('Results are not shown because only 2 organisations responded and the minimum group size is 3: results from fewer could identify who gave them')
    await expect(exportRows(closed)).rejects.toThrow(/only 2 organisations responded/)
    await expect(previewResultsSummary(closed, summary)).rejects.toThrow(/only 2 organisations responded/)
    // And nothing is written as a response for anyone to read off the screen.
    expect(await sealedCount(survey.id)).toBe(2)

    // The survey is reopened and a third organisation, the only VCSE, responds.
    const [reopened] = await db
      .update(surveys)
      .set({ closesAt: new Date(Date.now() + DAY) })
      .where(eq(surveys.id, survey.id))
      .returning()
    const p = await startAndAnswer(reopened, who[2], '1', 'Comment from the small charity')
    await submitSurveyResponse(reopened, p.id, who[2].admin.actor)
    closed = await closeSurvey(reopened)

    // The staff page lists who was invited, never who responded.
    const page = await call(staffSurveyRoute.loader, request(`/staff/surveys/${survey.id}`, { cookie }), params)
    expect(page.data.responded).toBe(3)
    expect(page.data.invitations.every((i: { responded: unknown; reminders: unknown }) => i.responded === null && i.reminders === null)).toBe(true)

    // Every group a page shows has at least three responses, and so do the hidden groups together.
    const structure = (await getStructure(db, survey.questionnaireId))!
    for (const by of ['sector', 'size'] as const) {
      const groups = await breakdown(closed, by, structure.questions)
      for (const g of groups.filter((g) => !g.suppressed)) expect(g.responses).toBeGreaterThanOrEqual(3)
      const hiddenTotal = groups.filter((g) => g.suppressed).reduce((n, g) => n + g.responses, 0)
      expect(hiddenTotal === 0 || hiddenTotal >= 3).toBe(true)
      for (const g of groups) {
        const filtered = await surveyDashboard(closed, { by, group: g.value })
        if (filtered.filter) expect(g.responses).toBeGreaterThanOrEqual(3)
        else expect(filtered.groupError).toMatch(/cannot be shown/)
      }
    }
    // The vcse, small row would be one organisation: the export drops sector and size, and has no dates.
    const csv = await call(csvRoute.loader, request(`/staff/surveys/${survey.id}/results.csv`, { cookie }), params)
    expect(csv.status).toBe(200)
    const head = csv.text.split('\r\n')[0]
    expect(head).not.toMatch(/Sector|Size|Submitted on|Organisation|Respondent/)
    expect(csv.text).toContain('Comment from the small charity')
    const json = JSON.parse((await call(jsonRoute.loader, request(`/staff/surveys/${survey.id}/results.json`, { cookie }), params)).text)
    expect(json.withheld).toEqual(['submittedOn', 'sector', 'sizeBand'])
    for (const row of json.responses) expect(Object.keys(row).sort()).toEqual(['answers', 'response'])
    // Every download is audited.
    const exports = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, survey.id), eq(auditEvents.action, 'survey.exported')))
    expect(exports.map((e) => (e.after as { format: string }).format).sort()).toEqual(['csv', 'json'])
    expect(exports.every((e) => e.actorEmail !== null)).toBe(true)

    // With three more of the same kind, each combination has at least three rows, so sector and size are shown.
    const [again] = await db
      .update(surveys)
      .set({ closesAt: new Date(Date.now() + DAY), anonymousAnswersSettled: false })
      .where(eq(surveys.id, survey.id))
      .returning()
    const more = [
      await organisationWithAdmin({ sector: 'vcse', sizeBand: 'small' }),
      await organisationWithAdmin({ sector: 'vcse', sizeBand: 'small' }),
      await organisationWithAdmin({ sector: 'private', sizeBand: 'large' }),
    ]
    await invite(again, actor, more)
    for (const w of more) await submitSurveyResponse(again, (await startAndAnswer(again, w, '7', 'More')).id, w.admin.actor)
    const six = await closeSurvey(again)
    const rows = await exportRows(six)
    expect(rows.attributes).toEqual(['sector', 'size'])
    const cells = new Map<string, number>()
    for (const r of rows.rows as Array<{ sector?: string; sizeBand?: string }>) cells.set(`${r.sector}|${r.sizeBand}`, (cells.get(`${r.sector}|${r.sizeBand}`) ?? 0) + 1)
    expect([...cells.values()].every((n) => n >= 3)).toBe(true)
    expect(await exportSurveyResponses(actor, six, 'csv')).toMatch(/^Response,Sector,Size,Q1/)
  }, 120_000)
})

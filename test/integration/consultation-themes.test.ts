import { mkdtemp, cp, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import postgres from 'postgres'
import { describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { bulkTagAnswers, codingFrame } from '~/modules/consultations/coding-frame.server'
import { getStructure } from '~/modules/questionnaires/structure.server'
import * as answersRoute from '~/routes/staff.consultations.$id.questions.$questionId.answers'
import * as themesRoute from '~/routes/staff.consultations.$id.themes._index'
import { answerThemes, auditEvents } from '~db/schema'
import { MIGRATIONS_FOLDER, runMigrations } from '~db/migrate'
import { submittedResponse } from '../support/answers'
import { makeOpenConsultation } from '../support/consultations'
import { databaseUrl } from '../support/database'
import { call } from '../support/routes'
import { makeUser, request } from '../support/users'

async function tagsOf(submissionId: string, questionId: string) {
  const rows = await db
    .select({ themeId: answerThemes.themeId })
    .from(answerThemes)
    .where(and(eq(answerThemes.submissionId, submissionId), eq(answerThemes.questionId, questionId)))
  return rows.map((r) => r.themeId).sort()
}

describe('the coding frame', () => {
  test('the migration moves every question’s themes and tags into one frame per questionnaire, merging same-named themes and losing no tag', async () => {
    const name = `frame_migration_${process.pid}_${Date.now()}`
    const admin = postgres(databaseUrl('postgres'), { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database "${name}"`)
    await admin.end()
    // The migrations up to the one before the coding frame, then old-style themes, then the rest.
    const before = await mkdtemp(path.join(os.tmpdir(), 'migrations-'))
    await cp(MIGRATIONS_FOLDER, before, { recursive: true })
    const journalPath = path.join(before, 'meta', '_journal.json')
    const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: Array<{ tag: string }> }
    journal.entries = journal.entries.slice(
      0,
      journal.entries.findIndex((e) => e.tag.endsWith('_coding_frame')),
    )
    await writeFile(journalPath, JSON.stringify(journal))
    const url = databaseUrl(name)
    await runMigrations(url, before)
    const sql = postgres(url, { max: 1, onnotice: () => {} })
    try {
      const [one] = await sql`insert into questionnaires (title) values ('One') returning id`
      const [two] = await sql`insert into questionnaires (title) values ('Two') returning id`
      const [s1] = await sql`insert into questionnaire_sections (questionnaire_id, position, title) values (${one.id}, 1, 'S') returning id`
      const [s2] = await sql`insert into questionnaire_sections (questionnaire_id, position, title) values (${two.id}, 1, 'S') returning id`
      const [q1] = await sql`insert into questionnaire_questions (questionnaire_id, section_id, position, type, text) values (${one.id}, ${s1.id}, 1, 'long_text', 'Q1') returning id`
      const [q2] = await sql`insert into questionnaire_questions (questionnaire_id, section_id, position, type, text) values (${one.id}, ${s1.id}, 2, 'long_text', 'Q2') returning id`
      const [q3] = await sql`insert into questionnaire_questions (questionnaire_id, section_id, position, type, text) values (${two.id}, ${s2.id}, 1, 'long_text', 'Q1') returning id`
      const theme = async (questionId: string, themeName: string, at: string) =>
        (await sql`insert into question_themes (question_id, name, created_at) values (${questionId}, ${themeName}, ${at}) returning id`)[0].id as string
      const costs1 = await theme(q1.id, 'Costs', '2026-01-01')
      const delays1 = await theme(q1.id, 'Delays', '2026-01-02')
      const costs2 = await theme(q2.id, 'costs', '2026-01-03')
      const costs3 = await theme(q3.id, 'Costs', '2026-01-04')
      const [a] = await sql`insert into questionnaire_submissions (questionnaire_id) values (${one.id}) returning id`
      const [b] = await sql`insert into questionnaire_submissions (questionnaire_id) values (${two.id}) returning id`
      const tags = [
        [a.id, q1.id, costs1],
        [a.id, q1.id, delays1],
        [a.id, q2.id, costs2],
        [b.id, q3.id, costs3],
      ]
      for (const [s, q, t] of tags) await sql`insert into answer_themes (submission_id, question_id, theme_id) values (${s}, ${q}, ${t})`

      await runMigrations(url)

      const frame = await sql`select questionnaire_id, name from questionnaire_themes order by questionnaire_id = ${one.id} desc, name`
      expect(frame.map((r) => [r.questionnaire_id === one.id ? 'One' : 'Two', r.name])).toEqual([
        ['One', 'Costs'],
        ['One', 'Delays'],
        ['Two', 'Costs'],
      ])
      const after = await sql`select a.submission_id, a.question_id, t.name, t.id from answer_themes a join questionnaire_themes t on t.id = a.theme_id`
      expect(after).toHaveLength(4)
      const key = (s: string, q: string) => after.filter((r) => r.submission_id === s && r.question_id === q).map((r) => r.name)
      expect(key(a.id, q1.id).sort()).toEqual(['Costs', 'Delays'])
      expect(key(a.id, q2.id)).toEqual(['Costs'])
      expect(key(b.id, q3.id)).toEqual(['Costs'])
      // The merged theme keeps the earliest theme’s id, which copies already published name.
      expect(after.filter((r) => r.name === 'Costs' && r.submission_id === a.id).map((r) => r.id)).toEqual([costs1, costs1])
      expect((await sql`select to_regclass('question_themes') as t`)[0].t).toBeNull()
    } finally {
      await sql.end()
      const cleanup = postgres(databaseUrl('postgres'), { max: 1, onnotice: () => {} })
      await cleanup.unsafe(`drop database "${name}"`)
      await cleanup.end()
    }
  })

  test('staff define themes once and use them on any free-text question; a duplicate name is refused on the page', async () => {
    const { user, cookie } = await makeUser({ role: 'staff' })
    const c = await makeOpenConsultation(user)
    const path = `/staff/consultations/${c.id}/themes`
    const added = await call(themesRoute.action, request(path, { cookie, form: { name: 'Funding', description: 'Money for providers' } }), { id: c.id })
    expect(added.status).toBe(302)
    const dup = await call(themesRoute.action, request(path, { cookie, form: { name: 'funding', description: '' } }), { id: c.id })
    expect(dup.status).toBe(400)
    expect(dup.data.errors).toEqual({ name: 'There is already a theme called “funding”' })
    expect(dup.data.values.name).toBe('funding')
    const empty = await call(themesRoute.action, request(path, { cookie, form: { name: ' ', description: '' } }), { id: c.id })
    expect(empty.data.errors).toEqual({ name: 'Enter a name for the theme' })
    expect((await codingFrame(c)).map((t) => [t.name, t.description, t.count])).toEqual([['Funding', 'Money for providers', 0]])
    // Not staff: no access.
    const member = await makeUser()
    await expect(call(themesRoute.loader, request(path, { cookie: member.cookie }), { id: c.id })).resolves.toMatchObject({ status: 403 })
  })

  test('bulk tagging: ticked answers, or all matching the filters on every page; two staff tagging at once keep each other’s tags', async () => {
    const a = await makeUser({ role: 'staff', name: 'Staff A' })
    const b = await makeUser({ role: 'staff', name: 'Staff B' })
    const c = await makeOpenConsultation(a.user)
    const s = (await getStructure(db, c.questionnaireId))!
    const q = s.questions[0]
    const responses = []
    for (let i = 0; i < 30; i++) responses.push(await submittedResponse(c, { [q.id]: i % 3 === 0 ? `Funding is too low, answer ${i}` : `Timescales are short, answer ${i}` }))
    const path = `/staff/consultations/${c.id}/questions/${q.id}/answers`
    const params = { id: c.id, questionId: q.id }
    for (const name of ['Funding', 'Timescales', 'Other'])
      await call(themesRoute.action, request(`/staff/consultations/${c.id}/themes`, { cookie: a.cookie, form: { name, description: '' } }), { id: c.id })
    const frame = Object.fromEntries((await codingFrame(c)).map((t) => [t.name, t.id]))

    // All 10 answers matching a search (spread over more than the one page of 20), tagged in one go.
    const filtered = `${path}?q=${encodeURIComponent('funding')}`
    const all = await call(answersRoute.action, request(filtered, { cookie: a.cookie, form: { intent: 'bulk-tag', themeId: frame.Funding, scope: 'all' } }), params)
    expect(all.status).toBe(302)
    expect(all.location).toBe(filtered)
    expect((await codingFrame(c)).find((t) => t.name === 'Funding')!.count).toBe(10)

    // Two ticked answers; a tampered id from elsewhere tags nothing.
    const [r1, r2] = [responses[1], responses[2]]
    const stranger = await submittedResponse(await makeOpenConsultation(a.user), {})
    await call(
      answersRoute.action,
      request(path, { cookie: a.cookie, form: { intent: 'bulk-tag', themeId: frame.Timescales, answer: [r1.submissionId, r2.submissionId, stranger.submissionId] } }),
      params,
    )
    expect(await tagsOf(r1.submissionId, q.id)).toEqual([frame.Timescales])
    expect(await tagsOf(stranger.submissionId, q.id)).toEqual([])
    const none = await call(answersRoute.action, request(path, { cookie: a.cookie, form: { intent: 'bulk-tag', themeId: frame.Timescales } }), params)
    expect(none.status).toBe(400)
    expect(Object.keys(none.data.errors)).toEqual(['scope'])
    const noTheme = await call(answersRoute.action, request(path, { cookie: a.cookie, form: { intent: 'bulk-tag', themeId: '', answer: r1.submissionId } }), params)
    expect(noTheme.data.errors).toEqual({ themeId: 'Choose a theme' })

    // Both load the page showing r1 with Timescales only. A ticks Other; B, from the older page, unticks Timescales and ticks Funding.
    await call(
      answersRoute.action,
      request(path, { cookie: a.cookie, form: { intent: 'tag', submissionId: r1.submissionId, shown: frame.Timescales, themes: [frame.Timescales, frame.Other] } }),
      params,
    )
    await call(answersRoute.action, request(path, { cookie: b.cookie, form: { intent: 'tag', submissionId: r1.submissionId, shown: frame.Timescales, themes: frame.Funding } }), params)
    expect(await tagsOf(r1.submissionId, q.id)).toEqual([frame.Funding, frame.Other].sort())
    // A bulk tag and a single answer's tag at once: both land.
    await Promise.all([
      bulkTagAnswers(a.user, c, q, { themeId: frame.Other, action: 'tag', selection: { submissionIds: [r2.submissionId] } }),
      call(
        answersRoute.action,
        request(path, { cookie: b.cookie, form: { intent: 'tag', submissionId: r2.submissionId, shown: frame.Timescales, themes: [frame.Timescales, frame.Funding] } }),
        params,
      ),
    ])
    expect(await tagsOf(r2.submissionId, q.id)).toEqual([frame.Funding, frame.Other, frame.Timescales].sort())

    // Untag in bulk; “no theme yet” finds the rest.
    await call(answersRoute.action, request(path, { cookie: a.cookie, form: { intent: 'bulk-untag', themeId: frame.Other, answer: [r1.submissionId, r2.submissionId] } }), params)
    expect((await codingFrame(c)).find((t) => t.name === 'Other')!.count).toBe(0)
    const untagged = await call(answersRoute.loader, request(`${path}?theme=none`, { cookie: a.cookie }), params)
    expect(untagged.data.total).toBe(18)
    const audits = await db.select().from(auditEvents).where(eq(auditEvents.action, 'consultation.answers.tag'))
    expect(audits.map((e) => (e.after as { changed: number }).changed).sort()).toEqual([1, 10, 2])
  })
})

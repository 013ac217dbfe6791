import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { detectCampaigns } from '~/modules/consultations/campaign-detection'
import { dashboard } from '~/modules/consultations/analysis.server'
import { checkForCampaigns, decideCampaign, listCampaigns } from '~/modules/consultations/campaigns.server'
import { accessResponse, saveSection, startResponse, submitResponse, withdrawResponse } from '~/modules/consultations/responses.server'
import * as analysisRoute from '~/routes/staff.consultations.$id.analysis'
import { fieldName } from '~/modules/questionnaires/questions'
import { getStructure } from '~/modules/questionnaires/structure.server'
import * as campaignsRoute from '~/routes/staff.consultations.$id.campaigns._index'
import * as variationsRoute from '~/routes/staff.consultations.$id.campaigns.$campaignId'
import * as outcomeRoute from '~/routes/staff.consultations.$id.outcome'
import * as publicOutcome from '~/routes/consultations.$slug.outcome'
import * as summaryRoute from '~/routes/staff.consultations.$id.summary'
import { auditEvents, consultationCampaignChecks } from '~db/schema'
import { closeConsultation, individual, makeOpenConsultation } from '../support/consultations'
import { call } from '../support/routes'
import { makeUser, request } from '../support/users'

const CAMPAIGN =
  'I am writing as a supporter of fair work for everyone to ask that the new framework keeps specialist disability employment support local, funded for the long term and led by the charities that know their communities best.'

function edited(text: string, changes: Array<[string, string]>) {
  return changes.reduce((t, [from, to]) => t.replace(from, to), text)
}

const OWN_WORDS = [
  'Our small charity in Cumbria would struggle with the payment model because outcome payments arrive nine months after we start supporting each person into work.',
  'Regional lots are welcome, but please publish the volumes early so that local partners can plan staffing and premises before the bidding window opens.',
  'We run mentoring for prison leavers in Leeds and the first weeks after release matter most; the timetable should let providers meet people at the gate.',
  'Data sharing with Jobcentre Plus is still slow in our area and referrals arrive without the information advisers need to start work on the first day.',
  'Travel costs in rural Powys stop participants attending appointments, and any new framework should let providers pay fares upfront instead of reimbursing them later.',
]

async function respondWith(c: Awaited<ReturnType<typeof makeOpenConsultation>>, text: string, scale = 'agree') {
  const s = (await getStructure(db, c.questionnaireId))!
  const { user } = await makeUser({ name: 'Campaign Respondent' })
  const { response } = await startResponse(c, user, individual({ name: 'Campaign Respondent', email: user.email }))
  const access = (await accessResponse(db, response.id, { user, token: null }))!
  await saveSection(c, access, 1, { [fieldName(s.questions[0].id)]: text }, { id: user.id, name: 'Campaign Respondent' }, { enforceRequired: false })
  await saveSection(c, access, 2, { [fieldName(s.questions[2].id)]: scale }, { id: user.id, name: 'Campaign Respondent' }, { enforceRequired: false })
  await submitResponse(c, access, user)
  return { ...response, access }
}

/** A campaign letter sent six times (once lightly edited) among three people's own words, one of them withdrawn: 8 submitted. */
async function campaignOfSix(actor: Parameters<typeof makeOpenConsultation>[0]) {
  const c = await makeOpenConsultation(actor)
  for (let i = 0; i < 5; i++) await respondWith(c, CAMPAIGN)
  await respondWith(c, edited(CAMPAIGN, [['charities', 'voluntary organisations']]))
  const own = []
  for (const text of OWN_WORDS.slice(0, 3)) own.push(await respondWith(c, text, 'disagree'))
  await withdrawResponse(c, own[2].access)
  return c
}

describe('campaign detection', () => {
  test('groups identical and lightly edited texts, leaves people’s own words and short stock answers alone, and gives the same groups every time', () => {
    const texts = [
      ...Array.from({ length: 6 }, (_, i) => ({ id: `same-${i}`, text: i % 2 ? CAMPAIGN.toUpperCase() : `${CAMPAIGN}  ` })),
      { id: 'edit-1', text: edited(CAMPAIGN, [['fair work', 'decent work']]) },
      {
        id: 'edit-2',
        text: edited(CAMPAIGN, [
          ['long term', 'next ten years'],
          ['best', 'better than anyone'],
        ]),
      },
      ...OWN_WORDS.map((text, i) => ({ id: `own-${i}`, text })),
      ...Array.from({ length: 8 }, (_, i) => ({ id: `short-${i}`, text: 'I agree with the proposals.' })),
    ]
    const groups = detectCampaigns(texts)
    expect(groups).toHaveLength(1)
    expect(groups[0].members.map((m) => m.id).sort()).toEqual(['edit-1', 'edit-2', 'same-0', 'same-1', 'same-2', 'same-3', 'same-4', 'same-5'])
    expect(groups[0].members.filter((m) => !m.identical).map((m) => m.id)).toEqual(['edit-1', 'edit-2'])
    expect(detectCampaigns([...texts].reverse())[0].fingerprint).toBe(groups[0].fingerprint)
    // Fewer than five alike is not reported as a campaign.
    expect(detectCampaigns(texts.slice(0, 4))).toEqual([])
  })

  test('staff check a consultation, two of them decide at once without overruling each other, and a decision survives the next check', async () => {
    const a = await makeUser({ role: 'staff', name: 'Staff A' })
    const b = await makeUser({ role: 'staff', name: 'Staff B' })
    const c = await makeOpenConsultation(a.user)
    for (let i = 0; i < 5; i++) await respondWith(c, CAMPAIGN)
    await respondWith(c, edited(CAMPAIGN, [['charities', 'voluntary organisations']]))
    for (const text of OWN_WORDS.slice(0, 3)) await respondWith(c, text)
    const path = `/staff/consultations/${c.id}/campaigns`
    const params = { id: c.id }

    const asked = await call(campaignsRoute.action, request(path, { cookie: a.cookie, form: { intent: 'check' } }), params)
    expect(asked.status).toBe(302)
    const [check] = await db.select().from(consultationCampaignChecks).where(eq(consultationCampaignChecks.consultationId, c.id))
    expect(check.finishedAt).toBeNull()
    expect((await call(campaignsRoute.loader, request(path, { cookie: a.cookie }), params)).data.check.finishedAt).toBeNull()

    // What the worker does with the queued check.
    expect(await checkForCampaigns(c.id)).toEqual({ groups: 1, responsesInGroups: 6 })
    const page = (await call(campaignsRoute.loader, request(path, { cookie: b.cookie }), params)).data
    expect(page.check.responsesCompared).toBe(9)
    expect(page.campaigns).toHaveLength(1)
    const [group] = page.campaigns
    expect({ status: group.status, current: group.current, variations: group.variations, text: group.sharedText }).toEqual({ status: 'suggested', current: 6, variations: 1, text: CAMPAIGN })

    const variations = await call(variationsRoute.loader, request(`${path}/${group.id}`, { cookie: b.cookie }), { ...params, campaignId: group.id })
    expect(variations.data.rows).toHaveLength(1)
    expect(variations.data.rows[0].text).toContain('voluntary organisations')

    // Both loaded the page showing the group undecided; A confirms first, then B's stale "not a campaign" arrives.
    const confirmed = await call(campaignsRoute.action, request(path, { cookie: a.cookie, form: { intent: 'confirm', campaignId: group.id, seen: 'suggested' } }), params)
    expect(confirmed.status).toBe(302)
    const stale = await call(campaignsRoute.action, request(path, { cookie: b.cookie, form: { intent: 'dismiss', campaignId: group.id, seen: 'suggested' } }), params)
    expect(stale.status).toBe(400)
    expect(stale.data.errors.form).toBe('Someone else has already confirmed this group. Check it and decide again.')
    expect((await listCampaigns(c.id)).campaigns[0].status).toBe('confirmed')

    // More of the campaign arrives; the next check keeps the decision and counts the newcomer.
    await respondWith(c, CAMPAIGN)
    await checkForCampaigns(c.id)
    const after = (await listCampaigns(c.id)).campaigns
    expect(after.map((g) => ({ id: g.id, status: g.status, current: g.current }))).toEqual([{ id: group.id, status: 'confirmed', current: 7 }])

    const audit = await db
      .select({ action: auditEvents.action, actor: auditEvents.actorId })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, group.id)))
    expect(audit).toEqual([{ action: 'consultation.campaign.confirmed', actor: a.user.id }])
  })

  test('members and visitors cannot see or decide on campaigns', async () => {
    const staff = await makeUser({ role: 'staff' })
    const member = await makeUser()
    const c = await makeOpenConsultation(staff.user)
    const path = `/staff/consultations/${c.id}/campaigns`
    for (const cookie of [member.cookie, undefined]) {
      expect([302, 403, 404]).toContain((await call(campaignsRoute.loader, request(path, { cookie }), { id: c.id })).status)
      expect([302, 403, 404]).toContain((await call(campaignsRoute.action, request(path, { cookie, form: { intent: 'check' } }), { id: c.id })).status)
    }
    expect(await db.select().from(consultationCampaignChecks).where(eq(consultationCampaignChecks.consultationId, c.id))).toEqual([])
  })

  test('charts count a confirmed campaign by its number of responses or once, as staff choose, and every chart says which', async () => {
    const staff = await makeUser({ role: 'staff', name: 'Counting Staff' })
    const c = await campaignOfSix(staff.user)
    const [scale] = (await dashboard(c)).charts.filter((ch) => ch.question.type === 'agree_scale')
    const figures = async (counting: 'each' | 'once') => {
      const d = await dashboard(c, counting)
      const chart = d.charts.find((ch) => ch.question.id === scale.question.id)!
      return {
        counted: d.counted,
        individuals: d.byType.find((t) => t.type === 'individual')?.count,
        answered: chart.answered,
        agree: chart.counts.find((x) => x.value === 'agree')?.count,
        disagree: chart.counts.find((x) => x.value === 'disagree')?.count,
        overTime: d.overTime.reduce((n, day) => n + day.count, 0),
      }
    }
    const path = `/staff/consultations/${c.id}/analysis`
    const page = async (query: string) => (await call(analysisRoute.loader, request(`${path}${query}`, { cookie: staff.cookie }), { id: c.id })).data

    // Nothing confirmed yet: both ways count the same, and the page says so.
    await checkForCampaigns(c.id)
    expect(await figures('once')).toEqual(await figures('each'))
    expect((await page('?campaigns=once')).note).toBe('The figures count 8 submitted responses, all made online. The 1 withdrawn response and drafts are not counted. No campaign has been confirmed.')

    const [group] = (await listCampaigns(c.id)).campaigns
    await decideCampaign(staff.user, c.id, group.id, 'confirmed', 'suggested')
    expect(await figures('each')).toEqual({ counted: 8, individuals: 8, answered: 8, agree: 6, disagree: 2, overTime: 8 })
    expect(await figures('once')).toEqual({ counted: 3, individuals: 3, answered: 3, agree: 1, disagree: 2, overTime: 3 })
    // The kept counts are untouched by the other way of counting.
    expect(await figures('each')).toMatchObject({ counted: 8, agree: 6 })

    const once = await page('?campaigns=once')
    expect(once.counting).toBe('once')
    expect(once.note).toBe(
      'The figures count 3 of the 8 submitted responses, all made online. The 1 withdrawn response and drafts are not counted. The confirmed campaign counts once: its 6 responses count as 1.',
    )
    expect(once.charts.find((ch: { id: string }) => ch.id === scale.question.id).answered).toBe(3)
    const each = await page('')
    expect(each.counting).toBe('each')
    expect(each.note).toBe(
      'The figures count 8 submitted responses, all made online. The 1 withdrawn response and drafts are not counted. Confirmed campaigns count by their number of responses: 6 responses in 1 campaign.',
    )
  })

  test('the outcome report and the summary of responses count a confirmed campaign as staff choose and say which; a choice made from an older page is refused', async () => {
    const staff = await makeUser({ role: 'staff', name: 'Report Staff' })
    const other = await makeUser({ role: 'staff', name: 'Other Staff' })
    const c = await campaignOfSix(staff.user)
    await checkForCampaigns(c.id)
    const [group] = (await listCampaigns(c.id)).campaigns
    await decideCampaign(staff.user, c.id, group.id, 'confirmed', 'suggested')
    const closed = await closeConsultation(c.id)
    const scale = (await getStructure(db, c.questionnaireId))!.questions[2]
    const outcomePath = `/staff/consultations/${c.id}/outcome`
    const staffOutcome = async (cookie = staff.cookie) => (await call(outcomeRoute.loader, request(outcomePath, { cookie }), { id: c.id })).data
    const save = (cookie: string, form: Record<string, string>) => call(outcomeRoute.action, request(outcomePath, { cookie, form }), { id: c.id })
    const EACH =
      'The figures count 8 submitted responses, all made online. The 1 withdrawn response and drafts are not counted. Confirmed campaigns count by their number of responses: 6 responses in 1 campaign.'
    const ONCE =
      'The figures count 3 of the 8 submitted responses, all made online. The 1 withdrawn response and drafts are not counted. The confirmed campaign counts once: its 6 responses count as 1.'
    const agreeShare = (page: { perQuestion: Array<{ question: { id: string }; answered: number; choices: Array<{ value: string; count: number }> | null }> }) => {
      const q = page.perQuestion.find((p) => p.question.id === scale.id)!
      return { answered: q.answered, agree: q.choices!.find((x) => x.value === 'agree')!.count }
    }

    // Both staff open the outcome report: by number of responses, as it starts.
    const seenByBoth = await staffOutcome()
    expect(seenByBoth).toMatchObject({ counting: 'each', campaigns: 1, total: 8, note: EACH })
    expect(agreeShare(seenByBoth)).toEqual({ answered: 8, agree: 6 })

    // One chooses once each and publishes; the public page counts that way and says so.
    expect((await save(staff.cookie, { intro: 'What we heard.', campaignCounting: 'once', seenCounting: 'each', intent: 'publish' })).status).toBe(302)
    const published = (await call(publicOutcome.loader, request(`/consultations/${closed.slug}/outcome`), { slug: closed.slug })).data
    expect(published.note).toBe(ONCE)
    expect(published.total).toBe(3)
    expect(agreeShare(published)).toEqual({ answered: 3, agree: 1 })
    // The analysis page opens counting the way the report does.
    expect((await call(analysisRoute.loader, request(`/staff/consultations/${c.id}/analysis`, { cookie: staff.cookie }), { id: c.id })).data.note).toBe(ONCE)

    // The other, from the page opened before, saves by number of responses: refused, their words kept, nothing changed.
    const stale = await save(other.cookie, { intro: 'My older words.', campaignCounting: 'each', seenCounting: 'each', intent: 'save' })
    expect(stale.status).toBe(400)
    expect(stale.data.errors.campaignCounting).toBe('Someone else changed how the report counts confirmed campaigns to “Once each” after you opened this page. Check the figures, then choose again')
    expect(stale.data.values.intro).toBe('My older words.')
    expect(await staffOutcome(other.cookie)).toMatchObject({ counting: 'once', intro: 'What we heard.', note: ONCE })
    // Saving from the fresh page without changing the choice keeps it; changing it from the fresh page is theirs to make.
    expect((await save(other.cookie, { intro: 'Our words.', campaignCounting: 'once', seenCounting: 'once', intent: 'save' })).status).toBe(302)
    expect((await save(other.cookie, { intro: 'Our words.', campaignCounting: 'each', seenCounting: 'once', intent: 'save' })).status).toBe(302)
    expect((await call(publicOutcome.loader, request(`/consultations/${closed.slug}/outcome`), { slug: closed.slug })).data.note).toBe(EACH)
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, c.id), eq(auditEvents.action, 'consultation.outcome.save')))
    expect(audit.map((e) => [(e.before as { campaignCounting: string }).campaignCounting, (e.after as { campaignCounting: string }).campaignCounting])).toEqual([
      ['each', 'once'],
      ['once', 'once'],
      ['once', 'each'],
    ])

    // The summary of responses is generated counting as chosen on its form, and says which way in its own words.
    const summaryPath = `/staff/consultations/${c.id}/summary`
    const generate = async (form: Record<string, string>) => {
      expect((await call(summaryRoute.action, request(summaryPath, { cookie: staff.cookie, form: { intent: 'generate', ...form } }), { id: c.id })).status).toBe(302)
      return (await call(summaryRoute.loader, request(summaryPath, { cookie: staff.cookie }), { id: c.id })).data
    }
    const once = await generate({ campaignCounting: 'once' })
    expect(once.campaigns).toBe(1)
    expect(once.draft.text).toContain(`We received 8 responses.\n\n${ONCE}`)
    expect(once.draft.text).toContain('As individuals: 3 (100%)')
    expect(once.draft.text).toContain('3 respondents of 3 answered this question.')
    expect(once.draft.text).toContain('Agree: 1 (33%)')
    expect(once.draft.text).toContain('Disagree: 2 (67%)')
    const each = await generate({ campaignCounting: 'each', version: String(once.draft.version) })
    expect(each.draft.text).toContain(`We received 8 responses.\n\n${EACH}`)
    expect(each.draft.text).toContain('8 respondents of 8 answered this question.')
    expect(each.draft.text).toContain('Agree: 6 (75%)')
    // Without a choice on the form, the summary counts as the outcome report does.
    expect((await generate({ version: String(each.draft.version) })).draft.text).toContain(EACH)
  })
})

import { listConsultationDocuments } from '~/modules/consultations/documents.server'
import { describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { dashboard } from '~/modules/consultations/analysis.server'
import { listCampaigns } from '~/modules/consultations/campaigns.server'
import { publicationQueue, publishedResponses } from '~/modules/consultations/publication.server'
import { findConsultations, getConsultationBySlug, phaseOf } from '~/modules/consultations/consultations.server'
import { getStructure } from '~/modules/questionnaires/structure.server'
import { seedAccounts } from '~db/seed/accounts'
import { COMMISSIONING_STRATEGY_2013_SECTIONS, seedConsultations } from '~db/seed/consultations'
import { seedOrganisations } from '~db/seed/organisations'
import { drainOutbox } from '~search/worker.server'

describe('demo consultations', () => {
  test('the 2013 consultation has Q1–Q14 in its three sections, its about content, and responses to analyse; one open, one upcoming', async () => {
    const accounts = await seedAccounts()
    await seedOrganisations(accounts)
    await seedConsultations(accounts)
    const c = (await getConsultationBySlug(db, 'dwp-commissioning-strategy-2013'))!
    expect(phaseOf(c)).toBe('closed')
    const s = (await getStructure(db, c.questionnaireId))!
    expect(s.sections.map((x) => x.title)).toEqual(['Market structure and stewardship', 'Driving performance', 'Working in partnership'])
    expect(s.sections.map((x) => x.questions.map((q) => q.label))).toEqual([
      ['Q1', 'Q2', 'Q3', 'Q4', 'Q5'],
      ['Q6', 'Q7', 'Q8', 'Q9', 'Q10', 'Q11'],
      ['Q12', 'Q13', 'Q14'],
    ])
    expect(s.questions[8].text).toBe('How, when assessing bids, should we balance price and quality?')
    expect(s.questions.map((q) => q.text)).toEqual(COMMISSIONING_STRATEGY_2013_SECTIONS.flatMap((x) => x.questions))
    expect(c.pagesText).toContain('Freedom of Information Act 2000')
    expect(c.nations).toEqual(['england', 'wales', 'scotland'])
    const d = await dashboard(c)
    expect(d.statusCounts.submitted).toBeGreaterThanOrEqual(24)
    // Its publication queue was reviewed and released: one name redacted, one response withheld.
    const published = (await publishedResponses(c))!
    expect(published.total).toBeGreaterThan(0)
    expect(published.total).toBeLessThan(d.statusCounts.submitted)
    const queue = await publicationQueue(c)
    expect(queue.counts).toEqual({ 'to-review': 0, 'to-publish': 0, withheld: 1, published: published.total })
    const all = JSON.stringify((await publishedResponses(c, { q: 'contract manager' }))!.responses)
    expect(all).toContain('Our contract manager, [redacted], saw three local charities')
    expect(all).not.toContain('Whitlock')
    // Its letter-writing campaign is found, and nothing else: the other respondents wrote their own words.
    const { campaigns } = await listCampaigns(c.id)
    expect(campaigns.map((g) => ({ status: g.status, current: g.current, variations: g.variations }))).toEqual([{ status: 'suggested', current: 8, variations: 2 }])
    expect(campaigns[0].sharedText).toMatch(/^I am writing as a volunteer with a local employment charity/)
    await drainOutbox()
    const open = await findConsultations({ phases: ['open'] })
    expect(open.total).toBe(1)
    expect((await listConsultationDocuments(open.rows[0]!.id)).map((d) => [d.kindLabel, d.file.kind])).toEqual([
      ['Consultation paper', 'pdf'],
      ['Easy read version', 'pdf'],
    ])
    expect((await findConsultations({ phases: ['upcoming'] })).total).toBe(1)
    // The whole demo, with its publication review, takes a while to seed on a busy machine.
  }, 120_000)
})

import { eq } from 'drizzle-orm'
import { afterAll, afterEach, describe, expect, inject, test } from 'vitest'
import { db, sql } from '~/lib/db.server'
import { publiclyVisible } from '~/modules/case-studies/case-studies.server'
import type { Actor } from '~/lib/actor'
import type { CaseStudyInput } from '~/modules/case-studies/input.server'
import { compareCaseStudies, facetCounts, listCaseStudies, parseCaseStudyQuery } from '~/modules/case-studies/list.server'
import { findConsultations, FINDER_PAGE_SIZE } from '~/modules/consultations/consultations.server'
import { publishSummary, saveSummaryDraft } from '~/modules/consultations/summary.server'
import { documentFromPlainText, richTextFromDocument } from '~/lib/rich-text.server'
import { parseHubSearch, searchHub } from '~search/hub-search.server'
import { filtersFromSearchParams } from '~/modules/pipeline/model'
import { createNotice, publishNotice } from '~/modules/pipeline/authoring.server'
import { type NoticeInput } from '~/modules/pipeline/notices.server'
import { searchPipeline } from '~/modules/pipeline/finder.server'
import { recordAward } from '~/modules/pipeline/awards.server'
import { caseStudies, consultations } from '~db/schema'
import { seedAccounts } from '~db/seed/accounts'
import { seedCaseStudies } from '~db/seed/case-studies'
import { seedOrganisations } from '~db/seed/organisations'
import { CLAIMANT_GROUPS, INTERVENTION_TYPES, JOURNEY_STAGES } from '~/modules/case-studies/options'
import type { SearchEngine } from '~search/engine'
import { INDEXES } from '~search/indexes'
import { MeilisearchEngine } from '~search/meilisearch.server'
import { queueIndexing } from '~search/outbox.server'
import { PostgresEngine } from '~search/postgres.server'
import { reindex } from '~search/reindex.server'
import { searchIndex, useSearchEngine } from '~search/search.server'
import { drainOutbox } from '~search/worker.server'
import { caseStudyInput, publishedCaseStudy } from '../support/case-studies'
import { makeOpenConsultation } from '../support/consultations'
import { makeOrganisation, memberOf } from '../support/organisations'
import { noticeInput } from '../support/pipeline'
import { makeUser } from '../support/users'

/**
 * The consultations finder, the pipeline list and the What Works list ask
 * the search engine, not SQL, for their text box and filters: a misspelt
 * word still finds the item, on PostgreSQL search and on Meilisearch alike.
 */

const DAY = 86_400_000
const meiliSkip = inject('meiliSkipReason')
if (meiliSkip) console.warn(`List pages on Meilisearch skipped: ${meiliSkip}`)

const meiliEngines: MeilisearchEngine[] = []
let counter = 0

const engines: Array<{ name: string; skip: string | null; make: () => SearchEngine | undefined }> = [
  { name: 'PostgreSQL', skip: null, make: () => undefined },
  {
    name: 'Meilisearch',
    skip: meiliSkip,
    make: () => {
      counter += 1
      const engine = new MeilisearchEngine({ url: inject('meiliUrl')!, apiKey: inject('meiliKey')!, indexPrefix: `lists_${process.env.VITEST_POOL_ID ?? 0}_${counter}_${Date.now()}_` })
      meiliEngines.push(engine)
      return engine
    },
  },
]

afterEach(() => useSearchEngine(undefined))
afterAll(async () => {
  for (const engine of meiliEngines) await engine.dropAll().catch(() => {})
})

/** A smaller notice for Wales, suitable for SMEs, with only its service start known. */
function notice(overrides: Partial<NoticeInput> = {}): NoticeInput {
  return noticeInput({
    title: 'Restart successor: Wales',
    summary: 'Employment support for people out of work for a year or more.',
    valueMinPence: 1_000_000_00,
    valueMaxPence: 1_500_000_00,
    contractMonths: 36,
    regions: ['wales'],
    suitableForSme: true,
    suitableForVcse: false,
    dates: { marketEngagement: null, tenderNotice: null, award: null, serviceStart: { date: '2028-04-01', precision: 'month' } },
    ...overrides,
  })
}

/** A published case study by the Valleys Pathways member, in Wales. */
function caseStudy(actor: Actor, organisationId: string, title: string, overrides: Partial<CaseStudyInput> = {}) {
  return publishedCaseStudy(actor, caseStudyInput(organisationId, { title, summary: 'Weekly contact in the first weeks of work.', regions: ['wales'], ...overrides }))
}

for (const { name, skip, make } of engines) {
  describe.skipIf(skip !== null)(`list pages answered by the search engine: ${name}`, () => {
    test('the consultations finder: a misspelt word finds it, and open, upcoming and closed are worked out from the dates now', async () => {
      useSearchEngine(make())
      const { user: staff } = await makeUser({ role: 'staff' })
      const open = await makeOpenConsultation(staff, { title: 'Apprenticeships for young jobseekers' })
      const upcoming = await makeOpenConsultation(staff, { title: 'Upcoming commissioning strategy' })
      await db
        .update(consultations)
        .set({ opensAt: new Date(Date.now() + 5 * DAY), closesAt: new Date(Date.now() + 30 * DAY) })
        .where(eq(consultations.id, upcoming.id))
      const closing = await makeOpenConsultation(staff, { title: 'Closing contract package areas' })
      await db
        .update(consultations)
        .set({ closesAt: new Date(Date.now() + DAY) })
        .where(eq(consultations.id, closing.id))
      await queueIndexing(db, 'consultations', [upcoming.id, closing.id])
      expect((await drainOutbox()).failed).toBe(0)

      expect((await findConsultations({ q: 'aprenticeships' })).rows.map((r) => r.id)).toEqual([open.id])
      const all = await findConsultations({})
      // Open ones first (latest closing first), then upcoming.
      expect(all.rows.map((r) => r.id)).toEqual([open.id, closing.id, upcoming.id])
      expect((await findConsultations({ q: 'contract package', phases: ['open'] })).rows.map((r) => r.id)).toEqual([closing.id])
      expect((await findConsultations({ phases: ['upcoming'] })).rows.map((r) => r.id)).toEqual([upcoming.id])
      expect((await findConsultations({ phases: ['closed'] })).total).toBe(0)

      // Two days on, nothing has been reindexed, yet the closing one is now closed.
      const later = new Date(Date.now() + 2 * DAY)
      expect((await findConsultations({ phases: ['closed'] }, later)).rows.map((r) => r.id)).toEqual([closing.id])
      expect((await findConsultations({ phases: ['open'] }, later)).rows.map((r) => r.id)).toEqual([open.id])
      expect((await findConsultations({}, later)).rows.map((r) => r.id)).toEqual([open.id, upcoming.id, closing.id])
      expect((await findConsultations({ phases: ['outcome'] }, later)).total).toBe(0)
    })

    test('a published summary of responses finds its consultation in site search', async () => {
      useSearchEngine(make())
      const { user: staff } = await makeUser({ role: 'staff' })
      const c = await makeOpenConsultation(staff, { title: 'Employment support for carers' })
      const saved = await saveSummaryDraft(staff, c, richTextFromDocument(documentFromPlainText('Respondents in Ystradgynlais asked for outreach at the library.')), null)
      const search = async () => JSON.stringify(await searchHub(parseHubSearch(new URLSearchParams({ q: 'Ystradgynlais' }))))
      expect((await drainOutbox()).failed).toBe(0)
      // A draft is not public.
      expect(await search()).not.toContain(`/consultations/${c.slug}`)
      const closed = await db
        .update(consultations)
        .set({ closesAt: new Date(Date.now() - 1000) })
        .where(eq(consultations.id, c.id))
        .returning()
      await publishSummary(staff, closed[0]!, saved.version)
      expect((await drainOutbox()).failed).toBe(0)
      expect(await search()).toContain(`"url":"/consultations/${c.slug}"`)
    }, 90_000)

    test('the consultations finder pages across the open, upcoming and closed groups', async () => {
      useSearchEngine(make())
      const { user: staff } = await makeUser({ role: 'staff' })
      const made: Array<{ id: string; group: number; closesAt: number }> = []
      for (let i = 0; i < 12; i++) {
        const c = await makeOpenConsultation(staff, { title: `Paging consultation ${i}` })
        const group = i % 3
        const opensAt = group === 1 ? Date.now() + (i + 1) * DAY : Date.now() - 40 * DAY
        const closesAt = group === 0 ? Date.now() + (i + 1) * DAY : group === 1 ? opensAt + 10 * DAY : Date.now() - (i + 1) * DAY
        await db
          .update(consultations)
          .set({ opensAt: new Date(opensAt), closesAt: new Date(closesAt) })
          .where(eq(consultations.id, c.id))
        made.push({ id: c.id, group, closesAt })
      }
      await queueIndexing(
        db,
        'consultations',
        made.map((m) => m.id),
      )
      await drainOutbox()
      const expected = [...made].sort((a, b) => a.group - b.group || b.closesAt - a.closesAt).map((m) => m.id)
      const first = await findConsultations({ page: 1 })
      const second = await findConsultations({ page: 2 })
      expect(first.total).toBe(12)
      expect(first.pageCount).toBe(2)
      expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(expected)
      expect(first.rows).toHaveLength(FINDER_PAGE_SIZE)
    })

    test('the pipeline list: a misspelt word finds the notice, with filters and sorts from the index', async () => {
      useSearchEngine(make())
      const { user } = await makeUser({ role: 'staff' })
      const actor = { id: user.id, email: user.email }
      const wales = await createNotice(actor, notice())
      const big = await createNotice(
        actor,
        notice({
          title: 'Disability employment support: London',
          regions: ['london'],
          suitableForSme: false,
          suitableForVcse: true,
          valueMinPence: 20_000_000_00,
          valueMaxPence: 30_000_000_00,
          dates: { marketEngagement: null, tenderNotice: null, award: null, serviceStart: null },
        }),
      )
      await createNotice(actor, notice({ title: 'Unpublished draft about disability' }))
      await publishNotice(actor, wales.id)
      await publishNotice(actor, big.id)
      await drainOutbox()
      const titles = async (query: string, sort?: 'start' | 'value') => (await searchPipeline(filtersFromSearchParams(new URLSearchParams(query)), { sort })).rows.map((r) => r.title)
      expect(await titles('q=disabilty')).toEqual(['Disability employment support: London'])
      expect(await titles('q=restrat')).toEqual(['Restart successor: Wales'])
      expect(await titles('')).toEqual(['Restart successor: Wales', 'Disability employment support: London'])
      expect(await titles('', 'value')).toEqual(['Disability employment support: London', 'Restart successor: Wales'])
      expect(await titles('suitable=sme')).toEqual(['Restart successor: Wales'])
      expect(await titles('suitable=sme&suitable=vcse')).toEqual([])
      expect(await titles('band=10m-50m')).toEqual(['Disability employment support: London'])
      expect(await titles('region=wales&band=under-2m')).toEqual(['Restart successor: Wales'])
      expect(await titles('start=2028')).toEqual(['Restart successor: Wales'])

      // Awarded, the notice is found by its supplier's name, on the list and in site search.
      await recordAward(actor, wales.id, {
        suppliers: [{ organisationId: null, name: 'Wearside Pathways Trust', companyNumber: '', streetAddress: '', locality: '', postalCode: '' }],
        valueMinor: 1_200_000_00,
        currency: 'GBP',
        awardDate: '2026-10-30',
        contractStart: '2027-04-01',
        contractEnd: '2030-03-31',
      })
      expect((await drainOutbox()).failed).toBe(0)
      expect(await titles('q=wearside pathways')).toEqual(['Restart successor: Wales'])
      const site = await searchHub(parseHubSearch(new URLSearchParams('q=Wearside Pathways Trust')))
      expect(site.groups.find((g) => g.name === 'pipeline')!.hits.map((h) => h.url)).toEqual([`/pipeline/${wales.slug}`])
      // Saved-search alerts read the notice in SQL: the supplier's name matches there too.
      expect((await searchPipeline({ q: 'Wearside' }, { ids: [wales.id, big.id] })).rows.map((r) => r.title)).toEqual(['Restart successor: Wales'])
    })

    test('the What Works list: a misspelt word finds the case study; facets are counted by the engine; the comparison follows the list', async () => {
      useSearchEngine(make())
      const org = await makeOrganisation({ name: 'Valleys Pathways' })
      const { actor } = await memberOf(org)
      await caseStudy(actor, org.id, 'Mentoring lone parents into school-hours jobs', { claimantGroups: ['lone-parents'] })
      await caseStudy(actor, org.id, 'Employer breakfasts for prison leavers', { claimantGroups: ['prison-leavers'], regions: ['london'], evidenceMethod: 'independent_evaluation' })
      await drainOutbox()
      const q = (s: string) => parseCaseStudyQuery(new URLSearchParams(s))
      expect((await listCaseStudies(q('q=breakfsts'))).items.map((i) => i.title)).toEqual(['Employer breakfasts for prison leavers'])
      expect((await listCaseStudies(q('q=pathways'))).total).toBe(2)
      expect((await listCaseStudies(q('evidence=3'))).items.map((i) => i.title)).toEqual(['Employer breakfasts for prison leavers'])
      expect((await compareCaseStudies(q('q=breakfsts'))).map((i) => i.title)).toEqual(['Employer breakfasts for prison leavers'])
      const facets = await facetCounts(q('claimantGroup=lone-parents'))
      // A facet ignores its own choice, so the other claimant group still shows what it would add.
      expect(facets.claimantGroups).toEqual({ 'lone-parents': 1, 'prison-leavers': 1 })
      expect(facets.regions).toEqual({ wales: 1 })
      expect(facets.evidenceLevels).toEqual({ '2': 1 })
    })

    test('case-study tags are found by their names and abbreviations: "Jobseeker’s Allowance", "jobseekers allowance" and "JSA" find the demo’s seven, and every tag finds what carries it', async () => {
      useSearchEngine(make())
      const accounts = await seedAccounts()
      await seedOrganisations(accounts)
      await seedCaseStudies(accounts)
      await drainOutbox()
      const published = await db.select().from(caseStudies).where(publiclyVisible)
      const found = async (text: string) => new Set((await searchIndex('case_studies', { text, perPage: 100 })).hits.map((h) => h.id))
      const tagged = (value: string) => published.filter((cs) => [...cs.claimantGroups, ...cs.journeyStages, ...cs.interventionTypes].includes(value)).map((cs) => cs.id)

      const jsa = tagged('jsa')
      expect(jsa).toHaveLength(7)
      for (const text of ["Jobseeker's Allowance", 'Jobseeker’s Allowance', 'jobseekers allowance', 'JSA']) {
        const hits = await found(text)
        expect(
          jsa.filter((id) => !hits.has(id)),
          text,
        ).toEqual([])
      }
      // The list page answers the same way.
      const list = await listCaseStudies(parseCaseStudyQuery(new URLSearchParams({ q: 'JSA' })))
      expect(list.total).toBeGreaterThanOrEqual(7)
      for (const option of [...CLAIMANT_GROUPS, ...JOURNEY_STAGES, ...INTERVENTION_TYPES]) {
        const ids = tagged(option.value)
        if (!ids.length) continue
        const hits = await found(option.label)
        expect(
          ids.filter((id) => !hits.has(id)),
          option.label,
        ).toEqual([])
      }
      for (const [abbreviation, value] of [
        ['ESA', 'esa'],
        ['UC', 'universal-credit'],
      ] as const) {
        const hits = await found(abbreviation)
        expect(
          tagged(value).filter((id) => !hits.has(id)),
          abbreviation,
        ).toEqual([])
      }
    })
  })
}

describe.skipIf(meiliSkip !== null)('a Meilisearch index made by an older version of the hub', () => {
  test('a search naming a field that has since become filterable applies the settings and answers', async () => {
    const prefix = `lists_old_${process.env.VITEST_POOL_ID ?? 0}_${Date.now()}_`
    const options = { url: inject('meiliUrl')!, apiKey: inject('meiliKey')!, indexPrefix: prefix }
    const before = new MeilisearchEngine(options)
    meiliEngines.push(before)
    const older = { ...INDEXES.pipeline, filterable: ['status'], sortable: ['date'] }
    await before.upsert(older, [
      { id: 'n1', title: 'Restart successor', summary: 'Wales', status: 'planned', sme: 'yes', valueMax: 1 },
      { id: 'n2', title: 'Restart pilot', summary: 'London', status: 'planned', sme: 'no', valueMax: 2 },
    ])
    // A new process knows today's settings but has written nothing yet.
    const after = new MeilisearchEngine(options)
    const result = await after.search(INDEXES.pipeline, { filters: { sme: ['yes'] }, sort: [{ field: 'valueMax', direction: 'desc' }] })
    expect(result.hits.map((h) => h.id)).toEqual(['n1'])
  })
})

describe('catching up at start', () => {
  test('an index whose documents lack a field the lists now need is rebuilt; an up-to-date one is left alone', async () => {
    const { user } = await makeUser({ role: 'staff' })
    const actor = { id: user.id, email: user.email }
    const created = await createNotice(actor, notice())
    await publishNotice(actor, created.id)
    await drainOutbox()
    expect(await reindex({ onlyEmpty: true, only: ['pipeline'] })).toEqual([])

    // As an older version of the hub indexed it, before the service start filter.
    const { startYear: _startYear, ...older } = (await searchIndex('pipeline', {})).hits[0]!.document
    const engine = new PostgresEngine({ sql })
    await engine.upsert(INDEXES.pipeline, [older])
    expect((await searchPipeline(filtersFromSearchParams(new URLSearchParams('start=2028')))).total).toBe(0)

    expect((await reindex({ onlyEmpty: true, only: ['pipeline'] })).map((r) => r.index)).toEqual(['pipeline'])
    expect((await searchPipeline(filtersFromSearchParams(new URLSearchParams('start=2028')))).rows.map((r) => r.id)).toEqual([created.id])
  })
})

import { describe, expect, test } from 'vitest'
import { RuleError } from '~/lib/result'
import { createNotice, updateNotice, changeStatus } from '~/modules/pipeline/authoring.server'
import { recordAward, type AwardInput } from '~/modules/pipeline/awards.server'
import { getNotice, noticeInputOf } from '~/modules/pipeline/notices.server'
import { atomFeed, pipelineCsv } from '~/modules/pipeline/opendata.server'
import { recentRevisions } from '~/modules/pipeline/revisions.server'
import { buildTimeline } from '~/modules/pipeline/timeline'
import { createOrganisation } from '~/modules/organisations/organisations.server'
import { DATASETS } from '~/modules/open-data/datasets'
import { packageProblems } from '../support/ocds'
import { noticeInput, publishedNotice } from '../support/pipeline'
import { profile } from '../support/organisations'
import { call } from '../support/routes'
import { makeUser, request } from '../support/users'
import { pipelineAwardsHomeBlock, pipelineStaffBlock } from '~/modules/pipeline/blocks.server'
import { searchPipeline } from '~/modules/pipeline/finder.server'
import { drainOutbox } from '~search/worker.server'

/** Contract awards, the timeline by quarter and what open data says of a notice. */

const award = (overrides: Partial<AwardInput> = {}): AwardInput => ({
  suppliers: [{ organisationId: null, name: 'Talking Work Partnership Ltd', companyNumber: '09876543', streetAddress: '14 Cable Street', locality: 'Bristol', postalCode: 'BS2 0AA' }],
  valueMinor: 2_450_000_00,
  currency: 'GBP',
  awardDate: '2026-10-30',
  contractStart: '2027-01-04',
  contractEnd: '2029-12-31',
  ...overrides,
})

const AWARD_FORM = {
  supplier1Organisation: '',
  supplier1Name: 'Talking Work Partnership Ltd',
  supplier1CompanyNumber: '9876543',
  value: '£2,450,000.50',
  currency: 'GBP',
  'awardDate-day': '30',
  'awardDate-month': '10',
  'awardDate-year': '2026',
  'contractStart-day': '4',
  'contractStart-month': '1',
  'contractStart-year': '2027',
  'contractEnd-day': '31',
  'contractEnd-month': '12',
  'contractEnd-year': '2029',
}

describe('contract awards', () => {
  test('bad input gets its errors on the form, keeps what was typed and saves nothing', async () => {
    const { actor, cookie } = await makeUser({ role: 'staff' })
    const notice = await publishedNotice(actor)
    const route = await import('~/routes/staff.pipeline.$id_.award')
    const path = `/staff/pipeline/${notice.id}/award`
    const bad = await call(route.action, request(path, { cookie, form: { ...AWARD_FORM, value: 'two million', 'contractEnd-year': '2026', supplier2Name: '', supplier2CompanyNumber: '123' } }), {
      id: notice.id,
    })
    expect(bad.status).toBe(400)
    expect(bad.data.errors).toEqual({ value: 'Contract value must be a number, like 2450000 or 2450000.50', supplier2Name: 'Enter the name of supplier 2' })
    expect(bad.data.values).toMatchObject({ value: 'two million', supplier1Name: 'Talking Work Partnership Ltd', 'contractEnd-year': '2026' })
    // Dates in the wrong order are a rule of the award, checked once the form reads.
    const backwards = await call(route.action, request(path, { cookie, form: { ...AWARD_FORM, 'contractEnd-year': '2026' } }), { id: notice.id })
    expect(backwards.status).toBe(400)
    expect(backwards.data.errors).toEqual({ contractEnd: 'Contract end date must be after the contract start date' })
    expect(backwards.data.values).toMatchObject({ value: '£2,450,000.50', supplier1Name: 'Talking Work Partnership Ltd' })
    const page = await call(route.loader, request(path, { cookie }), { id: notice.id })
    expect(page.data.awarded).toBe(false)
    expect((await getNotice(notice.id))!).toMatchObject({ status: 'planned', award: null })

    const saved = await call(route.action, request(path, { cookie, form: AWARD_FORM }), { id: notice.id })
    expect(saved.status).toBe(302)
    const awarded = (await getNotice(notice.id))!
    expect(awarded).toMatchObject({ status: 'awarded', noticeType: 'contract_award' })
    expect(awarded.award).toMatchObject({ valueMinor: 2_450_000_50, currency: 'GBP', awardDate: '2026-10-30', contractStart: '2027-01-04', contractEnd: '2029-12-31' })
    expect(awarded.award!.suppliers).toMatchObject([{ name: 'Talking Work Partnership Ltd', companyNumber: '09876543', organisationId: null }])
  })

  test('an award names directory organisations as they are called, and is a revision with its own change log entry', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const org = await createOrganisation(actor, profile({ name: `Meridian Awards ${Math.random().toString(36).slice(2, 6)}` }))
    const notice = await publishedNotice(actor)
    const forged = await recordAward(
      actor,
      notice.id,
      award({ suppliers: [{ organisationId: org.id, name: 'A name typed over the directory', companyNumber: '', streetAddress: '', locality: '', postalCode: '' }] }),
    )
    expect(forged.revision?.kind).toBe('awarded')
    expect(forged.revision?.changes.map((c) => c.label)).toEqual(['Notice type', 'Status', 'Contract award'])
    const awarded = (await getNotice(notice.id))!
    expect(awarded.award!.suppliers[0]).toMatchObject({ organisationId: org.id, name: org.name })
    const page = await import('~/routes/pipeline.$slug')
    const shown = await call(page.loader, request(`/pipeline/${notice.slug}`), { slug: notice.slug })
    expect(shown.data.notice.award.suppliers[0].organisation.slug).toBe(org.slug)
    // A correction is a revision; the same award again is not.
    const corrected = await recordAward(actor, notice.id, award({ suppliers: awarded.award!.suppliers.map((s) => ({ ...s })), valueMinor: 2_500_000_00 }))
    expect(corrected.revision?.kind).toBe('updated')
    expect(corrected.revision?.changes[0]!.to).toContain('£2,500,000')
    const again = await recordAward(actor, notice.id, award({ suppliers: awarded.award!.suppliers.map((s) => ({ ...s })), valueMinor: 2_500_000_00 }))
    expect(again.revision).toBeNull()
  })

  test('a notice is awarded only by recording its award, and only while published and open', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const draft = await createNotice(actor, noticeInput())
    await expect(recordAward(actor, draft.id, award())).rejects.toThrow('Publish the notice before recording its award')
    const notice = await publishedNotice(actor)
    await changeStatus(actor, notice.id, 'market_engagement')
    await changeStatus(actor, notice.id, 'tender_published')
    await changeStatus(actor, notice.id, 'evaluation')
    await expect(changeStatus(actor, notice.id, 'awarded')).rejects.toBeInstanceOf(RuleError)
    await changeStatus(actor, notice.id, 'withdrawn')
    await expect(recordAward(actor, notice.id, award())).rejects.toThrow('This notice is withdrawn, so it cannot be awarded')
    await expect(recordAward(actor, notice.id, award({ awardDate: '2999-01-01', suppliers: [] }))).rejects.toMatchObject({
      fields: { supplier1Organisation: 'Select a supplier from the directory or enter the supplier’s name', awardDate: 'Award date must be today or in the past' },
    })
  })

  test('past key dates get their real state: an awarded notice’s engagement, tender and award are complete', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const notice = await publishedNotice(
      actor,
      noticeInput({
        dates: {
          marketEngagement: { date: '2026-01-01', precision: 'month' },
          tenderNotice: { date: '2026-03-01', precision: 'month' },
          award: { date: '2026-09-01', precision: 'month' },
          serviceStart: { date: '2027-01-01', precision: 'month' },
        },
      }),
    )
    const { milestoneState } = await import('~/modules/pipeline/model')
    const states = (n: { status: 'planned' | 'evaluation' | 'awarded' | 'cancelled' }, start?: string) =>
      (['marketEngagement', 'tenderNotice', 'award', 'serviceStart'] as const).map((f) => milestoneState(f, { ...n, serviceStartDate: notice.serviceStartDate }, '2026-12-03', start))
    expect(states({ status: 'planned' })).toEqual(['planned', 'planned', 'planned', 'planned'])
    expect(states({ status: 'evaluation' })).toEqual(['complete', 'complete', 'planned', 'planned'])
    expect(states({ status: 'awarded' }, '2027-01-04')).toEqual(['complete', 'complete', 'complete', 'planned'])
    expect(states({ status: 'awarded' }, '2026-11-01')).toEqual(['complete', 'complete', 'complete', 'complete'])
    expect(states({ status: 'cancelled' })).toEqual(['not_going_ahead', 'not_going_ahead', 'not_going_ahead', 'not_going_ahead'])
  })
})

describe('timeline', () => {
  const notice = (title: string, tenderNoticeDate: string | null, status: 'planned' | 'awarded' = 'planned') =>
    ({
      ...noticeInput(),
      id: title,
      slug: title,
      title,
      status,
      route: 'open_procedure',
      tenderNoticeDate,
      tenderNoticePrecision: 'month',
      serviceStartDate: null,
      serviceStartPrecision: null,
      valueMinPence: 100_00,
      valueMaxPence: 200_00,
    }) as unknown as Parameters<typeof buildTimeline>[0][number]

  test('six quarters in order across a year boundary, empty ones included, with month labels and plurals', () => {
    const timeline = buildTimeline(
      [
        notice('Jan A', '2027-01-01'),
        notice('Feb B', '2027-02-01'),
        notice('Nov C', '2026-11-01'),
        notice('Awarded', '2027-01-01', 'awarded'),
        notice('Next spring', '2028-04-01'),
        notice('Unknown', null),
        notice('Passed', '2026-08-01'),
      ],
      new Date('2026-11-20T10:00:00Z'),
    )
    expect(timeline.quarters.map((q) => q.label)).toEqual([
      'October to December 2026',
      'January to March 2027',
      'April to June 2027',
      'July to September 2027',
      'October to December 2027',
      'January to March 2028',
    ])
    expect(timeline.quarters.map((q) => q.count)).toEqual(['1 procurement', '2 procurements', 'No procurements', 'No procurements', 'No procurements', 'No procurements'])
    expect(timeline.quarters[1]!.items.map((i) => i.title)).toEqual(['Jan A', 'Feb B'])
    expect(timeline.later).toMatchObject({ label: 'From April 2028', items: [{ title: 'Next spring' }] })
    expect(timeline.earlier).toMatchObject({ label: 'Planned before October 2026', items: [{ title: 'Passed' }] })
    expect(timeline.unknown.items.map((i) => i.title)).toEqual(['Unknown'])
    expect(timeline.summary).toBe('3 procurements planned to publish a tender notice between October 2026 and March 2028.')
  })

  test('the page draws the chart with its data table and lists every quarter', async () => {
    const route = await import('~/routes/pipeline.timeline')
    const loaded = await call(route.loader, request('/pipeline/timeline'))
    expect(loaded.data.quarters).toHaveLength(6)
    expect(new Set(loaded.data.quarters.map((q: { key: string }) => q.key)).size).toBe(6)
  })
})

describe('open data as it was', () => {
  test('the CSV carries descriptions and KPIs, and the open-data page says so', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const { documentFromPlainText, richTextFromDocument } = await import('~/lib/rich-text.server')
    const notice = await publishedNotice(
      actor,
      noticeInput({
        description: richTextFromDocument(documentFromPlainText('A longer description of the service.')),
        kpis: [{ name: 'Job outcomes', target: '30%', latestValue: '28%', latestPeriod: 'July to September 2026' }],
      }),
    )
    const [header, row] = pipelineCsv([notice]).split('\r\n')
    expect(header!.split(',')).toEqual(expect.arrayContaining(['summary', 'description', 'kpis', 'documents', 'awardSuppliers', 'awardValue']))
    expect(row).toContain('A longer description of the service.')
    expect(row).toContain('Job outcomes: target 30%, latest 28% (July to September 2026)')
    const described = DATASETS.find((d) => d.id === 'pipeline')!.description
    for (const words of ['description', 'KPIs', 'documents', 'contact point', 'award']) expect(described).toContain(words)
  })

  test('each Atom entry describes the notice as it was when the entry was made', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const notice = await publishedNotice(actor, noticeInput({ title: `Original title ${Math.random().toString(36).slice(2, 6)}` }))
    await updateNotice(actor, notice.id, { ...noticeInputOf(notice), title: `${notice.title} revised`, valueMaxPence: 3_500_000_00 })
    await recordAward(actor, notice.id, award())
    const entries = (await recentRevisions(200)).filter((e) => e.notice.id === notice.id)
    expect(entries.map((e) => e.revision.number)).toEqual([3, 2, 1])
    const feed = atomFeed(entries)
    const [awarded, revised, first] = feed.split('<entry>').slice(1)
    expect(first).toContain(`<title>New: ${notice.title}</title>`)
    expect(first).toContain('Estimated value: £2,000,000 to £3,000,000')
    expect(first).toContain('UK1 Pipeline notice')
    expect(first).not.toContain('Talking Work')
    expect(revised).toContain(`<title>Updated: ${notice.title} revised</title>`)
    expect(revised).toContain('Estimated value: £2,000,000 to £3,500,000')
    expect(revised).not.toContain('Talking Work')
    expect(awarded).toContain('UK6 Contract award notice')
    expect(awarded).toContain('Awarded to Talking Work Partnership Ltd, £2,450,000')
  })
})

describe('OCDS', () => {
  test('a notice of each type, awarded included, is a release package with awards, contracts and supplier parties', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const route = await import('~/routes/pipeline.$slug_.ocds[.]json')
    const uk1 = await publishedNotice(actor)
    const uk2 = await publishedNotice(actor, noticeInput({ noticeType: 'preliminary_market_engagement', engagementDetails: 'An online event', engagementDeadline: '2027-01-29' }))
    const uk3 = await publishedNotice(
      actor,
      noticeInput({
        noticeType: 'planned_procurement',
        dates: { ...noticeInput().dates, tenderNotice: { date: '2027-05-12', precision: 'day' } },
        lots: [{ title: 'North West', valueMinPence: 1_000_000_00, valueMaxPence: 1_500_000_00, contractPackageAreas: ['CPA 1: North West'] }],
      }),
    )
    const awarded = await publishedNotice(actor)
    const org = await createOrganisation(actor, profile({ name: `Northstar Awards ${Math.random().toString(36).slice(2, 6)}` }))
    await recordAward(actor, awarded.id, award({ suppliers: [...award().suppliers, { organisationId: org.id, name: '', companyNumber: '', streetAddress: '', locality: '', postalCode: '' }] }))
    const packages = []
    for (const n of [uk1, uk2, uk3, awarded]) {
      const response = await call(route.loader, request(`/pipeline/${n.slug}/ocds.json`), { slug: n.slug })
      expect(response.status).toBe(200)
      packages.push(JSON.parse(response.text))
    }
    for (const pkg of packages) expect(packageProblems(pkg)).toEqual([])
    // Lots follow the lots extension, which only the package with lots names.
    expect(packages.map((pkg) => pkg.extensions)).toEqual([undefined, undefined, [expect.stringContaining('/ocds_lots_extension/')], undefined])
    const last = packages[3].releases.at(-1)
    expect(last.tag).toEqual(['award', 'contract'])
    expect(packages[3].releases[0].tag).toEqual(['planning'])
    expect(last.parties.slice(1)).toEqual([
      {
        id: 'GB-COH-09876543',
        name: 'Talking Work Partnership Ltd',
        roles: ['supplier'],
        identifier: { scheme: 'GB-COH', id: '09876543', legalName: 'Talking Work Partnership Ltd' },
        address: { streetAddress: '14 Cable Street', locality: 'Bristol', postalCode: 'BS2 0AA', countryName: 'United Kingdom' },
      },
      { id: expect.stringMatching(new RegExp(`-organisation-${org.id}$`)), name: org.name, roles: ['supplier'] },
    ])
    expect(last.awards[0]).toMatchObject({
      status: 'active',
      date: '2026-10-30T00:00:00Z',
      value: { amount: 2_450_000, currency: 'GBP' },
      suppliers: [{ name: 'Talking Work Partnership Ltd' }, { name: org.name }],
    })
    expect(last.contracts[0]).toMatchObject({ awardID: last.awards[0].id, period: { startDate: '2027-01-04T00:00:00Z', endDate: '2029-12-31T00:00:00Z' } })
    expect(last.tender.status).toBe('complete')
    expect(last.planning.milestones.find((m: any) => m.id === 'marketEngagement')).toMatchObject({ status: 'met' })
    // Each kind of rule fails on a package that breaks it, and names what is wrong.
    const at = `package.releases[${packages[3].releases.length - 1}]`
    const breaks: Array<[(release: any, pkg: any) => void, string[]]> = [
      [(r) => (r.tag = ['awarded']), [`${at}.tag[0]: "awarded" is not in its codelist`]],
      [(r) => delete r.initiationType, [`${at}: no initiationType`]],
      [(r) => (r.awards[0].date = '2026-10-30'), [`${at}.awards[0].date: "2026-10-30" is not a date-time`]],
      [(r) => (r.contracts[0].period.endDate = '2029-02-30T00:00:00Z'), [`${at}.contracts[0].period.endDate: "2029-02-30T00:00:00Z" is not a date-time`]],
      [(r) => (r.awards[0].value.amount = '2450000'), [`${at}.awards[0].value.amount: string, not number or null`]],
      [(r) => (r.awards[0].value.currency = 'GPB'), [`${at}.awards[0].value.currency: "GPB" is not in its codelist`]],
      [(r) => (r.contracts[0].status = 'complete'), [`${at}.contracts[0].status: "complete" is not in its codelist`]],
      [(r) => (r.awards[0].id = ''), [`${at}.awards[0].id: empty`, `${at}: contract ${last.contracts[0].id} names no award`]],
      [(r) => r.awards[0].suppliers.push(r.awards[0].suppliers[0]), [`${at}.awards[0].suppliers: items are not unique`]],
      [(r) => (r.tender.lotDetails = {}), [`${at}.tender.lotDetails: not covered by these checks`]],
      [(_, pkg) => (pkg.uri = '/pipeline/awarded/ocds.json'), ['package.uri: "/pipeline/awarded/ocds.json" is not a URI']],
      [(_, pkg) => (pkg.version = '1.1.5'), ['package.version: "1.1.5" does not match /^(\\d+\\.)(\\d+)$/', 'version is not 1.1']],
      [(_, pkg) => delete pkg.publisher.name, ['package.publisher: no name']],
      [(r) => (r.ocid = 'chub00-1'), [`${at}.ocid: "chub00-1" has no ocid prefix`]],
      [(r) => r.parties.pop(), [`${at}: supplier ${org.name} is not a party`]],
      [(r) => (r.contracts[0].awardID = 'elsewhere'), [`${at}: contract ${last.contracts[0].id} names no award`]],
    ]
    for (const [breakIt, problems] of breaks) {
      const broken = structuredClone(packages[3])
      breakIt(broken.releases.at(-1), broken)
      expect(packageProblems(broken)).toEqual(problems)
    }
    const undeclared = structuredClone(packages[2])
    delete undeclared.extensions
    expect(packageProblems(undeclared)).toEqual(['package.releases[0]: tender has lots but the package does not name the lots extension'])
    if (process.env.OCDS_PACKAGES_OUT) (await import('node:fs')).writeFileSync(process.env.OCDS_PACKAGES_OUT, JSON.stringify(packages))
  })
})

describe('awards have their place', () => {
  test('the home page’s awards block lists the latest awards; the staff dashboard counts them and links the latest', async () => {
    const empty = (await pipelineAwardsHomeBlock({ signedIn: false }))!
    expect(empty).toMatchObject({ figures: [{ value: 0, label: 'contracts awarded' }], items: [], emptyText: 'No contracts have been awarded yet.' })
    const { actor } = await makeUser({ role: 'staff' })
    const older = await publishedNotice(actor, noticeInput({ title: 'Older awarded contract' }))
    const newer = await publishedNotice(actor, noticeInput({ title: 'Newer awarded contract' }))
    await publishedNotice(actor, noticeInput({ title: 'Still planned' }))
    await recordAward(actor, older.id, award({ awardDate: '2026-03-02' }))
    await recordAward(actor, newer.id, award({ suppliers: [...award().suppliers, { ...award().suppliers[0]!, name: 'Second Supplier CIC', companyNumber: '' }] }))

    const home = (await pipelineAwardsHomeBlock({ signedIn: false }))!
    expect(home.figures).toEqual([{ value: 2, label: 'contracts awarded', href: '/pipeline?status=awarded' }])
    expect(home.items).toEqual([
      { href: `/pipeline/${newer.slug}`, title: 'Newer awarded contract', meta: 'Awarded to Talking Work Partnership Ltd and Second Supplier CIC, £2,450,000, on 30 October 2026' },
      { href: `/pipeline/${older.slug}`, title: 'Older awarded contract', meta: 'Awarded to Talking Work Partnership Ltd, £2,450,000, on 2 March 2026' },
    ])
    const staff = (await pipelineStaffBlock({ signedIn: true }))!
    expect(staff.figures).toContainEqual({ value: 2, label: 'contracts awarded', href: '/pipeline?status=awarded' })
    expect(staff.extraLinks).toContainEqual({ href: `/staff/pipeline/${newer.id}`, text: 'Recently awarded: Newer awarded contract' })
    // The public list the figure links to holds just those two.
    await drainOutbox()
    expect((await searchPipeline({ status: ['awarded'] })).rows.map((r) => r.title).sort()).toEqual(['Newer awarded contract', 'Older awarded contract'])
  })
})

import { and, eq, like } from 'drizzle-orm'
import { RuleError } from '~/lib/result'
import { describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { checkCpv, cpvCheckDigit } from '~/modules/pipeline/cpv'
import { canTransition, filtersFromSearchParams, filtersToSearchParams } from '~/modules/pipeline/model'
import { saveSearch, sendWeeklyDigests } from '~/modules/pipeline/alerts.server'
import { partnersFor, registerInterest, requestContact, acceptContact, sharedContacts, interestForStaff } from '~/modules/pipeline/interest.server'
import { changeStatus, createNotice, publishNotice, updateNotice } from '~/modules/pipeline/authoring.server'
import { getNotice, noticeInputOf, type NoticeInput } from '~/modules/pipeline/notices.server'
import { listRevisions } from '~/modules/pipeline/revisions.server'
import { searchPipeline } from '~/modules/pipeline/finder.server'
import { csvCell } from '~/lib/csv'
import { atomFeed, ocdsRelease, pipelineCsv, releasePackage } from '~/modules/pipeline/opendata.server'
import { parseNoticeForm } from '~/modules/pipeline/notice-form.server'
import { auditEvents, mailDeliveries, searchOutbox } from '~db/schema'
import type { Actor } from '~/lib/actor'
import { createOrganisation } from '~/modules/organisations/organisations.server'
import { profile } from '../support/organisations'
import { noticeInput, publishedNotice } from '../support/pipeline'
import { makeUser, request } from '../support/users'
import { drainOutbox } from '~search/worker.server'

/** The shared notice with two CPV codes, an extension, every date up to service start and one lot, which these tests check. */
function input(overrides: Partial<NoticeInput> = {}): NoticeInput {
  return noticeInput({
    cpvCodes: ['80000000-4', '79611000-0'],
    extensionMonths: 24,
    extensionNote: 'Up to two 12-month extensions',
    dates: {
      marketEngagement: { date: '2027-01-01', precision: 'month' },
      tenderNotice: { date: '2027-04-01', precision: 'month' },
      award: { date: '2027-09-15', precision: 'day' },
      serviceStart: { date: '2028-04-01', precision: 'month' },
    },
    lots: [{ title: 'Lot 1: CPA North West', valueMinPence: 2_000_000_00, valueMaxPence: 3_000_000_00, contractPackageAreas: ['North West'] }],
    ...overrides,
  })
}

/** An organisation that helps people into work, made by its first admin. */
function organisation(name: string, admin: Actor, sector: 'private' | 'vcse' = 'private') {
  return createOrganisation(admin, profile({ name, sector, sizeBand: 'small', capabilities: ['case-management'], description: `${name} helps people into work.` }))
}

async function rejects(promise: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await promise
  } catch (error) {
    if (error instanceof RuleError) return error.fields ?? {}
    throw error
  }
  throw new Error('expected a rule error')
}

describe('CPV codes', () => {
  test('are checked for form, check digit and membership of the shipped list', () => {
    expect(cpvCheckDigit('80000000')).toBe(4)
    expect(checkCpv('80000000-4')).toEqual({ ok: true, code: '80000000-4', name: 'Education and training services' })
    expect(checkCpv('853125107')).toMatchObject({ ok: true, code: '85312510-7', name: 'Vocational rehabilitation services' })
    expect(checkCpv('8000000-4')).toMatchObject({ ok: false, message: expect.stringMatching(/8 digits/) })
    expect(checkCpv('80000000-5')).toMatchObject({ ok: false, message: expect.stringMatching(/wrong check digit/) })
    expect(checkCpv('45000000-7')).toMatchObject({ ok: false, message: expect.stringMatching(/not an employment/) })
  })

  test('a notice with a malformed or unknown code is refused', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    expect((await rejects(createNotice(actor, input({ cpvCodes: ['80000000-5'] })))).cpvCodes).toMatch(/check digit/)
    expect((await rejects(createNotice(actor, input({ cpvCodes: [] })))).cpvCodes).toMatch(/at least one/)
  })
})

describe('values and dates', () => {
  test('minimum above maximum is refused, for the notice and each lot', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    expect((await rejects(createNotice(actor, input({ valueMinPence: 5_000_000_00, valueMaxPence: 1_000_000_00 })))).valueMax).toMatch(/same as or more than/)
    const lots = [{ title: 'Lot', valueMinPence: 3_00, valueMaxPence: 2_00, contractPackageAreas: [] }]
    expect((await rejects(createNotice(actor, input({ lots })))).lot1ValueMax).toMatch(/Lot 1 maximum/)
  })

  test('key dates out of order are refused', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const errors = await rejects(
      createNotice(actor, input({ dates: { marketEngagement: null, tenderNotice: { date: '2027-06-01', precision: 'month' }, award: { date: '2027-03-01', precision: 'day' }, serviceStart: null } })),
    )
    expect(errors.award).toBe('Planned award date must be after the planned tender notice date')
  })

  test('the form reads whole pounds into pence and keeps each date’s precision', () => {
    const form = new FormData()
    const fields: Record<string, string | string[]> = {
      reference: 'PL-100',
      title: 'A notice',
      summary: 'Summary',
      buyer: 'DWP',
      route: 'grant',
      regions: ['london'],
      cpvCodes: '80000000-4 85312320-8',
      valueMin: '£1,500,000',
      valueMax: '2000000',
      'serviceStart-month': '4',
      'serviceStart-year': '2028',
      'award-day': '15',
      'award-month': '9',
      'award-year': '2027',
      lotCount: '1',
      noticeType: 'pipeline',
      contactName: 'Commercial team',
      contactEmail: 'commercial@dwp.example',
    }
    for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) form.append(k, x)
    const result = parseNoticeForm(form)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.data.valueMinPence).toBe(150_000_000)
    expect(result.data.dates.serviceStart).toEqual({ date: '2028-04-01', precision: 'month' })
    expect(result.data.dates.award).toEqual({ date: '2027-09-15', precision: 'day' })
    form.set('valueMin', '1500000.50')
    const bad = parseNoticeForm(form)
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.errors.valueMin).toMatch(/whole pounds/)
  })
})

describe('status transitions', () => {
  test('only the allowed edges', () => {
    expect(canTransition('planned', 'market_engagement')).toBe(true)
    expect(canTransition('planned', 'tender_published')).toBe(false)
    // Awarded only by recording the award, which names the suppliers.
    expect(canTransition('evaluation', 'awarded')).toBe(false)
    expect(canTransition('evaluation', 'withdrawn')).toBe(true)
    expect(canTransition('awarded', 'cancelled')).toBe(false)
    expect(canTransition('cancelled', 'planned')).toBe(false)
  })

  test('an invalid transition is refused and nothing changes', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const notice = await createNotice(actor, input())
    expect((await rejects(changeStatus(actor, notice.id, 'awarded'))).status).toBe('A notice that is planned cannot move to awarded')
    expect((await getNotice(notice.id))!.status).toBe('planned')
    await changeStatus(actor, notice.id, 'cancelled')
    expect((await rejects(changeStatus(actor, notice.id, 'market_engagement'))).status).toMatch(/cancelled cannot move/)
  })
})

describe('publishing and revisions', () => {
  test('drafts change silently; published notices get revisions with a readable change log', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const notice = await createNotice(actor, input({ reference: 'PL-001' }))
    const draftEdit = await updateNotice(actor, notice.id, input({ reference: 'PL-001', title: 'Renamed draft' }))
    expect(draftEdit.revision).toBeNull()
    expect(await listRevisions(notice.id)).toHaveLength(0)
    expect(await db.select().from(searchOutbox)).toHaveLength(0)

    const published = await publishNotice(actor, notice.id)
    expect(published.notice.publishedAt).toBeInstanceOf(Date)
    expect(published.revision.number).toBe(1)

    const current = noticeInputOf((await getNotice(notice.id))!)
    const revised = await updateNotice(actor, notice.id, {
      ...current,
      valueMaxPence: 4_000_000_00,
      route: 'open_procedure',
      dates: { ...current.dates, tenderNotice: { date: '2027-05-12', precision: 'day' } },
    })
    expect(revised.revision!.number).toBe(2)
    expect(revised.revision!.changes).toEqual([
      { field: 'value', label: 'Estimated value', from: '£2,000,000 to £3,000,000', to: '£2,000,000 to £4,000,000' },
      { field: 'route', label: 'Procurement route', from: 'CAEHRS call-off', to: 'Open procedure' },
      { field: 'dates.tenderNotice', label: 'Planned tender notice date', from: 'April 2027', to: '12 May 2027' },
    ])
    const status = await changeStatus(actor, notice.id, 'market_engagement')
    expect(status.revision!.changes).toEqual([{ field: 'status', label: 'Status', from: 'Planned', to: 'Market engagement' }])

    const revisions = await listRevisions(notice.id)
    expect(revisions.map((r) => r.number)).toEqual([3, 2, 1])
    const after = (await getNotice(notice.id))!
    expect(after.lastUpdatedAt!.getTime()).toBeGreaterThanOrEqual(published.notice.publishedAt!.getTime())
    expect(after.revision).toBe(3)

    const unchanged = await updateNotice(actor, notice.id, noticeInputOf(after))
    expect(unchanged.revision).toBeNull()

    const audits = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, notice.id))
    expect(audits.map((a) => a.action).sort()).toEqual(['pipeline.create', 'pipeline.publish', 'pipeline.status', 'pipeline.update', 'pipeline.update'])
    const outbox = await db.select().from(searchOutbox).where(eq(searchOutbox.indexName, 'pipeline'))
    expect(outbox.length).toBe(3)
    expect(outbox.every((o) => o.documentId === notice.id)).toBe(true)
  })

  test('staff routes: create, publish and revise through the forms', async () => {
    const { cookie } = await makeUser({ role: 'staff' })
    const { cookie: memberCookie } = await makeUser()
    const routeNew = await import('~/routes/staff.pipeline.new')
    const forbidden = await routeNew
      .loader({ request: request('/staff/pipeline/new', { cookie: memberCookie }), params: {}, context: { cspNonce: '', requestId: 'test' } } as never)
      .catch((r: Response) => r)
    expect((forbidden as Response).status).toBe(403)
    const form = {
      reference: 'PL-900',
      title: 'Restart-style provision, Wales',
      summary: 'A summary',
      buyer: 'Department for Work and Pensions',
      route: 'caehrs_call_off',
      regions: 'wales',
      cpvCodes: '80000000-4',
      valueMin: '3000000',
      valueMax: '2000000',
      lotCount: '1',
      noticeType: 'pipeline',
      contactName: 'Commercial team',
      contactEmail: 'commercial@dwp.example',
    }
    const anotherLot = (await routeNew.action({
      request: request('/staff/pipeline/new', { cookie, form: { ...form, intent: 'add-lot' } }),
      params: {},
      context: { cspNonce: '', requestId: 'test' },
    } as never)) as unknown as { data: { errors: Record<string, string>; values: Record<string, string> }; init: unknown }
    expect(anotherLot.data.errors).toEqual({})
    expect(anotherLot.data.values).toMatchObject({ title: form.title, lotCount: '2' })
    const bad = (await routeNew.action({ request: request('/staff/pipeline/new', { cookie, form }), params: {}, context: { cspNonce: '', requestId: 'test' } } as never)) as unknown as {
      data: { errors: Record<string, string> }
      init: { status: number }
    }
    expect(bad.init.status).toBe(400)
    expect(bad.data.errors.valueMax).toBe('Maximum value must be the same as or more than the minimum value')
    const ok = (await routeNew.action({
      request: request('/staff/pipeline/new', { cookie, form: { ...form, valueMax: '4000000' } }),
      params: {},
      context: { cspNonce: '', requestId: 'test' },
    } as never)) as Response
    expect(ok.status).toBe(302)
    expect(ok.headers.get('Location')).toMatch(/^\/staff\/pipeline\/[0-9a-f-]{36}$/)
  })
})

describe('public list', () => {
  test('filters by status, route, region, suitability, value band and text; drafts never show', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const a = await createNotice(
      actor,
      input({ title: 'Disability employment specialist support', suitableForSme: true, valueMaxPence: 1_500_000_00, valueMinPence: 1_000_000_00, regions: ['london'], route: 'test_and_learn_dps' }),
    )
    const b = await createNotice(actor, input({ title: 'Contract Package Area North West' }))
    await createNotice(actor, input({ title: 'Unpublished draft' }))
    await publishNotice(actor, a.id)
    await publishNotice(actor, b.id)
    await drainOutbox()
    const titles = async (query: string) => (await searchPipeline(filtersFromSearchParams(new URLSearchParams(query)))).rows.map((r) => r.title)
    expect((await titles('')).sort()).toEqual(['Contract Package Area North West', 'Disability employment specialist support'])
    expect(await titles('suitable=sme')).toEqual(['Disability employment specialist support'])
    expect(await titles('route=caehrs_call_off')).toEqual(['Contract Package Area North West'])
    expect(await titles('region=london')).toEqual(['Disability employment specialist support'])
    expect(await titles('band=under-2m')).toEqual(['Disability employment specialist support'])
    expect(await titles('band=2m-10m')).toEqual(['Contract Package Area North West'])
    expect(await titles('q=disability+specialist')).toEqual(['Disability employment specialist support'])
    expect(await titles('status=awarded')).toEqual([])
    expect(await titles('start=2028')).toHaveLength(2)
    expect(await titles('start=2027&start=nonsense')).toEqual([])
    const params = new URLSearchParams('q=work&status=planned&suitable=vcse&region=london&band=nonsense')
    expect(filtersToSearchParams(filtersFromSearchParams(params)).toString()).toBe('q=work&status=planned&region=london&suitable=vcse')
  })
})

describe('open data', () => {
  test('OCDS releases: ocid prefix, release ids, tags, tender and planning fields in GBP', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const notice = await publishedNotice(actor, input({ reference: 'PL-OC1' }))
    const first = ocdsRelease((await getNotice(notice.id))!)
    expect(first.ocid).toBe(`ocds-chub00-${notice.id}`)
    expect(first.id).toBe(`${first.ocid}-1`)
    expect(first.tag).toEqual(['planning'])
    expect(first.initiationType).toBe('tender')
    expect(first.buyer.name).toBe('Department for Work and Pensions')
    expect(first.parties[0]!.roles).toEqual(['buyer'])
    expect(first.planning.budget.amount).toEqual({ amount: 3_000_000, currency: 'GBP' })
    expect(first.planning.milestones.map((m) => m.type)).toEqual(['engagement', 'preProcurement', 'approval', 'delivery'])
    expect(first.planning.milestones[2]!.dueDate).toBe('2027-09-15T00:00:00Z')
    const tender = first.tender as Record<string, any>
    expect(tender.status).toBe('planned')
    expect(tender.value).toEqual({ amount: 3_000_000, currency: 'GBP' })
    expect(tender.mainProcurementCategory).toBe('services')
    expect(tender.items[0].classification).toEqual({ scheme: 'CPV', id: '80000000', description: 'Education and training services' })
    expect(tender.lots[0]).toMatchObject({ id: '1', value: { amount: 3_000_000, currency: 'GBP' } })
    expect(tender.contractPeriod).toEqual({ startDate: '2028-04-01T00:00:00Z', endDate: '2032-03-31T00:00:00Z', maxExtentDate: '2034-03-31T00:00:00Z' })

    await changeStatus(actor, notice.id, 'withdrawn')
    const withdrawn = ocdsRelease((await getNotice(notice.id))!)
    expect(withdrawn.tag).toEqual(['planningUpdate'])
    expect(withdrawn.id).toBe(`${first.ocid}-2`)
    expect((withdrawn.tender as { status: string }).status).toBe('withdrawn')

    const pkg = releasePackage([withdrawn], '/pipeline/ocds.json')
    expect(pkg).toMatchObject({ version: '1.1', uri: 'http://localhost:3000/pipeline/ocds.json', license: expect.stringContaining('open-government-licence') })
    // The release has lots, so the package names the lots extension that defines them.
    expect(Object.keys(pkg).sort()).toEqual(['extensions', 'license', 'publicationPolicy', 'publishedDate', 'publisher', 'releases', 'uri', 'version'])
    expect(pkg.extensions).toEqual([expect.stringMatching(/ocds_lots_extension\/v1\.1\.5\/extension\.json$/)])
    expect(pkg.publishedDate).toMatch(/^\d{4}-\d{2}-\d{2}T/)

    const resource = await import('~/routes/pipeline.ocds[.]json')
    const response = await resource.loader()
    const body = await response.json()
    expect(body.releases).toHaveLength(1)
    expect(response.headers.get('Content-Type')).toMatch(/application\/json/)
  })

  test('CSV escapes quotes, commas, new lines and would-be formulas, and names the licence', async () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a, "b"')).toBe('"a, ""b"""')
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"')
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell(['a', 'b'])).toBe('a; b')
    expect(csvCell(12)).toBe('12')
    expect(csvCell(-12)).toBe('-12')
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${lead}SUM(A1)`).replace(/^"/, '')).toMatch(/^'/)
    // A list is checked as the text it becomes, so its first item cannot start a formula.
    expect(csvCell(['@SUM(1+1)', 'b'])).toBe("'@SUM(1+1); b")
    const { actor } = await makeUser({ role: 'staff' })
    const lots = [{ title: '=HYPERLINK("http://evil.example","Lot 1")', valueMinPence: 1_000_00, valueMaxPence: 2_000_00, contractPackageAreas: [] }]
    const notice = await publishedNotice(actor, input({ title: 'Employment, "skills" and health', summary: '=1+1', lots }))
    const csv = pipelineCsv([(await getNotice(notice.id))!])
    const [header, row] = csv.split('\r\n')
    expect(header).toMatch(/^reference,title,url,noticeType,noticeTypeName,status,/)
    expect(header!.endsWith(',licence')).toBe(true)
    expect(row).toContain('"Employment, ""skills"" and health"')
    expect(row).toContain(",'=1+1,")
    expect(row).toContain(`,"'=HYPERLINK(""http://evil.example"",""Lot 1"") (£1000-£2000)",`)
    expect(row).toContain('open-government-licence')
  })

  test('Atom feed is well-formed with an entry per revision', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const notice = await publishedNotice(actor, input({ title: 'Tom & Jerry <employment> support' }))
    await changeStatus(actor, notice.id, 'market_engagement')
    const resource = await import('~/routes/pipeline.feed[.]atom')
    const response = await resource.loader()
    expect(response.headers.get('Content-Type')).toMatch(/application\/atom\+xml/)
    const xml = await response.text()
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true)
    for (const element of ['id', 'title', 'updated', 'author']) expect(xml).toMatch(new RegExp(`<${element}>`))
    expect(xml.match(/<entry>/g)).toHaveLength(2)
    expect(xml).toContain('Tom &amp; Jerry &lt;employment&gt; support')
    expect(xml).toContain('Status: Planned → Market engagement')
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/)
    // Every opened element is closed, in order.
    const stack: string[] = []
    for (const [, close, name, self] of xml.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
      if (self) continue
      if (close) expect(stack.pop()).toBe(name)
      else stack.push(name!)
    }
    expect(stack).toEqual([])
    expect(atomFeed([])).toContain('<updated>1970-01-01T00:00:00.000Z</updated>')
  })
})

describe('registering interest and partner finding', () => {
  test('once per organisation, only for an organisation the person is in', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const notice = await publishedNotice(actor, input())
    const { user } = await makeUser()
    const { user: stranger } = await makeUser()
    const org = await organisation('Northern Skills Partnership', user!)
    const interest = { organisationId: org.id, role: 'prime' as const, seekingPartners: true, capabilitiesOffered: ['case-management'], capabilitiesSought: ['employer-engagement'], note: '' }
    await registerInterest(user!.id, notice.id, interest)
    expect((await rejects(registerInterest(user!.id, notice.id, interest))).organisationId).toBe('This organisation has already registered interest in this notice')
    expect((await rejects(registerInterest(stranger!.id, notice.id, interest))).organisationId).toBe('Select an organisation you belong to')
  })

  test('organisations seeking partners are visible only to other registered organisations', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const notice = await publishedNotice(actor, input())
    const { user: alice } = await makeUser()
    const { user: bob } = await makeUser()
    const { user: carol } = await makeUser()
    const { user: dan } = await makeUser()
    const seeking = await organisation('Valleys Employment Trust', alice!, 'vcse')
    const prime = await organisation('Prime Employment Ltd', bob!)
    const quiet = await organisation('Quiet Providers', carol!)
    await organisation('Not Registered Ltd', dan!)
    const base = { role: 'subcontractor' as const, capabilitiesOffered: ['local-credibility-outreach'], capabilitiesSought: ['supply-chain-management'], note: 'Strong local links' }
    const aliceInterest = await registerInterest(alice!.id, notice.id, { ...base, organisationId: seeking.id, seekingPartners: true })
    const bobInterest = await registerInterest(bob!.id, notice.id, { ...base, organisationId: prime.id, seekingPartners: false, role: 'prime' })
    await registerInterest(carol!.id, notice.id, { ...base, organisationId: quiet.id, seekingPartners: false })

    const forBob = await partnersFor(bob!.id, notice.id)
    expect(forBob!.partners.map((p) => p.organisation.name)).toEqual(['Valleys Employment Trust'])
    expect(forBob!.partners[0]!.organisation.description).toContain('helps people into work')
    expect(await partnersFor(dan!.id, notice.id)).toBeNull()
    expect((await partnersFor(alice!.id, notice.id))!.partners).toEqual([])

    // Contact details stay private until the receiver accepts.
    const contact = await requestContact(bob!.id, bobInterest.id, aliceInterest.id, 'Shall we talk?')
    expect(await sharedContacts([bobInterest.id])).toEqual([])
    const [mail] = await db.select().from(mailDeliveries).where(eq(mailDeliveries.toAddress, alice!.email))
    expect(mail!.textBody).not.toContain(bob!.email)
    await expect(acceptContact(bob!.id, contact.id)).rejects.toThrow()
    await acceptContact(alice!.id, contact.id)
    const shared = await sharedContacts([bobInterest.id])
    expect(shared[0]!.contacts.map((c) => c.email)).toEqual([alice!.email])

    const staffView = await interestForStaff(notice.id)
    expect(staffView.rows).toHaveLength(3)
    expect(staffView.bySector).toEqual({ vcse: 1, private: 2 })
  })
})

describe('alerts', () => {
  test('one email per revision and subscriber, only for matching notices and alerting changes', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const { user: subscriber } = await makeUser()
    const { user: other } = await makeUser()
    await saveSearch(subscriber!.id, { name: 'North West CAEHRS', filters: { region: ['north-west'], route: ['caehrs_call_off'] }, frequency: 'instant' })
    await saveSearch(subscriber!.id, { name: 'Everything', filters: {}, frequency: 'instant' })
    await saveSearch(other!.id, { name: 'London only', filters: { region: ['london'] }, frequency: 'instant' })
    const notice = await createNotice(actor, input({ title: 'CAEHRS call-off: North West' }))
    const mails = () => db.select().from(mailDeliveries).where(like(mailDeliveries.idempotencyKey, 'pipeline-alert:%'))

    await publishNotice(actor, notice.id)
    expect((await mails()).map((m) => [m.toAddress, m.subject])).toEqual([[subscriber!.email, 'New pipeline notice: CAEHRS call-off: North West']])

    const current = noticeInputOf((await getNotice(notice.id))!)
    await updateNotice(actor, notice.id, { ...current, summary: 'Only the wording changed.' })
    expect(await mails()).toHaveLength(1)

    const revised = await updateNotice(actor, notice.id, { ...current, summary: 'Only the wording changed.', valueMaxPence: 5_000_000_00 })
    const after = await mails()
    expect(after).toHaveLength(2)
    const update = after.find((m) => m.idempotencyKey === `pipeline-alert:${revised.revision!.id}:${subscriber!.id}`)!
    expect(update.subject).toBe('Pipeline notice updated: CAEHRS call-off: North West')
    expect(update.textBody).toContain('Estimated value: £2,000,000 to £3,000,000 → £2,000,000 to £5,000,000')
    expect(update.textBody).toContain('http://localhost:3000/pipeline/')
    expect(await db.select().from(mailDeliveries).where(eq(mailDeliveries.toAddress, other!.email))).toHaveLength(0)
  })

  test('weekly subscribers get one digest a week', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    const { user } = await makeUser()
    await saveSearch(user!.id, { name: 'Weekly', filters: { status: ['planned'] }, frequency: 'weekly' })
    await publishedNotice(actor, input())
    expect(await db.select().from(mailDeliveries)).toHaveLength(0)
    const now = new Date(Date.now() + 1000)
    expect(await sendWeeklyDigests(now)).toBe(1)
    expect(await sendWeeklyDigests(now)).toBe(0)
    const [digest] = await db
      .select()
      .from(mailDeliveries)
      .where(and(eq(mailDeliveries.toAddress, user!.email)))
    expect(digest!.subject).toBe('Pipeline weekly summary: 1 change')
  })
})

describe('demo pipeline', () => {
  test('spans every status, meets every rule, and has interest to find partners in', async () => {
    const { seedAccounts } = await import('../../db/seed/accounts')
    const { seedOrganisations } = await import('../../db/seed/organisations')
    const { seedPipeline } = await import('../../db/seed/pipeline')
    const accounts = await seedAccounts()
    await seedOrganisations(accounts)
    const ids = await seedPipeline(accounts)
    const notices = await Promise.all(Object.values(ids).map((id) => getNotice(id)))
    const published = notices.filter((n) => n!.publishedAt)
    expect(new Set(published.map((n) => n!.status))).toEqual(new Set(['planned', 'market_engagement', 'tender_published', 'evaluation', 'awarded', 'cancelled', 'withdrawn']))
    expect(notices.some((n) => !n!.publishedAt)).toBe(true)
    expect(notices.every((n) => n!.cpvCodes[0] === '80000000-4')).toBe(true)
    expect(new Set(published.map((n) => n!.route))).toEqual(new Set(['caehrs_call_off', 'test_and_learn_dps', 'competitive_flexible', 'grant', 'framework_call_off', 'open_procedure', 'direct_award']))
    expect(published.filter((n) => n!.status === 'awarded').every((n) => n!.kpis.length === 3)).toBe(true)
    const revised = (await listRevisions(ids['EC-2027-001']!))[0]!
    expect(revised.changes.map((c) => c.field)).toEqual(['value', 'dates.tenderNotice'])
    const staffView = await interestForStaff(ids['EC-2027-001']!)
    expect(staffView.rows.filter((r) => r.interest.seekingPartners)).toHaveLength(2)
    // A new user sees an upcoming briefing with a place booked, an answered question and the awards.
    const { upcomingEvents, upcomingEventCounts } = await import('~/modules/pipeline/events.server')
    const { publishedQuestions } = await import('~/modules/pipeline/questions.server')
    const { recentAwards } = await import('~/modules/pipeline/awards.server')
    expect((await upcomingEvents()).map((e) => e.notice.title)).toEqual([notices.find((n) => n!.reference === 'EC-2027-001')!.title])
    expect(await upcomingEventCounts()).toEqual({ events: 1, places: 1 })
    expect(await publishedQuestions(ids['EC-2027-001']!)).toHaveLength(1)
    expect((await recentAwards()).map((a) => a.notice.reference)).toEqual(['EC-2025-011', 'EC-2024-003'])
  })
})

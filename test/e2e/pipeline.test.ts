import { samplePdf } from '../../db/seed/sample-documents'
import { describe, expect, test } from 'vitest'
import { confirmedMember, e2eDatabase, Journey, latestEmail, londonDateInDays, newOrganisation, sharedBrowser, widerThanAPhone } from '../support/browser'
import { signIn } from '../support/pages/sign-in'
import { packageProblems } from '../support/ocds'

const STAFF = 'staff@demo.commissioning-hub.example'
const MEMBER = 'member@demo.commissioning-hub.example'
const ORG_ADMIN = 'orgadmin@demo.commissioning-hub.example'

const hub = sharedBrowser()
const sql = e2eDatabase()

async function alertCount(email: string) {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from mail_deliveries where to_address = ${email} and idempotency_key like 'pipeline-alert:%'`
  return row!.n
}

describe.each([true, false])('commercial pipeline (JavaScript %s)', (javaScript) => {
  test('staff publish then revise a notice with documents and an engagement event; a provider books a place and asks a question, and the answer reaches a subscriber', async () => {
    const suffix = `${javaScript ? 'on' : 'off'}${Math.random().toString(36).slice(2, 7)}`
    const reader = await confirmedMember(sql, 'Pat Provider', { emailPrefix: 'pipeline-alerts' })

    // A provider saves a search that the new notice will match.
    const provider = await Journey.start(hub.browser, { javaScript })
    await signIn(provider, reader.email, reader.password)
    await provider.goto('/pipeline')
    await provider.expectHeading('Commercial pipeline')
    await provider.fill('Search notices', suffix)
    await provider.check('London')
    await provider.submit('Apply filters')
    await provider.expectText('0 notices')
    await provider.followLink('Get email alerts for this search')
    await provider.expectHeading('Get email alerts')
    await provider.fill('Name this search (optional)', `London ${suffix}`)
    await provider.submit('Save search and get alerts')
    await provider.expectHeading('Your pipeline alerts')
    await provider.expectText(`London ${suffix}`)

    // Staff create a notice, meeting the value rule on the way.
    const staff = await Journey.start(hub.browser, { javaScript })
    await signIn(staff, STAFF)
    await staff.goto('/staff')
    await staff.expectText('Manage pipeline notices')
    await staff.goto('/staff/pipeline')
    await staff.expectHeading('Pipeline notices')
    await staff.submit('Create a notice')
    await staff.expectHeading('New pipeline notice')
    await staff.fill('Reference', `E2E-${suffix}`)
    await staff.fill('Title', `Local employment support ${suffix}`)
    await staff.fill('Summary', 'Employment support for people furthest from the labour market in London.')
    await staff.fill('Minimum', '3000000')
    await staff.fill('Maximum', '2000000')
    await staff.check('Test and Learn DPS')
    await staff.check('London')
    await staff.check('UK2 Preliminary market engagement notice')
    await staff.fill('How suppliers can take part', 'An online event and a short questionnaire on lot structure.')
    for (const [part, value] of Object.entries({ day: '29', month: '1', year: '2027' })) await staff.page.locator(`#engagementDeadline-${part}`).fill(value)
    await staff.fill('Name or team', 'Employment Category commercial team')
    await staff.fill('Email address', 'commercial@dwp.example')
    await staff.submit('Save draft')
    await staff.expectErrorSummary('Maximum value must be the same as or more than the minimum value')
    expect(await staff.page.getByLabel('Title', { exact: true }).inputValue()).toBe(`Local employment support ${suffix}`)
    await staff.fill('Minimum', '2,000,000')
    await staff.fill('Maximum', '3000000')
    await staff.submit('Save draft')
    await staff.expectHeading(`Local employment support ${suffix}`)
    await staff.expectText('The notice has been saved as a draft')

    // Two documents, uploaded as a multipart form, after one refused for its size.
    const noticePage = new URL(staff.page.url()).pathname
    await staff.goto(`${noticePage}/documents`)
    await staff.expectHeading('Documents')
    if (!javaScript) {
      await staff.page.locator('#file').setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.alloc(11 * 1024 * 1024, 'a,') })
      await staff.submit('Add document')
      await staff.expectErrorSummary('The selected file must be smaller than 10 MB')
    }
    await staff.fill('Title (optional)', 'Draft specification')
    await staff.page.locator('#file').setInputFiles({ name: 'spec.pdf', mimeType: 'application/pdf', buffer: samplePdf(['Draft specification']) })
    await staff.submit('Add document')
    await staff.expectText('The document has been added')
    await staff.page.locator('#file').setInputFiles({ name: 'areas.csv', mimeType: 'text/csv', buffer: Buffer.from('area,referrals\r\nLondon,2400\r\n') })
    await staff.submit('Add document')
    await staff.expectText('CSV, 29 bytes')
    await staff.goto(noticePage)
    await staff.submit('Publish notice')
    await staff.expectText('The notice is published')

    const published = await latestEmail(reader.email, /^New pipeline notice/)
    expect(published.textBody).toContain(`Local employment support ${suffix}`)

    // A revision to a published notice is logged and alerted.
    await staff.submit('Edit notice')
    await staff.expectHeading('Edit notice')
    await staff.fill('Maximum', '3500000')
    await staff.submit('Save changes')
    await staff.expectText('Your changes have been saved')
    await staff.check('Market engagement')
    await staff.submit('Change status')
    await staff.expectText('The status has been changed')
    // Opened by address: a click leaves the pointer over the new page, and axe misreads GOV.UK's hover style on a link there.
    const publicPage = await staff.page.getByRole('link', { name: 'View the public page' }).getAttribute('href')
    await staff.goto(publicPage!)
    await staff.expectHeading(`Local employment support ${suffix}`)
    await staff.expectText('UK2 Preliminary market engagement notice')
    await staff.expectText('Register to take part by 29 January 2027.')
    await staff.expectText(/PDF, \d+ bytes/)
    const download = await staff.page.request.get((await staff.page.getByRole('link', { name: 'Draft specification' }).getAttribute('href'))!)
    expect(download.headers()['content-type']).toBe('application/pdf')
    expect(download.headers()['x-content-type-options']).toBe('nosniff')
    expect(download.headers()['content-security-policy']).toBe("default-src 'none'; sandbox")
    await staff.expectText('commercial@dwp.example')
    const log = staff.page.locator('#change-log').locator('..')
    await log.waitFor()
    const logText = await log.textContent()
    expect(logText).toContain('Estimated value: £2,000,000 to £3,000,000')
    expect(logText).toContain('£2,000,000 to £3,500,000')
    expect(logText).toContain('Status: Planned')
    expect(logText).toContain('Market engagement')
    await staff.expectText(/Last updated/)

    const revised = await latestEmail(reader.email, /^Pipeline notice updated.*Status|^Pipeline notice updated/)
    expect(revised.subject).toBe(`Pipeline notice updated: Local employment support ${suffix}`)
    // One email for publication, one for the value revision, one for the status revision.
    await expect.poll(() => alertCount(reader.email)).toBe(3)
    const bodies = await sql<{ text_body: string }[]>`select text_body from mail_deliveries where to_address = ${reader.email} order by created_at`
    expect(bodies.some((b) => b.text_body.includes('Estimated value: £2,000,000 to £3,000,000 → £2,000,000 to £3,500,000'))).toBe(true)
    expect(bodies.some((b) => b.text_body.includes('Status: Planned → Market engagement'))).toBe(true)

    // Staff add an engagement event; the provider's organisation books the one place and gets a calendar file.
    const organisation = await newOrganisation(sql, `Provider ${suffix}`, { admin: reader })
    const watcher = await confirmedMember(sql, 'Wren Watcher', { emailPrefix: 'pipeline-watch' })
    await sql`insert into pipeline_saved_searches (user_id, name, filters, frequency) values (${watcher.id}, ${'Watching ' + suffix}, ${sql.json({ q: suffix })}, 'instant')`
    await staff.goto(`${noticePage}/events`)
    await staff.expectHeading('Market engagement events')
    await staff.fill('Title', 'Supplier briefing: lot structure')
    await staff.fillDateTime('startsAt', { day: '28', month: '1', year: '2027', time: '09:30' })
    await staff.fill('End time (24-hour, UK time)', '11:00')
    await staff.fill('Place (optional if online)', 'Caxton House, Tothill Street, London')
    await staff.fill('Number of places', '1')
    await staff.submit('Add event')
    await staff.expectText('The event has been added')
    await staff.expectText('0 of 1')

    await provider.goto(publicPage!)
    await provider.expectText('Market engagement events')
    await provider.followLink('Supplier briefing: lot structure')
    await provider.expectHeading('Supplier briefing: lot structure')
    await provider.expectText('9:30am to 11am on 28 January 2027 (UK time)')
    await provider.submit(`Book a place for ${organisation.name}`)
    await provider.expectText('Your place is booked')
    await provider.expectText(`${organisation.name} has a place, booked by Pat Provider`)
    await provider.expectText('Fully booked')
    const [booked] = await sql<{ subject: string; attachments: Array<{ content: string }> }[]>`
      select subject, attachments from mail_deliveries where to_address = ${reader.email} and idempotency_key like 'pipeline-event-booked:%'`
    expect(booked!.subject).toBe('Your place is booked: Supplier briefing: lot structure')
    expect(booked!.attachments[0]!.content).toContain('DTSTART:20270128T093000Z')
    const calendar = await provider.page.request.get((await provider.page.getByRole('link', { name: 'Add to your calendar (.ics file)' }).getAttribute('href'))!)
    expect(calendar.headers()['content-type']).toBe('text/calendar; charset=utf-8')
    expect(await calendar.text()).toContain('SUMMARY:Supplier briefing: lot structure')

    // The provider asks a clarification question; staff publish it reworded, with the answer; the asker and a subscriber are emailed.
    await provider.goto(publicPage!)
    await provider.followLink('Ask a clarification question')
    await provider.expectHeading('Ask a clarification question')
    await provider.submit('Send question')
    await provider.expectErrorSummary('Enter your question')
    await provider.fill('Your question', `We are ${organisation.name}: can our existing sites count towards coverage?`)
    await provider.submit('Send question')
    await provider.expectText('Your question has been sent')
    await provider.expectText('Awaiting an answer.')

    await staff.goto('/staff')
    await staff.expectText(/awaiting an answer/)
    await staff.goto('/staff/pipeline/questions')
    await staff.expectHeading('Clarification questions')
    await staff.followLink(`We are ${organisation.name}: can our existing sites count towards coverage?`)
    await staff.expectHeading('Answer a clarification question')
    await staff.fill('Question as it will be published', 'Can existing sites count towards coverage?')
    await staff.fill('Answer', 'Yes, if they are open at least three days a week.')
    await staff.submit('Publish question and answer')
    await staff.expectText('The question and answer are published')

    const toWatcher = await latestEmail(watcher.email, /^Clarification published/)
    expect(toWatcher.textBody).toContain('Answer: Yes, if they are open at least three days a week.')
    expect(toWatcher.textBody).not.toContain(organisation.name)
    const toAsker = await latestEmail(reader.email, /has been answered$/)
    expect(toAsker.textBody).toContain('Question: Can existing sites count towards coverage?')
    await provider.goto(publicPage!)
    await provider.expectText('Can existing sites count towards coverage?')
    expect(await provider.page.locator('main').textContent()).not.toContain(`We are ${organisation.name}`)

    // Staff record the award to the provider's organisation, chosen from the directory.
    await staff.goto(noticePage)
    await staff.followLink('Record the contract award')
    await staff.expectHeading('Record the contract award')
    await staff.page.locator('#supplier1Organisation').selectOption({ label: organisation.name })
    await staff.fill('Total value, excluding VAT', '2750000')
    const year = new Date().getFullYear()
    for (const [name, date] of Object.entries({
      awardDate: londonDateInDays(-1),
      contractStart: { day: '1', month: '4', year: `${year + 1}` },
      contractEnd: { day: '31', month: '3', year: `${year + 4}` },
    })) {
      for (const [part, value] of Object.entries(date)) await staff.page.locator(`#${name}-${part}`).fill(value)
    }
    await staff.submit('Record the award')
    await staff.expectText('The contract award is recorded and published on the notice')
    const awardAlert = await latestEmail(watcher.email, /^Pipeline notice updated/)
    expect(awardAlert.textBody).toContain(`Contract award: Not yet awarded → ${organisation.name}, £2,750,000, awarded`)

    await provider.goto(publicPage!)
    await provider.expectText('UK6 Contract award notice')
    await provider.expectText('£2,750,000 excluding VAT')
    await provider.expectText(`1 April ${year + 1} to 31 March ${year + 4}`)
    const ocds = await (await provider.page.request.get(`${publicPage}/ocds.json`)).json()
    expect(packageProblems(ocds)).toEqual([])
    const release = ocds.releases.at(-1)
    expect(release.tag).toEqual(['award', 'contract'])
    expect(release.awards).toHaveLength(1)
    expect(release.awards[0]).toMatchObject({ status: 'active', value: { amount: 2_750_000, currency: 'GBP' }, suppliers: [{ name: organisation.name }] })
    expect(release.contracts[0]).toMatchObject({ awardID: release.awards[0].id, status: 'pending', period: { startDate: `${year + 1}-04-01T00:00:00Z`, endDate: `${year + 4}-03-31T00:00:00Z` } })
    expect(release.parties.find((p: { id: string }) => p.id === release.awards[0].suppliers[0].id)).toMatchObject({ name: organisation.name, roles: ['supplier'] })

    // The timeline fits a phone: six quarters, nothing wider than the screen, and still accessible there.
    await provider.goto('/pipeline/timeline')
    await provider.expectHeading('Pipeline timeline')
    expect(await widerThanAPhone(provider.page)).toEqual([])
    expect(await provider.page.locator('section[aria-labelledby^="quarter-"] h2').allTextContents()).toHaveLength(6)
    await provider.audit()
    await staff.close()
    await provider.close()
  })

  test('a supplier registers interest seeking partners and sees another registered organisation’s profile', async () => {
    // Demo data: Meridian and Clearpath seek partners on the CAEHRS call-off; Clearpath on the Test and Learn pilots.
    const who = javaScript
      ? { email: MEMBER, organisation: 'Harbour Lane Housing and Work', reference: 'EC-2027-001', partner: 'Meridian Work Solutions' }
      : { email: ORG_ADMIN, organisation: 'Northstar Employment Partnerships', reference: 'EC-2027-002', partner: 'Clearpath Disability Employment Services' }
    const journey = await Journey.start(hub.browser, { javaScript })
    await journey.goto(`/pipeline?q=${who.reference}`)
    await journey.page
      .getByRole('link', { name: new RegExp(who.reference === 'EC-2027-001' ? 'CAEHRS call-off' : 'over 50') })
      .first()
      .click()
    await journey.page.waitForURL(/\/pipeline\/ec-2027/)
    await journey.audit()
    await journey.expectText('Sign in')
    await journey.goto(`/sign-in?redirectTo=${encodeURIComponent(new URL(journey.page.url()).pathname)}`)
    await signIn(journey, who.email)

    // Partners stay hidden until the organisation registers.
    const noticePath = new URL(journey.page.url()).pathname
    await journey.goto(`${noticePath}/partners`)
    await journey.expectText('Only organisations that have registered interest')
    await journey.goto(noticePath)
    await journey.submit('Register interest')
    await journey.expectHeading('Register interest')
    await journey.submit('Register interest')
    await journey.expectErrorSummary('Select the role your organisation wants')
    await journey.check(who.organisation)
    await journey.check('Subcontractor in a supply chain')
    await journey.page.locator('input[name="capabilitiesOffered"][value="local-credibility-outreach"]').check()
    await journey.page.locator('input[name="seekingPartners"][value="yes"]').check()
    await journey.page.locator('input[name="capabilitiesSought"][value="supply-chain-management"]').check()
    await journey.fill('Note for the Category (optional)', 'We work with housing associations across the area.')
    await journey.submit('Register interest')
    await journey.expectHeading('Organisations seeking partners')
    await journey.expectText('Your interest is registered')
    await journey.expectText(who.partner)
    await journey.followLink(`Directory profile of ${who.partner}`)
    await journey.expectHeading(who.partner)

    // Registering the same organisation twice is refused, with the reason.
    await journey.goto(noticePath)
    await journey.expectText(`${who.organisation} has registered interest`)
    await journey.close()
  })

  test('open data downloads and the pages around them', async () => {
    const journey = await Journey.start(hub.browser, { javaScript })
    await journey.goto('/')
    await journey.expectText('See the commercial pipeline')
    await journey.expectText(/open opportunities/)
    await journey.goto('/pipeline/timeline')
    await journey.expectHeading('Pipeline timeline')
    await journey.goto('/open-data')
    await journey.expectText('Commercial pipeline')
    await journey.goto('/pipeline')
    const get = (href: string) => journey.page.request.get(href)

    const csv = await get('/pipeline.csv')
    expect(csv.headers()['content-type']).toMatch(/text\/csv/)
    expect(csv.headers()['content-disposition']).toMatch(/attachment; filename="pipeline.csv"/)
    const csvText = await csv.text()
    expect(csvText.split('\r\n')[0]).toMatch(/^reference,title,url,noticeType,noticeTypeName,status,/)
    expect(csvText).toContain('EC-2027-001')
    expect(csvText).not.toContain('EC-2027-008')

    const json = await (await get('/pipeline.json')).json()
    expect(json.licence.name).toBe('Open Government Licence v3.0')
    expect(json.notices.some((n: { reference: string }) => n.reference === 'EC-2024-003')).toBe(true)

    const ocds = await (await get('/pipeline/ocds.json')).json()
    expect(ocds.version).toBe('1.1')
    expect(ocds.releases.every((r: { ocid: string; tag: string[] }) => r.ocid.startsWith('ocds-') && /^(planning|award)(Update)?$/.test(r.tag[0]!))).toBe(true)

    const atom = await get('/pipeline/feed.atom')
    expect(atom.headers()['content-type']).toMatch(/application\/atom\+xml/)
    expect(await atom.text()).toContain('<feed xmlns="http://www.w3.org/2005/Atom">')

    await journey.page
      .getByRole('link', { name: /CAEHRS call-off/ })
      .first()
      .click()
    await journey.page.waitForURL(/\/pipeline\/ec-2027-001/)
    await journey.audit()
    const path = new URL(journey.page.url()).pathname
    const notice = await (await get(`${path}/ocds.json`)).json()
    // Published, moved to market engagement, an event added, a question answered, then revised.
    expect(notice.releases.map((r: { tag: string[] }) => r.tag[0])).toEqual(['planning', 'planningUpdate', 'planningUpdate', 'planningUpdate', 'planningUpdate'])
    expect((await (await get(`${path}/notice.csv`)).text()).split('\r\n')).toHaveLength(3)
    await journey.close()
  })
})

import { describe, expect, test } from 'vitest'
import { confirmedMember, e2eDatabase, Journey, latestEmail, linkIn, newOrganisation, sharedBrowser } from '../support/browser'
import { signIn } from '../support/pages/sign-in'
import { openStaffDashboard } from '../support/pages/staff-dashboard'

const MEMBER = 'member@demo.commissioning-hub.example'
const STAFF = 'staff@demo.commissioning-hub.example'
const ADMIN = 'admin@demo.commissioning-hub.example'

const hub = sharedBrowser()
const sql = e2eDatabase()

/** A colleague who already has a confirmed account, put straight into the hub's database; with `memberOf`, already in that organisation. */
async function confirmedColleague(name: string, memberOf?: { slug: string; role: 'admin' | 'member' }) {
  const colleague = await confirmedMember(sql, name, { emailPrefix: 'colleague' })
  if (memberOf) {
    await sql`insert into organisation_members (organisation_id, user_id, role) select id, ${colleague.id}, ${memberOf.role} from organisations where slug = ${memberOf.slug}`
  }
  return colleague
}

describe.each([true, false])('organisations (JavaScript %s)', (javaScript) => {
  test('a member creates an organisation, invites a colleague who joins, and the directory finds it', async () => {
    const suffix = Math.random().toString(36).slice(2, 7)
    const name = `Riverside Routes ${javaScript ? 'On' : 'Off'} ${suffix}`
    const description = `Employment support along the Mersey, test ${suffix}.`

    const journey = await Journey.start(hub.browser, { javaScript })
    await journey.goto('/organisations/new')
    await journey.expectHeading('Sign in')
    await signIn(journey, MEMBER)
    await journey.expectHeading('Add your organisation')

    // Part of the form first: the errors name what is missing and nothing typed is lost.
    await journey.fill('Organisation name', name)
    await journey.check('North West')
    await journey.check('Effective partnership working')
    await journey.fill('Description', description)
    await journey.submit('Add organisation')
    await journey.expectErrorSummary('Select the organisation’s sector')
    await journey.expectErrorSummary('Select the organisation’s size')
    expect(await journey.page.getByLabel('Organisation name', { exact: true }).inputValue()).toBe(name)
    expect(await journey.page.getByLabel('Description', { exact: true }).inputValue()).toBe(description)
    expect(await journey.page.getByLabel('North West', { exact: true }).isChecked()).toBe(true)
    expect(await journey.page.getByLabel('Effective partnership working', { exact: true }).isChecked()).toBe(true)

    await journey.check('Voluntary, community and social enterprise (VCSE)')
    await journey.check('Small (10 to 49 staff)')
    await journey.check('Wales')
    await journey.check('Digital and IT: delivering services, digital inclusion and claimants’ IT skills')
    await journey.check('Working towards the Merlin Standard')
    await journey.submit('Add organisation')
    await journey.expectHeading(name)
    await journey.expectText(`${name} has been added to the directory`)
    expect(await journey.page.getByText('Morgan Member (admin)').count()).toBe(1)

    // Invite a colleague by email.
    const colleague = await confirmedColleague(`Colleague ${suffix}`)
    await journey.step({ link: 'Manage members and invitations' }, 'Members and invitations')
    await journey.fill('Email address', 'not an email')
    await journey.submit('Send invitation')
    await journey.expectErrorSummary('Enter an email address in the correct format, like name@example.com')
    await journey.fill('Email address', colleague.email)
    await journey.submit('Send invitation')
    await journey.expectText(`We have emailed an invitation to ${colleague.email}`)
    await journey.audit()

    // The colleague follows the emailed link, signs in and accepts.
    const email = await latestEmail(colleague.email, /invited to join/)
    const other = await Journey.start(hub.browser, { javaScript })
    await other.goto(linkIn(email.textBody, /\/organisations\/invitations\//))
    await other.expectHeading(`Join ${name}`)
    await other.submit('Sign in to accept')
    await other.expectHeading('Sign in')
    await signIn(other, colleague.email, colleague.password)
    await other.expectHeading(`Join ${name}`)
    await other.submit(`Accept and join ${name}`)
    await other.expectHeading(name)
    await other.expectText(`You are now a member of ${name}`)
    await other.audit()
    expect(await other.page.getByText(colleague.name, { exact: true }).count()).toBe(1)

    // The same link cannot be used again.
    await other.goto(linkIn(email.textBody, /\/organisations\/invitations\//))
    await other.expectHeading('You cannot use this invitation')
    await other.close()

    // The admin sees the colleague among the members.
    await journey.goto(`/organisations/${name.toLowerCase().replace(/ /g, '-')}/members`)
    expect(await journey.page.getByRole('rowheader', { name: colleague.name }).count()).toBe(1)

    // The admin can remove the colleague again, after confirming.
    await journey.step({ link: `Remove – ${colleague.name}` }, `Are you sure you want to remove ${colleague.name}?`)
    await journey.submit('Remove member')
    await journey.expectText('The member has been removed')
    await journey.audit()
    expect(await journey.page.getByRole('rowheader', { name: colleague.name }).count()).toBe(0)

    // The directory's filters and search find it; a filter it does not match leaves it out.
    await journey.goto('/organisations')
    await journey.fill('Search by name or description', suffix)
    // Each box's label ends with how many organisations ticking it would show.
    await journey.check(/^Voluntary, community and social enterprise \(VCSE\) \(\d+\)$/)
    await journey.check(/^Wales \(\d+\)$/)
    await journey.check(/^Scotland \(\d+\)$/)
    await journey.check(/^Working towards the Merlin Standard \(\d+\)$/)
    await journey.check(/^Digital and IT: .* \(\d+\)$/)
    await journey.submit('Apply filters')
    await journey.reloadUntilShown('1 organisation found')
    await journey.audit()
    expect(await journey.page.getByRole('link', { name }).count()).toBe(1)
    await journey.expectText('Offers: Digital and IT')

    await journey.check(/^Private sector \(\d+\)$/)
    await journey.page.getByLabel(/^Voluntary, community and social enterprise \(VCSE\) \(\d+\)$/).uncheck()
    await journey.submit('Apply filters')
    await journey.expectText('No organisations match your search')
    expect(await journey.page.getByRole('link', { name }).count()).toBe(0)
    await journey.close()
  })

  test('a member leaves an organisation after confirming; its only admin cannot leave', async () => {
    const suffix = Math.random().toString(36).slice(2, 7)
    const organisation = await newOrganisation(sql, `Wirral Pathways ${javaScript ? 'On' : 'Off'} ${suffix}`)
    const admin = await confirmedColleague(`Admin ${suffix}`, { slug: organisation.slug, role: 'admin' })
    const member = await confirmedColleague(`Member ${suffix}`, { slug: organisation.slug, role: 'member' })

    const journey = await Journey.start(hub.browser, { javaScript })
    await journey.goto(`/sign-in?redirectTo=/organisations/${organisation.slug}`)
    await signIn(journey, member.email, member.password)
    await journey.expectHeading(organisation.name)
    await journey.step({ link: 'Leave this organisation' }, `Are you sure you want to leave ${organisation.name}?`)
    await journey.submit('Leave this organisation')
    await journey.expectHeading('Your organisations')
    await journey.expectText(`You have left ${organisation.name}`)
    await journey.audit()
    expect(await journey.page.getByRole('link', { name: organisation.name }).count()).toBe(0)
    await journey.goto(`/organisations/${organisation.slug}`)
    expect(await journey.page.getByText(member.name, { exact: true }).count()).toBe(0)
    expect(await journey.page.getByRole('link', { name: 'Leave this organisation' }).count()).toBe(0)
    await journey.close()

    // The only admin is told what to do instead, and stays.
    const adminJourney = await Journey.start(hub.browser, { javaScript })
    await adminJourney.goto(`/sign-in?redirectTo=/organisations/${organisation.slug}/leave`)
    await signIn(adminJourney, admin.email, admin.password)
    await adminJourney.expectHeading(`Are you sure you want to leave ${organisation.name}?`)
    await adminJourney.submit('Leave this organisation')
    await adminJourney.expectErrorSummary(`You are the only admin of ${organisation.name}, so you cannot leave it yet. Make another member an admin first`)
    await adminJourney.goto(`/organisations/${organisation.slug}`)
    expect(await adminJourney.page.getByText(`${admin.name} (admin)`).count()).toBe(1)
    await adminJourney.close()
  })

  test('the directory, a demo profile and the open data', async () => {
    const journey = await Journey.start(hub.browser, { javaScript })
    await journey.goto('/organisations')
    await journey.expectHeading('Organisations')
    await journey.check(/^Scotland \(\d+\)$/)
    await journey.submit('Apply filters')
    await journey.reloadUntilShown('Forth Valley Employability Partnership')
    await journey.audit()
    await journey.step({ link: 'Northstar Employment Partnerships' }, 'Northstar Employment Partnerships')
    expect(await journey.page.getByText('Olu Organisation-Admin (admin)').count()).toBe(1)
    expect(await journey.page.getByText('Accredited to the Merlin Standard').count()).toBe(1)
    const json = await journey.page.request.get('/organisations.json')
    expect(json.ok()).toBe(true)
    expect((await json.json()).organisations.length).toBeGreaterThanOrEqual(12)
    await journey.close()
  })

  test('the home page, static pages, feedback and the staff dashboard', async () => {
    const journey = await Journey.start(hub.browser, { javaScript })
    await journey.goto('/')
    await journey.expectHeading('Commissioning Hub')
    for (const block of ['Consultations', 'Commercial pipeline', 'What Works', 'Newsletters', 'Supplier surveys', 'Organisations']) {
      expect(await journey.page.getByRole('heading', { name: block, level: 2 }).count()).toBe(1)
    }
    for (const [path, heading] of [
      ['/accessibility', 'Accessibility statement for the Commissioning Hub'],
      ['/privacy', 'Privacy notice'],
      ['/cookies', 'Cookies'],
      ['/open-data', 'Open data'],
    ]) {
      await journey.goto(path)
      await journey.expectHeading(heading)
    }
    expect(await journey.page.getByRole('link', { name: 'Directory of organisations (CSV)' }).count()).toBe(1)

    await journey.goto('/feedback')
    await journey.expectHeading('Give feedback on the Commissioning Hub')
    await journey.fill('How could we improve the Commissioning Hub?', 'More case studies about rural areas, please.')
    await journey.submit('Send feedback')
    await journey.expectErrorSummary('Select how you feel about the Commissioning Hub')
    expect(await journey.page.getByLabel('How could we improve the Commissioning Hub?').inputValue()).toBe('More case studies about rural areas, please.')
    await journey.check('Satisfied')
    // GOV.UK Frontend ignores a second press of the same button within a second (its double-click guard).
    await journey.page.waitForTimeout(1000)
    await journey.submit('Send feedback')
    // Back to where the feedback came from (here nowhere, so the home page), thanked by a banner the address cannot forge.
    await journey.page.locator('.govuk-notification-banner--success', { hasText: 'Thank you for your feedback' }).waitFor()
    expect(new URL(journey.page.url()).pathname).toBe('/')

    await openStaffDashboard(journey, STAFF)
    expect(await journey.page.getByRole('heading', { name: 'Feedback about the hub' }).count()).toBe(1)
    expect(await journey.page.getByRole('link', { name: 'Audit log' }).count()).toBe(0)
    await journey.close()

    const admin = await Journey.start(hub.browser, { javaScript })
    await openStaffDashboard(admin, ADMIN)
    expect(await admin.page.getByRole('link', { name: 'Audit log' }).count()).toBe(1)
    await admin.close()
  })
})

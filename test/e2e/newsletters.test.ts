import { describe, expect, inject, test } from 'vitest'
import { e2eDatabase, Journey, latestEmail, sharedBrowser, uniqueEmail } from '../support/browser'
import { signIn } from '../support/pages/sign-in'
import { confirmSubscription, subscribe } from '../support/pages/subscribe'

// The demo staff account from db/seed/accounts.ts (importing it here would open a database pool).
const STAFF_EMAIL = 'staff@demo.commissioning-hub.example'

const hub = sharedBrowser()
const sql = e2eDatabase()

async function subscribeAndConfirm(journey: Journey, email: string) {
  await journey.goto('/subscribe')
  await journey.expectHeading('Get emails from the Commissioning Hub')
  await journey.submit('Subscribe')
  await journey.expectErrorSummary('Enter your email address')
  await subscribe(journey, email)
  await confirmSubscription(journey, email)
}

describe('newsletters', () => {
  test('subscribe with double opt-in; staff compose with a live block, preview, send; everyone gets one copy; one-click unsubscribe; archive', async () => {
    const reader = await Journey.start(hub.browser)
    const email = uniqueEmail('reader')
    await subscribeAndConfirm(reader, email)

    const staff = await Journey.start(hub.browser, { javaScript: false })
    await signIn(staff, STAFF_EMAIL)
    await staff.goto('/staff/newsletters')
    await staff.expectHeading('Newsletters')
    await staff.submit('Create a newsletter')
    await staff.submit('Save draft')
    await staff.expectErrorSummary('Enter a title')
    const title = `Employment Category Newsletter: test issue ${Date.now()}`
    await staff.fill('Title', title)
    await staff.fill('Summary', 'What is open for comment this quarter.')
    await staff.fill('Newsletter text', '## Welcome\n\nThe Category wants your views on open consultations.')
    await staff.submit('Save draft')
    await staff.expectHeading(title)

    await staff.followLink('Preview as web page')
    await staff.expectHeading(title)
    const openConsultations = await sql<{ title: string }[]>`
      select title from consultations where status = 'published' and opens_at <= now() and closes_at > now()`
    const preview = (await staff.page.locator('main').textContent()) ?? ''
    expect(preview).toContain('Open consultations')
    for (const c of openConsultations) expect(preview).toContain(c.title)
    if (!openConsultations.length) expect(preview).toContain('No consultations are open at the moment.')
    await staff.followLink('Preview as email')
    expect(await staff.page.locator('main').textContent()).toContain('Unsubscribe from the newsletter')
    await staff.followLink('Back')

    await staff.submit('Send a test to yourself')
    await expect.poll(async () => (await latestEmail(STAFF_EMAIL, /^\[Test\]/)).subject).toBe(`[Test] ${title}`)

    const [expected] = await sql<{ n: number }[]>`
      select count(*)::int as n from subscribers where status = 'confirmed' and 'newsletter' = any(topics)`
    await staff.step({ button: 'Send now' }, 'Send the newsletter now?')
    await staff.expectText(`${expected.n.toLocaleString('en-GB')} confirmed ${expected.n === 1 ? 'subscriber' : 'subscribers'}`)
    await staff.expectText('The quarterly Employment Category Newsletter')
    await staff.step({ button: 'Yes, send it now' }, title)
    const [{ id }] = await sql<{ id: string }[]>`select id from newsletters where title = ${title}`
    await expect
      .poll(
        async () => {
          await staff.page.reload()
          return staff.page.locator('main').textContent()
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toMatch(/Finished: \d+ of \d+ (copy|copies) sent\./)
    await staff.audit()
    // Its edit address now says it has been sent, rather than showing an error.
    await staff.goto(`/staff/newsletters/${id}/edit`)
    await staff.expectHeading('This newsletter has been sent')

    const deliveries = await sql<{ to_address: string; status: string }[]>`
      select to_address, status from mail_deliveries where campaign = ${`newsletter:${id}`}`
    expect(deliveries).toHaveLength(expected.n)
    expect(new Set(deliveries.map((d) => d.to_address)).size).toBe(expected.n)
    expect(deliveries.every((d) => d.status === 'sent')).toBe(true)
    expect(deliveries.map((d) => d.to_address)).toContain(email)

    // The received copy's List-Unsubscribe header, POSTed as a mail provider does: no session, no Origin.
    const received = await latestEmail(email, new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    expect(received.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    const target = /^<([^>]+)>$/.exec(received.headers['List-Unsubscribe'])![1]
    expect(received.textBody).toContain('/subscriptions/')
    const response = await fetch(target, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })
    expect(response.status).toBe(200)
    const [after] = await sql<{ status: string; topics: string[] }[]>`select status, topics from subscribers where email = ${email}`
    expect(after.status).toBe('unsubscribed')
    const url = new URL(target)
    await reader.goto(`${url.pathname}${url.search}`)
    await reader.expectHeading('You have already unsubscribed')

    await reader.goto('/newsletters')
    await reader.expectHeading('Newsletters')
    await reader.followLink(title)
    await reader.expectHeading(title)
    expect(await reader.page.locator('main').textContent()).toContain('The Category wants your views on open consultations.')
    // Browsers and feed readers find the feed the page advertises.
    const advertised = await reader.page.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')
    expect(advertised).toBe('/newsletters/feed.atom')
    const feed = await (await fetch(`${inject('baseUrl')}${advertised}`)).text()
    expect(feed).toContain(title)

    // Staff import people who signed up at an event: a bad row is named and nothing is imported until it is fixed.
    const invitee = uniqueEmail('forum')
    await staff.goto('/staff/newsletters/subscribers')
    await staff.step({ button: 'Import subscribers' }, 'Import subscribers')
    await staff.page.getByLabel('CSV file').setInputFiles({ name: 'forum.csv', mimeType: 'text/csv', buffer: Buffer.from(`email,topics\n${invitee},newsletter\nnot an address,\n`) })
    await staff.fill('How did these people agree to get these emails?', 'Ticked the newsletter box on the Provider Forum sign-up sheet')
    await staff.check('Everyone in the file agreed to get the emails for the topics listed')
    await staff.step({ button: 'Import subscribers' }, 'Import subscribers')
    await staff.expectErrorSummary('Row 3: “not an address” is not an email address')
    expect(await sql`select 1 from subscribers where email = ${invitee}`).toHaveLength(0)
    await staff.page.getByLabel('CSV file').setInputFiles({ name: 'forum.csv', mimeType: 'text/csv', buffer: Buffer.from(`email,topics\n${invitee},newsletter\n`) })
    await staff.check('Everyone in the file agreed to get the emails for the topics listed')
    await staff.step({ button: 'Import subscribers' }, 'Subscribers')
    await staff.expectText('Import finished: 1 subscriber added.')
    await staff.fill('Email address contains', invitee)
    await staff.step({ button: 'Apply filters' }, 'Subscribers')
    await staff.expectText('1 subscriber with an address containing')
    await staff.expectText('Imported')

    await staff.close()
    await reader.close()
  })

  test.each([true, false])('staff schedule in London time, are told about a time in the past, and cancel (JavaScript %s)', async (javaScript) => {
    const staff = await Journey.start(hub.browser, { javaScript })
    await signIn(staff, STAFF_EMAIL)
    await staff.goto('/staff/newsletters/new')
    const title = `Scheduled issue ${javaScript ? 'js' : 'no-js'} ${Date.now()}`
    await staff.fill('Title', title)
    if (javaScript) {
      await staff.page.getByRole('textbox', { name: 'Newsletter text' }).waitFor()
      await staff.page.getByRole('textbox', { name: 'Newsletter text' }).fill('Coming soon.')
    } else {
      await staff.fill('Newsletter text', 'Coming soon.')
    }
    await staff.submit('Save draft')
    await staff.expectHeading(title)
    await staff.submit('Schedule')
    await staff.expectHeading('Schedule the newsletter')
    await staff.fill('Day', '1')
    await staff.fill('Month', '1')
    await staff.fill('Year', '2020')
    await staff.fill('Time (24-hour, UK time)', '09:00')
    await staff.submit('Schedule')
    await staff.expectErrorSummary('The send time must be in the future')
    const next = new Date().getFullYear() + 1
    await staff.fill('Day', '1')
    await staff.fill('Month', '7')
    await staff.fill('Year', String(next))
    await staff.fill('Time (24-hour, UK time)', '09:00')
    await staff.submit('Schedule')
    await staff.expectHeading(title)
    await staff.expectText(`Scheduled to send on 1 July ${next} at 9am.`)
    const [row] = await sql<{ scheduled_at: Date }[]>`select scheduled_at from newsletters where title = ${title}`
    expect(row.scheduled_at.toISOString()).toBe(`${next}-07-01T08:00:00.000Z`)
    await staff.goto('/staff/newsletters')
    await staff.expectText(`Scheduled to send on 1 July ${next} at 9am`)
    await staff.followLink(title)
    await staff.submit('Cancel the schedule')
    await staff.expectText('The schedule has been cancelled')
    await staff.close()
  })
})

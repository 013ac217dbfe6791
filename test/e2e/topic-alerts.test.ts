import { describe, expect, test } from 'vitest'
import { inLondon, Journey, latestEmail, linkIn, sharedBrowser, signIn, uniqueEmail } from '../support/browser'

// The demo staff account from db/seed/accounts.ts (importing it here would open a database pool).
const STAFF_EMAIL = 'staff@demo.commissioning-hub.example'

const hub = sharedBrowser()

describe('topic alerts', () => {
  test('subscribe to new consultations and confirm by the emailed link; staff publish a consultation; the email arrives with a link to it and one-click unsubscribe', async () => {
    const reader = await Journey.start(hub.browser)
    const email = uniqueEmail('consultations')
    await reader.goto('/subscribe')
    await reader.expectHeading('Get emails from the Commissioning Hub')
    await reader.fill('Email address', email)
    await reader.page.getByLabel('The quarterly Employment Category Newsletter').uncheck()
    await reader.check('New consultations')
    await reader.submit('Subscribe')
    await reader.expectHeading('Check your email')
    const confirmation = await latestEmail(email, /Confirm your subscription/)
    await reader.goto(linkIn(confirmation.textBody, /\/subscribe\/confirm\//))
    await reader.submit('Confirm subscription')
    await reader.expectHeading('Subscription confirmed')

    const staff = await Journey.start(hub.browser)
    await signIn(staff, STAFF_EMAIL)
    await staff.goto('/staff/consultations/new')
    const title = `Supporting people leaving prison into work ${Date.now()}`
    await staff.fill('Title', title)
    await staff.fill('Summary', 'How employment support should reach people in the weeks after release.')
    await staff.fill('Contact email address', 'employment.category@dwp.example')
    await staff.check('England')
    await staff.fillDateTime('opensAt', inLondon(new Date(Date.now() - 3_600_000)))
    await staff.fillDateTime('closesAt', inLondon(new Date(Date.now() + 30 * 86_400_000)))
    await staff.submit('Save draft')
    await staff.expectHeading(title)
    await staff.fill('Add a section', 'Support after release')
    await staff.submit('Add section')
    await staff.followLink(/Add a question/)
    await staff.expectHeading('Add a question')
    await staff.fill('Question', 'What support matters most in the first week after release?')
    await staff.submit('Add question')
    await staff.expectHeading(title)
    await staff.submit('Publish consultation')
    await staff.expectHeading('Publish this consultation?')
    await staff.submit('Publish consultation')
    await staff.page.getByText('Consultation published. It is now on the public site.').waitFor()

    const alert = await latestEmail(email, /^New consultation: /)
    expect(alert.subject).toBe(`New consultation: ${title}`)
    expect(alert.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    expect(alert.headers['List-Unsubscribe']).toMatch(/\/unsubscribe\/[A-Za-z0-9_-]+\?topic=consultations>$/)
    expect(alert.textBody).toContain('Manage your email preferences: http')
    await reader.goto(linkIn(alert.textBody, /\/consultations\//))
    await reader.expectHeading(title)
    await reader.goto(linkIn(alert.textBody, /\/subscriptions\//))
    await reader.expectHeading('Your email preferences')

    const target = /^<([^>]+)>$/.exec(alert.headers['List-Unsubscribe'])![1]
    const response = await fetch(target, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })
    expect(response.status).toBe(200)
    await reader.close()
    await staff.close()
  })
})

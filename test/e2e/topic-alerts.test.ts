import { describe, expect, test } from 'vitest'
import { addConsultationQuestion, draftConsultation, Journey, latestEmail, linkIn, sharedBrowser, uniqueEmail } from '../support/browser'
import { signIn } from '../support/pages/sign-in'
import { confirmSubscription, subscribe } from '../support/pages/subscribe'

// The demo staff account from db/seed/accounts.ts (importing it here would open a database pool).
const STAFF_EMAIL = 'staff@demo.commissioning-hub.example'

const hub = sharedBrowser()

describe('topic alerts', () => {
  test('subscribe to new consultations and confirm by the emailed link; staff publish a consultation; the email arrives with a link to it and one-click unsubscribe', async () => {
    const reader = await Journey.start(hub.browser)
    const email = uniqueEmail('consultations')
    await reader.goto('/subscribe')
    await reader.expectHeading('Get emails from the Commissioning Hub')
    await subscribe(reader, email, { topics: ['New consultations'] })
    await confirmSubscription(reader, email)

    const staff = await Journey.start(hub.browser)
    await signIn(staff, STAFF_EMAIL)
    const title = await draftConsultation(staff, 'Support after release')
    await addConsultationQuestion(staff, title, 'What support matters most in the first week after release?')
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

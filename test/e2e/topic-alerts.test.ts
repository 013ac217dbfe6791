import { describe, expect, test } from 'vitest'
import { samplePdf } from '../../db/seed/sample-documents'
import { inLondon, Journey, latestEmail, linkIn, sharedBrowser, uniqueEmail } from '../support/browser'
import { continueToCheckAnswers, giveDetails, startResponding } from '../support/pages/consultation-response'
import { signIn } from '../support/pages/sign-in'
import { confirmSubscription, subscribe } from '../support/pages/subscribe'

// The demo staff account from db/seed/accounts.ts (importing it here would open a database pool).
const STAFF_EMAIL = 'staff@demo.commissioning-hub.example'

const hub = sharedBrowser()

describe('topic alerts', () => {
  test('subscribe to new consultations and confirm by the emailed link; staff publish a consultation with a grid and a file upload question; the email arrives with a link to it and one-click unsubscribe; the reader answers the grid and attaches a document', async () => {
    const reader = await Journey.start(hub.browser)
    const email = uniqueEmail('consultations')
    await reader.goto('/subscribe')
    await reader.expectHeading('Get emails from the Commissioning Hub')
    await subscribe(reader, email, { topics: ['New consultations'] })
    await confirmSubscription(reader, email)

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
    const addQuestion = async (text: string, type?: string, options?: string) => {
      await staff.followLink(/Add a question/)
      await staff.expectHeading('Add a question')
      await staff.fill('Question', text)
      if (type) await staff.check(type)
      if (options) await staff.fill('Options, one on each line', options)
      await staff.submit('Add question')
      await staff.expectHeading(title)
    }
    await addQuestion('What support matters most in the first week after release?')
    // A grid of statements on the agree–disagree scale, and a document to attach.
    await addQuestion(
      'How far do you agree with each statement?',
      'Several statements on the agree–disagree scale',
      'Support should start on the day of release\nEmployers should be paid to offer work trials',
    )
    await addQuestion('Attach your organisation’s formal response', 'Attach a document (PDF, ODT or DOCX)')
    await staff.expectText('Several statements on the agree–disagree scale, optional, 2 statements')
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

    // The reader answers the grid and attaches a document, without JavaScript's help: the page posts as multipart.
    await reader.goto(linkIn(alert.textBody, /\/consultations\//))
    await startResponding(reader)
    await giveDetails(reader, { as: 'individual', name: 'Rhian Reader', email, publish: 'none' }, 'Support after release')
    await reader.page
      .getByRole('group', { name: /Support should start on the day of release/ })
      .getByLabel('Agree', { exact: true })
      .check()
    await reader.page.getByLabel(/Question Q3:/).setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not really a PDF') })
    await reader.step({ button: 'Save and continue' }, 'Support after release')
    await reader.expectErrorSummary('The selected file must be a PDF, ODT or DOCX (Q3)')
    expect(
      await reader.page
        .getByRole('group', { name: /Support should start on the day of release/ })
        .getByLabel('Agree', { exact: true })
        .isChecked(),
    ).toBe(true)
    await reader.page
      .getByRole('group', { name: /Employers should be paid/ })
      .getByLabel('Strongly disagree')
      .check()
    await reader.page.getByLabel(/Question Q3:/).setInputFiles({ name: 'Formal response.pdf', mimeType: 'application/pdf', buffer: Buffer.from(samplePdf(['Our formal response'])) })
    await continueToCheckAnswers(reader)
    await reader.expectText('Support should start on the day of release: Agree')
    await reader.expectText('Employers should be paid to offer work trials: Strongly disagree')
    await reader.expectText(/Formal response\.pdf \(PDF, [\d.]+ (bytes|KB)\)/)

    const target = /^<([^>]+)>$/.exec(alert.headers['List-Unsubscribe'])![1]
    const response = await fetch(target, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })
    expect(response.status).toBe(200)
    await reader.close()
    await staff.close()
  })
})

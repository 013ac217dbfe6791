import { describe, expect, test } from 'vitest'
import { Journey, sharedBrowser } from '../support/browser'
import { signIn } from '../support/pages/sign-in'

const STAFF = 'staff@demo.commissioning-hub.example'
const CORE_AIMS = 'Employment Provision Commissioning Strategy: our five core aims'

const hub = sharedBrowser()

describe.each([true, false])('the GOV.UK shell (JavaScript %s)', (javaScript) => {
  test('home page, navigation and a 404 page', async () => {
    const journey = await Journey.start(hub.browser, { javaScript })
    await journey.goto('/')
    await journey.expectHeading('Commissioning Hub')
    const menu = journey.page.getByRole('navigation', { name: 'Menu' }).getByRole('link')
    expect(await menu.allTextContents()).toEqual(['Consultations', 'Pipeline', 'What Works', 'Newsletters', 'Surveys', 'Organisations', 'Search'])
    const response = await journey.page.goto('/no-such-page')
    expect(response?.status()).toBe(404)
    await journey.expectHeading('Page not found')
    expect(await journey.page.title()).toBe('Page not found – Commissioning Hub')
    await journey.close()
  })
})

type Marked = { hubMarked?: boolean }

/** Marks the document the journey is on; a full page load starts a new one without the mark. */
async function markDocument(journey: Journey) {
  await journey.page.evaluate(() => {
    ;(window as Marked).hubMarked = true
  })
}

async function expectSameDocument(journey: Journey) {
  expect(await journey.page.evaluate(() => (window as Marked).hubMarked === true)).toBe(true)
}

/** The count GOV.UK Frontend shows under a textarea once it has started on it. */
function countMessages(journey: Journey) {
  return journey.page.locator('.govuk-character-count__status').allTextContents()
}

describe('GOV.UK Frontend on pages reached without a page load (JavaScript on)', () => {
  test('the character count starts after a client-side navigation, and once only when the page comes back with errors', async () => {
    const journey = await Journey.start(hub.browser)
    await journey.goto('/')
    await markDocument(journey)
    await journey.followLink('Feedback')
    await journey.expectHeading('Give feedback on the Commissioning Hub')
    await expectSameDocument(journey)

    const comments = journey.page.getByLabel('How could we improve the Commissioning Hub?')
    await expect.poll(() => countMessages(journey)).toEqual(['You have 1,200 characters remaining'])
    await comments.pressSequentially('Bigger')
    await expect.poll(() => countMessages(journey)).toEqual(['You have 1,194 characters remaining'])

    // No satisfaction chosen: the action answers with errors and the page is shown again in place.
    await journey.submit('Send feedback')
    await journey.expectErrorSummary('Select how you feel about the Commissioning Hub')
    await expectSameDocument(journey)
    expect(await journey.page.locator('.govuk-error-summary[data-govuk-error-summary-init]').count()).toBe(1)
    await expect.poll(() => countMessages(journey)).toEqual(['You have 1,194 characters remaining'])
    await comments.pressSequentially(' print')
    await expect.poll(() => countMessages(journey)).toEqual(['You have 1,188 characters remaining'])
    await journey.close()
  })

  test('a conditional reveal and a word count work on a page reached by a link', async () => {
    const journey = await Journey.start(hub.browser)
    await signIn(journey, STAFF)
    await journey.goto('/staff/consultations')
    await markDocument(journey)
    await journey.followLink(CORE_AIMS)
    await journey.expectHeading(CORE_AIMS)
    await journey.followLink('Preview as a respondent sees it')
    const section = journey.page.getByRole('form', { name: 'Preview of section 1' })
    await section.waitFor()
    await expectSameDocument(journey)

    const other = section.getByLabel('Other (please specify)', { exact: true })
    const specify = section.getByLabel('Please specify', { exact: true })
    expect(await specify.isVisible()).toBe(false)
    await other.check()
    await specify.waitFor({ state: 'visible' })
    expect(await other.getAttribute('aria-expanded')).toBe('true')
    await journey.audit()
    await other.uncheck()
    await specify.waitFor({ state: 'hidden' })

    await expect.poll(() => countMessages(journey)).toContain('You have 300 words remaining')
    await section.getByLabel(/Question Q3:/).pressSequentially('Publish it openly')
    await expect.poll(() => countMessages(journey)).toContain('You have 297 words remaining')
    await journey.close()
  })
})

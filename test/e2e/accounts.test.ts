import { describe, expect, test } from 'vitest'
import { hashPassword } from '~/modules/accounts/passwords.server'
import { authenticatorCode, e2eDatabase, Journey, latestEmail, linkIn, sharedBrowser, TEST_PASSWORD, uniqueEmail } from '../support/browser'
import { register, signIn, submitPassword } from '../support/pages/sign-in'

const THROTTLED = 'You have tried to sign in too many times. Wait 15 minutes, then try again, or reset your password.'

const hub = sharedBrowser()
const sql = e2eDatabase()

describe.each([true, false])('accounts (JavaScript %s)', (javaScript) => {
  test('register, confirm by the emailed link, sign in, see the account page, sign out', async () => {
    const journey = await Journey.start(hub.browser, { javaScript })
    const email = uniqueEmail(javaScript ? 'js-on' : 'js-off')
    await journey.goto('/register')
    await journey.expectHeading('Create an account')

    // A weak password is refused and what was typed is kept, except the password.
    await journey.fill('Full name', 'Robin Register')
    await journey.fill('Email address', email)
    await journey.fill('Password', 'short')
    await journey.submit('Create account')
    await journey.expectErrorSummary('Password must be 12 characters or more')
    expect(await journey.page.getByLabel('Email address', { exact: true }).inputValue()).toBe(email)
    expect(await journey.page.getByLabel('Password', { exact: true }).inputValue()).toBe('')

    await journey.fill('Password', 'marble lantern quiet 7')
    await journey.submit('Create account')
    await journey.expectHeading('Check your email')

    const message = await latestEmail(email, /Confirm your email address/)
    await journey.goto(linkIn(message.textBody, /\/verify-email/))
    await journey.expectHeading('Email address confirmed')

    await journey.followLink('sign in')
    await journey.expectHeading('Sign in')
    await signIn(journey, email, 'marble lantern quiet 7')
    await journey.expectHeading('Your account')
    expect(await journey.page.getByText(email).count()).toBeGreaterThan(0)
    expect(await journey.page.getByText('Not confirmed').count()).toBe(0)

    await journey.submit('Sign out')
    await journey.expectHeading('Commissioning Hub')
    await journey.goto('/account')
    await journey.expectHeading('Sign in')
    await journey.close()
  })

  test('forgotten password: the emailed link sets a new one once; then the account pages change the name and delete the account', async () => {
    const journey = await Journey.start(hub.browser, { javaScript })
    const email = uniqueEmail(javaScript ? 'reset-on' : 'reset-off')
    await register(journey, { name: 'Fern Forgetful', email, password: 'walnut breeze candle 5' })
    await journey.expectHeading('Check your email')

    await journey.goto('/sign-in')
    await journey.followLink('I have forgotten my password')
    await journey.expectHeading('Reset your password')
    await journey.fill('Email address', email)
    await journey.submit('Send a reset link')
    await journey.expectHeading('Check your email')
    const resetLink = linkIn((await latestEmail(email, /Reset your password/)).textBody, /\/reset-password/)
    await journey.goto(resetLink)
    await journey.expectHeading('Choose a new password')
    await journey.fill('New password', 'x'.repeat(129))
    await journey.submit('Change password')
    await journey.expectErrorSummary('Password must be 128 characters or fewer')
    await journey.fill('New password', 'harbour pebble tulip 8')
    await journey.submit('Change password')
    await journey.expectHeading('Sign in')
    await journey.goto(resetLink)
    await journey.expectHeading('This link has already been used')

    await signIn(journey, email, 'harbour pebble tulip 8')
    await journey.expectHeading('Your account')
    await journey.followLink(/^Change\s+name$/)
    await journey.fill('Change your name', 'Fern Remembered')
    await journey.submit('Save name')
    await journey.expectHeading('Your account')
    expect(await journey.page.locator('.govuk-summary-list').textContent()).toContain('Fern Remembered')
    // The success banner comes from a signed cookie, not the address, and shows once.
    const banner = journey.page.locator('.govuk-notification-banner--success')
    expect(await banner.textContent()).toContain('Your name has been changed.')
    expect(new URL(journey.page.url()).search).toBe('')
    await journey.page.reload()
    await journey.expectHeading('Your account')
    expect(await banner.count()).toBe(0)

    await journey.followLink('Delete your account')
    await journey.expectHeading('Delete your account')
    expect(await journey.page.locator('main').textContent()).toContain('Former member')
    await journey.fill('Enter your password to confirm', 'not my password at all')
    await journey.submit('Delete your account')
    await journey.expectErrorSummary('Enter a correct password')
    await journey.fill('Enter your password to confirm', 'harbour pebble tulip 8')
    await journey.submit('Delete your account')
    await journey.expectHeading('Sign in')
    await journey.page.getByText('Your account has been deleted.').waitFor()
    await journey.close()
  }, 240_000)

  test('an unconfirmed person sees a banner asking them to confirm', async () => {
    const journey = await Journey.start(hub.browser, { javaScript })
    const email = uniqueEmail('unconfirmed')
    await register(journey, { name: 'Una Confirmed', email, password: 'copper meadow violin 3' })
    await signIn(journey, email, 'copper meadow violin 3')
    await journey.expectHeading('Your account')
    await journey.page.getByRole('region', { name: 'Confirm your email address' }).waitFor()
    await journey.close()
  })

  test('ten wrong passwords in a row end with the throttle message', async () => {
    const journey = await Journey.start(hub.browser, { javaScript })
    const email = uniqueEmail('throttled')
    await journey.goto('/sign-in')
    const errorText = () => journey.page.locator('.govuk-error-summary').textContent()
    for (let attempt = 1; attempt <= 10; attempt++) {
      // GOV.UK buttons ignore a second click within a second, as a person double-clicking would make.
      if (javaScript && attempt > 1) await journey.page.waitForTimeout(1100)
      await journey.fill('Email address', email)
      await journey.fill('Password', `not the password ${attempt}`)
      const answered = journey.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/sign-in'))
      await journey.page.getByRole('button', { name: 'Sign in', exact: true }).click()
      await answered
      await journey.page.waitForLoadState('load')
      await expect.poll(errorText).toContain(attempt <= 5 ? 'Enter a correct email address and password' : THROTTLED)
    }
    await journey.expectErrorSummary(THROTTLED)
    expect(await journey.page.locator('#email-error').textContent()).toContain(THROTTLED)
    await journey.audit()
    await journey.close()
  })

  test('staff set up an authenticator app at their first sign-in, then sign in with a recovery code and with a code from the app', async () => {
    const email = uniqueEmail(javaScript ? 'staff-js-on' : 'staff-js-off')
    await sql`insert into users (email, name, password_hash, role, email_verified_at) values (${email}, 'Sam Staff', ${await hashPassword(TEST_PASSWORD)}, 'staff', now())`
    const journey = await Journey.start(hub.browser, { javaScript })
    const signInWithPassword = async () => {
      await journey.goto('/sign-in?redirectTo=/staff')
      await submitPassword(journey, email, TEST_PASSWORD)
    }
    await signInWithPassword()
    await journey.expectHeading('Set up an authenticator app')
    const key = (await journey.page.locator('[data-totp-key]').textContent()) ?? ''
    expect(key).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/)
    expect(await journey.page.getByRole('link', { name: 'add the hub to your authenticator app' }).getAttribute('href')).toMatch(/^otpauth:\/\/totp\//)
    await journey.fill('Code from the app', '12345')
    await journey.submit('Continue')
    await journey.expectErrorSummary('The code must be 6 numbers, like 123456')
    await journey.fill('Code from the app', await authenticatorCode(email, key))
    await journey.step({ button: 'Continue' }, 'Save your recovery codes')
    const codes = await journey.page.locator('.app-recovery-codes code').allTextContents()
    expect(codes).toHaveLength(10)
    await journey.submit('I have saved my recovery codes')
    await journey.expectHeading('Staff dashboard')
    await journey.submit('Sign out')

    await signInWithPassword()
    await journey.expectHeading('Enter the code from your authenticator app')
    await journey.followLink('I cannot use my authenticator app')
    await journey.expectHeading('Enter a recovery code')
    await journey.fill('Enter a recovery code', codes[0])
    await journey.submit('Continue')
    await journey.expectHeading('Staff dashboard')
    await journey.submit('Sign out')

    await signInWithPassword()
    await journey.expectHeading('Enter the code from your authenticator app')
    await journey.fill('Enter the code from your authenticator app', '000000')
    await journey.submit('Continue')
    await journey.expectErrorSummary('The code is not correct or has already been used')
    await journey.fill('Enter the code from your authenticator app', await authenticatorCode(email))
    await journey.submit('Continue')
    await journey.expectHeading('Staff dashboard')
    await journey.close()
  })

  test('a member opening the admin pages gets the GOV.UK 403 page', async () => {
    const journey = await Journey.start(hub.browser, { javaScript })
    await journey.goto('/sign-in?redirectTo=/admin/users')
    await signIn(journey, 'orgadmin@demo.commissioning-hub.example')
    await journey.expectHeading('You do not have permission to see this page')
    const response = await journey.page.goto('/admin/users')
    expect(response?.status()).toBe(403)
    await journey.audit()
    await journey.close()
  })
})

describe('admin', () => {
  test('an admin changes a role, then reads the audit log and the mailbox', async () => {
    const journey = await Journey.start(hub.browser)
    const email = uniqueEmail('promoted')
    await register(journey, { name: 'Pat Promoted', email, password: 'silver harbour kite 9' })

    await signIn(journey, 'admin@demo.commissioning-hub.example')
    await journey.goto('/admin/users')
    await journey.fill('Search by email address', email)
    await journey.submit('Search')
    await journey.followLink(email)
    await journey.expectHeading('Pat Promoted')
    await journey.check('Category staff')
    await journey.submit('Save role')
    await journey.page.getByText('Role saved').waitFor()
    await journey.audit()

    await journey.goto('/admin/audit?action=user.role_change')
    await journey.expectHeading('Audit log')
    expect(await journey.page.locator('table').textContent()).toContain('user.role_change')

    await journey.goto('/admin/mailbox')
    await journey.followLink('Confirm your email address')
    await journey.expectHeading('Confirm your email address')
    expect(await journey.page.locator('pre').first().textContent()).toMatch(/\/verify-email\?token=/)
    // The HTML part is shown as escaped source, never rendered.
    expect(await journey.page.locator('pre').nth(1).textContent()).toContain('<a href=')
    await journey.close()
  })
})

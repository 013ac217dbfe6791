import { authenticatorCode, DEMO_PASSWORD, type Journey } from '../browser'

/** The sign-in page's form: an email address and password, sent. */
export async function submitPassword(journey: Journey, email: string, password = DEMO_PASSWORD) {
  await journey.fill('Email address', email)
  await journey.fill('Password', password)
  await journey.submit('Sign in')
}

/**
 * Signs in on the sign-in page the journey was sent to, so it goes on to
 * where it was going, or else on /sign-in; then waits for the hub to show
 * the person signed in.
 */
export async function signIn(journey: Journey, email: string, password = DEMO_PASSWORD) {
  if (new URL(journey.page.url()).pathname !== '/sign-in') await journey.goto('/sign-in')
  await submitPassword(journey, email, password)
  await answerSecondFactor(journey, email)
  await journey.page.getByRole('button', { name: 'Sign out', exact: true }).waitFor()
}

/**
 * Staff and admins pass the authenticator step as a person with the app
 * would: on the set-up page (the demo's staff have no app until their first
 * sign-in) by reading the key off the page, otherwise with the code the app
 * would show for the key the account holds.
 */
export async function answerSecondFactor(journey: Journey, email: string) {
  const path = new URL(journey.page.url()).pathname
  if (path === '/account/authenticator') {
    const key = (await journey.page.locator('[data-totp-key]').textContent()) ?? ''
    await journey.fill('Code from the app', await authenticatorCode(email, key))
    await journey.step({ button: 'Continue' }, 'Save your recovery codes')
    await journey.submit('I have saved my recovery codes')
  } else if (path === '/sign-in/code') {
    await journey.fill('Enter the code from your authenticator app', await authenticatorCode(email))
    await journey.submit('Continue')
  }
}

/** Registering on /register: name, email address and password, sent. */
export async function register(journey: Journey, { name, email, password }: { name: string; email: string; password: string }) {
  await journey.goto('/register')
  await journey.fill('Full name', name)
  await journey.fill('Email address', email)
  await journey.fill('Password', password)
  await journey.submit('Create account')
}

import { latestEmail, linkIn, type Journey } from '../browser'

/**
 * The subscribe page: an email address and the topics to tick. The
 * quarterly newsletter is ticked to begin with; `topics` replaces it.
 */
export async function subscribe(journey: Journey, email: string, { topics }: { topics?: string[] } = {}) {
  await journey.fill('Email address', email)
  if (topics) {
    await journey.page.getByLabel('The quarterly Employment Category Newsletter').uncheck()
    for (const topic of topics) await journey.check(topic)
  }
  await journey.submit('Subscribe')
  await journey.expectHeading('Check your email')
}

/** Opens the emailed confirmation link and confirms. */
export async function confirmSubscription(journey: Journey, email: string) {
  const confirmation = await latestEmail(email, /Confirm your subscription/)
  await journey.goto(linkIn(confirmation.textBody, /\/subscribe\/confirm\//))
  await journey.expectHeading('Confirm your subscription')
  await journey.submit('Confirm subscription')
  await journey.expectHeading('Subscription confirmed')
}

import type { Journey } from '../browser'

/** How a respondent asks for their response to be published, as the "Your details" page words it. */
const PUBLISHING = {
  named: 'Publish my response with my name, or my organisation’s name',
  anonymous: 'Publish my response without any names',
  none: 'Do not publish my response',
} as const

type Details = { publish: keyof typeof PUBLISHING } & ({ as: 'individual'; name: string; email: string } | { as: 'organisation'; represents: string; howViewsAssembled?: string })

/** From a consultation's page, the button that starts a response, landing on "Your details". */
export async function startResponding(journey: Journey) {
  await journey.step({ button: 'Respond to this consultation' }, 'Your details')
}

/**
 * "Your details": who is responding, whether to publish, and no request to
 * keep the whole response confidential; then on to the first section,
 * headed `firstSection`.
 */
export async function giveDetails(journey: Journey, details: Details, firstSection: string) {
  if (details.as === 'individual') {
    await journey.check('As an individual')
    await journey.fill('Your name', details.name)
    await journey.fill('Your email address', details.email)
  } else {
    await journey.check('On behalf of an organisation')
    await journey.fill('Who does the organisation represent?', details.represents)
    if (details.howViewsAssembled) await journey.fill('How were the views of members assembled? (optional)', details.howViewsAssembled)
  }
  await journey.check(PUBLISHING[details.publish])
  await journey.check('No')
  await journey.step({ button: 'Save and continue' }, firstSection)
}

/** The last section's button, landing on the check-your-answers page. */
export async function continueToCheckAnswers(journey: Journey) {
  await journey.step({ button: 'Save and continue' }, 'Check your answers before submitting your response')
}

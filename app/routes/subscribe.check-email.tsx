import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { pageTitle } from '~/lib/meta'
import { CONFIRMATION_RESEND_MINUTES } from '~/modules/newsletters/subscriptions.server'

export const meta: MetaFunction = () => [{ title: pageTitle('Check your email', 'Newsletters') }]

// Deliberately public. The page is the same whether or not the address was already subscribed.
export async function loader() {
  return { minutes: CONFIRMATION_RESEND_MINUTES }
}

export default function CheckEmail() {
  const { minutes } = useLoaderData<typeof loader>()
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Check your email</h1>
          <p className="govuk-body">Follow the link in the email we have sent you to confirm your subscription. The link works for 7 days.</p>
          <p className="govuk-body">If it has not arrived, check your spam folder. We send at most one confirmation email every {minutes} minutes, so you can ask again after that.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/subscribe">
              Use a different email address
            </Link>
          </p>
        </div>
      </div>
    </PageContainer>
  )
}

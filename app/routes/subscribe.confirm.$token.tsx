import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { PageContainer } from '~/components/layout'
import { Panel } from '~/components/panel'
import { pageTitle } from '~/lib/meta'
import { confirmSubscription, findConfirmable } from '~/modules/newsletters/subscriptions.server'
import { TOPIC_LABELS } from '~/modules/newsletters/topics'
import { subscriptionPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Confirm your subscription', 'Newsletters') }]

/**
 * Deliberately public: the emailed token is the proof. Confirming takes a
 * button press, so a mail scanner that opens links confirms nothing.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const subscriber = await findConfirmable(params.token ?? '')
  return subscriber ? { valid: true as const, email: subscriber.email, topics: subscriber.topics.map((t) => TOPIC_LABELS[t]) } : { valid: false as const }
}

export async function action({ params }: ActionFunctionArgs) {
  const subscriber = await confirmSubscription(params.token ?? '')
  return subscriber ? { confirmed: true as const, token: subscriber.token } : { confirmed: false as const }
}

export default function ConfirmSubscription() {
  const loaded = useLoaderData<typeof loader>()
  const done = useActionData<typeof action>()
  if (done?.confirmed) {
    return (
      <PageContainer>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <Panel title="Subscription confirmed">You will get the emails you chose.</Panel>
            <p className="govuk-body">
              <Link className="govuk-link" to={subscriptionPath(done.token)}>
                Manage your email preferences
              </Link>
            </p>
            <p className="govuk-body">
              <Link className="govuk-link" to="/newsletters">
                Read past newsletters
              </Link>
            </p>
          </div>
        </div>
      </PageContainer>
    )
  }
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {loaded.valid && done?.confirmed !== false ? (
            <>
              <h1 className="govuk-heading-l">Confirm your subscription</h1>
              <p className="govuk-body">
                Confirm that <strong>{loaded.email}</strong> should get emails about:
              </p>
              <ul className="govuk-list govuk-list--bullet">
                {loaded.topics.map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ul>
              <Form method="post" noValidate>
                <Button>Confirm subscription</Button>
              </Form>
            </>
          ) : (
            <>
              <h1 className="govuk-heading-l">This confirmation link does not work</h1>
              <p className="govuk-body">It may have been used already, be more than 7 days old, or have been copied wrongly.</p>
              <p className="govuk-body">
                If you have not confirmed yet,{' '}
                <Link className="govuk-link" to="/subscribe">
                  subscribe again
                </Link>{' '}
                to get a new link.
              </p>
            </>
          )}
        </div>
      </div>
    </PageContainer>
  )
}

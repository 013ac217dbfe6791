import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useParams } from '@remix-run/react'
import { Button } from '~/components/button'
import { PageContainer } from '~/components/layout'
import { Panel } from '~/components/panel'
import { pageTitle } from '~/lib/meta'
import { findByToken, unsubscribe } from '~/modules/newsletters/subscriptions.server'
import { TOPIC_LABELS, TOPICS, type SubscriptionTopic } from '~/modules/newsletters/topics'
import { subscriptionPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Unsubscribe', 'Newsletters') }]

function topicFrom(request: Request): SubscriptionTopic | null {
  const topic = new URL(request.url).searchParams.get('topic')
  return (TOPICS as readonly string[]).includes(topic ?? '') ? (topic as SubscriptionTopic) : null
}

/**
 * Deliberately public: the token in the link is the key. A GET only asks, so
 * a mail scanner following links unsubscribes nobody.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const subscriber = await findByToken(params.token ?? '')
  const topic = topicFrom(request)
  if (!subscriber) return { state: 'not_found' as const, topic }
  const already = subscriber.status === 'unsubscribed' || (topic !== null && !subscriber.topics.includes(topic))
  return { state: already ? ('already' as const) : ('ask' as const), topic }
}

/**
 * RFC 8058 one-click: mail providers POST "List-Unsubscribe=One-Click" here
 * with no session and no Origin header; the button on the page posts too.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const outcome = await unsubscribe(params.token ?? '', topicFrom(request))
  return { state: outcome === 'unsubscribed' ? ('done' as const) : outcome === 'already_unsubscribed' ? ('already' as const) : ('not_found' as const) }
}

export default function Unsubscribe() {
  const { state: loaded, topic } = useLoaderData<typeof loader>()
  const done = useActionData<typeof action>()
  const { token } = useParams()
  const state = done?.state ?? loaded
  const what = topic ? TOPIC_LABELS[topic].replace(/^The /, 'the ') : 'all Commissioning Hub emails'
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {state === 'done' ? (
            <>
              <Panel title="You have unsubscribed">You will not get emails about {what.replace(/^the /, 'the ')} any more.</Panel>
              <p className="govuk-body">
                <Link className="govuk-link" to={subscriptionPath(token ?? '')}>
                  Manage your email preferences
                </Link>
              </p>
            </>
          ) : state === 'already' ? (
            <>
              <h1 className="govuk-heading-l">You have already unsubscribed</h1>
              <p className="govuk-body">This address no longer gets {what}.</p>
              <p className="govuk-body">
                <Link className="govuk-link" to={subscriptionPath(token ?? '')}>
                  Manage your email preferences
                </Link>
              </p>
            </>
          ) : state === 'not_found' ? (
            <>
              <h1 className="govuk-heading-l">This unsubscribe link does not work</h1>
              <p className="govuk-body">The link may have been copied wrongly, or the subscription has been deleted.</p>
              <p className="govuk-body">
                Copy the whole link from the email, or{' '}
                <Link className="govuk-link" to="/subscribe">
                  subscribe again
                </Link>{' '}
                to get a new one.
              </p>
            </>
          ) : (
            <>
              <h1 className="govuk-heading-l">Unsubscribe from {what}</h1>
              <p className="govuk-body">You can subscribe again at any time.</p>
              <Form method="post" noValidate>
                <Button>Unsubscribe</Button>
              </Form>
              <p className="govuk-body">
                <Link className="govuk-link" to={subscriptionPath(token ?? '')}>
                  Choose which emails you get instead
                </Link>
              </p>
            </>
          )}
        </div>
      </div>
    </PageContainer>
  )
}

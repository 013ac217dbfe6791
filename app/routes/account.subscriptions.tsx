import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ButtonLink } from '~/components/button'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { requireUser } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { subscriptionForUser } from '~/modules/newsletters/subscriptions.server'
import { TOPIC_LABELS } from '~/modules/newsletters/topics'
import { subscriptionPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Your email subscriptions', 'Your account') }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const subscriber = await subscriptionForUser(user)
  return subscriber
    ? { found: true as const, email: subscriber.email, status: subscriber.status, topics: subscriber.topics.map((t) => TOPIC_LABELS[t]), token: subscriber.token }
    : { found: false as const, email: user.email }
}

const STATUS: Record<string, string> = {
  pending: 'Waiting for you to confirm by the link we emailed you.',
  confirmed: 'You get emails about:',
  unsubscribed: 'You are unsubscribed from everything.',
  bounced: 'Our last email could not be delivered, so we have stopped sending.',
}

export default function AccountSubscriptions() {
  const data = useLoaderData<typeof loader>()
  return (
    <PageContainer before={<BackLink to="/account">Your account</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Your email subscriptions</h1>
          {data.found ? (
            <>
              <p className="govuk-body">
                For <strong>{data.email}</strong>. {STATUS[data.status]}
              </p>
              {data.status === 'confirmed' ? (
                <ul className="govuk-list govuk-list--bullet">
                  {data.topics.map((t) => (
                    <li key={t}>{t}</li>
                  ))}
                </ul>
              ) : null}
              <ButtonLink to={subscriptionPath(data.token)}>Change your email subscriptions</ButtonLink>
            </>
          ) : (
            <>
              <p className="govuk-body">{data.email} does not get any newsletters or alerts from the hub.</p>
              <ButtonLink to="/subscribe">Subscribe</ButtonLink>
            </>
          )}
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

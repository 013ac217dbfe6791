import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { PageContainer } from '~/components/layout'
import { SummaryList } from '~/components/summary-list'
import { Tag } from '~/components/tag'
import { requireUser } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDate } from '~/lib/time'
import { accountSummary } from '~/modules/accounts/accounts.server'
import { ROLE_NAMES } from '~/modules/accounts/roles'

export const meta: MetaFunction = () => [{ title: pageTitle('Your account') }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const account = await accountSummary(user.id)
  invariantResponse(account, 'Not found')
  return { account }
}

export default function Account() {
  const { account } = useLoaderData<typeof loader>()
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Your account</h1>
          <SummaryList
            rows={[
              { key: 'Name', value: account.name, action: { href: '/account/name', visuallyHiddenText: 'name' } },
              {
                key: 'Email address',
                value: (
                  <>
                    <p className="govuk-body govuk-!-margin-bottom-1">{account.email}</p>
                    {account.emailVerifiedAt ? null : <Tag colour="yellow">Not confirmed</Tag>}
                    {account.pendingEmail ? <p className="govuk-hint govuk-!-margin-bottom-0">Waiting for you to confirm {account.pendingEmail}</p> : null}
                  </>
                ),
                action: { href: '/account/email', visuallyHiddenText: 'email address' },
              },
              { key: 'Password', value: '••••••••••••', action: { href: '/account/password', visuallyHiddenText: 'password' } },
              {
                key: 'Authenticator app',
                value: account.authenticatorSetUp ? 'Set up' : account.role === 'member' ? 'Not set up' : 'Not set up. You need one to use the staff pages',
                action: { href: '/account/authenticator', text: account.authenticatorSetUp ? 'Manage' : 'Set up', visuallyHiddenText: 'authenticator app' },
              },
              { key: 'Role', value: ROLE_NAMES[account.role] },
              { key: 'Member since', value: formatDate(account.createdAt) },
            ]}
          />
          {account.emailVerifiedAt ? null : (
            <p className="govuk-body">
              <Link className="govuk-link" to="/verify-email">
                Send a new link to confirm your email address
              </Link>
            </p>
          )}

          <h2 className="govuk-heading-m">Sign out everywhere</h2>
          <p className="govuk-body">If you signed in on a shared computer, or think someone else knows your password, sign out on every device, including this one.</p>
          <Form method="post" action="/account/sign-out-everywhere">
            <Button variant="secondary">Sign out everywhere</Button>
          </Form>

          <h2 className="govuk-heading-m">Email subscriptions</h2>
          <p className="govuk-body">
            <Link className="govuk-link" to="/account/subscriptions">
              Newsletters and alerts you get by email
            </Link>
          </p>

          <h2 className="govuk-heading-m">Your data</h2>
          <p className="govuk-body">Download everything the hub holds about you, as a JSON file.</p>
          <p className="govuk-body">
            <a className="govuk-link" href="/account/download" download>
              Download your data
            </a>
          </p>

          <h2 className="govuk-heading-m">Delete your account</h2>
          <p className="govuk-body">
            <Link className="govuk-link" to="/account/delete">
              Delete your account
            </Link>
          </p>
        </div>
      </div>
    </PageContainer>
  )
}

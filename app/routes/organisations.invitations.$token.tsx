import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { PageContainer } from '~/components/layout'
import { getUser, requireUser } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { formatDate } from '~/lib/time'
import { redirectWithNotice } from '~/lib/notice.server'
import { INVITATION_PROBLEMS, type InvitationProblem } from '~/modules/organisations/invitations'
import { acceptInvitation, findInvitation } from '~/modules/organisations/organisations.server'
import { organisationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.organisation ? `Join ${data.organisation.name}` : 'Invitation to join an organisation', 'Organisations') }]

// Deliberately public: whoever holds the link sees who it is for and is asked to sign in as that person.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await findInvitation(params.token ?? '')
  const user = await getUser(request)
  const path = new URL(request.url).pathname
  if (!found) return data({ state: 'not_found' as const, organisation: null, email: null, expiresAt: null, user: null, path }, { status: 404 })
  return {
    state: found.state,
    organisation: found.organisation,
    email: found.invitation.email,
    expiresAt: found.invitation.expiresAt,
    user: user ? { email: user.email } : null,
    path,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const result = await acceptInvitation(user, params.token ?? '')
  if (result.ok) return redirectWithNotice(organisationPath(result.organisation.slug), `You are now a member of ${result.organisation.name}`)
  return data({ reason: result.code }, { status: result.code === 'not_found' ? 404 : 400 })
}

export default function Invitation() {
  const loaded = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { organisation, email, user, path } = loaded
  const state = actionData?.reason ?? loaded.state
  const signIn = `/sign-in?${new URLSearchParams({ redirectTo: path })}`
  const register = `/register?${new URLSearchParams({ redirectTo: path })}`
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {state === 'open' && organisation ? (
            <>
              <h1 className="govuk-heading-l">Join {organisation.name}</h1>
              <p className="govuk-body">
                You have been invited to join{' '}
                <Link className="govuk-link" to={organisationPath(organisation.slug)}>
                  {organisation.name}
                </Link>{' '}
                on the Commissioning Hub. Your name will appear on its public profile.
              </p>
              <p className="govuk-body">
                The invitation is for <strong>{email}</strong> and expires on {loaded.expiresAt ? formatDate(loaded.expiresAt) : ''}.
              </p>
              {!user ? (
                <>
                  <p className="govuk-body">Sign in, or create an account, with that email address to accept.</p>
                  <div className="govuk-button-group">
                    <Link className="govuk-button" data-module="govuk-button" role="button" draggable={false} to={signIn}>
                      Sign in to accept
                    </Link>
                    <Link className="govuk-link" to={register}>
                      Create an account
                    </Link>
                  </div>
                </>
              ) : user.email.toLowerCase() !== email?.toLowerCase() ? (
                <>
                  <p className="govuk-body">
                    You are signed in as {user.email}. Sign out, then sign in with {email} to accept, or ask the organisation to invite {user.email} instead.
                  </p>
                </>
              ) : (
                <Form method="post" noValidate>
                  <Button>Accept and join {organisation.name}</Button>
                </Form>
              )}
            </>
          ) : (
            <>
              <h1 className="govuk-heading-l">{state === 'wrong_account' ? 'This invitation is for someone else' : 'You cannot use this invitation'}</h1>
              <p className="govuk-body">{INVITATION_PROBLEMS[state as InvitationProblem]}</p>
              <p className="govuk-body">
                <Link className="govuk-link" to="/organisations">
                  Go to the directory of organisations
                </Link>
              </p>
            </>
          )}
        </div>
      </div>
    </PageContainer>
  )
}

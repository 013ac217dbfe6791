import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { TextInput } from '~/components/text-input'
import { signOutCookie } from '~/lib/auth.server'
import { invalid, parseForm } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { checkResetToken, resetPassword } from '~/modules/accounts/accounts.server'
import { failure, submissionKey } from '~/modules/accounts/form-values'
import { MIN_PASSWORD_LENGTH, newPassword } from '~/modules/accounts/password-policy'

type State = 'valid' | 'expired' | 'used' | 'invalid'

const TITLES: Record<State, string> = {
  valid: 'Choose a new password',
  expired: 'This link has expired',
  used: 'This link has already been used',
  invalid: 'This link does not work',
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? TITLES[data.state] : undefined) }]

// Public: the link in the email is the proof of identity.
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  return { state: (await checkResetToken(token)) as State, token }
}

const schema = z.object({ token: z.string().max(200).default(''), password: newPassword('Enter a new password') })

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), schema)
  if (!parsed.ok) return invalid(failure(parsed.errors, parsed.values))
  const outcome = await resetPassword(parsed.data.token, parsed.data.password)
  if (outcome.status !== 'reset') return { ok: false as const, state: outcome.status as State }
  // Every session of the account has ended; this browser's cookie goes too.
  throw await redirectWithNotice('/sign-in', 'Your password has been changed. Sign in with your new password.', { headers: { 'Set-Cookie': await signOutCookie(request) } })
}

export default function ResetPassword() {
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const state = actionData && 'state' in actionData ? actionData.state : loaderData.state
  const errors = actionData && 'errors' in actionData ? actionData.errors : undefined
  if (state !== 'valid') {
    return (
      <PageContainer>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h1 className="govuk-heading-l">{TITLES[state]}</h1>
            <p className="govuk-body">
              {state === 'expired' ? 'Links to reset a password work for 1 hour.' : state === 'used' ? 'Each link works only once.' : 'Check you copied the whole link from the email.'}
            </p>
            <p className="govuk-body">
              <Link className="govuk-link" to="/forgot-password">
                Get a new link to reset your password
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
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">{TITLES.valid}</h1>
          <p className="govuk-body">Choosing a new password signs you out on every device.</p>
          <Form method="post" noValidate>
            <input type="hidden" name="token" value={loaderData.token} />
            <TextInput
              key={submissionKey(actionData)}
              name="password"
              label="New password"
              type="password"
              autoComplete="new-password"
              hint={`Use ${MIN_PASSWORD_LENGTH} characters or more. A few random words together make a strong password.`}
              error={errors?.password}
            />
            <Button>Change password</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

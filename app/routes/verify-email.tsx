import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { Panel } from '~/components/panel'
import { TextInput } from '~/components/text-input'
import { getUser } from '~/lib/auth.server'
import { email } from '~/lib/fields'
import { invalid, parseForm, valueOf } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { resendVerification, verifyEmail } from '~/modules/accounts/accounts.server'

type State = 'verified' | 'changed' | 'expired' | 'used' | 'invalid' | 'taken' | 'needed' | 'resend'

const TITLES: Record<State, string> = {
  verified: 'Email address confirmed',
  changed: 'Email address changed',
  expired: 'This link has expired',
  used: 'This link has already been used',
  invalid: 'This link does not work',
  taken: 'This email address is already in use',
  needed: 'Confirm your email address',
  resend: 'Get a new confirmation link',
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? TITLES[data.state] : undefined) }]

// A link can be followed only once, so this page keeps what it loaded after a resend.
export const shouldRevalidate = () => false

// Public: the link in the email works whether or not the person is signed in.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const user = await getUser(request)
  const signedIn = user ? { email: user.email, verified: Boolean(user.emailVerifiedAt) } : null
  const token = url.searchParams.get('token')
  if (token !== null) {
    const outcome = await verifyEmail(token)
    if (outcome.status === 'verified') return { state: (outcome.changed ? 'changed' : 'verified') as State, email: outcome.email, signedIn: user ? { email: outcome.email, verified: true } : null }
    if (outcome.status === 'taken') return { state: 'taken' as State, email: outcome.email, signedIn }
    return { state: outcome.status as State, email: null, signedIn }
  }
  return { state: (url.searchParams.get('needed') ? 'needed' : 'resend') as State, email: null, signedIn }
}

const schema = z.object({ email: email() })

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request)
  const requester = { ip: context?.clientIp, senderId: user?.id }
  if (user) {
    const result = await resendVerification(user.email, requester)
    if (!result.ok) return invalid({ errors: result.errors, values: {} }, { status: 429 })
    return { ok: true as const, email: user.email }
  }
  const parsed = parseForm(await request.formData(), schema)
  if (!parsed.ok) return invalid(parsed)
  const result = await resendVerification(parsed.data.email, requester)
  if (!result.ok) return invalid({ errors: result.errors, values: { email: parsed.data.email } }, { status: 429 })
  return { ok: true as const, email: parsed.data.email }
}

export default function VerifyEmail() {
  const { state, email: confirmed, signedIn } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  if (actionData?.ok) {
    return (
      <PageContainer>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h1 className="govuk-heading-l">Check your email</h1>
            <p className="govuk-body">
              If <strong>{actionData.email}</strong> belongs to an account that still needs confirming, we have sent a new link to it. The link expires in 24 hours.
            </p>
          </div>
        </div>
      </PageContainer>
    )
  }
  if (state === 'verified' || state === 'changed') {
    return (
      <PageContainer>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <Panel title={TITLES[state]}>
              <strong>{confirmed}</strong>
            </Panel>
            <p className="govuk-body">
              {signedIn ? (
                <Link className="govuk-link" to="/account">
                  Go to your account
                </Link>
              ) : (
                <>
                  You can now{' '}
                  <Link className="govuk-link" to="/sign-in">
                    sign in
                  </Link>
                  .
                </>
              )}
            </p>
          </div>
        </div>
      </PageContainer>
    )
  }
  const errors = actionData?.errors
  const needsForm = !signedIn?.verified
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {/* Signed in, the form has no address field: the message points at the button. */}
          <ErrorSummary errors={errors} anchors={signedIn ? { email: 'send-link' } : {}} />
          <h1 className="govuk-heading-l">{TITLES[state]}</h1>
          {state === 'expired' ? <p className="govuk-body">Links to confirm an email address work for 24 hours.</p> : null}
          {state === 'used' ? <p className="govuk-body">Each link works only once. If you have already confirmed your email address, you do not need to do anything else.</p> : null}
          {state === 'invalid' ? <p className="govuk-body">Check you copied the whole link from the email. If it still does not work, get a new link.</p> : null}
          {state === 'taken' ? <p className="govuk-body">Another account started using {confirmed} after you asked to change to it, so your email address has not changed.</p> : null}
          {state === 'needed' ? <p className="govuk-body">You need to confirm your email address before you can do that. Open the link we sent you when you created your account.</p> : null}
          {signedIn?.verified ? (
            <p className="govuk-body">
              Your email address, {signedIn.email}, is confirmed. Go to{' '}
              <Link className="govuk-link" to="/account">
                your account
              </Link>
              .
            </p>
          ) : null}
          {needsForm ? (
            <Form method="post" noValidate>
              {signedIn ? (
                <p className="govuk-body">We will send a new link to {signedIn.email}.</p>
              ) : (
                <TextInput name="email" label="Email address" type="email" autoComplete="email" spellCheck={false} error={errors?.email} defaultValue={valueOf(actionData?.values, 'email')} />
              )}
              <Button id="send-link">Send a new link</Button>
            </Form>
          ) : null}
        </div>
      </div>
    </PageContainer>
  )
}

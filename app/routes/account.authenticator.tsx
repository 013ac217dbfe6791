import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button, ButtonLink } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, WarningText } from '~/components/misc'
import { SummaryList } from '~/components/summary-list'
import { CodeField } from '~/components/code-field'
import { authenticate, needsSecondFactor, requireUser, rotateSession, secondFactorPath } from '~/lib/auth.server'
import { invalid, parseForm } from '~/lib/forms'
import { invariantResponse, safeRedirectPath } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDate } from '~/lib/time'
import { failure, submissionKey } from '~/modules/accounts/form-values'
import { authenticatorCodeSchema } from '~/modules/accounts/second-factor-form'
import { confirmEnrolment, enrolment, issueFirstRecoveryCodes, renewRecoveryCodes } from '~/modules/accounts/two-factor.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.enrolment.status === 'enrolled' ? 'Your authenticator app' : 'Set up an authenticator app', 'Your account') }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get('redirectTo'), '/account')
  const current = await enrolment(user.id)
  invariantResponse(current, 'Not found')
  // Set up in another session: this one still has to show the code.
  if (current.status === 'enrolled' && user.role !== user.heldRole) throw redirect(secondFactorPath(user, redirectTo))
  const recoveryCodes = current.status === 'enrolled' ? await issueFirstRecoveryCodes(user) : null
  return { enrolment: current, recoveryCodes, redirectTo, required: needsSecondFactor(user.heldRole), roleName: user.heldRole === 'admin' ? 'an admin' : 'staff' }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, session } = await authenticate(request)
  if (!user) throw redirect(`/sign-in?${new URLSearchParams({ redirectTo: '/account/authenticator' })}`)
  const formData = await request.formData()
  const redirectTo = safeRedirectPath(String(formData.get('redirectTo') ?? ''), '/account')
  if (formData.get('intent') === 'renew') {
    if (session.secondFactor !== 'verified') throw redirect(secondFactorPath(user, '/account/authenticator'))
    const codes = await renewRecoveryCodes(user)
    invariantResponse(codes, 'Not found')
    return { ok: true as const, recoveryCodes: codes, redirectTo: '/account', renewed: true }
  }
  const parsed = parseForm(formData, authenticatorCodeSchema)
  if (!parsed.ok) return invalid(failure(parsed.errors, { redirectTo }))
  const result = await confirmEnrolment(user, parsed.data.code)
  if (!result.ok) return invalid(failure(result.errors, { redirectTo }))
  // The code proves the second factor, so this session is upgraded under a new id; the page then shows the recovery codes once.
  const cookie = await rotateSession(request, user.id, 'verified')
  throw redirect(`/account/authenticator?${new URLSearchParams({ redirectTo })}`, { headers: { 'Set-Cookie': cookie } })
}

function RecoveryCodes({ codes, redirectTo, renewed }: { codes: string[]; redirectTo: string; renewed: boolean }) {
  return (
    <>
      <h1 className="govuk-heading-l">{renewed ? 'Your new recovery codes' : 'Save your recovery codes'}</h1>
      {renewed ? null : <p className="govuk-body">Your authenticator app is set up. From now on, you will enter a code from it each time you sign in.</p>}
      <p className="govuk-body">
        If you lose your phone or cannot use the app, you can sign in with one of these recovery codes instead. Each code works once.
        {renewed ? ' Your old codes no longer work.' : ''}
      </p>
      <ol className="govuk-list govuk-list--number app-recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code className="app-code">{code}</code>
          </li>
        ))}
      </ol>
      <WarningText>Print these codes or keep them in a password manager now. You will not be able to see them again.</WarningText>
      <ButtonLink to={redirectTo}>I have saved my recovery codes</ButtonLink>
    </>
  )
}

export default function Authenticator() {
  const { enrolment: current, recoveryCodes, redirectTo, required, roleName } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const shown = actionData?.ok ? actionData : recoveryCodes ? { recoveryCodes, redirectTo, renewed: false } : null
  if (shown) {
    return (
      <PageContainer>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <RecoveryCodes codes={shown.recoveryCodes} redirectTo={shown.redirectTo} renewed={shown.renewed} />
          </div>
        </div>
      </PageContainer>
    )
  }
  if (current.status === 'enrolled') {
    return (
      <PageContainer before={<BackLink to="/account">Back to your account</BackLink>}>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h1 className="govuk-heading-l">Your authenticator app</h1>
            <SummaryList
              rows={[
                { key: 'Set up', value: formatDate(current.enabledAt) },
                { key: 'Recovery codes left', value: `${current.recoveryCodesLeft} of 10` },
              ]}
            />
            <p className="govuk-body">If you have used or lost some of your recovery codes, create new ones. The old codes will stop working.</p>
            <Form method="post">
              <input type="hidden" name="intent" value="renew" />
              <Button variant="secondary">Create new recovery codes</Button>
            </Form>
          </div>
        </div>
      </PageContainer>
    )
  }
  const errors = actionData && !actionData.ok ? actionData.errors : undefined
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">Set up an authenticator app</h1>
          {required ? (
            <p className="govuk-body">
              You need an authenticator app to use the hub as {roleName}. Each time you sign in, you will enter your password and then a code from the app, so nobody can sign in as you with your
              password alone.
            </p>
          ) : (
            <p className="govuk-body">With an authenticator app, you will enter a code from the app after your password each time you sign in.</p>
          )}
          <h2 className="govuk-heading-m">1. Install an authenticator app</h2>
          <p className="govuk-body">Use any authenticator app on your phone, for example Google Authenticator, Microsoft Authenticator or FreeOTP.</p>
          <h2 className="govuk-heading-m">2. Add the hub to the app</h2>
          <p className="govuk-body">In the app, choose to add an account and enter this key. If the app asks, the account is time based.</p>
          <p className="govuk-body">
            <span className="govuk-visually-hidden">Key: </span>
            <code className="app-code app-totp-key" data-totp-key>
              {current.groupedSecret}
            </code>
          </p>
          <p className="govuk-body">
            If the app is on this device, you can{' '}
            <a className="govuk-link" href={current.uri}>
              add the hub to your authenticator app
            </a>{' '}
            instead.
          </p>
          <h2 className="govuk-heading-m">3. Enter the code from the app</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <CodeField resetKey={submissionKey(actionData)} label="Code from the app" hint="The 6-digit code the app shows for the Commissioning Hub" error={errors?.code} />
            <Button>Continue</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { TextInput } from '~/components/text-input'
import { awaitingSecondFactor, getUser, rotateSession } from '~/lib/auth.server'
import { invalid, parseForm } from '~/lib/forms'
import { safeRedirectPath } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { failure, submissionKey } from '~/modules/accounts/form-values'
import { authenticatorCodeSchema } from '~/modules/accounts/second-factor-form'
import { checkAuthenticatorCode, CODE_THROTTLED, CODE_WRONG } from '~/modules/accounts/two-factor.server'

export const meta: MetaFunction = () => [{ title: pageTitle('Enter the code from your authenticator app') }]

/** Only a person whose password was right and who has an authenticator app gets this far. */
async function pending(request: Request, redirectTo: string) {
  const waiting = await awaitingSecondFactor(request)
  if (waiting) return waiting
  if (await getUser(request)) throw redirect(redirectTo)
  throw redirect(`/sign-in?${new URLSearchParams({ redirectTo })}`)
}

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get('redirectTo'), '/account')
  await pending(request, redirectTo)
  return { redirectTo }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const redirectTo = safeRedirectPath(String(formData.get('redirectTo') ?? ''), '/account')
  const { user } = await pending(request, redirectTo)
  const parsed = parseForm(formData, authenticatorCodeSchema)
  if (!parsed.ok) return invalid(failure(parsed.errors, { redirectTo }))
  const outcome = await checkAuthenticatorCode({ userId: user.id, code: parsed.data.code, ip: context?.clientIp })
  if (!outcome.ok) {
    const throttled = outcome.reason === 'throttled'
    return invalid(failure({ code: throttled ? CODE_THROTTLED : CODE_WRONG }, { redirectTo }), { status: throttled ? 429 : 400 })
  }
  const cookie = await rotateSession(request, user.id, 'verified')
  throw redirect(redirectTo, { headers: { 'Set-Cookie': cookie } })
}

export default function EnterCode() {
  const { redirectTo } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <Form method="post" noValidate>
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <TextInput
              key={submissionKey(actionData)}
              name="code"
              label="Enter the code from your authenticator app"
              labelSize="l"
              isPageHeading
              hint="Open the authenticator app on your phone and enter the 6-digit code it shows for the Commissioning Hub. The code changes every 30 seconds."
              error={errors?.code}
              width={5}
              inputMode="numeric"
              autoComplete="one-time-code"
              spellCheck={false}
            />
            <Button>Continue</Button>
          </Form>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/sign-in/recovery-code?${new URLSearchParams({ redirectTo })}`}>
              I cannot use my authenticator app
            </Link>
          </p>
        </div>
      </div>
    </PageContainer>
  )
}

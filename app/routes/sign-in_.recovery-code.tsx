import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { TextInput } from '~/components/text-input'
import { awaitingSecondFactor, getUser, rotateSession } from '~/lib/auth.server'
import { invalid, parseForm } from '~/lib/forms'
import { safeRedirectPath } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { failure, submissionKey } from '~/modules/accounts/form-values'
import { recoveryCodeSchema } from '~/modules/accounts/second-factor-form'
import { CODE_THROTTLED, RECOVERY_CODE_WRONG, redeemRecoveryCode } from '~/modules/accounts/two-factor.server'

export const meta: MetaFunction = () => [{ title: pageTitle('Enter a recovery code') }]

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
  const parsed = parseForm(formData, recoveryCodeSchema)
  if (!parsed.ok) return invalid(failure(parsed.errors, { redirectTo }))
  const outcome = await redeemRecoveryCode({ userId: user.id, code: parsed.data.code, ip: context?.clientIp })
  if (!outcome.ok) {
    const throttled = outcome.reason === 'throttled'
    return invalid(failure({ code: throttled ? CODE_THROTTLED : RECOVERY_CODE_WRONG }, { redirectTo }), { status: throttled ? 429 : 400 })
  }
  const cookie = await rotateSession(request, user.id, 'verified')
  throw redirect(redirectTo, { headers: { 'Set-Cookie': cookie } })
}

export default function EnterRecoveryCode() {
  const { redirectTo } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors
  return (
    <PageContainer before={<BackLink to={`/sign-in/code?${new URLSearchParams({ redirectTo })}`}>Back</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <Form method="post" noValidate>
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <TextInput
              key={submissionKey(actionData)}
              name="code"
              label="Enter a recovery code"
              labelSize="l"
              isPageHeading
              hint="Use one of the 10 recovery codes you saved when you set up your authenticator app, like abcde-23456. Each code works once."
              error={errors?.code}
              width={10}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
            />
            <Button>Continue</Button>
          </Form>
          <p className="govuk-body">If you have lost your recovery codes too, ask an admin of the hub to reset your authenticator app. You can then set it up again.</p>
        </div>
      </div>
    </PageContainer>
  )
}

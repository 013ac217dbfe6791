import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { CodeField } from '~/components/code-field'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import type { FieldErrors } from '~/lib/forms'
import { submissionKey } from './form-values'
import type { SecondFactorKind } from './second-factor-form'

export const SECOND_FACTOR_TITLES: Record<SecondFactorKind, string> = {
  authenticator: 'Enter the code from your authenticator app',
  recovery: 'Enter a recovery code',
}

const HINTS: Record<SecondFactorKind, string> = {
  authenticator: 'Open the authenticator app on your phone and enter the 6-digit code it shows for the Commissioning Hub. The code changes every 30 seconds.',
  recovery: 'Use one of the 10 recovery codes you saved when you set up your authenticator app, like abcde-23456. Each code works once.',
}

/** The sign-in step after a right password, for a code from the authenticator app or, failing that, a recovery code. */
export function SecondFactorPage({ kind }: { kind: SecondFactorKind }) {
  const { redirectTo } = useLoaderData<{ redirectTo: string }>()
  const actionData = useActionData<{ errors?: FieldErrors }>()
  const errors = actionData?.errors
  const query = new URLSearchParams({ redirectTo })
  return (
    <PageContainer before={kind === 'recovery' ? <BackLink to={`/sign-in/code?${query}`}>Back</BackLink> : undefined}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <Form method="post" noValidate>
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <CodeField kind={kind} resetKey={submissionKey(actionData)} label={SECOND_FACTOR_TITLES[kind]} isPageHeading hint={HINTS[kind]} error={errors?.code} />
            <Button>Continue</Button>
          </Form>
          {kind === 'authenticator' ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={`/sign-in/recovery-code?${query}`}>
                I cannot use my authenticator app
              </Link>
            </p>
          ) : (
            <p className="govuk-body">If you have lost your recovery codes too, ask an admin of the hub to reset your authenticator app. You can then set it up again.</p>
          )}
        </div>
      </div>
    </PageContainer>
  )
}

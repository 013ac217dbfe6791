import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { TextInput } from '~/components/text-input'
import { email } from '~/lib/fields'
import { invalid, parseForm, valueOf } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { requestPasswordReset } from '~/modules/accounts/accounts.server'

export const meta: MetaFunction = () => [{ title: pageTitle('Reset your password') }, { name: 'description', content: 'Reset the password for your Commissioning Hub account.' }]

const schema = z.object({ email: email() })

// Public: people who cannot sign in use this page.
export async function loader() {
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), schema)
  if (!parsed.ok) return invalid(parsed)
  const result = await requestPasswordReset(parsed.data.email, { ip: context?.clientIp })
  if (!result.ok) return invalid({ errors: result.errors, values: { email: parsed.data.email } }, { status: 429 })
  return { ok: true as const, email: parsed.data.email }
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>()
  if (actionData?.ok) {
    return (
      <PageContainer>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h1 className="govuk-heading-l">Check your email</h1>
            <p className="govuk-body">
              If <strong>{actionData.email}</strong> belongs to an account, we have sent a link to it to reset your password. The link expires in 1 hour.
            </p>
          </div>
        </div>
      </PageContainer>
    )
  }
  const errors = actionData?.errors
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">Reset your password</h1>
          <p className="govuk-body">Enter the email address you use for the hub. We will send you a link to choose a new password.</p>
          <Form method="post" noValidate>
            <TextInput name="email" label="Email address" type="email" autoComplete="email" spellCheck={false} error={errors?.email} defaultValue={valueOf(actionData?.values, 'email')} />
            <Button>Send a reset link</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

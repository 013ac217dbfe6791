import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { Panel } from '~/components/panel'
import { TextInput } from '~/components/text-input'
import { getUser } from '~/lib/auth.server'
import { email, requiredText } from '~/lib/fields'
import { formValues, invalid, parseForm, valueOf } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { registerAccount } from '~/modules/accounts/accounts.server'
import { failure, submissionKey } from '~/modules/accounts/form-values'
import { MIN_PASSWORD_LENGTH, newPassword } from '~/modules/accounts/password-policy'

export const meta: MetaFunction = () => [
  { title: pageTitle('Create an account') },
  { name: 'description', content: 'Create a Commissioning Hub account to respond to consultations and surveys, post What Works case studies and register interest in contracts.' },
]

const schema = z.object({
  name: requiredText('Enter your full name', { max: 200 }),
  email: email(),
  password: newPassword(),
})

// Public: anyone may register; someone already signed in goes to their account.
export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect('/account')
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const parsed = parseForm(formData, schema)
  if (!parsed.ok) return invalid(failure(parsed.errors, parsed.values))
  const result = await registerAccount(parsed.data, { ip: context?.clientIp })
  if (!result.ok) return invalid(failure(result.errors, formValues(formData)), { status: 429 })
  return { ok: true as const, email: result.value }
}

export default function Register() {
  const actionData = useActionData<typeof action>()
  if (actionData?.ok) {
    return (
      <PageContainer>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <Panel title="Check your email" />
            <p className="govuk-body">
              We have sent an email to <strong>{actionData.email}</strong>. Open the link in it to confirm your email address. The link expires in 24 hours.
            </p>
            <p className="govuk-body">If you already have an account with this address, the email tells you how to sign in instead.</p>
            <p className="govuk-body">
              You can{' '}
              <Link className="govuk-link" to="/sign-in">
                sign in
              </Link>{' '}
              now, but you need to confirm your email address before you can publish anything.
            </p>
          </div>
        </div>
      </PageContainer>
    )
  }
  const errors = actionData?.errors
  const values = actionData?.values
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">Create an account</h1>
          <p className="govuk-body">
            Already have an account?{' '}
            <Link className="govuk-link" to="/sign-in">
              Sign in
            </Link>
            .
          </p>
          <Form method="post" noValidate>
            <TextInput name="name" label="Full name" autoComplete="name" spellCheck={false} error={errors?.name} defaultValue={valueOf(values, 'name')} />
            <TextInput
              name="email"
              label="Email address"
              type="email"
              autoComplete="email"
              spellCheck={false}
              hint="We will send a link to this address to confirm it"
              error={errors?.email}
              defaultValue={valueOf(values, 'email')}
            />
            <TextInput
              key={submissionKey(actionData)}
              name="password"
              label="Password"
              type="password"
              autoComplete="new-password"
              hint={`Use ${MIN_PASSWORD_LENGTH} characters or more. A few random words together make a strong password.`}
              error={errors?.password}
            />
            <Button>Create account</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { TextInput } from '~/components/text-input'
import { getUser, signInWithPassword } from '~/lib/auth.server'
import { email } from '~/lib/fields'
import { invalid, parseForm, valueOf } from '~/lib/forms'
import { safeRedirectPath } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { failure, submissionKey } from '~/modules/accounts/form-values'
import { currentPassword } from '~/modules/accounts/password-policy'
import { signIn } from '~/modules/accounts/sign-in.server'

export const meta: MetaFunction = () => [
  { title: pageTitle('Sign in') },
  { name: 'description', content: 'Sign in to the Commissioning Hub to respond to consultations and surveys, post case studies and register interest in pipeline notices.' },
]

const schema = z.object({
  email: email(),
  password: currentPassword('Enter your password'),
  redirectTo: z.string().optional(),
})

// Public: this is where people sign in.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const redirectTo = safeRedirectPath(url.searchParams.get('redirectTo'), '/account')
  if (await getUser(request)) throw redirect(redirectTo)
  return { redirectTo }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const parsed = parseForm(formData, schema)
  if (!parsed.ok) return invalid(failure(parsed.errors, parsed.values))
  const outcome = await signIn({ email: parsed.data.email, password: parsed.data.password, ip: context?.clientIp })
  if (!outcome.ok) {
    const values = { email: parsed.data.email, redirectTo: parsed.data.redirectTo ?? '' }
    return invalid(failure(outcome.errors, values), { status: outcome.code === 'throttled' ? 429 : 400 })
  }
  const { cookie, location } = await signInWithPassword(request, outcome.user, safeRedirectPath(parsed.data.redirectTo, '/account'))
  throw redirect(location, { headers: { 'Set-Cookie': cookie } })
}

export default function SignIn() {
  const { redirectTo } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors
  const values = actionData?.values
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">Sign in</h1>
          <Form method="post" noValidate>
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <TextInput name="email" label="Email address" type="email" autoComplete="email" spellCheck={false} error={errors?.email} defaultValue={valueOf(values, 'email')} />
            <TextInput key={submissionKey(actionData)} name="password" label="Password" type="password" autoComplete="current-password" error={errors?.password} />
            <Button>Sign in</Button>
          </Form>
          <p className="govuk-body">
            <Link className="govuk-link" to="/forgot-password">
              I have forgotten my password
            </Link>
          </p>
          <p className="govuk-body">
            New to the hub?{' '}
            <Link className="govuk-link" to="/register">
              Create an account
            </Link>
            .
          </p>
        </div>
      </div>
    </PageContainer>
  )
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { TextInput } from '~/components/text-input'
import { requireUser } from '~/lib/auth.server'
import { email } from '~/lib/fields'
import { formValues, invalid, parseForm, valueOf } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { requestEmailChange } from '~/modules/accounts/accounts.server'
import { failure, submissionKey } from '~/modules/accounts/form-values'
import { currentPassword } from '~/modules/accounts/password-policy'

export const meta: MetaFunction = () => [{ title: pageTitle('Change your email address', 'Your account') }]

const schema = z.object({ email: email(), password: currentPassword() })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { email: user.email }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await request.formData()
  const parsed = parseForm(formData, schema)
  if (!parsed.ok) return invalid(failure(parsed.errors, parsed.values))
  const result = await requestEmailChange(user.id, parsed.data, { ip: context?.clientIp })
  if (!result.ok) return invalid(failure(result.errors, formValues(formData)))
  throw await redirectWithNotice('/account', 'Check your email: we have sent a link to your new address. Your email address changes when you open it.')
}

export default function ChangeEmail() {
  const { email: current } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors
  return (
    <PageContainer before={<BackLink to="/account">Back to your account</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">Change your email address</h1>
          <p className="govuk-body">Your email address is {current}. We will send a link to the new address; it changes when you open the link.</p>
          <Form method="post" noValidate>
            <TextInput name="email" label="New email address" type="email" autoComplete="email" spellCheck={false} error={errors?.email} defaultValue={valueOf(actionData?.values, 'email')} />
            <TextInput key={submissionKey(actionData)} name="password" label="Your password" type="password" autoComplete="current-password" hint="To check it is you" error={errors?.password} />
            <Button>Send confirmation link</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

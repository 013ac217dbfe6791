import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { TextInput } from '~/components/text-input'
import { authenticate, requireUser } from '~/lib/auth.server'
import { invalid, parseForm } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { changePassword } from '~/modules/accounts/accounts.server'
import { failure, submissionKey } from '~/modules/accounts/form-values'
import { currentPassword, MIN_PASSWORD_LENGTH, newPassword } from '~/modules/accounts/password-policy'

export const meta: MetaFunction = () => [{ title: pageTitle('Change your password', 'Your account') }]

const schema = z.object({ currentPassword: currentPassword('Enter your current password'), newPassword: newPassword('Enter a new password') })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const { session } = await authenticate(request)
  const parsed = parseForm(await request.formData(), schema)
  if (!parsed.ok) return invalid(failure(parsed.errors, parsed.values))
  const result = await changePassword(user.id, parsed.data, session!.id, { ip: context?.clientIp })
  if (!result.ok) return invalid(failure(result.errors, {}))
  throw await redirectWithNotice('/account', 'Your password has been changed. You have been signed out on every other device.')
}

export default function ChangePassword() {
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors
  return (
    <PageContainer before={<BackLink to="/account">Back to your account</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">Change your password</h1>
          <p className="govuk-body">Changing your password signs you out on every other device.</p>
          <Form method="post" noValidate>
            <TextInput key={`current-${submissionKey(actionData)}`} name="currentPassword" label="Current password" type="password" autoComplete="current-password" error={errors?.currentPassword} />
            <TextInput
              key={`new-${submissionKey(actionData)}`}
              name="newPassword"
              label="New password"
              type="password"
              autoComplete="new-password"
              hint={`Use ${MIN_PASSWORD_LENGTH} characters or more. A few random words together make a strong password.`}
              error={errors?.newPassword}
            />
            <Button>Change password</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Button, ButtonGroup } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, WarningText } from '~/components/misc'
import { TextInput } from '~/components/text-input'
import { requireUser, signOutCookie } from '~/lib/auth.server'
import { invalid, parseForm } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { deleteAccount } from '~/modules/accounts/accounts.server'
import { failure, submissionKey } from '~/modules/accounts/form-values'
import { FORMER_MEMBER } from '~/modules/accounts/former-member'
import { currentPassword } from '~/modules/accounts/password-policy'
import { deletionStatements } from '~/modules/accounts/personal-data.server'

export const meta: MetaFunction = () => [{ title: pageTitle('Delete your account', 'Your account') }]

const schema = z.object({ password: currentPassword('Enter your password to confirm') })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  return { statements: await deletionStatements() }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const parsed = parseForm(await request.formData(), schema)
  if (!parsed.ok) return invalid(failure(parsed.errors, parsed.values))
  const result = await deleteAccount(user.id, parsed.data.password, { ip: context?.clientIp })
  if (!result.ok) return invalid(failure(result.errors, {}))
  throw await redirectWithNotice('/sign-in', 'Your account has been deleted.', { headers: { 'Set-Cookie': await signOutCookie(request) } })
}

export default function DeleteAccount() {
  const { statements } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors
  return (
    <PageContainer before={<BackLink to="/account">Back to your account</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">Delete your account</h1>
          <p className="govuk-body">If you delete your account:</p>
          <ul className="govuk-list govuk-list--bullet">
            {statements.map((statement) => (
              <li key={statement}>{statement}</li>
            ))}
            <li>What you wrote on behalf of an organisation, such as a consultation response, stays with that organisation and is shown as written by “{FORMER_MEMBER}”.</li>
            <li>What you wrote as an individual is deleted.</li>
          </ul>
          <p className="govuk-body">
            You may want to{' '}
            <a className="govuk-link" href="/account/download" download>
              download your data
            </a>{' '}
            first.
          </p>
          <WarningText>You cannot undo this.</WarningText>
          <Form method="post" noValidate>
            <TextInput key={submissionKey(actionData)} name="password" label="Enter your password to confirm" type="password" autoComplete="current-password" error={errors?.password} />
            <ButtonGroup>
              <Button variant="warning">Delete your account</Button>
              <Link className="govuk-link" to="/account">
                Cancel
              </Link>
            </ButtonGroup>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { Radios } from '~/components/choices'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { SummaryList } from '~/components/summary-list'
import { requireAdmin } from '~/lib/auth.server'
import { choice } from '~/lib/fields'
import { invalid, parseForm, valueOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { redirectWithNotice } from '~/lib/notice.server'
import { changeRole, getUserForAdmin, resetAuthenticator, ROLES } from '~/modules/accounts/admin.server'
import { ROLE_NAMES, ROLE_OPTIONS } from '~/modules/accounts/roles'
import { adminUserPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.user.email, 'Users') }]

const schema = z.object({ role: choice(ROLES, 'Select a role') })

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const user = await getUserForAdmin(params.id ?? '')
  invariantResponse(user, 'Not found')
  return { user }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const formData = await request.formData()
  if (formData.get('intent') === 'reset-authenticator') {
    await resetAuthenticator(admin, params.id ?? '')
    const user = await getUserForAdmin(params.id ?? '')
    throw await redirectWithNotice(
      adminUserPath(params.id ?? ''),
      `${user?.name ?? 'The user'}’s authenticator app has been reset. They have been signed out and will set up a new app when they next sign in.`,
    )
  }
  const parsed = parseForm(formData, schema)
  if (!parsed.ok) return invalid(parsed)
  const result = await changeRole(admin, params.id ?? '', parsed.data.role)
  if (!result.ok) return invalid({ errors: result.errors, values: { role: parsed.data.role } })
  const user = await getUserForAdmin(params.id ?? '')
  throw await redirectWithNotice(adminUserPath(params.id ?? ''), `Role saved: ${user?.name ?? 'the user'} is now ${ROLE_NAMES[parsed.data.role]}.`)
}

export default function AdminUser() {
  const { user } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors
  return (
    <PageContainer before={<BackLink to="/admin/users">Back to users</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">User</span>
          <h1 className="govuk-heading-l">{user.name}</h1>
          <SummaryList
            rows={[
              { key: 'Email address', value: user.email },
              { key: 'Email confirmed', value: user.emailVerifiedAt ? formatDateTime(user.emailVerifiedAt) : 'Not confirmed' },
              { key: 'Account created', value: formatDateTime(user.createdAt) },
              { key: 'Authenticator app', value: user.totpEnabledAt ? `Set up ${formatDateTime(user.totpEnabledAt)}` : 'Not set up' },
            ]}
          />
          {user.totpEnabledAt ? (
            <Form method="post">
              <input type="hidden" name="intent" value="reset-authenticator" />
              <p className="govuk-body">Reset the authenticator app only for someone who has lost both their app and their recovery codes, once you are sure who they are.</p>
              <Button variant="warning">Reset authenticator app</Button>
            </Form>
          ) : null}
          <Form method="post" noValidate>
            <Radios name="role" legend="Role" legendSize="m" error={errors?.role} value={valueOf(actionData?.values, 'role') ?? user.role} options={ROLE_OPTIONS} />
            <Button>Save role</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

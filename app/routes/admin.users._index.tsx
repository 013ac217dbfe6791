import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react'
import { Button } from '~/components/button'
import { PageContainer } from '~/components/layout'
import { Pagination } from '~/components/pagination'
import { Table } from '~/components/table'
import { Tag } from '~/components/tag'
import { TextInput } from '~/components/text-input'
import { requireAdmin } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { listUsers } from '~/modules/accounts/admin.server'
import { ROLE_NAMES } from '~/modules/accounts/roles'
import { plural } from '~/lib/plural'
import { pageNumber } from '~/lib/http.server'
import { adminUserPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Users', 'Admin') }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const url = new URL(request.url)
  const email = (url.searchParams.get('email') ?? '').slice(0, 254)
  const page = pageNumber(url.searchParams.get('page'))
  return { email, page, ...(await listUsers({ email, page })) }
}

export default function AdminUsers() {
  const { email, page, rows, total, pageCount } = useLoaderData<typeof loader>()
  const { search } = useLocation()
  return (
    <PageContainer>
      <h1 className="govuk-heading-l">Users</h1>
      <p className="govuk-body">
        <Link className="govuk-link" to="/admin/audit">
          Audit log
        </Link>{' '}
        ·{' '}
        <Link className="govuk-link" to="/admin/mailbox">
          Development mailbox
        </Link>
      </p>
      <Form method="get" role="search" aria-label="Users">
        <TextInput name="email" label="Search by email address" type="search" spellCheck={false} width="two-thirds" defaultValue={email} />
        <Button variant="secondary">Search</Button>
      </Form>
      <p className="govuk-body" aria-live="polite">
        {plural(total, 'person', 'people')}
        {email ? ` with an email address containing “${email}”` : ''}
      </p>
      {rows.length ? (
        <Table
          caption="People with an account"
          captionSize="s"
          rowKey={(row) => row.id}
          firstCellIsHeader
          rows={rows}
          columns={[
            {
              header: 'Email address',
              cell: (row) => (
                <Link className="govuk-link" to={adminUserPath(row.id)}>
                  {row.email}
                </Link>
              ),
            },
            { header: 'Name', cell: (row) => row.name },
            { header: 'Role', cell: (row) => ROLE_NAMES[row.role] },
            { header: 'Email confirmed', cell: (row) => (row.emailVerifiedAt ? 'Yes' : <Tag colour="yellow">Not confirmed</Tag>) },
          ]}
        />
      ) : null}
      <Pagination page={page} pageCount={pageCount} search={search} />
    </PageContainer>
  )
}

import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { BackLink } from '~/components/misc'
import { PageContainer } from '~/components/layout'
import { Pagination } from '~/components/pagination'
import { Table } from '~/components/table'
import { Tag, type TagColour } from '~/components/tag'
import { requireAdmin } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { listMail } from '~/modules/accounts/admin.server'
import { plural } from '~/lib/plural'
import { pageNumber } from '~/lib/http.server'
import { mailboxMessagePath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.showsContent === false ? 'Sent email' : 'Development mailbox', 'Admin') }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAdmin(request)
  const page = pageNumber(new URL(request.url).searchParams.get('page'))
  return { page, ...(await listMail(user, { page })) }
}

const STATUS_COLOURS: Record<string, TagColour> = { queued: 'blue', sending: 'light-blue', sent: 'green', failed: 'red', bounced: 'orange', cancelled: 'grey' }

export default function Mailbox() {
  const { rows, total, page, pageCount, showsContent } = useLoaderData<typeof loader>()
  const { search } = useLocation()
  return (
    <PageContainer before={<BackLink to="/admin/users">Back to users</BackLink>}>
      <h1 className="govuk-heading-l">{showsContent ? 'Development mailbox' : 'Sent email'}</h1>
      {showsContent ? (
        <p className="govuk-body">Every email the hub has sent, newest first. Without an SMTP server configured, this is the only place they go.</p>
      ) : (
        <p className="govuk-body">
          Every email the hub has sent, newest first. Emails go out through the SMTP server, so only who they went to, when and their status are shown here: what they say, including people&rsquo;s
          sign-in and subscription links, is not.
        </p>
      )}
      <p className="govuk-body">Opening this list or an email is recorded in the audit log.</p>
      <p className="govuk-body">{plural(total, 'email')}</p>
      {rows.length ? (
        <Table
          caption="Emails, newest first"
          captionSize="s"
          rowKey={(row) => row.id}
          rows={rows}
          columns={[
            { header: 'Sent', cell: (row) => formatDateTime(row.createdAt) },
            { header: 'To', cell: (row) => row.toAddress },
            {
              header: 'Subject',
              cell: (row) => (
                <Link className="govuk-link" to={mailboxMessagePath(row.id)}>
                  {row.subject}
                </Link>
              ),
            },
            { header: 'Status', cell: (row) => <Tag colour={STATUS_COLOURS[row.status]}>{row.status}</Tag> },
          ]}
        />
      ) : null}
      <Pagination page={page} pageCount={pageCount} search={search} />
    </PageContainer>
  )
}

import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ButtonLink } from '~/components/button'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Table } from '~/components/table'
import { requireStaff } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { formatDate } from '~/lib/time'
import { interestCounts } from '~/modules/pipeline/interest.server'
import { formatValueRange, ROUTE_LABELS } from '~/modules/pipeline/model'
import { StatusTag } from '~/modules/pipeline/notice-view'
import { listAllNotices } from '~/modules/pipeline/notices.server'
import { staffNoticePath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Pipeline notices', 'Staff') }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  const notices = await listAllNotices()
  const counts = await interestCounts(notices.map((n) => n.id))
  return { notices: notices.map((n) => ({ ...n, interest: counts[n.id] ?? 0 })) }
}

export default function StaffPipeline() {
  const { notices } = useLoaderData<typeof loader>()
  return (
    <PageContainer before={<BackLink to="/staff">Back to the staff dashboard</BackLink>}>
      <span className="govuk-caption-l">Staff</span>
      <h1 className="govuk-heading-l">Pipeline notices</h1>
      <ButtonLink to="/staff/pipeline/new">Create a notice</ButtonLink>
      {notices.length ? (
        <Table
          caption="All notices, most recently changed first"
          rows={notices}
          rowKey={(n) => n.id}
          columns={[
            {
              header: 'Notice',
              cell: (n) => (
                <>
                  <Link className="govuk-link" to={staffNoticePath(n.id)}>
                    {n.title}
                  </Link>
                  <br />
                  <span className="govuk-hint govuk-!-font-size-16">
                    {n.reference}, {ROUTE_LABELS[n.route]}
                  </span>
                </>
              ),
            },
            {
              header: 'Status',
              cell: (n) => (
                <>
                  {n.publishedAt ? <StatusTag status={n.status} /> : <strong className="govuk-tag govuk-tag--grey">Draft</strong>}
                  {n.lastUpdatedAt ? <span className="govuk-hint govuk-!-font-size-16 govuk-!-display-block">Updated {formatDate(n.lastUpdatedAt)}</span> : null}
                </>
              ),
            },
            { header: 'Value', cell: (n) => formatValueRange(n.valueMinPence, n.valueMaxPence) },
            { header: 'Interest', cell: (n) => n.interest, numeric: true },
          ]}
        />
      ) : (
        <p className="govuk-body">There are no notices yet.</p>
      )}
    </PageContainer>
  )
}

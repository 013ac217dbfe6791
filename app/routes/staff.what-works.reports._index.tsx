import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { requireStaff } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { openReports } from '~/modules/case-studies/moderation.server'
import { plural } from '~/lib/plural'
import { TableScroll } from '~/components/table'
import { caseStudyReportPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Reports awaiting moderation', 'What Works') }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  const reports = await openReports()
  return { reports: reports.map((r) => ({ ...r, when: formatDateTime(r.createdAt) })) }
}

export default function Reports() {
  const { reports } = useLoaderData<typeof loader>()
  return (
    <PageContainer before={<BackLink to="/staff">Back to the staff dashboard</BackLink>}>
      <span className="govuk-caption-l">What Works</span>
      <h1 className="govuk-heading-l">Reports awaiting moderation</h1>
      <p className="govuk-body">
        <Link className="govuk-link" to="/staff/what-works/hidden">
          See hidden case studies and comments
        </Link>
      </p>
      {reports.length ? (
        <TableScroll label="Reports, oldest first">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">{plural(reports.length, 'report')}, oldest first</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Reported
                </th>
                <th scope="col" className="govuk-table__header">
                  Reason
                </th>
                <th scope="col" className="govuk-table__header">
                  When
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {reports.map((r) => (
                <tr key={r.id} className="govuk-table__row">
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={caseStudyReportPath(r.id)}>
                      {r.commentId ? `Comment by ${r.commentAuthorName ?? 'a former member'} on ${r.caseStudyTitle}` : `Case study: ${r.caseStudyTitle}`}
                    </Link>
                  </td>
                  <td className="govuk-table__cell">{r.reason}</td>
                  <td className="govuk-table__cell">
                    {r.when}
                    {r.reporterName ? ` by ${r.reporterName}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="govuk-body">No reports are waiting.</p>
      )}
    </PageContainer>
  )
}

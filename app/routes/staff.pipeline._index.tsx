import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ButtonLink } from '~/components/button'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { requireStaff } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { formatDate } from '~/lib/time'
import { interestCounts } from '~/modules/pipeline/interest.server'
import { formatValueRange, ROUTE_LABELS } from '~/modules/pipeline/model'
import { StatusTag } from '~/modules/pipeline/notice-view'
import { listAllNotices } from '~/modules/pipeline/notices.server'

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
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">All notices, most recently changed first</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Notice
              </th>
              <th scope="col" className="govuk-table__header">
                Status
              </th>
              <th scope="col" className="govuk-table__header">
                Value
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Interest
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {notices.map((n) => (
              <tr className="govuk-table__row" key={n.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/staff/pipeline/${n.id}`}>
                    {n.title}
                  </Link>
                  <br />
                  <span className="govuk-hint govuk-!-font-size-16">
                    {n.reference}, {ROUTE_LABELS[n.route]}
                  </span>
                </td>
                <td className="govuk-table__cell">
                  {n.publishedAt ? <StatusTag status={n.status} /> : <strong className="govuk-tag govuk-tag--grey">Draft</strong>}
                  {n.lastUpdatedAt ? <span className="govuk-hint govuk-!-font-size-16 govuk-!-display-block">Updated {formatDate(n.lastUpdatedAt)}</span> : null}
                </td>
                <td className="govuk-table__cell">{formatValueRange(n.valueMinPence, n.valueMaxPence)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{n.interest}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="govuk-body">There are no notices yet.</p>
      )}
    </PageContainer>
  )
}

import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { requireStaff } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDate } from '~/lib/time'
import { capabilityLabel } from '~/modules/organisations/capabilities'
import { SECTOR_SHORT, SIZE_SHORT } from '~/modules/organisations/options'
import { interestForStaff } from '~/modules/pipeline/interest.server'
import { INTEREST_ROLE_LABELS } from '~/modules/pipeline/model'
import { getNotice } from '~/modules/pipeline/notices.server'
import { plural } from '~/lib/plural'
import { TableScroll } from '~/components/table'
import { organisationPath, staffNoticePath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(`Interest in ${data?.notice.title ?? 'notice'}`, 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const notice = await getNotice(params.id ?? '').catch(() => null)
  invariantResponse(notice, 'Not found')
  const { rows, bySector, bySize } = await interestForStaff(notice.id)
  return { notice: { id: notice.id, title: notice.title }, rows, bySector, bySize }
}

export default function StaffInterest() {
  const { notice, rows, bySector, bySize } = useLoaderData<typeof loader>()
  const counts = (title: string, map: Record<string, number>, labels: Record<string, string>) => (
    <TableScroll label={title}>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">{title}</caption>
        <tbody className="govuk-table__body">
          {Object.entries(labels).map(([key, label]) => (
            <tr className="govuk-table__row" key={key}>
              <th scope="row" className="govuk-table__header">
                {label}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{map[key] ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
  return (
    <PageContainer before={<BackLink to={staffNoticePath(notice.id)}>Back to the notice</BackLink>}>
      <span className="govuk-caption-l">{notice.title}</span>
      <h1 className="govuk-heading-l">Registered interest</h1>
      <p className="govuk-body">
        {plural(rows.length, 'organisation has', 'organisations have')} registered interest.{' '}
        <a className="govuk-link" href={staffNoticePath(notice.id, 'interest.csv')} download>
          Download as CSV
        </a>
      </p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">{counts('By sector', bySector, SECTOR_SHORT)}</div>
        <div className="govuk-grid-column-one-half">{counts('By size', bySize, SIZE_SHORT)}</div>
      </div>
      {rows.map(({ interest, organisation, user }) => (
        <div className="govuk-summary-card" key={interest.id}>
          <div className="govuk-summary-card__title-wrapper">
            <h2 className="govuk-summary-card__title">
              <Link className="govuk-link" to={organisationPath(organisation.slug)}>
                {organisation.name}
              </Link>
            </h2>
          </div>
          <div className="govuk-summary-card__content">
            <dl className="govuk-summary-list">
              {[
                ['Role sought', INTEREST_ROLE_LABELS[interest.role]],
                ['Sector and size', `${SECTOR_SHORT[organisation.sector]}, ${SIZE_SHORT[organisation.sizeBand]}`],
                ['Seeking partners', interest.seekingPartners ? 'Yes' : 'No'],
                ['Capabilities offered', interest.capabilitiesOffered.map(capabilityLabel).join('; ') || 'None given'],
                ['Capabilities sought', interest.capabilitiesSought.map(capabilityLabel).join('; ') || 'None given'],
                ['Note', interest.note || 'None'],
                ['Registered by', user ? `${user.name} (${user.email}) on ${formatDate(interest.createdAt)}` : formatDate(interest.createdAt)],
              ].map(([k, v]) => (
                <div className="govuk-summary-list__row" key={k}>
                  <dt className="govuk-summary-list__key">{k}</dt>
                  <dd className="govuk-summary-list__value">{v}</dd>
                </div>
              ))}
            </dl>
          </div>
        </div>
      ))}
    </PageContainer>
  )
}

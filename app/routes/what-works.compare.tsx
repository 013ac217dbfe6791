import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { pageTitle } from '~/lib/meta'
import { formatDate } from '~/lib/time'
import { caseStudyQueryString, compareCaseStudies, parseCaseStudyQuery } from '~/modules/case-studies/list.server'
import { claimantGroupLabel, evidenceLevelLabel, journeyStageLabel, outcomeMeasureLabel, regionLabel } from '~/modules/case-studies/options'
import { plural } from '~/lib/plural'
import { caseStudyPath } from '~/lib/paths'

export const meta: MetaFunction = () => [
  { title: pageTitle('Compare outcomes', 'What Works') },
  { name: 'description', content: 'Compare the standardised outcomes of What Works case studies side by side, and download them as CSV or JSON.' },
]

// Deliberately public: the comparison covers published case studies only.
export async function loader({ request }: LoaderFunctionArgs) {
  const query = parseCaseStudyQuery(new URL(request.url).searchParams)
  const rows = await compareCaseStudies(query)
  const qs = caseStudyQueryString({ ...query, page: 1 })
  return { rows, suffix: qs ? `?${qs}` : '' }
}

export default function Compare() {
  const { rows, suffix } = useLoaderData<typeof loader>()
  return (
    <PageContainer before={<BackLink to={`/what-works${suffix}`}>Back to the list</BackLink>}>
      <span className="govuk-caption-l">What Works</span>
      <h1 className="govuk-heading-l">Compare outcomes</h1>
      <p className="govuk-body">
        The standardised fields and outcomes of the {rows.length === 1 ? 'case study' : plural(rows.length, 'case study', 'case studies')} in your current filter. Download them as{' '}
        <a className="govuk-link" href={`/what-works/compare.csv${suffix}`} download>
          CSV
        </a>{' '}
        or{' '}
        <a className="govuk-link" href={`/what-works/compare.json${suffix}`}>
          JSON
        </a>
        .
      </p>
      {rows.length ? (
        <div className="app-table-scroll" tabIndex={0} role="region" aria-label="Outcomes of each case study">
          <table className="govuk-table govuk-body-s">
            <caption className="govuk-table__caption govuk-table__caption--m">Outcomes by case study</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Case study
                </th>
                <th scope="col" className="govuk-table__header">
                  Who and where
                </th>
                <th scope="col" className="govuk-table__header">
                  Period
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Cohort
                </th>
                <th scope="col" className="govuk-table__header">
                  Outcomes (achieved, target)
                </th>
                <th scope="col" className="govuk-table__header">
                  Evidence
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {rows.map((r) => (
                <tr key={r.id} className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">
                    <Link className="govuk-link" to={caseStudyPath(r.slug)}>
                      {r.title}
                    </Link>
                    <br />
                    <span className="govuk-body-s">{r.organisationName}</span>
                  </th>
                  <td className="govuk-table__cell">
                    {r.claimantGroups.map(claimantGroupLabel).join(', ')}; {r.journeyStages.map(journeyStageLabel).join(', ')}; {r.regions.map(regionLabel).join(', ')}
                  </td>
                  <td className="govuk-table__cell">
                    {formatDate(r.periodFrom)} to {formatDate(r.periodTo)}
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{r.cohortSize.toLocaleString('en-GB')}</td>
                  <td className="govuk-table__cell">
                    <ul className="govuk-list govuk-body-s">
                      {r.outcomes.map((o) => (
                        <li key={o.measure}>
                          {outcomeMeasureLabel(o.measure)}: {o.achieved.toLocaleString('en-GB')}
                          {o.target !== null ? ` (target ${o.target.toLocaleString('en-GB')})` : ''}
                          {r.cohortSize ? `, ${((o.achieved / r.cohortSize) * 100).toFixed(1)}%` : ''}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="govuk-table__cell">
                    {evidenceLevelLabel(r.evidenceLevel)}
                    {r.verifiedAt ? ', verified by the department' : ''}
                    {r.validationCount ? `, validated ${plural(r.validationCount, 'time')}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="govuk-body">No case studies match your filter.</p>
      )}
    </PageContainer>
  )
}

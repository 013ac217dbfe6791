import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { openSurveys, publishedResults } from '~/modules/surveys/surveys.server'
import { surveyPath } from '~/lib/paths'

export const meta: MetaFunction = () => [
  { title: pageTitle('Supplier surveys') },
  { name: 'description', content: 'The annual Supplier Survey of the DWP Employment Category: take part, and read the published results.' },
]

// Deliberately public: lists open surveys and published results; answering needs signing in.
export async function loader(_: LoaderFunctionArgs) {
  const [open, published] = await Promise.all([openSurveys(), publishedResults()])
  return {
    open: open.map((s) => ({ slug: s.slug, title: s.title, summary: s.summary, closesAt: s.closesAt!.toISOString() })),
    published: published.map((s) => ({ slug: s.slug, title: s.title, year: s.year })),
  }
}

export default function Surveys() {
  const { open, published } = useLoaderData<typeof loader>()
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">Supplier surveys</h1>
          <p className="govuk-body-l">Each year the Supplier Survey gives providers the chance to feed back to the Employment Category on how we are doing.</p>
          <h2 className="govuk-heading-m">Open now</h2>
          {open.length ? (
            <ul className="govuk-list">
              {open.map((s) => (
                <li key={s.slug}>
                  <Link className="govuk-link govuk-!-font-weight-bold" to={surveyPath(s.slug)}>
                    {s.title}
                  </Link>
                  <p className="govuk-body-s">Closes at {formatDateTime(s.closesAt)}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">No survey is open at the moment.</p>
          )}
          <h2 className="govuk-heading-m">Published results</h2>
          {published.length ? (
            <ul className="govuk-list">
              {published.map((s) => (
                <li key={s.slug}>
                  <Link className="govuk-link" to={surveyPath(s.slug, 'results')}>
                    {s.title}: results
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">No results have been published yet.</p>
          )}
        </div>
      </div>
    </PageContainer>
  )
}

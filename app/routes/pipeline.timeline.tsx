import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { pageTitle } from '~/lib/meta'
import { BarChart } from '~/modules/consultations/bar-chart'
import { StatusTag } from '~/modules/pipeline/notice-view'
import { allPublishedNotices } from '~/modules/pipeline/notices.server'
import { buildTimeline, type TimelineItem } from '~/modules/pipeline/timeline'
import { noticePath } from '~/lib/paths'

export const meta: MetaFunction = () => [
  { title: pageTitle('Pipeline timeline', 'Pipeline') },
  { name: 'description', content: 'Employment Category procurements by the quarter their tender notice is planned, across the next 18 months.' },
]

// Deliberately public.
export async function loader(_: LoaderFunctionArgs) {
  return buildTimeline(await allPublishedNotices(), new Date())
}

/** "Not yet known" reads mid-sentence as "not yet known". */
const lower = (text: string) => text.replace(/^Not /, 'not ')

/** A quarter's procurements as a list, not a table: five facts each, which a phone could only show by scrolling sideways. */
function Notices({ items }: { items: TimelineItem[] }) {
  return (
    <ul className="govuk-list">
      {items.map((n) => (
        <li key={n.slug} className="govuk-!-margin-bottom-4">
          <Link className="govuk-link govuk-!-font-weight-bold" to={noticePath(n.slug)}>
            {n.title}
          </Link>
          <span className="govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-1">
            <StatusTag status={n.status} />
          </span>
          <span className="govuk-!-display-block govuk-body-s govuk-!-margin-bottom-0">
            {n.route}. Tender notice: {lower(n.tender)}. Service start: {lower(n.start)}. Estimated value: {n.value}.
          </span>
        </li>
      ))}
    </ul>
  )
}

export default function Timeline() {
  const { quarters, earlier, later, unknown, summary } = useLoaderData<typeof loader>()
  return (
    <PageContainer before={<BackLink to="/pipeline">Back to the pipeline</BackLink>}>
      <h1 className="govuk-heading-l">Pipeline timeline</h1>
      <p className="govuk-body">Open procurements by the quarter their tender notice is planned, across the next 18 months. {summary}</p>
      <BarChart
        id="by-quarter"
        caption="Procurements by quarter of their planned tender notice"
        labelHeader="Quarter"
        countHeader="Number"
        rows={quarters.map((q) => ({ label: q.label, count: q.items.length }))}
        base={{ count: quarters.reduce((sum, q) => sum + q.items.length, 0), of: 'procurement' }}
      />
      {quarters.map((q) => (
        <section key={q.key} aria-labelledby={`quarter-${q.key}`}>
          <h2 className="govuk-heading-m govuk-!-margin-bottom-1" id={`quarter-${q.key}`}>
            {q.label}
          </h2>
          <p className="govuk-body govuk-hint">{q.count}</p>
          {q.items.length ? <Notices items={q.items} /> : null}
        </section>
      ))}
      {[
        { key: 'earlier', hint: 'Their planned tender notice date has passed: most are out to tender or being evaluated.', ...earlier },
        { key: 'later', hint: 'Planned beyond the next 18 months.', ...later },
        { key: 'unknown', hint: 'Open notices that do not yet give a planned tender notice date.', ...unknown },
      ]
        .filter((g) => g.items.length)
        .map((g) => (
          <section key={g.key} aria-labelledby={`group-${g.key}`}>
            <h2 className="govuk-heading-m govuk-!-margin-bottom-1" id={`group-${g.key}`}>
              {g.label}
            </h2>
            <p className="govuk-body govuk-hint">{g.hint}</p>
            <Notices items={g.items} />
          </section>
        ))}
    </PageContainer>
  )
}

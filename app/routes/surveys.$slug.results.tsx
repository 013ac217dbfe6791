import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { Breadcrumbs } from '~/components/misc'
import { RichTextContent } from '~/components/rich-text-content'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDate } from '~/lib/time'
import { QuestionResultView } from '~/modules/surveys/charts'
import { publicResults } from '~/modules/surveys/results.server'
import { getSurveyBySlug } from '~/modules/surveys/surveys.server'
import { plural } from '~/lib/plural'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `${data.title}: results` : 'Results', 'Supplier surveys') },
  ...(data ? [{ name: 'description', content: data.description }] : []),
]

// Deliberately public: only a summary staff chose to publish, with overall charts.
export async function loader({ params }: LoaderFunctionArgs) {
  const survey = await getSurveyBySlug(params.slug!)
  invariantResponse(survey?.resultsPublishedAt, 'Results not found', { status: 404 })
  const { charts, responses } = await publicResults(survey)
  return {
    title: survey.title,
    year: survey.year,
    publishedAt: survey.resultsPublishedAt.toISOString(),
    html: survey.resultsSummaryHtml ?? '',
    description: (survey.resultsSummaryText ?? '').slice(0, 200),
    charts,
    responses,
  }
}

export default function PublishedResults() {
  const d = useLoaderData<typeof loader>()
  return (
    <PageContainer
      before={
        <Breadcrumbs
          items={[
            { href: '/', text: 'Home' },
            { href: '/surveys', text: 'Supplier surveys' },
          ]}
        />
      }
    >
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">Supplier survey {d.year}</span>
          <h1 className="govuk-heading-l">{d.title}: results</h1>
          <p className="govuk-body-s">
            Published {formatDate(d.publishedAt)}. Based on {plural(d.responses, 'response')}.
          </p>
          <RichTextContent html={d.html} />
          {d.charts.length ? <h2 className="govuk-heading-m">Charts</h2> : null}
          {d.charts.map((c) => (
            <QuestionResultView key={c.id} result={c} />
          ))}
        </div>
      </div>
    </PageContainer>
  )
}

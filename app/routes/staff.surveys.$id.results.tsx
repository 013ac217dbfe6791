import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, InsetText } from '~/components/misc'
import { Select } from '~/components/select'
import { Table } from '~/components/table'
import { TextInput } from '~/components/text-input'
import { requireStaff } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { ComparisonView, QuestionResultView } from '~/modules/surveys/charts'
import { DIMENSIONS, type BreakdownDimension } from '~/modules/surveys/dimensions'
import { surveyDashboard } from '~/modules/surveys/results.server'
import { getSurvey } from '~/modules/surveys/surveys.server'
import { staffSurveyPath } from '~/lib/paths'
import { plural } from '~/lib/plural'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Results', data?.survey.title) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const survey = await getSurvey(params.id!)
  invariantResponse(survey, 'Survey not found', { status: 404 })
  const url = new URL(request.url)
  const search = url.searchParams.get('q')?.trim().slice(0, 200) || undefined
  const byParam = url.searchParams.get('by')
  const by = byParam === 'sector' || byParam === 'size' ? (byParam as BreakdownDimension) : undefined
  const group = by ? url.searchParams.get('group') || undefined : undefined
  const d = await surveyDashboard(survey, { search, by, group })
  return {
    survey: { id: survey.id, title: survey.title, year: survey.year, anonymous: survey.anonymous, minGroupSize: survey.minGroupSize, audience: survey.audience, respondAs: survey.respondAs },
    hidden: d.hidden,
    responded: d.responded,
    search: search ?? '',
    by: by ?? '',
    group: group ?? '',
    responses: d.responses,
    invited: d.invited,
    respondedOrganisations: d.respondedOrganisations,
    responseRate: d.responseRate,
    questions: d.questions,
    filter: d.filter,
    groupError: d.groupError,
    groups: d.groups,
    previous: d.previous,
    comparisons: d.comparisons,
    sections: d.structure.sections.map((s) => ({ title: s.title, questionIds: s.questions.map((q) => q.id) })),
  }
}

export default function SurveyResults() {
  const d = useLoaderData<typeof loader>()
  const byLabel = d.by ? DIMENSIONS[d.by as BreakdownDimension].label.toLowerCase() : ''
  const groupOptions = d.by ? DIMENSIONS[d.by as BreakdownDimension].options : []
  if (d.hidden) {
    const unit = d.survey.respondAs === 'organisation' ? (d.responded === 1 ? 'organisation has' : 'organisations have') : d.responded === 1 ? 'person has' : 'people have'
    return (
      <PageContainer before={<BackLink to={staffSurveyPath(d.survey.id)}>Back to the survey</BackLink>}>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <span className="govuk-caption-l">{d.survey.title}</span>
            <h1 className="govuk-heading-l">Results</h1>
            <p className="govuk-body">
              {d.responded} {unit} responded
              {d.survey.audience !== 'invited_organisations'
                ? '.'
                : d.survey.respondAs === 'organisation'
                  ? ` out of ${d.invited} invited.`
                  : `. ${d.invited} ${d.invited === 1 ? 'organisation was' : 'organisations were'} invited.`}
            </p>
            <InsetText>{d.hidden}.</InsetText>
            <p className="govuk-body">
              This survey is anonymous. Its results, breakdowns and downloads are shown only once it has closed and at least {d.survey.minGroupSize}{' '}
              {d.survey.respondAs === 'organisation' ? 'organisations' : 'people'} have responded, so that no answer can be traced to the organisation or person who gave it.
            </p>
          </div>
        </div>
      </PageContainer>
    )
  }
  return (
    <PageContainer before={<BackLink to={staffSurveyPath(d.survey.id)}>Back to the survey</BackLink>}>
      <ErrorSummary errors={d.groupError ? { group: d.groupError } : null} />
      <span className="govuk-caption-l">{d.survey.title}</span>
      <h1 className="govuk-heading-l">Results</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <p className="govuk-body">
            <span className="govuk-heading-xl govuk-!-margin-bottom-1">{d.responses.toLocaleString('en-GB')}</span> {d.responses === 1 ? 'response' : 'responses'}
          </p>
        </div>
        {d.responseRate !== null ? (
          <div className="govuk-grid-column-two-thirds">
            <p className="govuk-body">
              <span className="govuk-heading-xl govuk-!-margin-bottom-1">{d.responseRate}%</span> response rate: {d.respondedOrganisations.toLocaleString('en-GB')} of{' '}
              {plural(d.invited, 'invited organisation')} responded
            </p>
          </div>
        ) : null}
      </div>
      {d.survey.anonymous ? (
        <InsetText>
          This survey is anonymous. Answers are not linked to any person or organisation. The downloads carry no dates, and sector or size only where at least {d.survey.minGroupSize} responses share
          each combination.
        </InsetText>
      ) : null}
      {d.responses ? (
        <p className="govuk-body">
          Download every response as{' '}
          <a className="govuk-link" href={staffSurveyPath(d.survey.id, 'results.csv')}>
            CSV
          </a>{' '}
          or{' '}
          <a className="govuk-link" href={staffSurveyPath(d.survey.id, 'results.json')}>
            JSON
          </a>
          .
        </p>
      ) : (
        <p className="govuk-body">There are no responses yet, so there is nothing to chart, break down or download.</p>
      )}
      {d.responses ? <ResultsDetail d={d} byLabel={byLabel} groupOptions={groupOptions} /> : null}
    </PageContainer>
  )
}

function ResultsDetail({ d, byLabel, groupOptions }: { d: ReturnType<typeof useLoaderData<typeof loader>>; byLabel: string; groupOptions: ReadonlyArray<{ value: string; label: string }> }) {
  return (
    <>
      <Form method="get" className="app-survey-filters">
        <TextInput name="q" label="Search free-text answers" labelSize="s" defaultValue={d.search} />
        <Select
          name="by"
          label="Break down by"
          labelSize="s"
          defaultValue={d.by}
          options={[
            { value: '', label: 'No breakdown' },
            { value: 'sector', label: 'Sector' },
            { value: 'size', label: 'Size' },
          ]}
        />
        {d.by ? (
          <Select
            name="group"
            label={`Show only one ${byLabel}`}
            labelSize="s"
            hint={`Only groups with at least ${d.survey.minGroupSize} responses can be shown.`}
            defaultValue={d.group}
            error={d.groupError ?? undefined}
            options={[{ value: '', label: 'All responses' }, ...groupOptions.map((o) => ({ value: o.value, label: o.label }))]}
          />
        ) : null}
        <Button variant="secondary">Show results</Button>
      </Form>
      {d.filter ? <InsetText>Showing responses from {d.filter.label} only.</InsetText> : null}

      {d.comparisons.length && d.previous ? (
        <section aria-labelledby="year-on-year">
          <h2 className="govuk-heading-m" id="year-on-year">
            Year on year: {d.previous.year} to {d.survey.year}
          </h2>
          <p className="govuk-body">Questions copied from the {d.previous.title}, with the change since then.</p>
          {d.comparisons.map((c) => (
            <ComparisonView key={c.questionId} comparison={c} currentYear={d.survey.year} />
          ))}
        </section>
      ) : null}

      {d.groups ? (
        <section aria-labelledby="breakdown">
          <h2 className="govuk-heading-m" id="breakdown">
            Breakdown by {byLabel}
          </h2>
          <Table
            caption={`Responses by ${byLabel}`}
            captionSize="s"
            firstCellIsHeader
            rows={d.groups}
            rowKey={(g) => g.value}
            columns={[
              { header: DIMENSIONS[d.by as BreakdownDimension].label, cell: (g) => g.label },
              { header: 'Responses', cell: (g) => (g.suppressed ? `Fewer than ${d.survey.minGroupSize}, or hidden so a small group cannot be worked out` : g.responses), numeric: true },
              ...d.questions
                .filter((q) => q.mean !== null)
                .map((q) => ({
                  header: `${q.label} mean rating`,
                  cell: (g: (typeof d.groups)[number]) => (g.suppressed ? 'Suppressed' : (g.questions.find((x) => x.id === q.id)?.mean ?? '–')),
                  numeric: true,
                })),
            ]}
          />
        </section>
      ) : null}

      {d.sections.map((s) => (
        <section key={s.title}>
          <h2 className="govuk-heading-m">{s.title}</h2>
          {s.questionIds.map((id) => {
            const result = d.questions.find((q) => q.id === id)!
            return <QuestionResultView key={id} result={result} search={d.search} />
          })}
        </section>
      ))}
      <p className="govuk-body">
        <Link className="govuk-link" to={staffSurveyPath(d.survey.id, 'summary')}>
          Publish a results summary
        </Link>
      </p>
    </>
  )
}

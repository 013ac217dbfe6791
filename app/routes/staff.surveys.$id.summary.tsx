import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { Checkboxes } from '~/components/choices'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { RichTextEditor } from '~/components/rich-text-editor'
import { requireStaff } from '~/lib/auth.server'
import { db } from '~/lib/db.server'
import { formValues, invalid, valueOf, valuesOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { editableText, readRichTextField, RichTextError } from '~/lib/rich-text.server'
import { getStructure } from '~/modules/questionnaires/structure.server'
import { getSurvey, publishResultsSummary, SurveyRuleError } from '~/modules/surveys/surveys.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Publish a results summary', data?.title) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const survey = await getSurvey(params.id!)
  invariantResponse(survey, 'Survey not found', { status: 404 })
  const structure = (await getStructure(db, survey.questionnaireId))!
  return {
    id: survey.id,
    slug: survey.slug,
    title: survey.title,
    published: Boolean(survey.resultsPublishedAt),
    document: survey.resultsSummaryJson ?? null,
    text: editableText(survey.resultsSummaryJson as never),
    chosen: survey.resultsChartQuestionIds,
    questions: structure.questions.filter((q) => q.type !== 'long_text' && q.type !== 'short_text').map((q) => ({ id: q.id, label: `${q.label}: ${q.text}` })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const survey = await getSurvey(params.id!)
  invariantResponse(survey, 'Survey not found', { status: 404 })
  const formData = await request.formData()
  const values = formValues(formData)
  let summary
  try {
    summary = readRichTextField(formData, 'summary')
  } catch (error) {
    if (error instanceof RichTextError) return invalid({ errors: { summary: error.message }, values })
    throw error
  }
  if (!summary) return invalid({ errors: { summary: 'Enter a summary of the results' }, values })
  try {
    await publishResultsSummary(user, survey, { summary, chartQuestionIds: valuesOf(values, 'charts') ?? [] })
  } catch (error) {
    if (error instanceof SurveyRuleError) return invalid({ errors: { summary: error.message }, values })
    throw error
  }
  return redirect(`/surveys/${survey.slug}/results`)
}

export default function PublishSummary() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors ?? {}
  return (
    <PageContainer before={<BackLink to={`/staff/surveys/${d.id}`}>Back to the survey</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-l">Publish a results summary</h1>
          <p className="govuk-body">
            The summary and the charts you choose appear on a public page at /surveys/{d.slug}/results, which the next newsletter can link to. Charts show all responses, never a
            breakdown.
          </p>
          <Form method="post" noValidate>
            <RichTextEditor name="summary" label="Summary of the results" error={errors.summary} document={d.document as never} text={valueOf(actionData?.values, 'summary') ?? d.text} />
            <Checkboxes
              name="charts"
              legend="Charts to publish"
              legendSize="s"
              hint="Free-text answers are never published."
              options={d.questions.map((q) => ({ value: q.id, label: q.label }))}
              values={valuesOf(actionData?.values, 'charts') ?? d.chosen}
            />
            <Button>{d.published ? 'Update the published summary' : 'Publish results summary'}</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

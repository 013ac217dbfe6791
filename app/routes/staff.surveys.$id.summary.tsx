import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button, ButtonGroup } from '~/components/button'
import { Checkboxes } from '~/components/choices'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, InsetText } from '~/components/misc'
import { RichTextContent } from '~/components/rich-text-content'
import { RichTextEditor } from '~/components/rich-text-editor'
import { requireStaff } from '~/lib/auth.server'
import { formValues, invalid, ruleFailed, valueOf, valuesOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { editableText, readRichTextField, RichTextError } from '~/lib/rich-text.server'
import { formatDate } from '~/lib/time'
import { QuestionResultView } from '~/modules/surveys/charts'
import { previewResultsSummary, publicationBlocker, publishResultsSummary, unpublishResultsSummary } from '~/modules/surveys/publication.server'
import { getSurvey, surveyStructure } from '~/modules/surveys/surveys.server'
import { redirectWithNotice } from '~/lib/notice.server'
import { staffSurveyPath, surveyPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Publish a results summary', data?.title) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const survey = await getSurvey(params.id!)
  invariantResponse(survey, 'Survey not found', { status: 404 })
  const structure = await surveyStructure(survey)
  return {
    id: survey.id,
    slug: survey.slug,
    title: survey.title,
    year: survey.year,
    published: Boolean(survey.resultsPublishedAt),
    blocker: await publicationBlocker(survey),
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
  const intent = String(formData.get('intent') ?? 'preview')
  const values = formValues(formData)
  if (intent === 'unpublish') {
    try {
      await unpublishResultsSummary(user, survey)
    } catch (error) {
      return ruleFailed(error, { values })
    }
    // Thrown rather than returned so the action's data type stays the preview's.
    throw await redirectWithNotice(staffSurveyPath(survey.id), 'The results summary is no longer published')
  }
  let summary
  try {
    summary = readRichTextField(formData, 'summary')
  } catch (error) {
    if (error instanceof RichTextError) return invalid({ errors: { summary: error.message }, values })
    throw error
  }
  const chartQuestionIds = valuesOf(values, 'charts') ?? []
  if (intent === 'change') {
    // Back from the preview to the form, with what was previewed.
    return data({ ok: true as const, preview: null, errors: {} as Record<string, string>, values, document: summary?.json ?? null, text: editableText(summary?.json as never) })
  }
  try {
    if (intent === 'publish') {
      await publishResultsSummary(user, survey, { summary, chartQuestionIds })
      return redirect(surveyPath(survey.slug, 'results'))
    }
    const preview = await previewResultsSummary(survey, { summary, chartQuestionIds })
    return data({
      ok: true as const,
      preview: { html: preview.summary.html, json: JSON.stringify(preview.summary.json), charts: preview.charts, responses: preview.responses, chartQuestionIds: preview.chartQuestionIds },
      errors: {} as Record<string, string>,
      values,
      document: preview.summary.json,
      text: editableText(preview.summary.json as never),
    })
  } catch (error) {
    return ruleFailed(error, { field: 'summary', values })
  }
}

export default function PublishSummary() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors: Record<string, string> = actionData?.errors ?? {}
  const preview = actionData && 'preview' in actionData ? actionData.preview : null
  const edited = actionData && 'document' in actionData ? { document: actionData.document, text: actionData.text } : null
  if (preview) {
    return (
      <PageContainer before={<BackLink to={staffSurveyPath(d.id, 'summary')}>Back</BackLink>}>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <span className="govuk-caption-l">{d.title}</span>
            <h1 className="govuk-heading-l">Check the results page before publishing</h1>
            <p className="govuk-body">This is how the page at /surveys/{d.slug}/results will look. Nothing is public until you publish it.</p>
          </div>
        </div>
        <section className="app-preview" aria-labelledby="preview-title">
          <span className="govuk-caption-l">Supplier survey {d.year}</span>
          <h2 className="govuk-heading-l" id="preview-title">
            {d.title}: results
          </h2>
          <p className="govuk-body-s">
            Published {formatDate(new Date().toISOString())}. Based on {preview.responses} {preview.responses === 1 ? 'response' : 'responses'}.
          </p>
          <RichTextContent html={preview.html} />
          {preview.charts.length ? <h3 className="govuk-heading-m">Charts</h3> : null}
          {preview.charts.map((c) => (
            <QuestionResultView key={c.id} result={c} />
          ))}
        </section>
        <Form method="post" noValidate>
          <input type="hidden" name="summary-json" value={preview.json} />
          {preview.chartQuestionIds.map((id) => (
            <input key={id} type="hidden" name="charts" value={id} />
          ))}
          <ButtonGroup>
            <Button name="intent" value="publish">
              {d.published ? 'Publish the changes' : 'Publish results summary'}
            </Button>
            <Button name="intent" value="change" variant="secondary">
              Change the summary
            </Button>
          </ButtonGroup>
        </Form>
      </PageContainer>
    )
  }
  return (
    <PageContainer before={<BackLink to={staffSurveyPath(d.id)}>Back to the survey</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-l">Publish a results summary</h1>
          {d.blocker && !d.published ? (
            <InsetText>{d.blocker}.</InsetText>
          ) : (
            <>
              <p className="govuk-body">
                The summary and the charts you choose appear on a public page at /surveys/{d.slug}/results, which the next newsletter can link to. Charts show all responses, never a breakdown. You
                will see the page before it is published.
              </p>
              <Form method="post" noValidate>
                <RichTextEditor
                  name="summary"
                  label="Summary of the results"
                  error={errors.summary}
                  document={(edited ? edited.document : d.document) as never}
                  text={valueOf(actionData?.values, 'summary') ?? edited?.text ?? d.text}
                />
                <Checkboxes
                  name="charts"
                  legend="Charts to publish"
                  legendSize="s"
                  hint="Free-text answers are never published."
                  options={d.questions.map((q) => ({ value: q.id, label: q.label }))}
                  values={valuesOf(actionData?.values, 'charts') ?? d.chosen}
                />
                <Button name="intent" value="preview">
                  Preview the results page
                </Button>
              </Form>
            </>
          )}
          {d.published ? (
            <>
              <h2 className="govuk-heading-m">Take the results page down</h2>
              <p className="govuk-body">The results page is public now. Unpublishing removes it from the hub and from search; the summary is kept so you can publish it again.</p>
              <Form method="post" noValidate>
                <Button name="intent" value="unpublish" variant="warning">
                  Unpublish the results summary
                </Button>
              </Form>
            </>
          ) : null}
        </div>
      </div>
    </PageContainer>
  )
}

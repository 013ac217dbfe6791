import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { echoable, formValues } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { RuleError } from '~/lib/result'
import { QuestionnairePage } from '~/modules/questionnaires/questionnaire-page'
import { draftAnswers, saveSurveyPage } from '~/modules/surveys/responses.server'
import { isOpen, surveyStructure } from '~/modules/surveys/surveys.server'
import { requireParticipation } from '~/modules/surveys/web.server'
import { surveyPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.section.title, data?.title) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { survey, participation, base } = await requireParticipation(request, params.slug, params.id)
  if (participation.status === 'submitted') throw redirect(`${base}/receipt`)
  if (!isOpen(survey)) throw redirect(surveyPath(survey.slug))
  const structure = await surveyStructure(survey)
  const n = Number(params.n)
  const section = structure.sections[n - 1]
  invariantResponse(Number.isInteger(n) && section, 'Page not found', { status: 404 })
  const answers = await draftAnswers(participation)
  const fromCheck = new URL(request.url).searchParams.get('return') === 'check'
  return {
    fromCheck,
    title: survey.title,
    slug: survey.slug,
    base,
    n,
    pageCount: structure.sections.length,
    section,
    answers: Object.fromEntries(section.questions.filter((q) => answers[q.id]).map((q) => [q.id, answers[q.id]])),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { survey, participation, base, user } = await requireParticipation(request, params.slug, params.id)
  const formData = await request.formData()
  const intent = formData.get('intent') === 'later' ? 'later' : 'continue'
  const fromCheck = formData.get('return') === 'check'
  const values = formValues(formData)
  delete values.intent
  delete values.return
  const n = Number(params.n)
  try {
    const result = await saveSurveyPage(survey, participation, n, values, user, { enforceRequired: intent === 'continue' })
    if (!result.ok) return data({ ok: false as const, stopped: false, errors: result.errors, values: echoable(values) }, { status: 400 })
  } catch (error) {
    if (error instanceof RuleError) return data({ ok: false as const, stopped: true, errors: { form: error.message } as Record<string, string>, values: echoable(values) }, { status: 409 })
    throw error
  }
  if (intent === 'later') return redirect(`${base}/saved`)
  const structure = await surveyStructure(survey)
  return redirect(n < structure.sections.length && !fromCheck ? `${base}/page/${n + 1}` : `${base}/check`)
}

export default function SurveyPage() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  if (actionData?.stopped) {
    return (
      <PageContainer>
        <h1 className="govuk-heading-l">We could not save your answers</h1>
        <p className="govuk-body">{actionData.errors.form}.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={surveyPath(d.slug)}>
            Back to the survey
          </Link>
        </p>
      </PageContainer>
    )
  }
  return (
    <QuestionnairePage
      backTo={d.fromCheck ? `${d.base}/check` : d.n > 1 ? `${d.base}/page/${d.n - 1}` : surveyPath(d.slug)}
      caption={`${d.title} – page ${d.n} of ${d.pageCount}`}
      section={d.section}
      answers={d.answers}
      values={actionData?.values}
      errors={actionData?.errors}
      hidden={d.fromCheck ? { return: 'check' } : undefined}
    />
  )
}

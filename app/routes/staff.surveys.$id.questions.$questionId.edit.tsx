import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ButtonWithCancel } from '~/components/button-with-cancel'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, InsetText } from '~/components/misc'
import { requireStaff } from '~/lib/auth.server'
import { formValues, invalid, parseForm, ruleFailed } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { QuestionFields, questionDefaults, questionSchemaFor } from '~/modules/questionnaires/question-form'
import { ALL_QUESTION_TYPES } from '~/modules/questionnaires/questions'
import { getSurvey, surveyStructure } from '~/modules/surveys/surveys.server'
import { questionsLockedReason, updateSurveyQuestion } from '~/modules/surveys/authoring.server'
import { staffSurveyPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(`Edit ${data?.question.label ?? 'question'}`, 'Staff') }]

const questionSchema = questionSchemaFor(ALL_QUESTION_TYPES)

async function load(request: Request, id: string | undefined, questionId: string | undefined) {
  const user = await requireStaff(request)
  const survey = await getSurvey(id ?? '')
  invariantResponse(survey, 'Survey not found', { status: 404 })
  const question = (await surveyStructure(survey)).questions.find((q) => q.id === questionId)
  invariantResponse(question, 'Question not found', { status: 404 })
  return { user, survey, question }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { survey, question } = await load(request, params.id, params.questionId)
  return {
    survey: { id: survey.id, title: survey.title },
    question: { label: question.label, linked: Boolean(question.predecessorQuestionId), defaults: questionDefaults(question) },
    locked: await questionsLockedReason(survey),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, survey, question } = await load(request, params.id, params.questionId)
  const formData = await request.formData()
  const form = parseForm(formData, questionSchema)
  if (!form.ok) return invalid(form)
  try {
    await updateSurveyQuestion(user, survey, question.id, form.data)
  } catch (error) {
    return ruleFailed(error, { values: formValues(formData), status: 409 })
  }
  return redirectWithNotice(staffSurveyPath(survey.id), `${question.label} saved`)
}

export default function EditSurveyQuestion() {
  const { survey, question, locked } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const back = staffSurveyPath(survey.id)
  return (
    <PageContainer before={<BackLink to={back}>Back to the survey</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} anchors={{ form: 'question-form' }} />
          <span className="govuk-caption-l">{survey.title}</span>
          <h1 className="govuk-heading-l">Edit {question.label}</h1>
          {/* The error summary links here both when a save was refused and when the survey has since locked its questions. */}
          <div id="question-form" tabIndex={-1}>
            {locked ? (
              <>
                <p className="govuk-body">{locked}.</p>
                <p className="govuk-body">
                  <Link className="govuk-link" to={back}>
                    Back to the survey
                  </Link>
                </p>
              </>
            ) : (
              <>
                {question.linked ? (
                  <InsetText>This question was copied from last year’s survey, so its results are compared year on year. Changing the type of answer ends that link.</InsetText>
                ) : null}
                <Form method="post" noValidate>
                  <QuestionFields types={ALL_QUESTION_TYPES} defaults={question.defaults} values={actionData?.values} errors={actionData?.errors} />
                  <ButtonWithCancel cancelTo={back}>Save question</ButtonWithCancel>
                </Form>
              </>
            )}
          </div>
        </div>
      </div>
    </PageContainer>
  )
}

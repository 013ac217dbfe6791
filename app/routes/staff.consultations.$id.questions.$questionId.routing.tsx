import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Select } from '~/components/select'
import { formValues, ruleFailed, valueOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { staffConsultationPath } from '~/lib/paths'
import { setConsultationSkipRules } from '~/modules/consultations/authoring.server'
import { consultationStructure } from '~/modules/consultations/consultations.server'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { SKIP_TO_END } from '~/modules/questionnaires/questions'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(`Skip questions after ${data?.question.label ?? 'a question'}`, 'Staff') }]

async function load(request: Request, id: string | undefined, questionId: string | undefined) {
  const { user, consultation } = await requireStaffConsultation(request, id)
  const structure = await consultationStructure(consultation)
  const question = structure.questions.find((q) => q.id === questionId)
  invariantResponse(question && question.type === 'single_choice', 'Question not found')
  return { user, consultation, question, structure }
}

/** One select per option, named by the option's place, so a reworded option is never confused with another. */
const skipField = (i: number) => `skip-${i + 1}`

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, question, structure } = await load(request, params.id, params.questionId)
  const section = structure.sections.find((s) => s.id === question.sectionId)!
  const next = structure.questions.find((q) => q.number === question.number + 1)
  const short = (text: string) => (text.length > 70 ? `${text.slice(0, 67).trimEnd()}…` : text)
  return {
    id: consultation.id,
    question: { label: question.label, text: question.text, options: question.options.map((o, i) => ({ field: skipField(i), label: o.label, target: question.skipTo?.[o.value] ?? '' })) },
    lastInSection: section.questions.at(-1)?.id === question.id,
    locked: consultation.status !== 'draft',
    targets: [
      { value: '', label: next ? `The next question (${next.label})` : 'The next question' },
      ...structure.questions.filter((q) => q.number > question.number + 1).map((q) => ({ value: q.id, label: `${q.label}: ${short(q.text)}` })),
      { value: SKIP_TO_END, label: 'The end of the questions (checking the answers)' },
    ],
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation, question } = await load(request, params.id, params.questionId)
  const values = formValues(await request.formData())
  const rules = Object.fromEntries(question.options.map((o, i) => [o.value, valueOf(values, skipField(i)) ?? '']))
  try {
    await setConsultationSkipRules(user, consultation, question, rules)
  } catch (error) {
    return ruleFailed(error, { field: skipField(0), values, status: 409 })
  }
  return redirect(staffConsultationPath(consultation.id))
}

export default function QuestionRouting() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors: Record<string, string | undefined> = actionData?.errors ?? {}
  return (
    <PageContainer before={<BackLink to={staffConsultationPath(d.id)}>Back</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <span className="govuk-caption-l">
            {d.question.label}: {d.question.text}
          </span>
          <h1 className="govuk-heading-l">Skip questions after {d.question.label}</h1>
          <p className="govuk-body">For each answer, choose the question a respondent who gives it goes to next. The questions in between are not asked, and any answers to them are not kept.</p>
          {d.locked ? <p className="govuk-body">This consultation is published, so its questions and routes can no longer be changed.</p> : null}
          {!d.lastInSection ? (
            <p className="govuk-body">
              To skip questions, {d.question.label} must be the last question in its section, so that the questions it skips are on later pages. Move it, or the questions after it, first.
            </p>
          ) : null}
          <Form method="post" noValidate>
            {d.question.options.map((o) => (
              <Select
                key={o.field}
                name={o.field}
                label={`If the answer is “${o.label}”, go to`}
                labelSize="s"
                defaultValue={valueOf(actionData?.values, o.field) ?? o.target}
                error={errors[o.field]}
                options={d.targets}
                className="govuk-!-width-full"
              />
            ))}
            <Button>Save routes</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

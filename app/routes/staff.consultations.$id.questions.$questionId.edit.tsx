import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { Radios } from '~/components/choices'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { choice } from '~/lib/fields'
import { formValues, invalid, parseForm, ruleFailed, valueOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { QuestionFields, questionSchema } from '~/modules/consultations/question-form'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { updateConsultationQuestion } from '~/modules/consultations/authoring.server'
import { consultationStructure } from '~/modules/consultations/consultations.server'
import { type StructuredSection } from '~/modules/questionnaires/structure.server'
import { staffConsultationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(`Edit ${data?.question.label ?? 'question'}`, 'Staff') }]

async function load(request: Request, id: string | undefined, questionId: string | undefined) {
  const { user, consultation } = await requireStaffConsultation(request, id)
  const structure = await consultationStructure(consultation)
  const question = structure.questions.find((q) => q.id === questionId)
  invariantResponse(question, 'Question not found')
  return { user, consultation, question, sections: structure.sections }
}

const sectionSchema = (sections: StructuredSection[]) => z.object({ sectionId: choice(sections.map((s) => s.id) as [string, ...string[]], 'Select the section the question belongs in') })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, question, sections } = await load(request, params.id, params.questionId)
  return { id: consultation.id, question, sections: sections.map((s) => ({ id: s.id, label: `Section ${s.number}: ${s.title}` })), locked: consultation.status !== 'draft' }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation, question, sections } = await load(request, params.id, params.questionId)
  const formData = await request.formData()
  const form = parseForm(formData, questionSchema)
  const target = parseForm(formData, sectionSchema(sections))
  if (!form.ok || !target.ok) return invalid({ errors: { ...form.errors, ...target.errors }, values: formValues(formData) })
  const { sectionId } = target.data
  try {
    await updateConsultationQuestion(user, consultation, question, { ...form.data, sectionId })
  } catch (error) {
    return ruleFailed(error, { field: 'text', values: form.values, status: 409 })
  }
  return redirect(staffConsultationPath(consultation.id))
}

export default function EditQuestion() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const q = d.question
  return (
    <PageContainer before={<BackLink to={staffConsultationPath(d.id)}>Back</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <h1 className="govuk-heading-l">Edit {q.label}</h1>
          {d.locked ? <p className="govuk-body">This consultation is published, so its questions can no longer be changed.</p> : null}
          <Form method="post" noValidate>
            <QuestionFields
              defaults={{
                type: q.type,
                text: q.text,
                hint: q.hint,
                required: q.required,
                allowOther: q.allowOther,
                options: q.options.map((o) => o.label).join('\n'),
                maxWords: q.maxWords ? String(q.maxWords) : '',
              }}
              values={actionData?.values}
              errors={actionData?.errors}
            />
            <Radios
              name="sectionId"
              legend="Section"
              legendSize="s"
              hint="Moving the question puts it at the end of that section."
              value={valueOf(actionData?.values, 'sectionId') ?? q.sectionId}
              error={actionData?.errors && 'sectionId' in actionData.errors ? actionData.errors.sectionId : undefined}
              options={d.sections.map((s) => ({ value: s.id, label: s.label }))}
            />
            <Button>Save question</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

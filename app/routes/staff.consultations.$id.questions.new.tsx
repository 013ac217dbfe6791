import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { invalid, parseForm, ruleFailed } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { QuestionFields, questionSchema } from '~/modules/consultations/question-form'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { addConsultationQuestion } from '~/modules/consultations/authoring.server'
import { consultationStructure } from '~/modules/consultations/consultations.server'
import { staffConsultationPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Add a question', 'Staff') }]

async function section(request: Request, id: string | undefined) {
  const { user, consultation } = await requireStaffConsultation(request, id)
  const structure = await consultationStructure(consultation)
  const sectionId = new URL(request.url).searchParams.get('section')
  const found = structure.sections.find((s) => s.id === sectionId)
  invariantResponse(found, 'Section not found')
  return { user, consultation, section: found }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, section: s } = await section(request, params.id)
  return { id: consultation.id, title: consultation.title, sectionTitle: s.title, locked: consultation.status !== 'draft' }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation, section: s } = await section(request, params.id)
  const form = parseForm(await request.formData(), questionSchema)
  if (!form.ok) return invalid(form)
  try {
    await addConsultationQuestion(user, consultation, s.id, form.data)
  } catch (error) {
    return ruleFailed(error, { field: 'text', values: form.values, status: 409 })
  }
  return redirect(staffConsultationPath(consultation.id))
}

export default function NewQuestion() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to={staffConsultationPath(d.id)}>Back</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <span className="govuk-caption-l">{d.sectionTitle}</span>
          <h1 className="govuk-heading-l">Add a question</h1>
          <Form method="post" noValidate>
            <QuestionFields
              defaults={{ type: 'long_text', text: '', hint: '', required: false, allowOther: false, options: '', maxWords: '' }}
              values={actionData?.values}
              errors={actionData?.errors}
            />
            <Button>Add question</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Textarea } from '~/components/textarea'
import { TextInput } from '~/components/text-input'
import { optionalText, requiredText } from '~/lib/fields'
import { invalid, parseForm, ruleFailed, valueOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { updateConsultationSection } from '~/modules/consultations/authoring.server'
import { consultationStructure } from '~/modules/consultations/consultations.server'
import { staffConsultationPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Edit section', 'Staff') }]

const schema = z.object({ title: requiredText('Enter a title for the section', { max: 200 }), intro: optionalText('Introduction', 5000) })

async function load(request: Request, id: string | undefined, sectionId: string | undefined) {
  const { user, consultation } = await requireStaffConsultation(request, id)
  const structure = await consultationStructure(consultation)
  const section = structure.sections.find((s) => s.id === sectionId)
  invariantResponse(section, 'Section not found')
  return { user, consultation, section }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, section } = await load(request, params.id, params.sectionId)
  return { id: consultation.id, title: section.title, intro: section.intro }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation, section } = await load(request, params.id, params.sectionId)
  const form = parseForm(await request.formData(), schema)
  if (!form.ok) return invalid(form)
  try {
    await updateConsultationSection(user, consultation, section, { title: form.data.title, intro: form.data.intro ?? '' })
  } catch (error) {
    return ruleFailed(error, { field: 'title', values: form.values, status: 409 })
  }
  return redirect(staffConsultationPath(consultation.id))
}

export default function EditSection() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to={staffConsultationPath(d.id)}>Back</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={a?.errors} />
          <h1 className="govuk-heading-l">Edit section</h1>
          <Form method="post" noValidate>
            <TextInput name="title" label="Title" defaultValue={valueOf(a?.values, 'title') ?? d.title} error={a?.errors?.title} />
            <Textarea name="intro" label="Introduction (optional)" defaultValue={valueOf(a?.values, 'intro') ?? d.intro} error={a?.errors && 'intro' in a.errors ? a.errors.intro : undefined} />
            <Button>Save section</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { invalid } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { editableText } from '~/lib/rich-text.server'
import { toDateParts } from '~/lib/time'
import { saveConsultationDetails } from '~/modules/consultations/consultations.server'
import { StaffDetailsFields, PAGE_FIELDS } from '~/modules/consultations/details-staff-form'
import { isUpcomingWithoutResponses } from '~/modules/consultations/consultations.server'
import { readStaffDetails } from '~/modules/consultations/details-staff.server'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { staffConsultationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Edit details', data?.defaults.title) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation: c } = await requireStaffConsultation(request, params.id)
  return {
    id: c.id,
    // Dates stay editable while the consultation is upcoming and nobody has responded.
    published: c.status === 'published' && !(await isUpcomingWithoutResponses(c)),
    defaults: {
      title: c.title,
      summary: c.summary,
      nations: c.nations,
      contactEmail: c.contactEmail,
      contactAddress: c.contactAddress,
      opensAt: toDateParts(c.opensAt),
      closesAt: toDateParts(c.closesAt),
      reminderDays: c.reminderDays,
      pages: Object.fromEntries(PAGE_FIELDS.map((p) => [p.key, c.pages[p.key] ? { json: c.pages[p.key]!.json, text: editableText(c.pages[p.key]!.json as never) } : null])),
    },
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation } = await requireStaffConsultation(request, params.id)
  const form = readStaffDetails(await request.formData(), consultation)
  if (!form.ok) return invalid(form)
  await saveConsultationDetails(user, consultation.id, form.data)
  return redirect(staffConsultationPath(consultation.id))
}

export default function EditConsultation() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to={staffConsultationPath(d.id)}>Back</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} anchors={{ opensAt: 'opensAt-day', closesAt: 'closesAt-day' }} />
          <span className="govuk-caption-l">{d.defaults.title}</span>
          <h1 className="govuk-heading-l">Edit details</h1>
          <Form method="post" noValidate>
            <StaffDetailsFields defaults={d.defaults} values={actionData?.values} errors={actionData?.errors} published={d.published} />
            <Button>Save</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

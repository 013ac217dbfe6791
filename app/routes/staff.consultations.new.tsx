import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { requireStaff } from '~/lib/auth.server'
import { invalid } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { draftConsultation } from '~/modules/consultations/consultations.server'
import { StaffDetailsFields } from '~/modules/consultations/details-staff-form'
import { readStaffDetails } from '~/modules/consultations/details-staff.server'
import { staffConsultationPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Draft a consultation', 'Staff') }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const form = readStaffDetails(await request.formData(), null)
  if (!form.ok) return invalid(form)
  const consultation = await draftConsultation(user, form.data)
  return redirect(staffConsultationPath(consultation.id))
}

export default function NewConsultation() {
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to="/staff/consultations">Back to consultations</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} anchors={{ opensAt: 'opensAt-day', closesAt: 'closesAt-day' }} />
          <h1 className="govuk-heading-l">Draft a consultation</h1>
          <Form method="post" noValidate>
            <StaffDetailsFields
              defaults={{ title: '', summary: '', nations: [], contactEmail: '', contactAddress: '', pages: {} }}
              values={actionData?.values}
              errors={actionData?.errors}
              published={false}
            />
            <Button>Save draft</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { DateInput } from '~/components/date-input'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Textarea } from '~/components/textarea'
import { formValues, valueOf, ruleFailed } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { formatDateTime, parseDateInput } from '~/lib/time'
import { extendConsultation } from '~/modules/consultations/consultations.server'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { staffConsultationPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Extend the closing date', 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation } = await requireStaffConsultation(request, params.id)
  return { id: consultation.id, title: consultation.title, closesAt: consultation.closesAt.toISOString() }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation } = await requireStaffConsultation(request, params.id)
  const values = formValues(await request.formData())
  const errors: Record<string, string> = {}
  const date = parseDateInput(values, 'closesAt', 'The new closing date', { withTime: true })
  if (!date.ok) errors.closesAt = date.message
  const reason = (valueOf(values, 'reason') ?? '').trim()
  if (!reason) errors.reason = 'Enter the reason for extending the consultation'
  else if (reason.length > 1000) errors.reason = 'The reason must be 1000 characters or fewer'
  if (Object.keys(errors).length || !date.ok) return data({ errors: errors as Record<string, string>, values }, { status: 400 })
  try {
    await extendConsultation(user, consultation.id, date.date, reason)
  } catch (error) {
    return ruleFailed(error, { field: 'closesAt', values })
  }
  return redirect(staffConsultationPath(consultation.id))
}

export default function Extend() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to={staffConsultationPath(d.id)}>Back</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={a?.errors} anchors={{ closesAt: 'closesAt-day' }} />
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-l">Extend the closing date</h1>
          <p className="govuk-body">It currently closes at {formatDateTime(d.closesAt)}. The reason you give is shown on the consultation’s page.</p>
          <Form method="post" noValidate>
            <DateInput
              name="closesAt"
              legend="New closing date"
              legendSize="s"
              withTime
              value={
                a?.values
                  ? { day: valueOf(a.values, 'closesAt-day'), month: valueOf(a.values, 'closesAt-month'), year: valueOf(a.values, 'closesAt-year'), time: valueOf(a.values, 'closesAt-time') }
                  : null
              }
              error={a?.errors.closesAt}
            />
            <Textarea
              name="reason"
              label="Reason for the extension"
              labelSize="s"
              defaultValue={valueOf(a?.values, 'reason')}
              error={(a?.errors as Record<string, string> | undefined)?.reason}
              rows={3}
            />
            <Button>Extend closing date</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

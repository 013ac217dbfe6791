import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { DateInput } from '~/components/date-input'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { requireStaff } from '~/lib/auth.server'
import { formValues, invalid, ruleFailed } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { parseDateInput, toDateParts } from '~/lib/time'
import { redirectWithNotice } from '~/lib/notice.server'
import { getNewsletter } from '~/modules/newsletters/newsletters.server'
import { scheduleNewsletter } from '~/modules/newsletters/scheduling.server'
import { staffNewsletterPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Schedule the newsletter', 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const newsletter = await getNewsletter(params.id ?? '')
  invariantResponse(newsletter, 'Not found', { status: 404 })
  return { id: newsletter.id, title: newsletter.title, scheduledAt: newsletter.scheduledAt?.toISOString() ?? null }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const values = formValues(await request.formData())
  const parsed = parseDateInput(values, 'sendAt', 'Send time', { withTime: true })
  if (!parsed.ok) return invalid({ errors: { sendAt: parsed.message }, values })
  try {
    await scheduleNewsletter(params.id ?? '', parsed.date, user)
  } catch (error) {
    return ruleFailed(error, { field: 'sendAt', values })
  }
  return redirectWithNotice(staffNewsletterPath(params.id ?? ''), 'The newsletter has been scheduled.')
}

export default function ScheduleNewsletter() {
  const { id, title, scheduledAt } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const v = actionData?.values
  const value = v
    ? { day: String(v['sendAt-day'] ?? ''), month: String(v['sendAt-month'] ?? ''), year: String(v['sendAt-year'] ?? ''), time: String(v['sendAt-time'] ?? '') }
    : toDateParts(scheduledAt)
  return (
    <PageContainer before={<BackLink to={staffNewsletterPath(id)}>Back</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} anchors={{ sendAt: 'sendAt-day' }} />
          <span className="govuk-caption-l">{title}</span>
          <h1 className="govuk-heading-l">Schedule the newsletter</h1>
          <Form method="post" noValidate>
            <DateInput
              name="sendAt"
              legend="When should it go out?"
              legendSize="m"
              hint="UK time. For example, 27 3 2026 and 09:00 for 9am."
              withTime
              error={actionData?.errors?.sendAt}
              value={value}
            />
            <Button>Schedule</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

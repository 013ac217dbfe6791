import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ButtonWithCancel } from '~/components/button-with-cancel'
import { Radios } from '~/components/choices'
import { DateInput } from '~/components/date-input'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, InsetText, WarningText } from '~/components/misc'
import { formValues, ruleFailed, valueOf } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { plural } from '~/lib/plural'
import { formatDateTime, parseDateInput } from '~/lib/time'
import { cancelScheduledRelease, queueCounts, releaseResponses, scheduledRelease } from '~/modules/consultations/publication.server'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { staffConsultationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Release responses', data?.title) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation: c } = await requireStaffConsultation(request, params.id)
  const [counts, schedule] = await Promise.all([queueCounts(c.id), scheduledRelease(c.id)])
  return { id: c.id, title: c.title, counts, schedule: schedule ? schedule.releaseAt.toISOString() : null }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation } = await requireStaffConsultation(request, params.id)
  const values = formValues(await request.formData())
  const base = staffConsultationPath(consultation.id, 'publication')
  try {
    if (valueOf(values, 'intent') === 'cancel') {
      await cancelScheduledRelease(user, consultation)
      return redirect(`${base}/release`)
    }
    const when = valueOf(values, 'when')
    if (when !== 'now' && when !== 'later') return data({ errors: { when: 'Select when to publish the responses' } as Record<string, string>, values }, { status: 400 })
    let at: Date | null = null
    if (when === 'later') {
      const parsed = parseDateInput(values, 'releaseAt', 'The date and time to publish', { withTime: true })
      if (!parsed.ok) return data({ errors: { releaseAt: parsed.message } as Record<string, string>, values }, { status: 400 })
      if (parsed.date <= new Date()) return data({ errors: { releaseAt: 'The date and time to publish must be in the future' } as Record<string, string>, values }, { status: 400 })
      at = parsed.date
    }
    const result = await releaseResponses(user, consultation, at)
    return redirectWithNotice(
      base,
      result.scheduledFor ? `The reviewed responses will be published at ${formatDateTime(result.scheduledFor)}.` : `${plural(result.released, 'response is', 'responses are')} now published.`,
    )
  } catch (error) {
    return ruleFailed(error, { field: 'when', values, status: 409 })
  }
}

export default function Release() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const back = staffConsultationPath(d.id, 'publication')
  const ready = d.counts['to-publish']
  return (
    <PageContainer before={<BackLink to={back} />}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={a?.errors} anchors={{ releaseAt: 'releaseAt-day' }} />
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-l">Release responses</h1>
          <ul className="govuk-list govuk-list--bullet">
            <li>{plural(ready, 'response is', 'responses are')} ready to publish and will be published, with their redactions.</li>
            {d.counts['to-review'] ? <li>{plural(d.counts['to-review'], 'response has', 'responses have')} not been reviewed and will stay in the queue.</li> : null}
            {d.counts.withheld ? <li>{plural(d.counts.withheld, 'withheld response', 'withheld responses')} will not be published.</li> : null}
            {d.counts.published ? <li>{plural(d.counts.published, 'response is', 'responses are')} already published.</li> : null}
          </ul>
          <WarningText>Once published, a response cannot be redacted or withheld here.</WarningText>
          <p className="govuk-body">Respondents who asked to be told will be emailed when their response is published.</p>
          {d.schedule ? (
            <>
              <InsetText>Scheduled to publish at {formatDateTime(d.schedule)}.</InsetText>
              <Form method="post" noValidate>
                <Button name="intent" value="cancel" variant="secondary">
                  Cancel the scheduled release
                </Button>
              </Form>
            </>
          ) : null}
          <Form method="post" noValidate>
            <Radios
              name="when"
              legend={d.schedule ? 'Change when to publish' : 'When should they be published?'}
              legendSize="m"
              value={valueOf(a?.values, 'when')}
              error={a?.errors.when}
              options={[
                { value: 'now', label: 'Now' },
                {
                  value: 'later',
                  label: 'At a date and time',
                  conditional: (
                    <DateInput
                      name="releaseAt"
                      legend="Date and time to publish"
                      legendSize="s"
                      hint="UK time, for example 27 10 2026 and 09:30"
                      withTime
                      value={
                        a?.values
                          ? {
                              day: valueOf(a.values, 'releaseAt-day'),
                              month: valueOf(a.values, 'releaseAt-month'),
                              year: valueOf(a.values, 'releaseAt-year'),
                              time: valueOf(a.values, 'releaseAt-time'),
                            }
                          : null
                      }
                      error={a?.errors.releaseAt}
                    />
                  ),
                },
              ]}
            />
            <ButtonWithCancel cancelTo={back}>Release responses</ButtonWithCancel>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

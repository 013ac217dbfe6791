import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { Radios } from '~/components/choices'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, InsetText } from '~/components/misc'
import { SummaryList } from '~/components/summary-list'
import { QuotedComment, ReasonField } from '~/modules/case-studies/report-parts'
import { requireStaff } from '~/lib/auth.server'
import { invalid, rethrow, valueOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { dismissReport, findReport, hideReported } from '~/modules/case-studies/moderation.server'
import { isUuid } from '~/lib/ids'
import { redirectWithNotice } from '~/lib/notice.server'
import { caseStudyPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Moderate a report', 'What Works') }]

async function load(id: string | undefined) {
  const report = isUuid(id) ? await findReport(id) : null
  invariantResponse(report, 'Report not found', { status: 404 })
  return report
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const report = await load(params.id)
  return { report: { ...report, when: formatDateTime(report.createdAt) } }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const report = await load(params.id)
  const form = await request.formData()
  const decision = String(form.get('decision') ?? '')
  const reason = String(form.get('reason') ?? '')
  const values = { decision, reason }
  if (decision !== 'hide' && decision !== 'dismiss') return invalid({ errors: { decision: 'Select whether to hide it or leave it visible' }, values })
  const result = await (decision === 'hide' ? hideReported(user, report.id, reason) : dismissReport(user, report.id, reason)).catch(rethrow)
  if (!result.ok) return invalid({ errors: result.errors, values })
  return redirectWithNotice('/staff/what-works/reports', decision === 'hide' ? 'The reported item is hidden and its author has been told.' : 'The report is closed and the item stays visible.')
}

export default function ModerateReport() {
  const { report } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const what = report.commentId ? 'comment' : 'case study'
  return (
    <PageContainer before={<BackLink to="/staff/what-works/reports">Back to reports</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} anchors={{ form: 'main-content' }} />
          <span className="govuk-caption-l">What Works</span>
          <h1 className="govuk-heading-l">Moderate a reported {what}</h1>
          <SummaryList
            rows={[
              {
                key: 'Case study',
                value: (
                  <Link className="govuk-link" to={caseStudyPath(report.caseStudySlug)}>
                    {report.caseStudyTitle}
                  </Link>
                ),
              },
              { key: 'Reported', value: `${report.when}${report.reporterName ? ` by ${report.reporterName}` : ''}` },
              { key: 'Reason given', value: report.reason },
              { key: 'Status', value: report.status === 'open' ? 'Awaiting moderation' : report.status === 'hidden' ? 'Hidden' : 'Left visible' },
            ]}
          />
          {report.commentId ? (
            <>
              <h2 className="govuk-heading-m">The comment, by {report.commentAuthorName ?? 'a former member'}</h2>
              <QuotedComment body={report.commentBody ?? ''} />
            </>
          ) : (
            <>
              <h2 className="govuk-heading-m">The case study’s summary</h2>
              <InsetText>
                <p className="govuk-body">{report.caseStudySummary}</p>
              </InsetText>
            </>
          )}
          {report.status === 'open' ? (
            <Form method="post" noValidate>
              {actionData?.errors?.form ? <p className="govuk-error-message">{actionData.errors.form}</p> : null}
              <Radios
                name="decision"
                legend={`What do you want to do with this ${what}?`}
                legendSize="m"
                error={actionData?.errors?.decision}
                value={valueOf(actionData?.values, 'decision')}
                options={[
                  { value: 'hide', label: `Hide the ${what}`, hint: 'It disappears from the hub and search; its author is told why. You can restore it later.' },
                  { value: 'dismiss', label: 'Leave it visible', hint: 'The report is closed.' },
                ]}
              />
              <ReasonField label="Reason" hint="Recorded in the audit log; when hiding, the author is sent it" rows={3} form={actionData} />
              <Button>Save decision</Button>
            </Form>
          ) : (
            <p className="govuk-body">This report has already been dealt with.</p>
          )}
        </div>
      </div>
    </PageContainer>
  )
}

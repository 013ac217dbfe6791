import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { StaffConsultationBreadcrumbs } from '~/modules/consultations/staff-breadcrumbs'
import { PageContainer } from '~/components/layout'
import { InsetText } from '~/components/misc'
import { SummaryList } from '~/components/summary-list'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDate, formatDateTime } from '~/lib/time'
import { CHANNEL_LABELS } from '~/modules/consultations/channels'
import { AnswersSummary } from '~/modules/consultations/answers-summary'
import { staffResponse } from '~/modules/consultations/staff-response.server'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { CONSENT_LABELS } from '~/modules/consultations/web.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? `Response ${data.reference}` : undefined, data?.title, 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation } = await requireStaffConsultation(request, params.id)
  const found = await staffResponse(consultation, params.responseId)
  invariantResponse(found, 'Response not found')
  const r = found.response
  return {
    id: consultation.id,
    title: consultation.title,
    reference: r.reference,
    details: [
      { key: 'Responding', value: r.respondentType === 'organisation' ? `On behalf of ${r.organisationName ?? 'an organisation'}` : 'As an individual' },
      ...(r.respondentType === 'organisation'
        ? [
            { key: 'Who the organisation represents', value: r.represents ?? '' },
            { key: 'How views were assembled', value: r.howViewsAssembled || 'Not given' },
          ]
        : []),
      { key: 'Name', value: r.name },
      { key: 'Received', value: r.channel === 'online' ? 'Online' : `${CHANNEL_LABELS[r.channel]}${r.receivedAt ? `, ${formatDate(r.receivedAt)}` : ''}` },
      ...(found.enteredBy ? [{ key: r.channel === 'imported' ? 'Imported by' : 'Entered by', value: found.enteredBy }] : []),
      { key: r.channel === 'online' ? 'Submitted' : 'Entered', value: formatDateTime(r.channel === 'online' ? r.submittedAt! : r.createdAt) },
      { key: 'Last changed', value: r.amendedAt ? formatDateTime(r.amendedAt) : 'Not changed since it was submitted' },
      { key: 'Publishing', value: CONSENT_LABELS[r.publishingConsent] },
      { key: 'Whole response confidential', value: r.confidential ? `Yes: ${r.confidentialReason ?? ''}` : 'No' },
    ],
    originalHref: r.originalFileId ? `/staff/consultations/${consultation.id}/responses/${r.id}/original` : null,
    attachmentsBase: `/staff/consultations/${consultation.id}/responses/${r.id}/attachments`,
    sections: found.structure.sections,
    answers: found.answers,
    history: found.history.map((h) => ({ ...h, amendedAt: h.amendedAt.toISOString() })).reverse(),
  }
}

export default function StaffResponse() {
  const d = useLoaderData<typeof loader>()
  return (
    <PageContainer before={<StaffConsultationBreadcrumbs id={d.id} title={d.title} under={{ page: 'analysis', text: 'Responses and analysis' }} />}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-l">Response {d.reference}</h1>
          {d.history.length ? (
            <InsetText>
              This response was changed after it was first submitted.{' '}
              <a className="govuk-link" href="#changes">
                See what changed
              </a>
              .
            </InsetText>
          ) : null}
          <SummaryList rows={d.details} />
          {d.originalHref ? (
            <p className="govuk-body">
              <a className="govuk-link" href={d.originalHref} download>
                Download the original as received
              </a>{' '}
              (only staff can see it)
            </p>
          ) : null}
          <AnswersSummary sections={d.sections} answers={d.answers} fileHref={(questionId) => `${d.attachmentsBase}/${questionId}`} />
          {d.history.length ? (
            <>
              <h2 className="govuk-heading-m" id="changes">
                What changed after it was first submitted
              </h2>
              {d.history.map((h) => (
                <section key={h.amendedAt}>
                  <h3 className="govuk-heading-s">Changes submitted at {formatDateTime(h.amendedAt)}</h3>
                  {h.changes.length ? (
                    <SummaryList
                      rows={h.changes.map((c) => ({
                        key: (
                          <>
                            {c.label}: {c.text}
                          </>
                        ),
                        value: (
                          <>
                            <p className="govuk-body app-consultation-text">
                              <strong>Before:</strong> {c.before || 'Not answered'}
                              {c.beforeConfidential ? ' (confidential)' : ''}
                            </p>
                            <p className="govuk-body app-consultation-text">
                              <strong>After:</strong> {c.after || 'Not answered'}
                              {c.afterConfidential ? ' (confidential)' : ''}
                            </p>
                          </>
                        ),
                      }))}
                    />
                  ) : (
                    <p className="govuk-body">No answers changed.</p>
                  )}
                </section>
              ))}
            </>
          ) : null}
        </div>
      </div>
    </PageContainer>
  )
}

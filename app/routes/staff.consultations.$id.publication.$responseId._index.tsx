import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button, ButtonGroup, ButtonLink } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { StaffConsultationBreadcrumbs } from '~/modules/consultations/staff-breadcrumbs'
import { PageContainer } from '~/components/layout'
import { InsetText } from '~/components/misc'
import { SummaryList } from '~/components/summary-list'
import { Tag } from '~/components/tag'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { formatDateTime } from '~/lib/time'
import { ruleFailed } from '~/lib/forms'
import { approveForPublication, removeRedaction, reviewItem } from '~/modules/consultations/publication.server'
import { QUEUE_STATE_COLOURS, QUEUE_STATE_LABELS } from '~/modules/consultations/publication-states'
import { RedactedText } from '~/modules/consultations/redacted-text'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { answerText } from '~/modules/questionnaires/answers.server'
import { CONSENT_LABELS } from '~/modules/consultations/web.server'
import { staffConsultationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(`Review ${data?.reference ?? 'response'}`, data?.title) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation: c } = await requireStaffConsultation(request, params.id)
  const item = await reviewItem(c, params.responseId ?? '')
  invariantResponse(item, 'That response is not in the publication queue')
  const r = item.response
  return {
    id: c.id,
    title: c.title,
    responseId: r.id,
    reference: r.reference,
    respondent: r.respondentType === 'organisation' ? `${r.organisationName} (organisation)` : `${r.name} (individual)`,
    consent: CONSENT_LABELS[r.publishingConsent],
    submittedAt: r.submittedAt?.toISOString() ?? null,
    state: item.state,
    withheldReason: item.review?.withheldReason ?? null,
    releasedAt: item.review?.releasedAt?.toISOString() ?? null,
    publishedAs: item.preview.respondent,
    nextToReview: item.nextToReview,
    questions: item.structure.questions.map((q) => {
      const a = item.answers[q.id]
      const published = item.preview.answers.find((p) => p.questionId === q.id)
      return {
        id: q.id,
        label: q.label,
        text: q.text,
        answered: Boolean(a && (a.text || a.choices.length)),
        confidential: a?.confidential ? (a.confidentialReason ?? '') : null,
        published: published?.answer ?? null,
        redacted: published?.redacted ?? false,
        redactions: item.redactions.filter((x) => x.questionId === q.id).map((x) => ({ id: x.id, phrase: x.phrase, reason: x.reason })),
      }
    }),
    rawAnswers: Object.fromEntries(item.structure.questions.map((q) => [q.id, answerText(q, item.answers[q.id])])),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation: c } = await requireStaffConsultation(request, params.id)
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const responseId = params.responseId ?? ''
  const base = staffConsultationPath(c.id, 'publication')
  try {
    if (intent === 'approve') {
      await approveForPublication(user, c, responseId)
      const next = String(form.get('next') ?? '')
      return next && next !== responseId ? redirectWithNotice(`${base}/${next}`, 'The previous response is ready to publish. This is the next one to review.') : redirect(`${base}?show=to-review`)
    }
    if (intent === 'remove-redaction') {
      await removeRedaction(user, c, responseId, String(form.get('redactionId') ?? ''))
      return redirectWithNotice(`${base}/${responseId}`, 'Redaction removed.')
    }
  } catch (error) {
    return ruleFailed(error, { field: 'review', status: 409 })
  }
  return data({ errors: { review: 'Choose what to do with this response' } }, { status: 400 })
}

export default function ReviewResponse() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const base = staffConsultationPath(d.id, 'publication')
  const editable = d.state !== 'published'
  return (
    <PageContainer before={<StaffConsultationBreadcrumbs id={d.id} title={d.title} under={{ page: 'publication', text: 'Publication queue' }} />}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={a?.errors} anchors={{ review: 'review-actions' }} />
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-l">Review response {d.reference}</h1>
          <p className="govuk-body">
            <Tag colour={QUEUE_STATE_COLOURS[d.state]}>{QUEUE_STATE_LABELS[d.state]}</Tag>
          </p>
          {d.state === 'published' ? <InsetText>Published at {formatDateTime(d.releasedAt!)}. A published response can no longer be redacted or withheld here.</InsetText> : null}
          {d.state === 'withheld' ? <InsetText>Withheld: {d.withheldReason}</InsetText> : null}
          <SummaryList
            rows={[
              { key: 'Respondent', value: d.respondent },
              { key: 'Publishing choice', value: d.consent },
              { key: 'Published as', value: d.publishedAs },
              { key: 'Submitted', value: d.submittedAt ? formatDateTime(d.submittedAt) : '' },
            ]}
          />
          <h2 className="govuk-heading-m">Answers</h2>
          <p className="govuk-body">Each answer shows what will be published. Redacted words are shown as “[redacted]”.</p>
          {d.questions.map((q) => (
            <div className="govuk-summary-card" key={q.id}>
              <div className="govuk-summary-card__title-wrapper">
                <h3 className="govuk-summary-card__title">
                  {q.label}: {q.text}
                </h3>
                {editable && q.published && q.published !== '[redacted]' ? (
                  <ul className="govuk-summary-card__actions">
                    <li className="govuk-summary-card__action">
                      <Link className="govuk-link" to={`${base}/${d.responseId}/redact?question=${q.id}`}>
                        Redact words or the whole answer<span className="govuk-visually-hidden"> to {q.label}</span>
                      </Link>
                    </li>
                  </ul>
                ) : null}
              </div>
              <div className="govuk-summary-card__content">
                {!q.answered ? (
                  <p className="govuk-body">Not answered.</p>
                ) : q.confidential !== null ? (
                  <p className="govuk-body">
                    <Tag colour="grey">Confidential</Tag> Not published: the respondent asked for this answer to be kept confidential{q.confidential ? ` (${q.confidential})` : ''}.
                  </p>
                ) : (
                  <>
                    {q.redacted ? (
                      <>
                        <h4 className="govuk-heading-s govuk-!-margin-bottom-1">As submitted</h4>
                        <p className="govuk-body app-consultation-text">{d.rawAnswers[q.id]}</p>
                        <h4 className="govuk-heading-s govuk-!-margin-bottom-1">As it will be published</h4>
                      </>
                    ) : null}
                    <p className="govuk-body">
                      <RedactedText text={q.published ?? ''} />
                    </p>
                  </>
                )}
                {q.redactions.length ? (
                  <ul className="govuk-list">
                    {q.redactions.map((x) => (
                      <li key={x.id}>
                        {x.phrase === null ? 'Whole answer redacted' : `Redacted “${x.phrase}”`}: {x.reason}{' '}
                        {editable ? (
                          <Form method="post" className="govuk-!-display-inline">
                            <input type="hidden" name="redactionId" value={x.id} />
                            <button type="submit" name="intent" value="remove-redaction" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                              Remove<span className="govuk-visually-hidden"> this redaction from {q.label}</span>
                            </button>
                          </Form>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            </div>
          ))}
          <div id="review-actions" tabIndex={-1}>
            {editable ? (
              <Form method="post" noValidate>
                <input type="hidden" name="next" value={d.nextToReview ?? ''} />
                <ButtonGroup>
                  <Button name="intent" value="approve">
                    {d.state === 'withheld' ? 'Publish it after all' : d.state === 'to-publish' ? 'Keep ready to publish' : 'Mark as ready to publish'}
                  </Button>
                  {d.state !== 'withheld' ? (
                    <ButtonLink to={`${base}/${d.responseId}/withhold`} variant="warning">
                      Withhold this response
                    </ButtonLink>
                  ) : null}
                </ButtonGroup>
              </Form>
            ) : null}
            <p className="govuk-body">
              <Link className="govuk-link" to={base}>
                Back to the publication queue
              </Link>
            </p>
          </div>
        </div>
      </div>
    </PageContainer>
  )
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, WarningText } from '~/components/misc'
import { SummaryList } from '~/components/summary-list'
import { db } from '~/lib/db.server'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { AnswersSummary } from '~/modules/consultations/answers-summary'
import { isOpen } from '~/modules/consultations/consultations.server'
import { responseAnswers, ResponseRuleError, submitResponse } from '~/modules/consultations/responses.server'
import { CONSENT_LABELS, requireResponseAccess } from '~/modules/consultations/web.server'
import { getStructure } from '~/modules/questionnaires/structure.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Check your answers before submitting your response', data?.title) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, access } = await requireResponseAccess(request, params.slug, params.id)
  const base = `/consultations/${consultation.slug}/response/${access.response.id}`
  if (!isOpen(consultation) || access.response.status === 'withdrawn') throw redirect(base)
  const structure = (await getStructure(db, consultation.questionnaireId))!
  const r = access.response
  return {
    title: consultation.title,
    base,
    closesAt: consultation.closesAt.toISOString(),
    sections: structure.sections,
    answers: await responseAnswers(r),
    canSubmit: access.role !== 'org_member',
    submitted: r.status === 'submitted',
    details: {
      respondentType: r.respondentType,
      name: r.name,
      email: r.email,
      organisationName: r.organisationName,
      represents: r.represents,
      howViewsAssembled: r.howViewsAssembled,
      consent: CONSENT_LABELS[r.publishingConsent],
      confidential: r.confidential ? `Yes: ${r.confidentialReason ?? ''}` : 'No',
    },
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { consultation, access, user } = await requireResponseAccess(request, params.slug, params.id)
  try {
    const { response } = await submitResponse(consultation, access, user)
    return redirect(`/consultations/${consultation.slug}/response/${response.id}?submitted=1`)
  } catch (error) {
    if (error instanceof ResponseRuleError) {
      return data({ ok: false as const, code: error.code, errors: { form: error.message } }, { status: error.code === 'closed' ? 409 : 400 })
    }
    throw error
  }
}

export default function CheckAnswers() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  if (actionData?.code === 'closed') {
    return (
      <PageContainer>
        <h1 className="govuk-heading-l">The consultation has closed</h1>
        <p className="govuk-body">{actionData.errors.form}, so we could not accept your response.</p>
        <p className="govuk-body">Your draft has been kept as it was.</p>
      </PageContainer>
    )
  }
  const r = d.details
  return (
    <PageContainer before={<BackLink to={`${d.base}/section/${d.sections.length}`}>Back</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} anchors={{ form: 'submit' }} />
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-l">Check your answers before submitting your response</h1>
          <h2 className="govuk-heading-m">Your details</h2>
          <SummaryList
            rows={[
              { key: 'Responding', value: r.respondentType === 'organisation' ? `On behalf of ${r.organisationName}` : 'As an individual' },
              ...(r.respondentType === 'organisation'
                ? [
                    { key: 'Who the organisation represents', value: r.represents ?? '' },
                    { key: 'How views were assembled', value: r.howViewsAssembled || 'Not given' },
                  ]
                : []),
              { key: 'Name', value: r.name },
              { key: 'Email address', value: r.email },
              { key: 'Publishing', value: r.consent },
              { key: 'Whole response confidential', value: r.confidential },
            ].map((row) => ({ ...row, action: { href: `${d.base}/details`, visuallyHiddenText: String(row.key).toLowerCase() } }))}
          />
          <AnswersSummary sections={d.sections} answers={d.answers} changeBase={d.base} />
          {d.canSubmit ? (
            <>
              <h2 className="govuk-heading-m">Now send your response</h2>
              <p className="govuk-body">
                You can change or withdraw your response until the consultation closes at {formatDateTime(d.closesAt)}.
              </p>
              <Form method="post" noValidate reloadDocument>
                <Button id="submit">{d.submitted ? 'Submit changed response' : 'Submit response'}</Button>
              </Form>
            </>
          ) : (
            <WarningText>Only an administrator of your organisation can submit this response. Your changes are saved for them to see.</WarningText>
          )}
        </div>
      </div>
    </PageContainer>
  )
}

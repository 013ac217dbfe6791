import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { redirectWithNotice } from '~/lib/notice.server'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, InsetText, WarningText } from '~/components/misc'
import { SummaryList } from '~/components/summary-list'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { RuleError } from '~/lib/result'
import { AnswersSummary } from '~/modules/consultations/answers-summary'
import { consultationStructure, isOpen } from '~/modules/consultations/consultations.server'
import { askedSections } from '~/modules/questionnaires/structure.server'
import { hasUnsubmittedChanges, requestSignOff, submitResponse, unsubmittedChangeIds, workingAnswers } from '~/modules/consultations/responses.server'
import { CONSENT_LABELS, requireResponseAccess } from '~/modules/consultations/web.server'
import { consultationResponsePath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Check your answers before submitting your response', data?.title) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, access, user } = await requireResponseAccess(request, params.slug, params.id)
  const base = consultationResponsePath(consultation.slug, access.response.id)
  if (!isOpen(consultation) || access.response.status === 'withdrawn') throw redirect(base)
  const structure = await consultationStructure(consultation)
  const r = access.response
  const answers = await workingAnswers(r)
  return {
    title: consultation.title,
    base,
    closesAt: consultation.closesAt.toISOString(),
    // The questions this response's answers skip are not asked, so not listed.
    sections: askedSections(structure, answers).sections,
    answers,
    canSubmit: access.role !== 'org_member',
    canAskSignOff: access.role === 'org_member' && Boolean(user),
    submitted: r.status === 'submitted',
    unsubmittedChanges: hasUnsubmittedChanges(r),
    changed: await unsubmittedChangeIds(r),
    // A submitted organisation response's details are the administrators' to change.
    detailsChangeable: !(r.status === 'submitted' && access.role === 'org_member'),
    signOffRequestedAt: r.signOffRequestedAt?.toISOString() ?? null,
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

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { consultation, access, user } = await requireResponseAccess(request, params.slug, params.id)
  const intent = (await request.formData()).get('intent')
  const base = consultationResponsePath(consultation.slug, access.response.id)
  try {
    if (intent === 'sign-off') {
      if (!user) throw new RuleError('Sign in to ask for sign-off', { code: 'not_allowed' })
      await requestSignOff(consultation, access, user)
      throw await redirectWithNotice(base, 'We have asked your organisation’s administrators to sign off')
    }
    const { response } = await submitResponse(consultation, access, user, new Date(), { ip: context?.clientIp, senderId: user?.id })
    return redirect(`${consultationResponsePath(consultation.slug, response.id)}?submitted=1`)
  } catch (error) {
    if (error instanceof RuleError) {
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
          <ErrorSummary errors={actionData?.errors} anchors={{ form: d.canSubmit ? 'submit' : 'sign-off' }} />
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-l">{d.submitted ? 'Check your changes before submitting them' : 'Check your answers before submitting your response'}</h1>
          {d.submitted ? (
            <InsetText>
              {d.unsubmittedChanges
                ? 'These answers include changes that have not been submitted. Until they are, we keep the response that was submitted before.'
                : 'This response has been submitted and there are no changes waiting. Change an answer to start an amendment.'}
            </InsetText>
          ) : null}
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
            ].map((row) => ({ ...row, action: d.detailsChangeable ? { href: `${d.base}/details`, visuallyHiddenText: String(row.key).toLowerCase() } : undefined }))}
          />
          <AnswersSummary sections={d.sections} answers={d.answers} changeBase={d.base} changed={d.changed} />
          {d.submitted && !d.unsubmittedChanges ? null : d.canSubmit ? (
            <>
              <h2 className="govuk-heading-m">{d.submitted ? 'Now send your changes' : 'Now send your response'}</h2>
              <p className="govuk-body">You can change or withdraw your response until the consultation closes at {formatDateTime(d.closesAt)}.</p>
              <Form method="post" noValidate reloadDocument>
                <Button id="submit" name="intent" value="submit">
                  {d.submitted ? 'Submit changed response' : 'Submit response'}
                </Button>
              </Form>
            </>
          ) : (
            <>
              <WarningText>Only an administrator of your organisation can submit {d.submitted ? 'these changes' : 'this response'}. Your changes are saved for them to see.</WarningText>
              {d.canAskSignOff ? (
                <>
                  <h2 className="govuk-heading-m">Ask an administrator to sign off</h2>
                  <p className="govuk-body">
                    We will email your organisation’s administrators to check and submit {d.submitted ? 'your changes' : 'the response'}.
                    {d.signOffRequestedAt ? ` Sign-off was last asked for at ${formatDateTime(d.signOffRequestedAt)}.` : ''}
                  </p>
                  <Form method="post" noValidate reloadDocument>
                    <Button id="sign-off" name="intent" value="sign-off">
                      Ask for sign-off
                    </Button>
                  </Form>
                </>
              ) : null}
            </>
          )}
        </div>
      </div>
    </PageContainer>
  )
}

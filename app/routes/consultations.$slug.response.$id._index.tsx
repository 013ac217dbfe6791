import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button, ButtonGroup, ButtonLink } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { Breadcrumbs } from '~/components/misc'
import { Panel } from '~/components/panel'
import { Tag } from '~/components/tag'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { ruleFailed } from '~/lib/forms'
import { AnswersSummary } from '~/modules/consultations/answers-summary'
import { consultationStructure, isOpen } from '~/modules/consultations/consultations.server'
import { acknowledged, activityView, hasUnsubmittedChanges, responseAnswers, withdrawResponse } from '~/modules/consultations/responses.server'
import { DraftActivity } from '~/modules/consultations/draft-activity'
import { InsetText } from '~/components/misc'
import { CONSENT_LABELS, requireResponseAccess } from '~/modules/consultations/web.server'
import { publicationStatusOf } from '~/modules/consultations/publication.server'
import { SummaryList } from '~/components/summary-list'
import { consultationPath, consultationResponsePath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.justSubmitted ? 'Response submitted' : 'Your response', data?.title) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, access } = await requireResponseAccess(request, params.slug, params.id)
  const structure = await consultationStructure(consultation)
  const r = access.response
  const open = isOpen(consultation)
  const search = new URL(request.url).searchParams
  return {
    title: consultation.title,
    slug: consultation.slug,
    base: consultationResponsePath(consultation.slug, r.id),
    open,
    closesAt: consultation.closesAt.toISOString(),
    status: r.status,
    reference: r.reference,
    email: r.email,
    organisationName: r.organisationName,
    canSubmit: access.role !== 'org_member',
    justSubmitted: search.has('submitted') && r.status === 'submitted',
    acknowledged: search.has('submitted') && r.status === 'submitted' && (await acknowledged(r)),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    amendedAt: r.amendedAt?.toISOString() ?? null,
    unsubmittedChanges: open && hasUnsubmittedChanges(r),
    // Closing throws away changes nobody submitted; until the sweep runs, closing alone settles it.
    changesDiscarded: Boolean(r.amendmentDiscardedAt) || (!open && hasUnsubmittedChanges(r)),
    activity: r.organisationId ? await activityView(r, structure) : [],
    sections: structure.sections,
    answers: await responseAnswers(r),
    choices: { consent: CONSENT_LABELS[r.publishingConsent], confidential: r.confidential, notify: r.notifyOnPublication },
    publication: await publicationStatusOf(r),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { consultation, access } = await requireResponseAccess(request, params.slug, params.id)
  const formData = await request.formData()
  if (formData.get('intent') !== 'withdraw') return data({ errors: { withdraw: 'Choose what to do' } }, { status: 400 })
  if (formData.get('confirm') !== 'yes') {
    return data({ errors: { confirm: 'Select yes if you want to withdraw your response' } }, { status: 400 })
  }
  try {
    await withdrawResponse(consultation, access, new Date(), { ip: context?.clientIp })
  } catch (error) {
    return ruleFailed(error, { field: 'confirm', status: 409 })
  }
  return redirect(consultationResponsePath(consultation.slug, access.response.id))
}

const PUBLICATION_TEXT = {
  'not-consented': 'Not published: you asked us not to publish it',
  confidential: 'Not published: you asked us to keep it confidential',
  published: 'Published with the other responses',
  withheld: 'Not published',
  'in-review': 'We are reviewing the responses before we publish them',
} as const

export default function ResponsePage() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer
      before={
        d.justSubmitted ? null : (
          <Breadcrumbs
            items={[
              { href: '/consultations', text: 'Consultations' },
              { href: consultationPath(d.slug), text: d.title },
            ]}
          />
        )
      }
    >
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          {d.justSubmitted ? (
            <>
              <Panel title={d.amendedAt ? 'Changed response submitted' : 'Response submitted'}>
                Your reference number
                <br />
                <strong>{d.reference}</strong>
              </Panel>
              {d.acknowledged ? (
                <p className="govuk-body">We have sent an acknowledgement with a copy of your answers to {d.email}.</p>
              ) : (
                <p className="govuk-body">
                  We could not email an acknowledgement to {d.email}, because too many emails have been sent to that address in the last hour. Keep your reference number: your response is submitted
                  and you can see it here at any time on this device.
                </p>
              )}
              <h2 className="govuk-heading-m">What happens next</h2>
              <p className="govuk-body">After the consultation closes we will publish a report summarising the responses and the action we will take as a result of them.</p>
              <p className="govuk-body">You can change or withdraw your response until {formatDateTime(d.closesAt)}.</p>
            </>
          ) : (
            <>
              <span className="govuk-caption-l">{d.title}</span>
              <h1 className="govuk-heading-l">{d.status === 'draft' ? 'Your draft response' : d.status === 'withdrawn' ? 'Your withdrawn response' : 'Your response'}</h1>
              <p className="govuk-body">
                <Tag colour={d.status === 'submitted' ? 'green' : d.status === 'withdrawn' ? 'red' : 'yellow'}>
                  {d.status === 'submitted' ? 'Submitted' : d.status === 'withdrawn' ? 'Withdrawn' : 'Not submitted'}
                </Tag>
              </p>
              {d.status === 'submitted' ? (
                <p className="govuk-body">
                  Reference <strong>{d.reference}</strong>, submitted at {formatDateTime(d.submittedAt!)}
                  {d.amendedAt ? `, last changed at ${formatDateTime(d.amendedAt)}` : ''}.
                </p>
              ) : null}
              {d.unsubmittedChanges ? (
                <InsetText>
                  There are saved changes to this response that have not been submitted. Until {d.canSubmit ? 'you submit them' : 'an administrator submits them'}, we keep the response shown below.{' '}
                  <Link className="govuk-link" to={`${d.base}/check`}>
                    {d.canSubmit ? 'Check and submit the changes' : 'Check the changes'}
                  </Link>
                </InsetText>
              ) : null}
              {d.changesDiscarded ? (
                <InsetText>
                  Changes saved after this response was submitted were not submitted before the consultation closed, so we discarded them. The response below is the one we received.
                </InsetText>
              ) : null}
              {!d.open ? (
                <p className="govuk-body">
                  The consultation closed at {formatDateTime(d.closesAt)}. This response can no longer be changed
                  {d.status === 'draft' ? ' or submitted; your draft has been kept' : ''}.
                </p>
              ) : null}
            </>
          )}
          {d.open && d.status !== 'withdrawn' ? (
            <ButtonGroup>
              <ButtonLink to={`${d.base}/section/1`} variant={d.status === 'submitted' ? 'secondary' : 'primary'} reloadDocument>
                {d.status !== 'submitted' ? 'Continue your response' : d.canSubmit ? 'Change your response' : 'Propose changes'}
              </ButtonLink>
              {d.status === 'draft' ? (
                <Link className="govuk-link" to={`${d.base}/check`}>
                  Check your answers
                </Link>
              ) : null}
            </ButtonGroup>
          ) : null}
          {d.status === 'submitted' && !d.justSubmitted ? (
            <>
              <h2 className="govuk-heading-m">Your choices</h2>
              <SummaryList
                rows={[
                  { key: 'Publishing', value: d.choices.consent },
                  { key: 'Whole response confidential', value: d.choices.confidential ? 'Yes' : 'No' },
                  { key: 'Email when published', value: d.choices.notify ? 'Yes' : 'No' },
                  ...(d.open || !d.publication ? [] : [{ key: 'Publication', value: PUBLICATION_TEXT[d.publication] }]),
                ]}
              />
            </>
          ) : null}
          <AnswersSummary sections={d.sections} answers={d.answers} />
          <DraftActivity items={d.activity} />
          {d.open && d.status === 'submitted' && d.canSubmit ? (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="withdraw" />
              <div className={`govuk-form-group${actionData?.errors && 'confirm' in actionData.errors ? ' govuk-form-group--error' : ''}`}>
                <fieldset className="govuk-fieldset">
                  <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
                    <h2 className="govuk-fieldset__heading">Withdraw your response</h2>
                  </legend>
                  {actionData?.errors && 'confirm' in actionData.errors ? (
                    <p className="govuk-error-message" id="confirm-error">
                      <span className="govuk-visually-hidden">Error:</span> {actionData.errors.confirm}
                    </p>
                  ) : null}
                  <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                    <div className="govuk-checkboxes__item">
                      <input className="govuk-checkboxes__input" id="confirm" name="confirm" type="checkbox" value="yes" />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor="confirm">
                        Yes, withdraw my response. We will not use it.
                      </label>
                    </div>
                  </div>
                </fieldset>
              </div>
              <Button variant="warning">Withdraw response</Button>
            </Form>
          ) : null}
          <p className="govuk-body">
            <Link className="govuk-link" to={consultationPath(d.slug)}>
              Back to the consultation
            </Link>
          </p>
        </div>
      </div>
    </PageContainer>
  )
}

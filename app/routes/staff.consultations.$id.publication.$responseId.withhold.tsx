import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { ButtonWithCancel } from '~/components/button-with-cancel'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, InsetText } from '~/components/misc'
import { Textarea } from '~/components/textarea'
import { formValues, valueOf } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { withholdFromPublication } from '~/modules/consultations/publication.server'
import { decideOnResponse, requireReviewItem } from '~/modules/consultations/review-pages.server'
import { staffConsultationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Withhold this response', data?.reference) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, item } = await requireReviewItem(request, params)
  return {
    id: consultation.id,
    responseId: item.response.id,
    reference: item.response.reference,
    respondent: item.preview.respondent,
    reason: item.review?.withheldReason ?? '',
    releasedAt: item.review?.releasedAt?.toISOString() ?? null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation, item } = await requireReviewItem(request, params)
  const values = formValues(await request.formData())
  const reason = (valueOf(values, 'reason') ?? '').trim()
  if (!reason) return data({ errors: { reason: 'Enter the reason for withholding this response' }, values }, { status: 400 })
  return decideOnResponse(() => withholdFromPublication(user, consultation, item.response.id, reason), {
    consultationId: consultation.id,
    responseId: item.response.id,
    notice: 'Response withheld: it will not be published.',
    field: 'reason',
    values,
  })
}

export default function Withhold() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const back = staffConsultationPath(d.id, `publication/${d.responseId}`)
  return (
    <PageContainer before={<BackLink to={back} />}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={a?.errors} />
          <span className="govuk-caption-l">Response {d.reference}</span>
          <h1 className="govuk-heading-l">Withhold this response</h1>
          {d.releasedAt ? (
            <InsetText>This response has been published, so it can no longer be withheld here.</InsetText>
          ) : (
            <>
              <p className="govuk-body">
                The response from {d.respondent} will not be published. It still counts in the analysis and the outcome report. If the respondent asked to be told, we will tell them it was not
                published, without giving your reason.
              </p>
              <Form method="post" noValidate>
                <Textarea
                  name="reason"
                  label="Reason for withholding it"
                  labelSize="s"
                  hint="For example, it is defamatory or names a person throughout. Kept in the audit log."
                  rows={3}
                  defaultValue={valueOf(a?.values, 'reason') ?? d.reason}
                  error={a?.errors.reason}
                />
                <ButtonWithCancel cancelTo={back} variant="warning">
                  Withhold response
                </ButtonWithCancel>
              </Form>
            </>
          )}
        </div>
      </div>
    </PageContainer>
  )
}

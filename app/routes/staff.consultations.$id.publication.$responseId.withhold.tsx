import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { ButtonWithCancel } from '~/components/button-with-cancel'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, InsetText } from '~/components/misc'
import { Textarea } from '~/components/textarea'
import { formValues, ruleFailed, valueOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { reviewItem, withholdFromPublication } from '~/modules/consultations/publication.server'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Withhold this response', data?.reference) }]

async function load(request: Request, params: { id?: string; responseId?: string }) {
  const { user, consultation } = await requireStaffConsultation(request, params.id)
  const item = await reviewItem(consultation, params.responseId ?? '')
  invariantResponse(item, 'That response is not in the publication queue')
  return { user, consultation, item }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, item } = await load(request, params)
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
  const { user, consultation, item } = await load(request, params)
  const values = formValues(await request.formData())
  const reason = (valueOf(values, 'reason') ?? '').trim()
  if (!reason) return data({ errors: { reason: 'Enter the reason for withholding this response' }, values }, { status: 400 })
  try {
    await withholdFromPublication(user, consultation, item.response.id, reason)
  } catch (error) {
    return ruleFailed(error, { field: 'reason', values, status: 409 })
  }
  return redirectWithNotice(`/staff/consultations/${consultation.id}/publication/${item.response.id}`, 'Response withheld: it will not be published.')
}

export default function Withhold() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const back = `/staff/consultations/${d.id}/publication/${d.responseId}`
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

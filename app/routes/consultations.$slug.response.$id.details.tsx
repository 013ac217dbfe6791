import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { invalid, parseForm, ruleFailed } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { isOpen } from '~/modules/consultations/consultations.server'
import { DetailsFields, detailsSchema } from '~/modules/consultations/details-form'
import { toRespondentDetails } from '~/modules/consultations/details.server'
import { organisationsOf, updateDetails } from '~/modules/consultations/responses.server'
import { requireResponseAccess } from '~/modules/consultations/web.server'
import { consultationResponsePath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Your details', data?.title) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, access, user } = await requireResponseAccess(request, params.slug, params.id)
  const base = consultationResponsePath(consultation.slug, access.response.id)
  if (!isOpen(consultation) || access.response.status === 'withdrawn') throw redirect(base)
  const r = access.response
  return {
    title: consultation.title,
    base,
    signedIn: Boolean(user),
    defaults: {
      respondentType: r.respondentType,
      name: r.name,
      email: r.email,
      organisationId: r.organisationId ?? '',
      organisationName: r.organisationName ?? '',
      represents: r.represents ?? '',
      howViewsAssembled: r.howViewsAssembled ?? '',
      publishingConsent: r.publishingConsent,
      confidential: r.confidential ? 'yes' : 'no',
      notify: r.notifyOnPublication ? 'yes' : '',
      confidentialReason: r.confidentialReason ?? '',
    },
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { consultation, access, user } = await requireResponseAccess(request, params.slug, params.id)
  const form = parseForm(await request.formData(), detailsSchema)
  if (!form.ok) return invalid(form)
  const memberships = user ? await organisationsOf(user.id) : []
  const details = toRespondentDetails({ ...form.data, email: form.data.email ?? access.response.email }, user, memberships)
  if (!details.ok) return invalid({ errors: details.errors, values: form.values ?? {} })
  try {
    await updateDetails(consultation, access, user, details.details)
  } catch (error) {
    return ruleFailed(error, { values: form.values, status: 409 })
  }
  return redirect(consultationResponsePath(consultation.slug, access.response.id, 'check'))
}

export default function EditDetails() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to={`${d.base}/check`}>Back</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-l">Your details</h1>
          <Form method="post" noValidate reloadDocument>
            <DetailsFields values={actionData?.values} defaults={d.defaults} errors={actionData?.errors} askEmail={!d.signedIn} organisations={[]} lockType />
            <Button>Save and continue</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

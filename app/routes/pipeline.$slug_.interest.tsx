import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { Radios } from '~/components/choices'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { requireUser } from '~/lib/auth.server'
import { formValues, invalid, parseForm, ruleFailed, valueOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { organisationsOf, registerInterest } from '~/modules/pipeline/interest.server'
import { InterestFields, interestInputOf, interestSchema } from '~/modules/pipeline/interest-fields'
import { getPublishedNotice } from '~/modules/pipeline/notices.server'
import { noticePath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Register interest', data?.notice.title ?? 'Pipeline') }]

const schema = z.object({
  organisationId: z.string({ error: 'Select your organisation' }).min(1, { error: 'Select your organisation' }),
  ...interestSchema.shape,
})

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const notice = await getPublishedNotice(params.slug ?? '')
  invariantResponse(notice, 'Not found')
  return { notice: { slug: notice.slug, title: notice.title }, organisations: await organisationsOf(user.id) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const notice = await getPublishedNotice(params.slug ?? '')
  invariantResponse(notice, 'Not found')
  const formData = await request.formData()
  const form = parseForm(formData, schema)
  if (!form.ok) return invalid(form)
  try {
    await registerInterest(user.id, notice.id, { organisationId: form.data.organisationId, ...interestInputOf(form.data) })
  } catch (error) {
    return ruleFailed(error, { values: formValues(formData) })
  }
  return redirectWithNotice(noticePath(notice.slug, 'partners'), 'Your interest is registered')
}

export default function RegisterInterest() {
  const { notice, organisations } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const values = actionData?.values
  const errors = actionData?.errors
  return (
    <PageContainer before={<BackLink to={noticePath(notice.slug)}>Back to the notice</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{notice.title}</span>
          <h1 className="govuk-heading-l">Register interest</h1>
          {organisations.length ? (
            <Form method="post" noValidate>
              <p className="govuk-body">
                The Category sees your interest. If you say you are seeking partners, other organisations that have registered interest in this notice can see your profile; the public cannot.
              </p>
              <Radios
                name="organisationId"
                legend="Which organisation are you registering?"
                legendSize="m"
                value={valueOf(values, 'organisationId') ?? (organisations.length === 1 ? organisations[0]!.id : undefined)}
                error={errors?.organisationId}
                options={organisations.map((o) => ({ value: o.id, label: o.name }))}
              />
              <InterestFields values={values} errors={errors} />
              <Button>Register interest</Button>
            </Form>
          ) : (
            <p className="govuk-body">
              You need to belong to an organisation to register interest.{' '}
              <Link className="govuk-link" to="/organisations/new">
                Add your organisation
              </Link>{' '}
              or ask its admin to invite you.
            </p>
          )}
        </div>
      </div>
    </PageContainer>
  )
}

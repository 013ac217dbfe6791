import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { Checkboxes, Radios } from '~/components/choices'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Textarea } from '~/components/textarea'
import { requireUser } from '~/lib/auth.server'
import { choice, choices, optionalText } from '~/lib/fields'
import { formValues, invalid, parseForm, ruleFailed, valueOf, valuesOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { CAPABILITIES, CAPABILITY_KEYS } from '~/modules/organisations/capabilities'
import { organisationsOf, registerInterest } from '~/modules/pipeline/interest.server'
import { INTEREST_ROLE_LABELS, INTEREST_ROLES } from '~/modules/pipeline/model'
import { getPublishedNotice } from '~/modules/pipeline/notices.server'
import { noticePath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Register interest', data?.notice.title ?? 'Pipeline') }]

const schema = z.object({
  organisationId: z.string({ error: 'Select your organisation' }).min(1, { error: 'Select your organisation' }),
  role: choice(INTEREST_ROLES, 'Select the role your organisation wants'),
  seekingPartners: choice(['yes', 'no'] as const, 'Select yes if your organisation is seeking partners'),
  capabilitiesOffered: choices(CAPABILITY_KEYS, 'Select at least one capability your organisation offers'),
  capabilitiesSought: choices(CAPABILITY_KEYS),
  note: optionalText('Note', 1000),
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
    await registerInterest(user.id, notice.id, {
      organisationId: form.data.organisationId,
      role: form.data.role,
      seekingPartners: form.data.seekingPartners === 'yes',
      capabilitiesOffered: form.data.capabilitiesOffered,
      capabilitiesSought: form.data.capabilitiesSought,
      note: form.data.note,
    })
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
  const capabilityOptions = CAPABILITIES.map((c) => ({ value: c.key, label: c.label }))
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
              <Radios
                name="role"
                legend="What role does your organisation want?"
                legendSize="m"
                value={valueOf(values, 'role')}
                error={errors?.role}
                options={INTEREST_ROLES.map((r) => ({ value: r, label: INTEREST_ROLE_LABELS[r] }))}
              />
              <Checkboxes
                name="capabilitiesOffered"
                legend="What capabilities does your organisation offer?"
                legendSize="m"
                hint="Select all that apply"
                small
                values={valuesOf(values, 'capabilitiesOffered')}
                error={errors?.capabilitiesOffered}
                options={capabilityOptions}
              />
              <Radios
                name="seekingPartners"
                legend="Is your organisation seeking partners for this notice?"
                legendSize="m"
                value={valueOf(values, 'seekingPartners')}
                error={errors?.seekingPartners}
                options={[
                  { value: 'yes', label: 'Yes' },
                  { value: 'no', label: 'No' },
                ]}
              />
              <Checkboxes
                name="capabilitiesSought"
                legend="If you are seeking partners, what capabilities are you looking for?"
                legendSize="m"
                hint="Other organisations registered on this notice see this with your profile. Select all that apply."
                small
                values={valuesOf(values, 'capabilitiesSought')}
                error={errors?.capabilitiesSought}
                options={capabilityOptions}
              />
              <Textarea name="note" label="Note for the Category (optional)" maxLength={1000} defaultValue={valueOf(values, 'note')} error={errors?.note} />
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

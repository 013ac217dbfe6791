import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { invalid, parseForm } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { organisationFromAddress, requireOrganisationAdmin } from '~/modules/organisations/guards.server'
import { updateOrganisation } from '~/modules/organisations/organisations.server'
import { ProfileFields } from '~/modules/organisations/profile-fields'
import { profileSchema } from '~/modules/organisations/profile-form'
import { organisationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? `Change ${data.organisation.name}` : 'Change profile', 'Organisations') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const organisation = await organisationFromAddress(params.slug)
  await requireOrganisationAdmin(request, organisation.id)
  return { organisation }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const organisation = await organisationFromAddress(params.slug)
  const user = await requireOrganisationAdmin(request, organisation.id)
  const form = parseForm(await request.formData(), profileSchema)
  if (!form.ok) return invalid(form)
  await updateOrganisation(user, organisation.id, form.data)
  return redirectWithNotice(organisationPath(organisation.slug), 'The profile has been updated')
}

export default function EditOrganisation() {
  const { organisation } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to={organisationPath(organisation.slug)}>Back to {organisation.name}</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <span className="govuk-caption-l">{organisation.name}</span>
          <h1 className="govuk-heading-l">Change the profile</h1>
          <Form method="post" noValidate>
            <ProfileFields errors={actionData?.errors} values={actionData?.values} defaults={organisation} />
            <Button>Save changes</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

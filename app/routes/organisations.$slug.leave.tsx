import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ButtonWithCancel } from '~/components/button-with-cancel'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { organisationFromAddress, requireOrganisationMember } from '~/modules/organisations/guards.server'
import { leaveOrganisation } from '~/modules/organisations/organisations.server'
import { organisationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? `Leave ${data.organisation.name}` : 'Leave an organisation', 'Organisations') }]

async function membershipFor(request: Request, slug: string | undefined) {
  const organisation = await organisationFromAddress(slug)
  const { user, role } = await requireOrganisationMember(request, organisation.id)
  return { user, role, organisation }
}

/** Asks before someone leaves; members and admins alike leave from here. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { role, organisation } = await membershipFor(request, params.slug)
  return { organisation: { name: organisation.name, slug: organisation.slug }, isAdmin: role === 'admin' }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, organisation } = await membershipFor(request, params.slug)
  const result = await leaveOrganisation(user, organisation.id)
  if (!result.ok) return data({ errors: { leave: result.errors.form } }, { status: 400 })
  return redirectWithNotice('/organisations/yours', `You have left ${organisation.name}`)
}

export default function LeaveOrganisation() {
  const { organisation, isAdmin } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const profile = organisationPath(organisation.slug)
  return (
    <PageContainer before={<BackLink to={profile}>Back to {organisation.name}</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <span className="govuk-caption-l">{organisation.name}</span>
          <h1 className="govuk-heading-l">Are you sure you want to leave {organisation.name}?</h1>
          <p className="govuk-body">
            Your name will be taken off the organisation’s profile, and you will no longer be able to respond to consultations or surveys for it or post case studies in its name.
          </p>
          <p className="govuk-body">
            Responses, drafts and case studies you worked on for {organisation.name} stay with the organisation, so its other members can carry on with them. To join again, ask one of its admins to
            invite you.
          </p>
          {isAdmin ? (
            <p className="govuk-body">
              You are an admin. You can leave only while another member is an admin too; if you are the only one,{' '}
              <Link className="govuk-link" to={`${profile}/members`}>
                make another member an admin
              </Link>{' '}
              first.
            </p>
          ) : null}
          <Form method="post" noValidate>
            <ButtonWithCancel variant="warning" id="leave" cancelTo={profile}>
              Leave this organisation
            </ButtonWithCancel>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

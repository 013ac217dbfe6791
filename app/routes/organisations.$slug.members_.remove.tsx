import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { ButtonWithCancel } from '~/components/button-with-cancel'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { organisationFromAddress, requireOrganisationAdmin } from '~/modules/organisations/guards.server'
import { listMembers } from '~/modules/organisations/organisations.server'
import { organisationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? `Remove ${data.member.name} from ${data.organisation.name}` : 'Remove a member', 'Organisations') }]

/** Asks before removing someone; the removal itself is posted to the members page's action. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const organisation = await organisationFromAddress(params.slug)
  const user = await requireOrganisationAdmin(request, organisation.id)
  const userId = new URL(request.url).searchParams.get('userId')
  const member = (await listMembers(organisation.id)).find((m) => m.userId === userId)
  invariantResponse(member, 'Member not found', { status: 404 })
  // Leaving has its own page, which says what happens to what you worked on.
  if (member.userId === user.id) throw redirect(organisationPath(organisation.slug, 'leave'))
  return { organisation: { name: organisation.name, slug: organisation.slug }, member: { userId: member.userId, name: member.name } }
}

export default function RemoveMember() {
  const { organisation, member } = useLoaderData<typeof loader>()
  const back = organisationPath(organisation.slug, 'members')
  return (
    <PageContainer before={<BackLink to={back}>Back to members</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{organisation.name}</span>
          <h1 className="govuk-heading-l">Are you sure you want to remove {member.name}?</h1>
          <p className="govuk-body">
            {member.name} will no longer be a member of {organisation.name}, and their name will be taken off its profile. Anything they wrote stays as it is. You can invite them again later.
          </p>
          <Form method="post" action={back} noValidate>
            <input type="hidden" name="userId" value={member.userId} />
            <ButtonWithCancel variant="warning" name="intent" value="remove" cancelTo={back}>
              Remove member
            </ButtonWithCancel>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

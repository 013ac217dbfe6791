import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { requireOrganisationAdmin } from '~/modules/organisations/guards.server'
import { getOrganisationBySlug, listMembers } from '~/modules/organisations/organisations.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Remove ${data.member.name} from ${data.organisation.name}` : 'Remove a member', 'Organisations') },
]

/** Asks before removing someone; the removal itself is posted to the members page's action. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const organisation = params.slug ? await getOrganisationBySlug(params.slug) : null
  invariantResponse(organisation, 'Organisation not found', { status: 404 })
  const user = await requireOrganisationAdmin(request, organisation.id)
  const userId = new URL(request.url).searchParams.get('userId')
  const member = (await listMembers(organisation.id)).find((m) => m.userId === userId)
  invariantResponse(member, 'Member not found', { status: 404 })
  return { organisation: { name: organisation.name, slug: organisation.slug }, member: { userId: member.userId, name: member.name }, isSelf: member.userId === user.id }
}

export default function RemoveMember() {
  const { organisation, member, isSelf } = useLoaderData<typeof loader>()
  const back = `/organisations/${organisation.slug}/members`
  return (
    <PageContainer before={<BackLink to={back}>Back to members</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{organisation.name}</span>
          <h1 className="govuk-heading-l">{isSelf ? `Are you sure you want to leave ${organisation.name}?` : `Are you sure you want to remove ${member.name}?`}</h1>
          <p className="govuk-body">
            {isSelf
              ? 'You will no longer be able to manage the organisation, and your name will be taken off its profile.'
              : `${member.name} will no longer be a member of ${organisation.name}, and their name will be taken off its profile. Anything they wrote stays as it is. You can invite them again later.`}
          </p>
          <Form method="post" action={back} noValidate>
            <input type="hidden" name="userId" value={member.userId} />
            <div className="govuk-button-group">
              <Button variant="warning" name="intent" value="remove">
                {isSelf ? 'Leave the organisation' : 'Remove member'}
              </Button>
              <Link className="govuk-link" to={back}>
                Cancel
              </Link>
            </div>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Table } from '~/components/table'
import { TextInput } from '~/components/text-input'
import { email } from '~/lib/fields'
import { invalid, parseForm, valueOf } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { formatDate } from '~/lib/time'
import { redirectWithNotice } from '~/lib/notice.server'
import { INVITATION_DAYS } from '~/modules/organisations/invitations'
import { organisationFromAddress, requireOrganisationAdmin } from '~/modules/organisations/guards.server'
import { inviteMember, leaveOrganisation, listMembers, openInvitations, promoteMember, removeMember } from '~/modules/organisations/organisations.server'
import { organisationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? `Members of ${data.organisation.name}` : 'Members', 'Organisations') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const organisation = await organisationFromAddress(params.slug)
  const user = await requireOrganisationAdmin(request, organisation.id)
  const [members, invitations] = await Promise.all([listMembers(organisation.id), openInvitations(organisation.id)])
  return { organisation: { id: organisation.id, name: organisation.name, slug: organisation.slug }, members, invitations, userId: user.id }
}

const INVITE_EMAIL_MISSING = 'Enter the email address of the person you want to invite'
const inviteSchema = z.object({
  email: z.string({ error: INVITE_EMAIL_MISSING }).trim().min(1, { error: INVITE_EMAIL_MISSING }).pipe(email()),
})
const memberSchema = z.object({ userId: z.uuid({ error: 'Choose a member from the list' }) })

export async function action({ request, params, context }: ActionFunctionArgs) {
  const organisation = await organisationFromAddress(params.slug)
  const user = await requireOrganisationAdmin(request, organisation.id)
  const formData = await request.formData()
  const intent = formData.get('intent')
  const back = organisationPath(organisation.slug, 'members')
  if (intent === 'invite') {
    const form = parseForm(formData, inviteSchema)
    if (!form.ok) return invalid(form)
    const result = await inviteMember(user, organisation.id, form.data.email, { ip: context?.clientIp })
    if (!result.ok) return invalid({ errors: result.errors, values: { email: form.data.email } }, { status: result.code === 'limited' ? 429 : 400 })
    return redirectWithNotice(back, `We have emailed an invitation to ${form.data.email}. The link in it works once and expires in ${INVITATION_DAYS} days.`)
  }
  if (intent === 'remove' || intent === 'promote') {
    const form = parseForm(formData, memberSchema)
    if (!form.ok) return invalid({ errors: { members: form.errors.userId ?? 'Choose a member from the list' }, values: {} })
    const result =
      intent === 'promote'
        ? await promoteMember(user, organisation.id, form.data.userId)
        : form.data.userId === user.id
          ? await leaveOrganisation(user, organisation.id)
          : await removeMember(user, organisation.id, form.data.userId)
    if (!result.ok) return invalid({ errors: { members: result.errors.form }, values: {} })
    // Someone who removes themselves can no longer manage the organisation.
    if (intent === 'remove' && form.data.userId === user.id) return redirect(organisationPath(organisation.slug))
    return redirectWithNotice(back, intent === 'remove' ? 'The member has been removed' : 'The member is now an admin')
  }
  return data({ ok: false as const, errors: { members: 'Choose what to do' }, values: {} }, { status: 400 })
}

export default function OrganisationMembers() {
  const { organisation, members, invitations, userId } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to={organisationPath(organisation.slug)}>Back to {organisation.name}</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-full">
          <ErrorSummary errors={actionData?.errors} anchors={{ members: 'members-table' }} />
          <span className="govuk-caption-l">{organisation.name}</span>
          <h1 className="govuk-heading-l">Members and invitations</h1>
          <div id="members-table" tabIndex={-1}>
            <Table
              caption="Members"
              rows={members}
              rowKey={(m) => m.userId}
              firstCellIsHeader
              columns={[
                { header: 'Name', cell: (m) => m.name },
                { header: 'Email address', cell: (m) => m.email },
                { header: 'Role', cell: (m) => (m.role === 'admin' ? 'Admin' : 'Member') },
                {
                  header: <span className="govuk-visually-hidden">Actions</span>,
                  cell: (m) => (
                    <div className="govuk-button-group govuk-!-margin-bottom-0">
                      {m.role === 'member' ? (
                        <Form method="post" noValidate>
                          <input type="hidden" name="userId" value={m.userId} />
                          <Button variant="secondary" name="intent" value="promote" className="govuk-!-margin-bottom-0">
                            Make admin<span className="govuk-visually-hidden"> – {m.name}</span>
                          </Button>
                        </Form>
                      ) : null}
                      {m.userId === userId ? (
                        <Link className="govuk-link" to={organisationPath(organisation.slug, 'leave')}>
                          Leave<span className="govuk-visually-hidden"> – {m.name}</span>
                        </Link>
                      ) : (
                        <Link className="govuk-link" to={`${organisationPath(organisation.slug, 'members/remove')}?${new URLSearchParams({ userId: m.userId })}`}>
                          Remove<span className="govuk-visually-hidden"> – {m.name}</span>
                        </Link>
                      )}
                    </div>
                  ),
                },
              ]}
            />
          </div>
        </div>
      </div>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Invite a colleague</h2>
          <p className="govuk-body">
            We will email them a link to join {organisation.name}. They sign in, or create an account, with the address you give here. The link expires in {INVITATION_DAYS} days.
          </p>
          <Form method="post" noValidate>
            <TextInput
              name="email"
              label="Email address"
              type="email"
              autoComplete="off"
              spellCheck={false}
              error={actionData?.errors && 'email' in actionData.errors ? actionData.errors.email : undefined}
              defaultValue={valueOf(actionData?.values, 'email')}
            />
            <Button name="intent" value="invite">
              Send invitation
            </Button>
          </Form>
          <h2 className="govuk-heading-m">Invitations waiting to be accepted</h2>
          {invitations.length ? (
            <ul className="govuk-list">
              {invitations.map((i) => (
                <li key={i.id}>
                  {i.email} – expires {formatDate(i.expiresAt)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">None.</p>
          )}
        </div>
      </div>
    </PageContainer>
  )
}

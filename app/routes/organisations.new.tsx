import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { requireUser, requireVerifiedUser } from '~/lib/auth.server'
import { invalid, parseForm } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { createOrganisation } from '~/modules/organisations/organisations.server'
import { ProfileFields } from '~/modules/organisations/profile-fields'
import { profileSchema } from '~/modules/organisations/profile-form'
import { organisationPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Add your organisation', 'Organisations') }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { verified: Boolean(user.emailVerifiedAt) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request)
  const form = parseForm(await request.formData(), profileSchema)
  if (!form.ok) return invalid(form)
  const organisation = await createOrganisation(user, form.data)
  return redirectWithNotice(
    organisationPath(organisation.slug),
    `${organisation.name} has been added to the directory. You are its admin and can invite colleagues from “Manage members and invitations”.`,
  )
}

export default function NewOrganisation() {
  const { verified } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to="/organisations">Back to organisations</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <span className="govuk-caption-l">Organisations</span>
          <h1 className="govuk-heading-l">Add your organisation</h1>
          {verified ? (
            <>
              <p className="govuk-body">
                Your organisation’s profile appears in the public directory, so commissioners and other providers can find partners. You will be its admin: you can change the profile and invite
                colleagues.
              </p>
              <Form method="post" noValidate>
                <ProfileFields errors={actionData?.errors} values={actionData?.values} />
                <Button>Add organisation</Button>
              </Form>
            </>
          ) : (
            <>
              <p className="govuk-body">You need to confirm your email address before you can add an organisation.</p>
              <p className="govuk-body">
                Use the link in the email we sent when you created your account, or go to{' '}
                <Link className="govuk-link" to="/account">
                  your account
                </Link>{' '}
                to send it again.
              </p>
            </>
          )}
        </div>
      </div>
    </PageContainer>
  )
}

import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getUser } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { SavedForLater } from '~/modules/questionnaires/saved-page'
import { requireResponseAccess } from '~/modules/consultations/web.server'
import { consultationResponsePath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Your answers have been saved', data?.title) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, access } = await requireResponseAccess(request, params.slug, params.id)
  const user = await getUser(request)
  return {
    title: consultation.title,
    slug: consultation.slug,
    base: consultationResponsePath(consultation.slug, access.response.id),
    signedIn: Boolean(user),
    email: access.response.email,
    closesAt: consultation.closesAt.toISOString(),
  }
}

export default function Saved() {
  const d = useLoaderData<typeof loader>()
  return (
    <SavedForLater title={d.title} what="consultation" closesAt={d.closesAt} continueTo={`${d.base}/section/1`}>
      {d.signedIn ? (
        <p className="govuk-body">
          Your draft is in your account. Find it under{' '}
          <Link className="govuk-link" to="/consultations/yours">
            your responses and drafts
          </Link>
          .
        </p>
      ) : (
        <p className="govuk-body">We have emailed a private link to {d.email}. Use it to come back to your draft. Anyone with the link can see and change your draft, so do not share it.</p>
      )}
    </SavedForLater>
  )
}

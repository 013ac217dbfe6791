import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { getUser } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
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
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-l">Your answers have been saved</h1>
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
          <p className="govuk-body">You need to submit your response before the consultation closes at {formatDateTime(d.closesAt)}.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to={`${d.base}/section/1`} reloadDocument>
              Continue your response now
            </Link>
          </p>
        </div>
      </div>
    </PageContainer>
  )
}

import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { pageTitle } from '~/lib/meta'
import { isOpen } from '~/modules/consultations/consultations.server'
import { resumeByToken } from '~/modules/consultations/responses.server'
import { publishedConsultation, responseCookie } from '~/modules/consultations/web.server'
import { consultationPath, consultationResponsePath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('This link has expired or is not valid') }]

// Deliberately public: the secret link is the proof of access. It moves into a cookie so it leaves the address bar.
export async function loader({ params }: LoaderFunctionArgs) {
  const consultation = await publishedConsultation(params.slug)
  const response = params.token ? await resumeByToken(consultation, params.token) : null
  if (!response) return data({ slug: consultation.slug }, { status: 404 })
  const open = isOpen(consultation)
  // After closing the link shows the response read-only, so the cookie outlives the closing date by a day.
  const expires = open ? consultation.closesAt : new Date(Date.now() + 86_400_000)
  const to = consultationResponsePath(consultation.slug, response.id, response.status === 'draft' && open ? 'section/1' : undefined)
  throw redirect(to, { headers: { 'Set-Cookie': responseCookie(response.id, params.token!, expires), 'Referrer-Policy': 'no-referrer' } })
}

export default function ResumeExpired() {
  const { slug } = useLoaderData<typeof loader>()
  return (
    <PageContainer>
      <h1 className="govuk-heading-l">This link has expired or is not valid</h1>
      <p className="govuk-body">
        A link stops working when a newer link is sent to you: use the link in your most recent email. If you were signed in when you responded, sign in to see your response.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to={consultationPath(slug)}>
          Go to the consultation
        </Link>
      </p>
    </PageContainer>
  )
}

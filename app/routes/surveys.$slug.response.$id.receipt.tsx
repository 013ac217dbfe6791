import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { Panel } from '~/components/panel'
import { pageTitle } from '~/lib/meta'
import { formatDate } from '~/lib/time'
import { requireParticipation } from '~/modules/surveys/web.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Response submitted', data?.title) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { survey, participation, base, user } = await requireParticipation(request, params.slug, params.id)
  if (participation.status !== 'submitted') throw redirect(`${base}/page/1`)
  return {
    title: survey.title,
    slug: survey.slug,
    anonymous: survey.anonymous,
    submittedOn: participation.submittedOn!,
    // A colleague at the same organisation sees the response their organisation sent, not a confirmation they never got.
    email: participation.userId === user.id ? user.email : null,
  }
}

export default function Receipt() {
  const d = useLoaderData<typeof loader>()
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title="Response submitted">Thank you for responding to the {d.title}</Panel>
          <p className="govuk-body">
            {d.email
              ? `We received your response on ${formatDate(d.submittedOn)} and sent a confirmation to ${d.email}.`
              : `A colleague submitted your organisation’s response on ${formatDate(d.submittedOn)}, and the confirmation email went to them.`}
          </p>
          {d.anonymous ? <p className="govuk-body">Your answers are stored anonymously: nothing links them to you or your organisation.</p> : null}
          <h2 className="govuk-heading-m">What happens next</h2>
          <p className="govuk-body">When the survey closes we will publish a summary of the results, and link to it from the next Employment Category Newsletter.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/surveys">
              Back to supplier surveys
            </Link>
          </p>
        </div>
      </div>
    </PageContainer>
  )
}
